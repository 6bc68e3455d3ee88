"""A reload reads only the catalogues whose stat changed (size, modification time, inode), as make
and git do; a file written within two seconds of being read is read again next time, since a
second write in the same clock tick would not change its stat ("racy", in git's word)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from api import loaded_content
from api.snapshot import Snapshot, build_snapshot
from tests.library import ARTICLE_DOMAIN, SLUG, URDU, build_library, singular

HEADING = singular(URDU, "What Is It?")


def _rewrite_same_size(path: Path, old: str, new: str, mtime_ns: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(old.encode()) == len(new.encode())
    with path.open("r+b") as handle:  # in place: the same inode
        handle.write(text.replace(old, new).encode())
    os.utime(path, ns=(mtime_ns, mtime_ns))


def _heading(snapshot: Snapshot) -> str:
    return snapshot.localized[(f"articles/{SLUG}", "ur")].identity.decode()


def test_an_old_file_whose_stat_is_unchanged_is_not_read_again(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    po = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    old = time.time_ns() - 60_000_000_000
    os.utime(po, ns=(old, old))
    before = build_snapshot(content_dir, locales_dir)
    swapped = HEADING[::-1]  # the same bytes, another order: the same size
    _rewrite_same_size(po, HEADING, swapped, old)
    after = build_snapshot(content_dir, locales_dir, previous=before)
    assert after.catalogues is not before.catalogues
    assert after.catalogues[("ur", ARTICLE_DOMAIN)] is before.catalogues[("ur", ARTICLE_DOMAIN)]  # not read
    assert HEADING in _heading(after)


def test_a_file_written_just_before_it_was_read_is_read_again(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    po = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    now = time.time_ns()
    os.utime(po, ns=(now, now))
    before = build_snapshot(content_dir, locales_dir)
    swapped = HEADING[::-1]
    _rewrite_same_size(po, HEADING, swapped, now)  # the same stat: only the racy rule sees it
    after = build_snapshot(content_dir, locales_dir, previous=before)
    assert swapped in _heading(after)


def _aged(folder: Path) -> None:
    old = time.time_ns() - 60_000_000_000
    for path in folder.rglob("*.toml"):
        os.utime(path, ns=(old, old))


def test_content_files_whose_stat_is_unchanged_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    _aged(content_dir)
    before = build_snapshot(content_dir, locales_dir)

    def refuse(*_: object) -> str:
        raise AssertionError("content files read although none changed")

    monkeypatch.setattr(loaded_content, "content_revision", refuse)
    after = build_snapshot(content_dir, locales_dir, previous=before)
    assert after.loaded is before.loaded


def test_a_content_file_touched_but_not_changed_keeps_every_body(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    before = build_snapshot(content_dir, locales_dir)
    (content_dir / "clinic.toml").touch()  # a new stat, the same bytes: read again, nothing rebuilt
    after = build_snapshot(content_dir, locales_dir, previous=before)
    assert after.loaded.revision == before.loaded.revision
    assert after.by_locale["ur"] is before.by_locale["ur"]
    slug = next(iter(after.loaded.content.articles)).slug
    (content_dir / "articles" / f"{slug}.toml").write_text(
        (content_dir / "articles" / f"{slug}.toml").read_text(encoding="utf-8").replace("30 minutes", "45 minutes"),
        encoding="utf-8",
    )
    changed = build_snapshot(content_dir, locales_dir, previous=after)
    assert "45 minutes" in changed.localized[(f"articles/{slug}", "en")].identity.decode()
