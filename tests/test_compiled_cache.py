"""The compiled cache (issue 16): a start with it serves byte for byte what a start without it
serves, without parsing, checking or encoding what an earlier start (or another worker) already
did; any input that changed — a catalogue's bytes, what it is checked against, the content, the
code — is built anew; a damaged or unwritable cache costs only time."""

from __future__ import annotations

import logging
import os
import sys
import time
from importlib.metadata import version
from pathlib import Path

import msgspec
import polib
import pytest

from api import encoded
from api.catalogues import checked
from api.catalogues.layout import catalogue_path
from api.catalogues.report import CatalogueReport
from api.compiled import store
from api.compiled.store import CompiledCache, code_fingerprint
from api.snapshot import Snapshot, build_snapshot
from tests.library import ARTICLE_DOMAIN, SLUG, URDU, build_library, singular, translate

CLEAN, CURLY = "Keep the area clean.", "Keep the area clean – it’s healing."


def _served(snapshot: Snapshot) -> dict[object, object]:
    """Everything a client can see, and every catalogue's state but when its file was read and
    where its bytes are kept (in the cache, or held in memory without one)."""
    return {
        "localized": {
            key: (body.identity, body.gzipped, body.etag, body.identity_headers, body.gzip_headers)
            for key, body in snapshot.localized.items()
        },
        "shared": {key: body.identity for key, body in snapshot.shared.items()},
        "manifests": snapshot.manifests,
        "catalogues": {
            key: msgspec.structs.replace(state, seen=None, kept_as=None, po_gzip=None)
            for key, state in snapshot.catalogues.items()
        },
        "files": {key: snapshot.in_service_file(*key) for key in snapshot.catalogues},
        "unpublished": snapshot.unpublished,
    }


def _nothing_is_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("made again although the cache has it")

    monkeypatch.setattr(checked, "check_po_bytes", refuse)
    monkeypatch.setattr("api.loaded_content.load_content", refuse)
    monkeypatch.setattr("api.locale_bodies.encode_all", refuse)


@pytest.mark.parametrize("gzip_only_over", [encoded.GZIP_ONLY_OVER, 1500])
def test_a_second_start_takes_everything_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gzip_only_over: int
) -> None:
    """Also with bodies held gzipped only (the tests' article is short: a lower limit makes it one
    of them, as a library's articles are), which are kept without their identity."""
    monkeypatch.setattr(encoded, "GZIP_ONLY_OVER", gzip_only_over)
    content_dir, locales_dir = build_library(tmp_path)
    first = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    article = first.localized[(f"articles/{SLUG}", "ur")]
    assert (len(article.sent_identity()) > gzip_only_over) == (not article.identity_kept)
    packs = b"".join(path.read_bytes() for path in (tmp_path / "cache" / "bodies").iterdir())
    assert (article.sent_identity() in packs) == article.identity_kept  # gzipped only: kept so
    _nothing_is_made_again(monkeypatch)
    monkeypatch.setattr("gzip.decompress", lambda *_: pytest.fail("a kept body decompressed"))
    second = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert _served(second) == _served(first)
    assert {path.name for path in (tmp_path / "cache").iterdir()} == {"checks", "content", "bodies"}


