"""One writer at a time across every worker and process sharing the state folder: a file lock
(`flock`), not a process lock, so two uploads to two workers queue instead of racing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCKS_DIR = "locks"


@contextmanager
def exclusive(state_dir: Path, name: str) -> Iterator[None]:
    """Hold `state_dir/locks/<name>.lock` exclusively for the block (waits for the holder)."""
    path = state_dir / LOCKS_DIR / f"{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
