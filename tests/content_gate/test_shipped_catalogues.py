"""The shipped catalogues: valid for GNU msgfmt and Babel, complete, current with content/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from api.catalogues.operations import extract_templates
from tests.conftest import SHIPPED_CONTENT, SHIPPED_LOCALES
from tests.test_catalogues import msgfmt_check

CATALOGUES = sorted(SHIPPED_LOCALES.glob("*/LC_MESSAGES/**/*.po"))
TEMPLATES = sorted([*SHIPPED_LOCALES.glob("*.pot"), *SHIPPED_LOCALES.glob("articles/*.pot")])


def _domain(template: Path) -> str:
    return template.relative_to(SHIPPED_LOCALES).with_suffix("").as_posix()


def test_there_is_an_urdu_catalogue_for_every_domain() -> None:
    """One per article, one for the clinic, one for the UI; none of another layout left behind."""
    domains = [_domain(template) for template in TEMPLATES]
    assert domains == ["articles/how-microneedling-works", "clinic", "ui"]
    assert [p.relative_to(SHIPPED_LOCALES / "ur" / "LC_MESSAGES").with_suffix("").as_posix() for p in CATALOGUES] == (
        domains
    )


@pytest.mark.parametrize("path", CATALOGUES + TEMPLATES, ids=lambda p: p.name)
def test_gnu_msgfmt_accepts_every_catalogue(path: Path) -> None:
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_babel_reads_every_catalogue(path: Path) -> None:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    assert str(catalogue.locale) == "ur"
    assert catalogue.num_plurals == 2


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_urdu_catalogue_is_complete_with_correct_headers(path: Path) -> None:
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "ur"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.fuzzy_entries() == []
    assert po.untranslated_entries() == []
    assert po.obsolete_entries() == []
    for entry in po:
        assert entry.occurrences, f"{entry.msgid!r} has no source reference"
        assert entry.comment, f"{entry.msgid!r} has no comment saying where it appears"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_urdu_translations_keep_placeholders(path: Path) -> None:
    for entry in polib.pofile(str(path)):
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        wanted = {p for text in sources for p in re.findall(r"\{\w+\}", text)}
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(re.findall(r"\{\w+\}", translation)) == wanted, entry.msgid


def test_templates_are_current_with_the_content(tmp_path: Path) -> None:
    """`extract` on the shipped content changes nothing: the committed templates are up to date."""
    locales = tmp_path / "locales"
    shutil.copytree(SHIPPED_LOCALES, locales)
    results = extract_templates(SHIPPED_CONTENT, locales)
    assert [r.changed for r in results] == [False] * len(TEMPLATES)
    for template in TEMPLATES:
        assert (locales / template.relative_to(SHIPPED_LOCALES)).read_bytes() == template.read_bytes()


def test_catalogues_cover_every_template_message() -> None:
    for template in TEMPLATES:
        catalogue = SHIPPED_LOCALES / "ur" / "LC_MESSAGES" / f"{_domain(template)}.po"
        wanted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(template))}
        have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue)) if e.translated()}
        assert wanted - have == set()


def test_the_shipped_content_validates() -> None:
    """Schemas current, templates current with the content (`clinic-content validate`)."""
    from api.cli import main

    assert main(["validate", "--content", str(SHIPPED_CONTENT), "--locales", str(SHIPPED_LOCALES)]) == 0


def test_the_shipped_catalogues_have_no_warnings() -> None:
    """`clinic-content check --strict`: what ships has no problem at all."""
    from api.cli import main

    assert main(["check", "--strict", "--content", str(SHIPPED_CONTENT), "--locales", str(SHIPPED_LOCALES)]) == 0
