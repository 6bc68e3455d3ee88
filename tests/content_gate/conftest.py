"""The content gate: these tests, and only these, read the shipped content/ and locales/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.conftest import SHIPPED_CONTENT, SHIPPED_LOCALES, Client

SHIPPED_SLUG = "how-microneedling-works"


@pytest.fixture
def shipped_client() -> Iterator[Client]:
    settings = Settings(content_dir=SHIPPED_CONTENT, locales_dir=SHIPPED_LOCALES, reload=False)
    with TestClient(create_app(settings)) as client:
        yield client
