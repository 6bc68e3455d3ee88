"""A worker gives back what its first build freed (issue 16's memory): glibc keeps freed heap
pages for reuse unless asked to trim them."""

from __future__ import annotations

import asyncio
import gc
import subprocess
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


LARGE_BLOCKS = """
import gc, sys
from api import heap
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
if sys.argv[1] == "mapped":
    assert heap.map_large_blocks()
largest = bytearray(30 << 20)
del largest  # by default, glibc's threshold for a mapping of its own rises to this block's size
before = rss()
blocks = [bytearray(2 << 20) for _ in range(100)]
after_them = [bytearray(100) for _ in range(10)]  # allocated above them
del blocks
gc.collect()
print(rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt, /proc")
def test_large_blocks_go_back_to_the_system_when_freed() -> None:
    """In a process of its own: the allocator's setting is the whole process's."""

    def kept_mib(mode: str) -> int:
        found = subprocess.run([sys.executable, "-c", LARGE_BLOCKS, mode], capture_output=True, text=True, check=True)
        return int(found.stdout)

    assert kept_mib("default") >= 10  # 2 MiB blocks freed, pages kept
    assert kept_mib("mapped") <= 2


def test_a_reload_gives_back_what_the_previous_snapshot_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trimmed once the previous snapshot is gone (after a reload at 1,000 articles, 50 MiB were
    kept by the process): nothing of it is referenced when the allocator is asked."""
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    first = build_snapshot(content_dir, locales_dir)
    held, revision = first.localized[("bundle", "ur")].gzipped, first.revision
    store = SnapshotStore(first, settings)
    del first
    references: list[int] = []
    monkeypatch.setattr(snapshot_store, "give_back_free_memory", lambda: references.append(sys.getrefcount(held)))
    po = locales_dir / "ur" / "LC_MESSAGES" / "clinic.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Lahore", "Lahore ✓", 1), encoding="utf-8")
    published = asyncio.run(store.refresh())
    assert published is store.current
    assert published.revision != revision
    assert references == [2]  # `held` and getrefcount's argument: the previous snapshot is gone
    gc.unfreeze()
