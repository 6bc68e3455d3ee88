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
import threading
from collections import OrderedDict

from api.encoded import EncodedBody, encode_bytes

KEPT_BYTES = 8 * 1024 * 1024
"""Bytes of bodies kept, counting both encodings (one of them is the snapshot's, shared): a few
hundred articles, the hot ones of a clinic's day, as for the sections made on request."""


class MadeForms:
    """Forms made on request, shared by the snapshots of a process (see the module)."""

    def __init__(self, kept_bytes: int = KEPT_BYTES) -> None:
        self._made: OrderedDict[tuple[str, str | None], EncodedBody] = OrderedDict()
        self._size, self._kept_bytes = 0, kept_bytes
        self._lock = threading.Lock()

    def ready(self, body: EncodedBody, gzipped: bool) -> EncodedBody:
        """`body` with the form a client that does (`gzipped`) or does not take gzip is sent."""
        missing = body.gzip_on_request if gzipped else not body.identity_kept
        return self._made_form(body) if missing else body

    def _made_form(self, body: EncodedBody) -> EncodedBody:
        key = (body.etag, body.locale)  # the ETag names the bytes; the locale, Content-Language
        with self._lock:
            if (found := self._made.get(key)) is not None:
                self._made.move_to_end(key)
                return found
        digest = body.etag.strip('"')
        if body.identity_kept:
            made = encode_bytes(body.identity, body.locale, body.media_type, digest=digest)
        else:
            identity = gzip.decompress(body.gzipped)
            made = encode_bytes(identity, body.locale, body.media_type, gzipped=body.gzipped, digest=digest)
        if _size(made) > self._kept_bytes // 8:
            return made  # the library's bundle for a client without gzip: made each time, not kept
        with self._lock:
            if key not in self._made:
                self._made[key] = made
                self._size += _size(made)
                while self._size > self._kept_bytes and len(self._made) > 1:
                    _, dropped = self._made.popitem(last=False)
                    self._size -= _size(dropped)
        return made

    def __len__(self) -> int:
        return len(self._made)


def _size(body: EncodedBody) -> int:
    return len(body.identity) + (len(body.gzipped) if body.gzipped is not body.identity else 0)
