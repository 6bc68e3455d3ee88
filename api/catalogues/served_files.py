"""The bytes of each catalogue version in service, for its download and the translators' desk:
kept in the compiled cache (on disk, shared by workers: the file's checks entry holds them) rather
than in every worker's memory, and held gzipped in memory only when there is no cache.

The file on disk is not enough: it may already be a newer version that was refused, while the
version in service stays."""

from __future__ import annotations

import gzip
from pathlib import Path

from api.catalogues.checked import KIND, FileKept
from api.catalogues.files import revision_of
from api.compiled.store import CompiledCache
from api.encoded import gzip_body


def held_form(data: bytes, kept_as: str | None) -> bytes | None:
    """What a catalogue's state holds of its file: nothing when a cache entry keeps it."""
    return None if kept_as is not None else gzip_body(data)


def kept_file(cache: CompiledCache | None, kept_as: str | None) -> bytes | None:
    """The file's bytes kept in the cache entry `kept_as`, if it is still there."""
    if cache is None or kept_as is None:
        return None
    found = cache.get(KIND, kept_as, FileKept)
    return None if found is None else found.file


class ServedFiles:
    """Reads the versions kept in `cache` (or held: see `held_form`)."""

    def __init__(self, cache: CompiledCache | None, locales_dir: Path) -> None:
        self.cache = cache
        self.locales_dir = locales_dir

    def read(self, path: str, revision: str, kept_as: str | None, held: bytes | None) -> bytes | None:
        """The version `revision` of the file at `path` (relative to the catalogue folder); None
        if it is gone."""
        if held is not None:
            return gzip.decompress(held)
        if (found := kept_file(self.cache, kept_as)) is not None:
            return found
        try:  # the cache was cleared under us: the file, if it is still that version
            data = (self.locales_dir / path).read_bytes()
        except OSError:
            return None
        return data if revision_of(data) == revision else None
