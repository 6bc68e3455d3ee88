"""Cache entries written in batches (`CompiledCache.batched`): a few pack files instead of one file
per entry, read back entry by entry by any process sharing the folder; a pack that is torn or
gone is only misses."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from api.compiled import store
from api.compiled.store import CompiledCache
from api.snapshot import build_snapshot
from tests.library import build_library


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def test_a_batch_is_one_file_read_back_entry_by_entry(tmp_path: Path) -> None:
    writer = CompiledCache(tmp_path, code=b"code")
    with writer.batched("checks"):
        for number in range(50):
            assert writer.put("checks", writer.key(str(number)), {"number": number, "text": "ٹ" * number})
        assert _files(tmp_path / "checks") == []  # nothing written before the batch ends
    (pack,) = _files(tmp_path / "checks")
    assert writer.used == {pack}
    reader = CompiledCache(tmp_path, code=b"code")
    for number in (0, 17, 49):
        assert reader.get("checks", reader.key(str(number)), dict) == {"number": number, "text": "ٹ" * number}
    assert reader.get("checks", reader.key("never put"), dict) is None
    assert reader.used == {pack}
    assert reader.prune(older_than_s=-1) == 0  # in use: kept


def test_a_large_batch_is_written_in_several_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "PACK_BYTES", 1000)
    writer = CompiledCache(tmp_path, code=b"code")
    with writer.batched("checks"):
        for number in range(20):
            writer.put("checks", writer.key(str(number)), b"x" * 300)
    assert 5 <= len(_files(tmp_path / "checks")) <= 7
    reader = CompiledCache(tmp_path, code=b"code")
    assert all(reader.get("checks", reader.key(str(number)), bytes) == b"x" * 300 for number in range(20))


def test_a_torn_or_removed_pack_gives_misses(tmp_path: Path) -> None:
    writer = CompiledCache(tmp_path, code=b"code")
    with writer.batched("checks"):
        for number in range(10):
            writer.put("checks", writer.key(str(number)), b"y" * 1000)
    (pack,) = _files(tmp_path / "checks")
    reader = CompiledCache(tmp_path, code=b"code")
    assert reader.get("checks", reader.key("0"), bytes) == b"y" * 1000  # the index is read now
    pack.write_bytes(pack.read_bytes()[:-3000])  # the last entries cut off, as by a crash
    assert reader.get("checks", reader.key("9"), bytes) is None
    assert reader.get("checks", reader.key("0"), bytes) == b"y" * 1000
    pack.write_bytes(b"\xff" * 20)
    assert CompiledCache(tmp_path, code=b"code").get("checks", reader.key("0"), bytes) is None
    pack.unlink()
    assert reader.get("checks", reader.key("1"), bytes) is None


def test_a_start_writes_a_pack_per_language_not_a_file_per_catalogue(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    catalogues = list(locales_dir.rglob("*.po"))
    languages = {path.relative_to(locales_dir).parts[0] for path in catalogues}
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert len(catalogues) > len(languages)
    assert len(_files(tmp_path / "cache" / "checks")) == len(languages)


def test_a_pack_written_after_the_index_was_read_is_found(tmp_path: Path) -> None:
    """A reload's batch (or another worker's) after this process read the packs' index: the
    versions it keeps must be found (the desk and downloads read them)."""
    cache = CompiledCache(tmp_path, code=b"code")
    with cache.batched("checks"):
        cache.put("checks", cache.key("first"), b"1")
    assert cache.get("checks", cache.key("first"), bytes) == b"1"  # the index is read
    time.sleep(0.05)  # a tick of the file system's clock: the folder's time then says it changed
    other = CompiledCache(tmp_path, code=b"code")
    with other.batched("checks"):
        other.put("checks", other.key("second"), b"2")
    with cache.batched("checks"):
        cache.put("checks", cache.key("third"), b"3")
    assert cache.get("checks", cache.key("second"), bytes) == b"2"
    assert cache.get("checks", cache.key("third"), bytes) == b"3"
