"""Loading content/: a bad file fails with its name and the field at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.content_files import ContentError, load_content
from tests.conftest import SLUG


def _article_file(workspace: tuple[Path, Path]) -> Path:
    return workspace[0] / "articles" / f"{SLUG}.toml"


def test_invalid_section_id_names_the_file_and_the_field(workspace: tuple[Path, Path]) -> None:
    path = _article_file(workspace)
    path.write_text(path.read_text().replace('id = "aftercare"', 'id = "After Care"', 1))
    with pytest.raises(ContentError) as caught:
        load_content(workspace[0])
    assert caught.value.file == path
    assert "$.sections[2].id" in str(caught.value)


def test_unknown_field_is_an_error_not_silently_dropped(workspace: tuple[Path, Path]) -> None:
    path = _article_file(workspace)
    path.write_text(path.read_text().replace('heading = "Conclusion"', 'heading = "Conclusion"\nsubtitle = "x"'))
    with pytest.raises(ContentError, match=r"subtitle"):
        load_content(workspace[0])


def test_duplicate_section_ids_are_refused(workspace: tuple[Path, Path]) -> None:
    path = _article_file(workspace)
    path.write_text(path.read_text().replace('id = "conclusion"', 'id = "what-it-is"'))
    with pytest.raises(ContentError, match=r"section id used more than once: what-it-is"):
        load_content(workspace[0])


def test_broken_toml_is_reported_with_the_file(workspace: tuple[Path, Path]) -> None:
    clinic = workspace[0] / "clinic.toml"
    clinic.write_text('location = "unterminated\n')
    with pytest.raises(ContentError) as caught:
        load_content(workspace[0])
    assert caught.value.file == clinic
    assert "not valid TOML" in caught.value.problem


def test_missing_required_field_is_named(workspace: tuple[Path, Path]) -> None:
    clinic = workspace[0] / "clinic.toml"
    clinic.write_text("\n".join(line for line in clinic.read_text().splitlines() if not line.startswith("city")))
    with pytest.raises(ContentError, match=r"missing required field `city`"):
        load_content(workspace[0])


def test_a_list_id_used_by_two_articles_names_both_files(workspace: tuple[Path, Path]) -> None:
    second = workspace[0] / "articles" / "second.toml"
    second.write_text(
        'slug = "second"\ntitle = "Second"\n[[sections]]\nid = "care"\nheading = "Care"\n'
        '[[sections.blocks]]\ntype = "list"\nid = "aftercare"\nitems = [{ id = "one", text = "One." }]\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(workspace[0])
    assert caught.value.file == second
    assert f"{SLUG}.toml" in caught.value.problem
    assert "second-aftercare" in caught.value.problem  # a way out
