"""A folder of results worth keeping between starts and sharing between workers and replicas:
what a slow step made from its inputs, stored under a hash of those inputs and of the code.

A result is found only when every input is the same, so nothing is ever invalidated: a changed
file or a new release asks under another key. An entry is written whole (a temporary file renamed
over it), so a reader never sees half of one; an entry that cannot be read is a miss. The cache is
an optimisation only: without it (or with it unwritable) the service builds everything itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import msgspec

logger = logging.getLogger("api.compiled")
T = TypeVar("T")
_SUFFIX = ".msgpack"
_encoder = msgspec.msgpack.Encoder()
_fingerprints = msgspec.msgpack.Encoder(order="deterministic")
CODE = Path(__file__).resolve().parent.parent
"""The `api` package: its source is part of every key (a new release compiles anew)."""


MADE_WITH = ("babel", "msgspec", "polib")
"""Libraries whose data or output is in what the cache keeps (CLDR facts, encodings, parsing)."""


def code_fingerprint(package: Path = CODE) -> bytes:
    """A hash of the package's Python and TOML files (the code and the strings it ships), of the
    versions of the libraries in `MADE_WITH`, and of Python's."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(" ".join([sys.version, *(f"{name}=={version(name)}" for name in MADE_WITH)]).encode())
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.toml")]):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.digest()


class CompiledCache:
    """Entries by kind (a folder each) and key; `used` records the keys this process read or
    wrote, so that `prune` keeps them."""

    def __init__(self, folder: Path, code: bytes | None = None) -> None:
        self.folder = folder
        self.code = code_fingerprint() if code is None else code
        self.used: set[Path] = set()
        self._warned = False

    def key(self, *inputs: bytes | str) -> str:
        """The key of a result made from `inputs` (each length-prefixed: no two lists collide)."""
        digest = hashlib.blake2b(self.code, digest_size=20)
        for part in inputs:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()

    @staticmethod
    def fingerprint(value: Any) -> bytes:
        """Bytes that stand for a structured input (sets and maps in sorted order)."""
        return _fingerprints.encode(value)

    def get(self, kind: str, key: str, kind_type: type[T]) -> T | None:
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
            found = msgspec.msgpack.decode(data, type=kind_type)
        except (OSError, msgspec.DecodeError):
            return None
        self.used.add(path)
        return found

    def put(self, kind: str, key: str, value: Any) -> bool:
        """Store `value`; False when the folder cannot be written (logged once)."""
        path = self._path(kind, key)
        self.used.add(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_encoder.encode(value))
            Path(temporary).replace(path)  # no fsync: after a crash, a torn entry is only a miss
        except OSError as error:
            if not self._warned:
                logger.warning("compiled cache %s not written (%s): building without it", self.folder, error)
                self._warned = True
            return False
        return True

    def prune(self, older_than_s: float = 86_400) -> int:
        """Remove the entries this process did not use and nobody wrote for `older_than_s`
        (another worker's or replica's fresh ones stay); return how many went."""
        removed = 0
        cutoff = time.time() - older_than_s
        for path in self.folder.glob("*/*"):
            try:
                if path not in self.used and path.stat().st_mtime < cutoff:  # also a crashed write's .tmp
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}{_SUFFIX}"
