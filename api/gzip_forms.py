"""The gzip forms of bodies held as they are: made when a client that takes gzip first asks for
one (about 0.2 ms for an article), the most recent kept up to a number of bytes.

A library's articles and list pages are held once, as written (`gzip_on_request`): holding a
gzip form of each beside it cost 17 MB at 1,000 articles × 3 and most of a start's time to make,
for bodies most of which are rarely asked for. Entries are keyed by ETag, so a reload that keeps a
body keeps its gzip form too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from api.encoded import EncodedBody, encode_bytes

KEPT_BYTES = 8 * 1024 * 1024
"""Bytes of bodies kept, counting both encodings (the identity is the snapshot's, shared): about
500 articles, the hot ones of a clinic's day, as for the sections made on request."""


class GzipForms:
    """Gzip forms made on request, shared by the snapshots of a process (see the module)."""

    def __init__(self, kept_bytes: int = KEPT_BYTES) -> None:
        self._made: OrderedDict[tuple[str, str | None], EncodedBody] = OrderedDict()
        self._size, self._kept_bytes = 0, kept_bytes
        self._lock = threading.Lock()

    def ready(self, body: EncodedBody) -> EncodedBody:
        """`body` with its gzip form (made now, or kept from an earlier request)."""
        if not body.gzip_on_request:
            return body
        key = (body.etag, body.locale)  # the ETag names the bytes; the locale, Content-Language
        with self._lock:
            if (found := self._made.get(key)) is not None:
                self._made.move_to_end(key)
                return found
        made = encode_bytes(body.identity, body.locale, body.media_type, digest=body.etag.strip('"'))
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
