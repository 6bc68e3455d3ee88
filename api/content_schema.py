"""JSON Schemas of the content files, generated from the msgspec model that reads them, so an
editor validates and completes `content/*.toml` with the same rules the server applies."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from api.model import Article, Clinic, UiStrings

SCHEMA_DIR = "schema"
MODELS: dict[str, type[msgspec.Struct]] = {"article": Article, "clinic": Clinic, "ui": UiStrings}
"""Schema name → the Struct a file of that kind decodes into."""


def schema_path(content_dir: Path, name: str) -> Path:
    return content_dir / SCHEMA_DIR / f"{name}.schema.json"


def schema_text(name: str) -> str:
    """The schema of one kind of content file, as committed (sorted keys, 2-space indent)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **msgspec.json.schema(MODELS[name])}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stale_schemas(content_dir: Path) -> list[Path]:
    """Schema files that are missing or differ from the model (run `clinic-content schema`)."""
    return [
        schema_path(content_dir, name)
        for name in MODELS
        if not schema_path(content_dir, name).is_file()
        or schema_path(content_dir, name).read_text(encoding="utf-8") != schema_text(name)
    ]
