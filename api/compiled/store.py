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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from api.compiled.packs import Location, pack_index, read_entry, write_pack

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
        self._batches: dict[str, list[tuple[str, bytes]]] = {}
        """Entries put within `batched`, by kind, not yet written."""
        self._batch_bytes: dict[str, int] = {}
        self._packed: dict[str, tuple[int, dict[str, Location]]] = {}
        """The packs' entries by kind, with the folder's modification time when they were read:
        read on a miss of a single file, again when the folder changed (a pack written since,
        by this process or another)."""

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
            data: bytes | None = path.read_bytes()
        except OSError:
            data, path = self._packed_entry(kind, key)
        if data is None:
            return None
        try:
            found = msgspec.msgpack.decode(data, type=kind_type)
        except msgspec.DecodeError:
            return None
        self.used.add(path)
        return found

    def put(self, kind: str, key: str, value: Any) -> bool:
        """Store `value` (within `batched`, with the batch); False when the folder cannot be
        written (logged once)."""
        if kind in self._batches:
            batch = self._batches[kind]
            batch.append((key, _encoder.encode(value)))
            self._batch_bytes[kind] += len(batch[-1][1])
            if self._batch_bytes[kind] > PACK_BYTES:
                self._write_batch(kind)
            return True
        path = self._path(kind, key)
        self.used.add(path)
        return self._written(lambda: _write_entry(path, _encoder.encode(value)))

    @contextmanager
    def batched(self, kind: str) -> Iterator[None]:
        """Entries of `kind` put meanwhile are written together, in packs of about `PACK_BYTES`
        (when the folder cannot be made, one by one: each `put` then says it was not written)."""
        if not self._written(lambda: (self.folder / kind).mkdir(parents=True, exist_ok=True)):
            yield
            return
        self._batches[kind], self._batch_bytes[kind] = [], 0
        try:
            yield
        finally:
            self._write_batch(kind)
            del self._batches[kind]

    def _write_batch(self, kind: str) -> None:
        entries, self._batches[kind], self._batch_bytes[kind] = self._batches[kind], [], 0
        if entries:
            self._written(lambda: self._index_written(kind, write_pack(self.folder / kind, entries)))

    def _index_written(self, kind: str, written: dict[str, Location]) -> None:
        """What this process wrote is found by it whatever the folder's time says (it changes
        with coarse ticks: two writes in one may leave it the same)."""
        self.used.add(next(iter(written.values()))[0])
        if kind in self._packed:
            self._packed[kind][1].update(written)

    def _packed_entry(self, kind: str, key: str) -> tuple[bytes | None, Path]:
        folder = self.folder / kind
        try:
            changed = folder.stat().st_mtime_ns
        except OSError:
            return None, folder
        if kind not in self._packed or self._packed[kind][0] != changed:
            self._packed[kind] = (changed, pack_index(folder))
        location = self._packed[kind][1].get(key)
        return (None, folder) if location is None else (read_entry(location), location[0])

    def _written(self, write: Callable[[], object]) -> bool:
        try:
            write()
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


PACK_BYTES = 32 * 1024 * 1024
"""A batch is written as a pack when it holds this much (and at its end): few files, little held."""


def _write_entry(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    Path(temporary).replace(path)  # no fsync: after a crash, a torn entry is only a miss
