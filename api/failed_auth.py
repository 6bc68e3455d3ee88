"""Failed authentications per client, counted in the state folder so every worker and process
sees the same count: guessing a token gets few tries, while a translator's own uploads are never
limited."""

from __future__ import annotations

import hashlib
import math
import time
from pathlib import Path

import msgspec

from api.catalogues.files import write_atomically
from api.locking import exclusive

WINDOW_SECONDS = 60.0
FAILURES_DIR = "failed-auth"


class FailedAuthentications:
    """At most `limit` failures per client in any minute; more are refused until the oldest ages out."""

    def __init__(self, state_dir: Path, limit: int) -> None:
        self._state_dir = state_dir
        self._limit = limit

    def wait_seconds(self, client: str, now: float | None = None) -> int:
        """0 when `client` may try; else how long until it may."""
        recent = self._recent(client, now or time.time())
        if len(recent) < self._limit:
            return 0
        return max(1, math.ceil(recent[0] + WINDOW_SECONDS - (now or time.time())))

    def record(self, client: str, now: float | None = None) -> None:
        moment = now or time.time()
        with exclusive(self._state_dir, FAILURES_DIR):
            recent = [*self._recent(client, moment), moment][-self._limit :]
            write_atomically(self._path(client), msgspec.json.encode(recent))

    def _recent(self, client: str, now: float) -> list[float]:
        try:
            moments = msgspec.json.decode(self._path(client).read_bytes(), type=list[float])
        except (FileNotFoundError, msgspec.DecodeError):
            return []
        return [moment for moment in moments if now - moment < WINDOW_SECONDS]

    def _path(self, client: str) -> Path:
        """A file per client, named by a hash: an address never becomes a path."""
        name = hashlib.blake2b(client.encode(), digest_size=12).hexdigest()
        return self._state_dir / FAILURES_DIR / f"{name}.json"
