"""The shipped catalogues: valid for GNU msgfmt and Babel, complete, current with content/."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from api.catalogues.files import CatalogueError, parse_po, read_catalogue
from api.catalogues.operations import extract_templates
from tests.conftest import SHIPPED_CONTENT, SHIPPED_LOCALES

CATALOGUES = sorted(SHIPPED_LOCALES.glob("*/LC_MESSAGES/*.po"))
TEMPLATES = sorted(SHIPPED_LOCALES.glob("*.pot"))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (apt-get install gettext)"
    return subprocess.run(
        [msgfmt, "--check", "--check-accelerators", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_are_urdu_catalogues_for_both_domains() -> None:
    assert [p.relative_to(SHIPPED_LOCALES).as_posix() for p in CATALOGUES] == [
        "ur/LC_MESSAGES/content.po",
        "ur/LC_MESSAGES/ui.po",
    ]
    assert [p.name for p in TEMPLATES] == ["content.pot", "ui.pot"]


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
    assert [r.changed for r in results] == [False, False]
    for template in TEMPLATES:
        assert (locales / template.name).read_bytes() == template.read_bytes()


def test_catalogues_cover_every_template_message() -> None:
    for template in TEMPLATES:
        catalogue = SHIPPED_LOCALES / "ur" / "LC_MESSAGES" / template.with_suffix(".po").name
        wanted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(template))}
        have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue)) if e.translated()}
        assert wanted - have == set()


def test_extract_writes_templates_msgfmt_accepts_and_is_stable(tmp_path: Path) -> None:
    results = extract_templates(SHIPPED_CONTENT, tmp_path)
    assert all(r.changed for r in results)
    first = {r.path: r.path.read_bytes() for r in results}
    again = extract_templates(SHIPPED_CONTENT, tmp_path)
    assert not any(r.changed for r in again)
    assert {r.path: r.path.read_bytes() for r in again} == first
    for path in first:
        assert msgfmt_check(path).returncode == 0


def test_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "content.po"
    broken.write_text('msgid ""\nmsgstr ""\n"Language: ur\\n"\n\nmsgid "a"\nmsgstr "b"\nmsgstr "c"\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(broken, "ur", "content")
    assert caught.value.line == 7
    assert str(broken) in str(caught.value)


def test_non_utf8_catalogue_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "content.po"
    broken.write_bytes('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "é"\n'.encode("latin-1"))
    with pytest.raises(CatalogueError, match="not UTF-8"):
        read_catalogue(broken, "ur", "content")


def test_a_text_naming_an_existing_file_is_parsed_as_text_not_read_as_that_file(tmp_path: Path) -> None:
    """An upload whose body is `/etc/passwd` (or any path) must not be read from disk: polib takes a
    string that names an existing file as that file."""
    good = tmp_path / "good.po"
    good.write_bytes((SHIPPED_LOCALES / "ur" / "LC_MESSAGES" / "ui.po").read_bytes())
    with pytest.raises(CatalogueError):
        parse_po(str(good).encode(), "upload")
