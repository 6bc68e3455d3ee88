"""A reload after one article's catalogue changed localizes that article again and remakes the
library-wide documents from the others' kept bodies (issue 16): what it serves is byte for byte
what a full build serves, and the other articles' bodies are the very same objects."""

from __future__ import annotations

import asyncio
import gc
import gzip
from pathlib import Path

import polib
import pytest

from api import encoded
from api.catalogues.files import PO_WRAP_WIDTH
from api.http.snapshot_store import SnapshotStore
from api.settings import Settings
from api.snapshot import Snapshot, build_snapshot
from tests.big_library import build_big_library
from tests.library import ARTICLE_DOMAIN, SLUG, URDU, build_library, singular, translate


def _edit(po_path: Path, changes: dict[str, str]) -> None:
    """A translator's edit: new text for some entries, and an empty one (English served) for others."""
    po = polib.pofile(str(po_path), wrapwidth=PO_WRAP_WIDTH)
    for entry in po:
        if entry.msgid in changes:
            entry.msgstr = changes[entry.msgid]
    po_path.write_text(str(po) + "\n", encoding="utf-8")


def _served(snapshot: Snapshot) -> dict[tuple[str, str], tuple[bytes, bytes]]:
    return {key: (body.identity, body.gzipped) for key, body in snapshot.localized.items()}


def test_one_article_edited_gives_the_full_build_s_bytes(tmp_path: Path) -> None:
    content_dir, locales_dir = build_big_library(tmp_path)
    before = build_snapshot(content_dir, locales_dir)
    _edit(
        locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po",
        {
            "Sample Procedure: What to Expect": "نمونہ علاج: کیا ہوگا",  # the title: in the article list too
            "Keep the area clean.": "",  # now served in English: a fallback in the list and the bundle
        },
    )
    after = build_snapshot(content_dir, locales_dir, previous=before)
    full = build_snapshot(content_dir, locales_dir)
    assert _served(after) == _served(full)
    assert after.manifests == full.manifests
    assert after.localized[(f"articles/{SLUG}", "ur")] != before.localized[(f"articles/{SLUG}", "ur")]
    untouched = ("articles/procedure-07", "ur")
    assert after.localized[untouched] is before.localized[untouched]  # kept, not made again
    aftercare = after.localized[("lists/aftercare", "ur")].identity.decode()
    assert "Keep the area clean." in aftercare
    assert singular(URDU, "Avoid direct sun for a week.") in aftercare


def test_a_change_outside_the_articles_rebuilds_the_language(tmp_path: Path) -> None:
    content_dir, locales_dir = build_big_library(tmp_path)
    before = build_snapshot(content_dir, locales_dir)
    _edit(locales_dir / "ur" / "LC_MESSAGES" / "clinic.po", {"Lahore": "شہرِ لاہور"})
    after = build_snapshot(content_dir, locales_dir, previous=before)
    assert _served(after) == _served(build_snapshot(content_dir, locales_dir))
    assert "شہرِ لاہور" in after.localized[("bundle", "ur")].sent_identity().decode()


def test_a_reload_gzips_large_bodies_once_in_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's bundle is sent as it is until its gzip form is made, after the swap; then
    everything is byte for byte the full build's, and a refresh leaves nothing pending."""
    monkeypatch.setattr(encoded, "DEFER_GZIP_OVER", 20_000)
    monkeypatch.setattr(encoded, "GZIP_ONLY_OVER", 20_000)  # a large body: gzipped, not left for requests
    content_dir, locales_dir = build_big_library(tmp_path)
    before = build_snapshot(content_dir, locales_dir)
    po = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    _edit(po, {"Keep the area clean.": "علاقے کو صاف رکھیں۔ (نیا)"})
    after = build_snapshot(content_dir, locales_dir, previous=before)
    bundle = after.localized[("bundle", "ur")]
    assert bundle.gzip_pending
    assert len(bundle.identity) > encoded.DEFER_GZIP_OVER
    assert (bundle.gzipped, bundle.gzip_headers) == (bundle.identity, bundle.identity_headers)  # sent as it is
    assert not after.localized[(f"articles/{SLUG}", "ur")].gzip_pending
    finished = after.with_gzip()
    assert not any(body.gzip_pending for body in finished.localized.values())
    assert _served(finished) == _served(build_snapshot(content_dir, locales_dir).with_gzip())
    assert finished.by_locale["ur"].bodies[("bundle", "ur")] is finished.localized[("bundle", "ur")]

    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    store = SnapshotStore(before, settings)
    _edit(po, {"Keep the area clean.": "علاقے کو صاف رکھیں۔ (پھر)"})
    asyncio.run(store.refresh())
    assert not any(body.gzip_pending for body in store.current.localized.values())
    assert "(پھر)" in gzip.decompress(store.current.localized[("bundle", "ur")].gzipped).decode()


def test_the_snapshot_in_service_is_kept_out_of_the_garbage_collector_s_passes(tmp_path: Path) -> None:
    """Its objects are many and in no cycle: a full collection walking them stalls requests."""
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    settings = Settings(content_dir=content_dir, locales_dir=locales_dir, state_dir=tmp_path / "state")
    gc.unfreeze()
    store = SnapshotStore(build_snapshot(content_dir, locales_dir), settings)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    translate(locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po", {("", "What Is It?"): "نیا عنوان"})
    asyncio.run(store.refresh())
    assert gc.get_freeze_count() > 0
    assert "نیا عنوان" in store.current.localized[(f"articles/{SLUG}", "ur")].identity.decode()
    gc.unfreeze()
