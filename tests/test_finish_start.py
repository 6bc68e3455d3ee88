"""A start answers before the library's large bodies (its bundle and indexes) are gzipped: they are
sent as they are until `SnapshotStore.finish_start` has made their gzip forms, while serving, and
kept them in the compiled cache, so that the next start finds them made."""

from __future__ import annotations

import asyncio
import gzip
import sys
from pathlib import Path

import pytest

from api import encoded
from api.compiled.store import CompiledCache
from api.http import snapshot_store
from api.http.snapshot_store import SnapshotStore
from api.server.run import built_and_kept
from api.settings import Settings, cache_folder
from api.snapshot import Snapshot, build_snapshot
from tests.big_library import build_big_library

LIMIT = 20_000


def _pending(snapshot: Snapshot) -> set[tuple[str, str]]:
    return {key for key, body in snapshot.localized.items() if body.gzip_pending}


def _sent(snapshot: Snapshot) -> dict[object, object]:
    return {
        key: (body.sent_identity(), body.gzipped, body.etag, body.gzip_etag) for key, body in snapshot.localized.items()
    }


@pytest.fixture
def large_bodies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' library is small: lower limits make its bundle one of the large bodies."""
    monkeypatch.setattr(encoded, "DEFER_GZIP_OVER", LIMIT)
    monkeypatch.setattr(encoded, "GZIP_ONLY_OVER", LIMIT)


@pytest.mark.usefixtures("large_bodies")
def test_a_start_gzips_its_large_bodies_while_serving_and_keeps_them(tmp_path: Path) -> None:
    content_dir, locales_dir = build_big_library(tmp_path)
    cache = CompiledCache(tmp_path / "cache")
    first = build_snapshot(content_dir, locales_dir, cache=cache)
    bundle = first.localized[("bundle", "ur")]
    assert ("bundle", "ur") in _pending(first)
    assert len(bundle.identity) > LIMIT
    assert bundle.gzipped is bundle.identity  # sent as it is: a valid answer to any client

    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    store = SnapshotStore(first, settings, cache)
    asyncio.run(store.finish_start())
    finished = store.current
    assert _pending(finished) == set()
    assert gzip.decompress(finished.localized[("bundle", "ur")].gzipped) == bundle.identity
    assert finished.by_locale["ur"].bodies[("bundle", "ur")] is finished.localized[("bundle", "ur")]

    second = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert _pending(second) == set()  # the next start finds them made
    assert _sent(second) == _sent(finished)


@pytest.mark.usefixtures("large_bodies")
def test_finishing_a_start_with_nothing_pending_changes_nothing(tmp_path: Path) -> None:
    content_dir, locales_dir = build_big_library(tmp_path)
    snapshot = build_snapshot(content_dir, locales_dir).with_gzip()
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    store = SnapshotStore(snapshot, settings)
    asyncio.run(store.finish_start())
    assert store.current is snapshot


@pytest.mark.usefixtures("large_bodies")
def test_the_bodies_as_written_are_freed_before_memory_is_given_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Giving memory back while the finished start's old snapshot is still referenced returned
    nothing of it (a one-worker start at 1,000 articles stayed at 248 MiB instead of 181)."""
    content_dir, locales_dir = build_big_library(tmp_path)
    first = build_snapshot(content_dir, locales_dir)
    written = first.localized[("bundle", "ur")].identity
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    store = SnapshotStore(first, settings)
    del first
    references: list[int] = []
    monkeypatch.setattr(snapshot_store, "give_back_free_memory", lambda: references.append(sys.getrefcount(written)))
    asyncio.run(store.finish_start())
    assert references == [2]  # `written` and getrefcount's argument: nothing else holds the bytes


@pytest.mark.usefixtures("large_bodies")
def test_the_first_build_of_several_workers_leaves_them_nothing_to_finish(tmp_path: Path) -> None:
    """With several workers the first build runs in a child; it gzips the large bodies and keeps
    them, so that each worker does not do it again for itself."""
    content_dir, locales_dir = build_big_library(tmp_path)
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    built_and_kept(settings)
    worker = build_snapshot(content_dir, locales_dir, cache=CompiledCache(cache_folder(settings)))
    assert _pending(worker) == set()
    assert ("bundle", "ur") in _pending(build_snapshot(content_dir, locales_dir))  # large, as the fixture makes it
