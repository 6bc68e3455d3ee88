"""One catalogue per article: `update` starts a new article's catalogue from what the language
already translates, and splits the single `content.po` of the old layout without losing a word."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from litestar.testing import TestClient

from api.catalogues.files import PO_WRAP_WIDTH
from api.cli import main
from api.http.app import create_app
from api.settings import Settings
from tests.library import ARTICLE_DOMAIN, URDU, short_article
from tests.test_catalogues import msgfmt_check


def _common(workspace: tuple[Path, Path]) -> list[str]:
    return ["--content", str(workspace[0]), "--locales", str(workspace[1])]


def _translations(path: Path) -> dict[str, tuple[str, bool]]:
    return {entry.msgid: (entry.msgstr, entry.fuzzy) for entry in polib.pofile(str(path)) if entry.msgstr}


def test_a_new_article_gets_a_catalogue_in_every_language_started_from_known_translations(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, locales_dir = workspace
    article = short_article("peel", "Chemical Peel", "Aftercare", ("sun", "Stay out of the sun."))
    (content_dir / "articles" / "peel.toml").write_text(article, encoding="utf-8")
    assert main(["extract", *_common(workspace)]) == 0
    capsys.readouterr()
    assert main(["validate", *_common(workspace)]) == 1
    missing = capsys.readouterr().out
    assert f"{locales_dir}/ur/LC_MESSAGES/articles/peel.po: missing; run `clinic-content update`" in missing
    assert main(["update", *_common(workspace)]) == 0
    assert "articles/peel.po: created" in capsys.readouterr().out
    for locale in ("ur", "de"):
        path = locales_dir / locale / "LC_MESSAGES" / "articles" / "peel.po"
        assert msgfmt_check(path).returncode == 0
        assert polib.pofile(str(path)).metadata["Language"] == locale
    urdu = _translations(locales_dir / "ur" / "LC_MESSAGES" / "articles" / "peel.po")
    assert urdu == {"Aftercare": (URDU[("", "Aftercare")], False)}  # the heading another article translates
    main(["validate", *_common(workspace)])
    assert "missing" not in capsys.readouterr().out


def _old_layout(locales_dir: Path) -> dict[str, tuple[str, bool]]:
    """The Urdu article and clinic catalogues merged into one `content.po`, one entry made fuzzy
    (work in progress is work too); returns what it translates."""
    folder = locales_dir / "ur" / "LC_MESSAGES"
    merged = polib.pofile(str(folder / f"{ARTICLE_DOMAIN}.po"), wrapwidth=PO_WRAP_WIDTH)
    for entry in polib.pofile(str(folder / "clinic.po")):
        merged.append(entry)
    draft = merged.find("Conclusion")
    assert draft is not None
    draft.flags.append("fuzzy")
    (folder / "content.po").write_text(str(merged) + "\n", encoding="utf-8")
    (folder / f"{ARTICLE_DOMAIN}.po").unlink()
    (folder / "clinic.po").unlink()
    return _translations(folder / "content.po")


def test_update_splits_the_single_catalogue_of_the_old_layout_without_losing_a_translation(
    workspace: tuple[Path, Path],
) -> None:
    locales_dir = workspace[1]
    before = _old_layout(locales_dir)
    assert before["Conclusion"][1] is True
    settings = Settings(content_dir=workspace[0], locales_dir=locales_dir, reload=False)
    with TestClient(create_app(settings)) as client:
        problems = client.get("/v1/catalogues").json()["load_problems"]
        assert [p["file"] for p in problems] == ["ur/LC_MESSAGES/content.po"]  # not the server's own directories
        assert "`clinic-content update`" in problems[0]["problem"]

    assert main(["update", *_common(workspace), "--locale", "ur"]) == 0
    folder = locales_dir / "ur" / "LC_MESSAGES"
    after = _translations(folder / f"{ARTICLE_DOMAIN}.po") | _translations(folder / "clinic.po")
    assert after == before  # every translation, the fuzzy one still fuzzy
    assert msgfmt_check(folder / f"{ARTICLE_DOMAIN}.po").returncode == 0
    clinic = {"The clinic is on Main Road.", "Licensed clinic.", "Lahore", "Gulberg", "Main Road"}
    assert set(_translations(folder / "clinic.po")) == clinic  # each string in its own domain
