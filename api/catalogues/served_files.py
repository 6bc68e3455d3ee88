"""The bytes of each catalogue version in service, for its download and the translators' desk:
kept in the compiled cache (on disk, shared by workers) rather than in every worker's memory, and
held gzipped in memory only when there is no cache to keep them in.

The file on disk is not enough: it may already be a newer version that was refused, while the
version in service stays."""

from __future__ import annotations

import gzip
from pathlib import Path

from api.catalogues.files import revision_of
from api.compiled.store import CompiledCache

KIND = "served"


class ServedFiles:
    """Catalogue versions by file and revision, in `cache` (or nowhere: see `keep`)."""

    def __init__(self, cache: CompiledCache | None, locales_dir: Path) -> None:
        self.cache = cache
        self.locales_dir = locales_dir

    def keep(self, path: str, revision: str, data: bytes) -> bytes | None:
        """Keep `data`, the version `revision` of the file at `path` (relative to the catalogue
        folder); return its gzip form for the caller to hold when it could not be kept here."""
        if self.cache is not None:
            key = self.cache.key(path, revision)
            if self.cache.holds(KIND, key) or self.cache.put(KIND, key, data):
                return None
        return gzip.compress(data, compresslevel=6, mtime=0)

    def read(self, path: str, revision: str, held: bytes | None) -> bytes | None:
        """The version kept by `keep` (`held`: what it returned); None if it is gone."""
        if held is not None:
            return gzip.decompress(held)
        if self.cache is not None:
            found = self.cache.get(KIND, self.cache.key(path, revision), bytes)
            if found is not None:
                return found
        try:  # the cache was cleared under us: the file, if it is still that version
            data = (self.locales_dir / path).read_bytes()
        except OSError:
            return None
        return data if revision_of(data) == revision else None
