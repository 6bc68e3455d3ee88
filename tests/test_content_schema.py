"""The content files' JSON Schemas: generated from the model, judged by a JSON Schema validator
(jsonschema), and checked by `clinic-content validate` together with the templates."""

from __future__ import annotations

import tomllib
from pathlib import Path

import jsonschema
import pytest

from api.cli import main
from api.content_schema import MODELS, schema_text, stale_schemas
from tests.conftest import SLUG


def _validator(name: str) -> jsonschema.Draft202012Validator:
    import json

    return jsonschema.Draft202012Validator(json.loads(schema_text(name)))


def test_a_good_article_satisfies_its_schema(workspace: tuple[Path, Path]) -> None:
    article = tomllib.loads((workspace[0] / "articles" / f"{SLUG}.toml").read_text(encoding="utf-8"))
    assert list(_validator("article").iter_errors(article)) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda a: {**a, "slug": "Not A Slug"}, ["slug"]),
        (lambda a: {**a, "subtitle": "x"}, []),  # unknown fields are refused, as the server refuses them
        (lambda a: {**a, "sections": []}, ["sections"]),
    ],
)
def test_the_schema_refuses_what_the_server_refuses(
    workspace: tuple[Path, Path], change: object, path: list[str]
) -> None:
    article = tomllib.loads((workspace[0] / "articles" / f"{SLUG}.toml").read_text(encoding="utf-8"))
    errors = list(_validator("article").iter_errors(change(article)))  # type: ignore[operator]
    assert errors
    assert list(errors[0].absolute_path)[: len(path)] == path


def test_validate_reports_stale_schemas_and_templates(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir, locales_dir = workspace
    common = ["--content", str(content_dir), "--locales", str(locales_dir)]
    assert len(stale_schemas(content_dir)) == len(MODELS)  # the library has none yet
    assert main(["schema", *common]) == 0
    assert main(["validate", *common]) == 0
    clinic = content_dir / "clinic.toml"
    clinic.write_text(clinic.read_text().replace('city = "Lahore"', 'city = "Lahore City"'))
    capsys.readouterr()
    assert main(["validate", *common]) == 1
    assert "clinic.pot: not current" in capsys.readouterr().out
    clinic.write_text(clinic.read_text().replace('city = "Lahore City"', "city = 3"))
    assert main(["validate", *common]) == 2  # a content error: the file and the field
    assert "$.city" in capsys.readouterr().err
