"""The most recently used of the bodies made on request, kept up to a number of bytes (both
encodings counted): an article's sections and bundles (`derived_bodies`), the other encoding of a
body (`made_forms`). A body larger than the whole budget is not kept (made again when asked), so
one rare large answer cannot push out every hot small one and stay alone."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from api.encoded import EncodedBody

K = TypeVar("K", bound=Hashable)


class KeptBodies(Generic[K]):
    """A bounded, thread-safe cache of bodies by key (requests run in threads as well as the loop)."""

    def __init__(self, kept_bytes: int) -> None:
        self._kept: OrderedDict[K, EncodedBody] = OrderedDict()
        self._size, self._kept_bytes = 0, kept_bytes
        self._lock = threading.Lock()

    def get(self, key: K) -> EncodedBody | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def keep(self, key: K, body: EncodedBody) -> EncodedBody:
        """`body`, kept when it fits; the one kept already when another request made it first."""
        size = _size(body)
        if size > self._kept_bytes:
            return body
        with self._lock:
            if (found := self._kept.get(key)) is not None:
                return found
            self._kept[key] = body
            self._size += size
            while self._size > self._kept_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._size -= _size(dropped)
        return body

    def __len__(self) -> int:
        return len(self._kept)


def _size(body: EncodedBody) -> int:
    return len(body.identity) + (len(body.gzipped) if body.gzipped is not body.identity else 0)
