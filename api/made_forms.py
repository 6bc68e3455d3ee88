"""The encoding of a body that the snapshot does not hold, made when a client asks for it, the
most recent kept up to a number of bytes.

A library's bodies are held in one encoding each (`api.encoded.GZIP_ONLY_OVER`): an article or a
list page as written, the library's bundle and indexes gzipped. The other form is made here the
first time a client needs it — about 0.3 ms to gzip an article — and kept for the next one (a
body too large to keep, the bundle for a client without gzip, is made each time). Entries are
keyed by ETag, so a reload that keeps a body keeps its other form too.
"""

from __future__ import annotations

import gzip

from api.encoded import EncodedBody, encode_bytes
from api.kept_bodies import KeptBodies

KEPT_BYTES = 8 * 1024 * 1024
"""Bytes of bodies kept, counting both encodings (one of them is the snapshot's, shared): a few
hundred articles, the hot ones of a clinic's day, as for the sections made on request."""


class MadeForms:
    """Forms made on request, shared by the snapshots of a process (see the module)."""

    def __init__(self, kept_bytes: int = KEPT_BYTES) -> None:
        self._kept: KeptBodies[tuple[str, str | None]] = KeptBodies(kept_bytes)

    def ready(self, body: EncodedBody, gzipped: bool) -> EncodedBody:
        """`body` with the form a client that does (`gzipped`) or does not take gzip is sent."""
        missing = body.gzip_on_request if gzipped else not body.identity_kept
        return self._made_form(body) if missing else body

    def _made_form(self, body: EncodedBody) -> EncodedBody:
        key = (body.etag, body.locale)  # the ETag names the bytes; the locale, Content-Language
        if (found := self._kept.get(key)) is not None:
            return found
        digest = body.etag.strip('"')
        if body.identity_kept:
            made = encode_bytes(body.identity, body.locale, body.media_type, digest=digest)
        else:
            identity = gzip.decompress(body.gzipped)
            made = encode_bytes(identity, body.locale, body.media_type, gzipped=body.gzipped, digest=digest)
        return self._kept.keep(key, made)  # the library's bundle for a client without gzip: not kept

    def __len__(self) -> int:
        return len(self._kept)
