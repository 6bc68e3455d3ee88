"""Shared fixtures: the tests' own content library (`tests/library.py`), private copies of it to
break, and test clients from the app factory. Only the content gate reads the shipped content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.library import SLUG, build_library, copy_library

REPO = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = REPO / "content"
SHIPPED_LOCALES = REPO / "locales"
Client = TestClient[Litestar]
ClientFactory = Callable[..., Client]
__all__ = ["REPO", "SHIPPED_CONTENT", "SHIPPED_LOCALES", "SLUG", "Client", "ClientFactory", "resolve_pointer"]


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tests' library, built once; read-only (tests that change files use `workspace`)."""
    return build_library(tmp_path_factory.mktemp("library"))


@pytest.fixture
def library_settings(library: tuple[Path, Path]) -> Settings:
    return Settings(content_dir=library[0], locales_dir=library[1], reload=False)


@pytest.fixture
def workspace(tmp_path: Path, library: tuple[Path, Path]) -> tuple[Path, Path]:
    """A private copy of the library's content/ and locales/ that a test may change."""
    return copy_library(library, tmp_path)


@pytest.fixture
def make_client(library_settings: Settings) -> Iterator[ClientFactory]:
    """`make_client(**settings)`: a started test client of an app from the factory, stopped after
    the test; settings default to the library's, without live reload."""
    with ExitStack() as stack:

        def make(**overrides: Any) -> Client:
            settings = Settings(**{**_settings_fields(library_settings), **overrides})
            started: AbstractContextManager[Client] = TestClient(create_app(settings))
            return stack.enter_context(started)

        yield make


@pytest.fixture
def client(make_client: ClientFactory) -> Client:
    return make_client()


def _settings_fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__struct_fields__}


def resolve_pointer(document: object, pointer: str) -> object:
    """RFC 6901: follow a JSON Pointer into a decoded JSON document."""
    target = document
    for escaped in pointer.split("/")[1:]:
        token = escaped.replace("~1", "/").replace("~0", "~")
        target = target[int(token)] if isinstance(target, list) else target[token]  # type: ignore[index]
    return target
