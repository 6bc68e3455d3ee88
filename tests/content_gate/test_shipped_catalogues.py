"""The shipped catalogues: valid for GNU msgfmt and Babel, current with content/, and the seed's
Urdu (the article, the clinic, the UI) complete with no problem at all. A clinic's further articles
and languages must be valid and error-free; they may be translated in part."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from api.catalogues.operations import check_file, extract_templates
from api.messages import article_domain
from tests.conftest import SHIPPED_CONTENT, SHIPPED_LOCALES
from tests.content_gate.conftest import SHIPPED_SLUG
from tests.test_catalogues import msgfmt_check

CATALOGUES = sorted(SHIPPED_LOCALES.glob("*/LC_MESSAGES/**/*.po"))
TEMPLATES = sorted([*SHIPPED_LOCALES.glob("*.pot"), *SHIPPED_LOCALES.glob("articles/*.pot")])
SEED_DOMAINS = (article_domain(SHIPPED_SLUG), "clinic", "ui")
SEED_URDU = [SHIPPED_LOCALES / "ur" / "LC_MESSAGES" / f"{domain}.po" for domain in SEED_DOMAINS]


def _domain(template: Path) -> str:
    return template.relative_to(SHIPPED_LOCALES).with_suffix("").as_posix()


def test_every_language_has_a_catalogue_for_every_domain() -> None:
    """One per article, one for the clinic, one for the UI; none of another layout left behind."""
    domains = [_domain(template) for template in TEMPLATES]
    assert set(SEED_DOMAINS) <= set(domains)
    by_locale: dict[str, list[str]] = {}
    for path in CATALOGUES:
        locale, _, *domain = path.relative_to(SHIPPED_LOCALES).with_suffix("").parts
        by_locale.setdefault(locale, []).append("/".join(domain))
    assert "ur" in by_locale
    for locale, found in by_locale.items():
        assert sorted(found) == domains, locale


@pytest.mark.parametrize("path", CATALOGUES + TEMPLATES, ids=lambda p: p.name)
def test_gnu_msgfmt_accepts_every_catalogue(path: Path) -> None:
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_babel_reads_every_catalogue(path: Path) -> None:
    folder = path.relative_to(SHIPPED_LOCALES).parts[0]
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    assert str(catalogue.locale) == folder
    assert catalogue.num_plurals == get_plural(folder).num_plurals


@pytest.mark.parametrize("path", SEED_URDU, ids=lambda p: p.name)
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
def test_translations_keep_placeholders(path: Path) -> None:
    for entry in polib.pofile(str(path)).translated_entries():
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


def test_the_seed_s_urdu_covers_every_template_message() -> None:
    for domain, catalogue in zip(SEED_DOMAINS, SEED_URDU, strict=True):
        template = SHIPPED_LOCALES / f"{domain}.pot"
        wanted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(template))}
        have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue)) if e.translated()}
        assert wanted - have == set()


def test_the_shipped_content_validates() -> None:
    """Schemas current, templates current with the content (`clinic-content validate`)."""
    from api.cli import main

    assert main(["validate", "--content", str(SHIPPED_CONTENT), "--locales", str(SHIPPED_LOCALES)]) == 0


def test_the_shipped_catalogues_have_no_errors_and_the_seed_s_urdu_no_warnings() -> None:
    """`clinic-content check` passes; the seed's Urdu has no problem at all (what `--strict` asks)."""
    from api.cli import main

    assert main(["check", "--content", str(SHIPPED_CONTENT), "--locales", str(SHIPPED_LOCALES)]) == 0
    for domain in SEED_DOMAINS:
        assert check_file(SHIPPED_LOCALES, "ur", domain).report.problems == (), domain
