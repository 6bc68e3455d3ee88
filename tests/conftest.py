"""Shared fixtures: the shipped content, copies of it to break, and test clients from the factory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = REPO / "content"
SHIPPED_LOCALES = REPO / "locales"
SLUG = "how-microneedling-works"
Client = TestClient[Litestar]


@pytest.fixture
def shipped_settings() -> Settings:
    return Settings(content_dir=SHIPPED_CONTENT, locales_dir=SHIPPED_LOCALES, reload=False)


@pytest.fixture
def client(shipped_settings: Settings) -> Iterator[Client]:
    with TestClient(create_app(shipped_settings)) as test_client:
        yield test_client


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of content/ and locales/ that a test may change."""
    content_dir, locales_dir = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(SHIPPED_CONTENT, content_dir)
    shutil.copytree(SHIPPED_LOCALES, locales_dir)
    return content_dir, locales_dir


def resolve_pointer(document: object, pointer: str) -> object:
    """RFC 6901: follow a JSON Pointer into a decoded JSON document."""
    target = document
    for escaped in pointer.split("/")[1:]:
        token = escaped.replace("~1", "/").replace("~0", "~")
        target = target[int(token)] if isinstance(target, list) else target[token]  # type: ignore[index]
    return target
