"""Localization: translations are served; missing, empty and fuzzy ones fall back with a pointer."""

from __future__ import annotations

from pathlib import Path

import polib
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.conftest import SLUG, Client, resolve_pointer
from tests.library import ARTICLE_DOMAIN, SECTIONS, URDU


def _edit_catalogue(locales_dir: Path, domain: str, msgid: str, *, fuzzy: bool = False, empty: bool = False) -> None:
    path = locales_dir / "ur" / "LC_MESSAGES" / f"{domain}.po"
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    assert entry is not None
    if fuzzy:
        entry.flags.append("fuzzy")
    if empty:
        entry.msgstr = ""
    path.write_text(str(po) + "\n", encoding="utf-8")


def _client(workspace: tuple[Path, Path]) -> Client:
    return TestClient(create_app(Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False)))


def test_fuzzy_translation_falls_back_to_english(workspace: tuple[Path, Path]) -> None:
    _edit_catalogue(workspace[1], ARTICLE_DOMAIN, "Little Downtime", fuzzy=True)
    with _client(workspace) as client:
        article = client.get(f"/v1/articles/{SLUG}?lang=ur").json()
        benefits = client.get("/v1/lists/benefits?lang=ur").json()
    assert article["fallbacks"] == ["/sections/1/blocks/0/items/1/title"]
    assert resolve_pointer(article, article["fallbacks"][0]) == "Little Downtime"
    assert benefits["fallbacks"] == ["/items/1/title"]
    assert resolve_pointer(benefits, "/items/1/title") == "Little Downtime"


def test_empty_translation_falls_back_and_every_pointer_resolves(workspace: tuple[Path, Path]) -> None:
    _edit_catalogue(workspace[1], "clinic", "Lahore", empty=True)
    _edit_catalogue(workspace[1], ARTICLE_DOMAIN, "What Is It?", empty=True)
    with _client(workspace) as client:
        bundle = client.get("/v1/bundle?lang=ur").json()
        clinic = client.get("/v1/clinic?lang=ur").json()
        index = client.get("/v1/articles?lang=ur").json()
    assert clinic["fallbacks"] == ["/city"]
    assert index["fallbacks"] == ["/articles/0/sections/0/heading"]
    assert bundle["fallbacks"] == ["/articles/0/sections/0/heading", "/clinic/city"]
    for pointer in bundle["fallbacks"]:
        assert resolve_pointer(bundle, pointer) in {"Lahore", "What Is It?"}


def test_missing_plural_translation_falls_back_to_english_forms(workspace: tuple[Path, Path]) -> None:
    path = workspace[1] / "ur" / "LC_MESSAGES" / "ui.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "reading_time")
    entry.msgstr_plural = {0: "", 1: ""}
    po.save(str(path))
    with _client(workspace) as client:
        strings = client.get("/v1/strings?lang=ur").json()
    assert strings["fallbacks"] == ["/plurals/reading_time"]
    assert strings["plurals"]["reading_time"] == {"one": "{n}-minute read", "other": "{n}-minute read"}
    assert strings["plurals"]["section_count"] == dict(
        zip(("one", "other"), URDU[("section_count", "{n} section")], strict=True)
    )


def test_english_is_the_source_and_never_falls_back(client: Client) -> None:
    bundle = client.get("/v1/bundle?lang=en").json()
    assert bundle["fallbacks"] == []
    assert bundle["strings"]["plurals"]["reading_time"] == {"one": "{n}-minute read", "other": "{n}-minute read"}


def test_a_locale_without_catalogue_files_serves_english_and_lists_every_fallback(
    workspace: tuple[Path, Path],
) -> None:
    for po in (workspace[1] / "ur" / "LC_MESSAGES").glob("ui.po"):
        po.unlink()
    (workspace[1] / "ur" / "language.toml").write_text("min_coverage = 0\n")  # published all the same
    with _client(workspace) as client:
        strings = client.get("/v1/strings?lang=ur").json()
    assert strings["strings"]["next"] == "Next"
    assert "/strings/next" in strings["fallbacks"]


def test_section_page_knows_its_position_and_neighbours(client: Client) -> None:
    page = client.get(f"/v1/articles/{SLUG}/sections/benefits?lang=ur").json()
    assert (page["position"], page["total"]) == (2, len(SECTIONS))
    assert (page["previous"], page["next"]) == ("what-it-is", "aftercare")
    assert page["heading"] == URDU[("", "The Benefits")]
    first = client.get(f"/v1/articles/{SLUG}/sections/what-it-is").json()
    assert "previous" not in first
    assert first["next"] == "benefits"
    last = client.get(f"/v1/articles/{SLUG}/sections/conclusion").json()
    assert (last["previous"], last["position"]) == ("aftercare", len(SECTIONS))
    assert "next" not in last


def test_an_invisible_only_translation_is_served_in_english_with_its_pointer(workspace: tuple[Path, Path]) -> None:
    path = workspace[1] / "ur" / "LC_MESSAGES" / "clinic.po"
    po = polib.pofile(str(path))
    entry = po.find("Lahore")
    assert entry is not None
    entry.msgstr = "\u200b "  # a zero-width space and a space: looks translated, shows nothing
    path.write_text(str(po) + "\n", encoding="utf-8")
    with _client(workspace) as client:
        clinic = client.get("/v1/clinic?lang=ur").json()
    assert (clinic["city"], clinic["fallbacks"]) == ("Lahore", ["/city"])