def test_a_catalogue_changed_between_starts_is_served_as_without_a_cache(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    heading = "یہ طریقہ کیا ہے؟"
    translate(locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po", {("", "What Is It?"): heading})
    cached = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert _served(cached) == _served(build_snapshot(content_dir, locales_dir))
    assert heading in cached.localized[(f"articles/{SLUG}", "ur")].identity.decode()


def test_what_a_catalogue_is_checked_against_is_part_of_its_key(tmp_path: Path) -> None:
    """The allow-list changes the checks' verdict on a file that did not change."""
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    po = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    translate(po, {("", "What Is It?"): "SPF کیا ہے؟"})
    before = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert "latin-script" in _checks(before)
    (locales_dir / "ur" / "allowed-latin.txt").write_text("SPF\n", encoding="utf-8")
    after = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert "latin-script" not in _checks(after)
    assert _served(after) == _served(build_snapshot(content_dir, locales_dir))


def _checks(snapshot: Snapshot) -> set[str]:
    report = snapshot.catalogues[("ur", ARTICLE_DOMAIN)].report
    assert report is not None
    return {problem.check for problem in report.problems}


def test_changed_content_and_new_code_are_built_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache", code=b"release 1"))
    article = content_dir / "articles" / f"{SLUG}.toml"
    article.write_text(article.read_text(encoding="utf-8").replace("about 30 minutes", "about 40 minutes"))
    cached = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache", code=b"release 1"))
    assert "about 40 minutes" in cached.localized[(f"articles/{SLUG}", "en")].identity.decode()
    assert _served(cached) == _served(build_snapshot(content_dir, locales_dir))
    calls: list[object] = []
    failed = CatalogueReport.failed("x", "parse", "not checked")

    def counted(*arguments: object) -> tuple[None, CatalogueReport]:
        calls.append(arguments)
        return None, failed

    monkeypatch.setattr(checked, "check_po_bytes", counted)
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache", code=b"release 2"))
    assert calls, "another release's code must not take the last one's checks"


def test_damaged_entries_are_misses(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    for path in (tmp_path / "cache").glob("*/*"):  # entries and packs
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # torn, as by a crash
    cached = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert _served(cached) == _served(build_snapshot(content_dir, locales_dir))
    assert singular(URDU, "What Is It?") in cached.localized[(f"articles/{SLUG}", "ur")].identity.decode()


def test_an_unwritable_cache_is_warned_about_once_and_serves_the_same(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="api.compiled"):
        cached = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    assert _served(cached) == _served(build_snapshot(content_dir, locales_dir))
    assert len([r for r in caplog.records if "not written" in r.getMessage()]) == 1


def test_prune_keeps_what_is_in_use_and_what_others_wrote_lately(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache", code=b"old release"))
    day_old = time.time() - 2 * 86_400
    old_entries = list((tmp_path / "cache").glob("*/*"))  # entries and packs
    for path in old_entries:
        os.utime(path, (day_old, day_old))
    recent = CompiledCache(tmp_path / "cache", code=b"other replica")
    recent.put("checks", recent.key("written a minute ago"), b"")
    current = CompiledCache(tmp_path / "cache", code=b"new release")
    build_snapshot(content_dir, locales_dir, cache=current)
    used = set(current.used)
    assert current.prune() == len(old_entries)
    left = set((tmp_path / "cache").glob("*/*"))
    assert left == used | recent.used


def test_translations_are_keyed_by_the_template_s_own_keys(tmp_path: Path) -> None:
    """The English of the library is held once, not once more per language (issue 16's memory)."""
    content_dir, locales_dir = build_library(tmp_path)
    for cache in (None, CompiledCache(tmp_path / "cache"), CompiledCache(tmp_path / "cache")):  # built, then cached
        snapshot = build_snapshot(content_dir, locales_dir, cache=cache)
        template = {key: key for key in snapshot.loaded.template_keys[ARTICLE_DOMAIN]}
        for locale in ("ur", "de"):
            catalogue = snapshot.catalogues[(locale, ARTICLE_DOMAIN)].catalogue
            assert catalogue is not None
            assert catalogue.translations
            assert all(key is template[key] for key in catalogue.keys)


def test_warnings_name_messages_by_the_template_s_own_strings(tmp_path: Path) -> None:
    """A half-translated language has a warning for each message it lacks: each holds the
    template's msgid, not a copy of it (11 MB at 1,000 articles × 3)."""
    content_dir, locales_dir = build_library(tmp_path)
    path = catalogue_path(locales_dir, "de", ARTICLE_DOMAIN)
    po = polib.pofile(str(path))
    blanked = [entry for entry in po if not entry.msgid_plural][:3]
    for entry in blanked:
        entry.msgstr = ""
    po.save()
    for cache in (None, CompiledCache(tmp_path / "cache"), CompiledCache(tmp_path / "cache")):  # built, then cached
        snapshot = build_snapshot(content_dir, locales_dir, cache=cache)
        template = {msgid: msgid for _, msgid in snapshot.loaded.template_keys[ARTICLE_DOMAIN]}
        report = snapshot.catalogues[("de", ARTICLE_DOMAIN)].report
        assert report is not None
        untranslated = [problem for problem in report.problems if problem.check == "untranslated"]
        assert sorted(problem.msgid or "" for problem in untranslated) == sorted(entry.msgid for entry in blanked)
        assert all(problem.msgid is template[problem.msgid or ""] for problem in untranslated)


def test_a_start_from_the_cache_leaves_no_utf8_copy_inside_the_library_s_english(tmp_path: Path) -> None:
    """Encoding a string through the C API keeps a UTF-8 copy inside it for its life (it shows
    in `sys.getsizeof`); the English a start from the cache holds must not get one from keying
    the cache with it. (A build without the cache encodes the English bodies, and gets them.)"""
    content_dir, locales_dir = build_library(tmp_path)
    article = content_dir / "articles" / f"{SLUG}.toml"
    article.write_text(article.read_text(encoding="utf-8").replace(CLEAN, CURLY), encoding="utf-8")
    build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    snapshot = build_snapshot(content_dir, locales_dir, cache=CompiledCache(tmp_path / "cache"))
    (curly,) = (msgid for _, msgid in snapshot.loaded.template_keys[ARTICLE_DOMAIN] if msgid == CURLY)
    fresh = "".join([curly[:1], curly[1:]])  # the same text in a string nothing encoded
    assert sys.getsizeof(curly) == sys.getsizeof(fresh)


def test_the_code_s_key_changes_with_the_libraries_that_made_the_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new Babel (CLDR's names and digits) or msgspec (the encoding) compiles anew."""
    before = code_fingerprint()
    monkeypatch.setattr(store, "version", lambda name: "99.0" if name == "babel" else version(name))
    assert code_fingerprint() != before
