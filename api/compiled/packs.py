"""Many cache entries in one file: a start that builds thousands of entries (a library's checked
catalogues) writes a few pack files instead of a file each. Creating a file costs the kernel far
more than writing its bytes (a new inode each: 2,000 of them took 1 to 3 s of a cold start at
1,000 articles × 3, on one core, depending on how many files were deleted lately).

A pack is an 8-byte header length, the header (msgpack: key → [offset, length]) and the entries'
bytes; it is written whole under a temporary name and renamed, so a reader sees all of it or none.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import msgspec

SUFFIX = ".pack"
_header_decoder = msgspec.msgpack.Decoder(dict[str, tuple[int, int]])
_encoder = msgspec.msgpack.Encoder()
Location = tuple[Path, int, int]
"""A pack, and where in it an entry starts and how long it is."""


def write_pack(folder: Path, entries: list[tuple[str, bytes]]) -> dict[str, Location]:
    """Write `entries` (key, bytes) as one pack in `folder`, named by its keys; where each entry
    is. Raises `OSError`."""
    header: dict[str, tuple[int, int]] = {}
    offset = 0
    for key, data in entries:
        header[key] = (offset, len(data))
        offset += len(data)
    encoded = _encoder.encode(header)
    name = hashlib.blake2b("".join(key for key, _ in entries).encode(), digest_size=20).hexdigest()
    path = folder / f"{name}{SUFFIX}"
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(len(encoded).to_bytes(8, "little"))
        handle.write(encoded)
        for _, data in entries:
            handle.write(data)
    Path(temporary).replace(path)
    start = 8 + len(encoded)
    return {key: (path, start + offset, size) for key, (offset, size) in header.items()}


def pack_index(folder: Path) -> dict[str, Location]:
    """Where each entry of the packs in `folder` is; a pack that cannot be read is left out."""
    index: dict[str, Location] = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            with path.open("rb") as handle:
                length = int.from_bytes(handle.read(8), "little")
                if 8 + length > os.fstat(handle.fileno()).st_size:  # not a pack, or a torn one
                    continue
                header = _header_decoder.decode(handle.read(length))
        except (OSError, msgspec.DecodeError):
            continue
        start = 8 + length
        index.update({key: (path, start + offset, size) for key, (offset, size) in header.items()})
    return index


def read_entry(location: Location) -> bytes | None:
    """An entry's bytes (None when its pack is gone or shorter than its header says)."""
    path, start, size = location
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(size)
    except OSError:
        return None
    return data if len(data) == size else None
