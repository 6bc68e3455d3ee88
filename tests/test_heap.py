"""A worker gives back what its first build freed (issue 16's memory): glibc keeps freed heap
pages for reuse unless asked to trim them."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from api import heap
from api.http import snapshot_store
from api.http.snapshot_store import SnapshotStore
from api.settings import Settings
from api.snapshot import build_snapshot
from tests.library import build_library


def _rss_mib() -> float:
    with Path("/proc/self/status").open(encoding="ascii") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim, /proc")
def test_freed_heap_memory_goes_back_to_the_system() -> None:
    chunks = [bytes(64 * 1024) for _ in range(3000)]  # about 190 MiB in glibc's heap, not in mmaps
    last = bytes(64 * 1024)  # allocated above them: freeing them leaves a hole, not a shorter heap
    held = _rss_mib()
    del chunks
    gc.collect()
    assert _rss_mib() > held - 50  # freed, but kept by the allocator
    assert heap.give_back_free_memory()
    assert _rss_mib() < held - 100
    del last


def test_the_store_gives_back_what_the_first_build_freed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []

    def counted() -> bool:
        calls.append(True)
        return True

    monkeypatch.setattr(snapshot_store, "give_back_free_memory", counted)
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    SnapshotStore(build_snapshot(content_dir, locales_dir), settings)
    assert calls == [True]
    gc.unfreeze()
