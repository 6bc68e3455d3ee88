"""Reading and writing catalogues: what GNU msgfmt accepts, what is refused, and with which line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from api.catalogues.files import CatalogueError, parse_po, read_catalogue
from api.catalogues.operations import extract_templates
from tests.library import write_content


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (apt-get install gettext)"
    return subprocess.run(
        [msgfmt, "--check", "--check-accelerators", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_extract_writes_templates_msgfmt_accepts_and_is_stable(tmp_path: Path) -> None:
    write_content(tmp_path / "content")
    results = extract_templates(tmp_path / "content", tmp_path)
    assert all(r.changed for r in results)
    first = {r.path: r.path.read_bytes() for r in results}
    again = extract_templates(tmp_path / "content", tmp_path)
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


def test_a_text_naming_an_existing_file_is_parsed_as_text_not_read_as_that_file(
    workspace: tuple[Path, Path],
) -> None:
    """An upload whose body is `/etc/passwd` (or any path) must not be read from disk: polib takes a
    string that names an existing file as that file."""
    good = workspace[1] / "ur" / "LC_MESSAGES" / "ui.po"
    assert parse_po(good.read_bytes(), "upload").entries  # the file itself is a good catalogue
    with pytest.raises(CatalogueError):
        parse_po(str(good).encode(), "upload")


def test_a_heading_s_reference_is_its_own_line(tmp_path: Path) -> None:
    """Not the first line its words happen to appear on (a comment, a paragraph)."""
    write_content(tmp_path / "content")
    article = tmp_path / "content" / "articles" / "sample-procedure.toml"
    article.write_text("# Aftercare: this comment says the heading's words first.\n" + article.read_text())
    extract_templates(tmp_path / "content", tmp_path)
    entry = polib.pofile(str(tmp_path / "articles" / "sample-procedure.pot")).find("Aftercare")
    assert entry is not None
    lines = article.read_text().splitlines()
    ((_, line),) = [(file, number) for file, number in entry.occurrences if file.endswith(".toml")]
    assert lines[int(line) - 1] == 'heading = "Aftercare"'
