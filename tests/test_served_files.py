"""The bytes of the catalogue versions in service (downloads, the desk) live in the compiled cache,
not in each worker's memory: and the version in service is still the one given out after a worse
file replaced it on disk, after the cache was cleared, and when the cache cannot be written."""

from __future__ import annotations

import shutil
from pathlib import Path

from api.compiled.store import CompiledCache
from api.snapshot import build_snapshot
from tests.library import ARTICLE_DOMAIN, build_library

KEY = ("ur", ARTICLE_DOMAIN)


def _po(locales_dir: Path) -> Path:
    return locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"


def test_with_a_cache_no_file_is_held_in_memory(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    snapshot = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert snapshot.catalogues
    assert all(state.po_gzip is None for state in snapshot.catalogues.values())
    assert snapshot.in_service_file(*KEY) == _po(locales_dir).read_bytes()


def test_the_version_in_service_is_given_out_after_a_refused_file_replaced_it(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    good = _po(locales_dir).read_bytes()
    first = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    _po(locales_dir).write_bytes(good.replace(b'msgid ""', b'msgid "', 1))  # does not parse
    second = build_snapshot(content_dir, locales_dir, previous=first, cache=CompiledCache(tmp_path / "cache"))
    assert second.catalogues[KEY].serving == "previous"
    assert second.in_service_file(*KEY) == good
    download = second.download(*KEY)
    assert download is not None
    assert download.identity == good
    shutil.rmtree(tmp_path / "cache")  # pruned by another replica's start, a day later
    assert second.in_service_file(*KEY) == good  # held by the state from the moment it was kept


def test_a_cleared_cache_falls_back_to_the_file_while_it_is_the_same_version(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    good = _po(locales_dir).read_bytes()
    snapshot = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    shutil.rmtree(tmp_path / "cache")
    assert snapshot.in_service_file(*KEY) == good
    _po(locales_dir).write_bytes(good + b"\n")  # another version, not yet loaded: not given as this one
    assert snapshot.in_service_file(*KEY) is None


def test_without_a_writable_cache_the_file_is_held_gzipped(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    good = _po(locales_dir).read_bytes()
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    unwritable = CompiledCache(tmp_path / "not-a-folder" / "cache")
    for cache in (unwritable, None):
        snapshot = build_snapshot(content_dir, locales_dir, cache=cache)
        assert snapshot.catalogues[KEY].po_gzip is not None
        _po(locales_dir).write_bytes(b"")
        assert snapshot.in_service_file(*KEY) == good
        _po(locales_dir).write_bytes(good)


def test_a_warm_start_keeps_the_files_it_serves_from_pruning(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    warm = CompiledCache(tmp_path / "cache")
    snapshot = build_snapshot(content_dir, locales_dir, cache=warm)
    warm.prune(older_than_s=-1)  # everything this process did not use goes
    _po(locales_dir).write_bytes(b"")
    assert snapshot.in_service_file(*KEY) is not None
