"""The hot path answers exactly what the Litestar handlers answer, and leaves the rest to them."""

from __future__ import annotations

from typing import Any

import pytest

from api.http.fast_path import fast_reply
from api.settings import Settings
from api.snapshot import build_snapshot
from tests.conftest import SLUG, Client

CACHE = ((b"cache-control", b"public, max-age=300"),)
PATHS = [
    "/v1/articles",
    f"/v1/articles/{SLUG}",
    f"/v1/articles/{SLUG}/sections/benefits",
    "/v1/lists",
    "/v1/lists/aftercare",
    "/v1/clinic",
    "/v1/strings",
    "/v1/bundle",
    "/v1/locales",
]


def scope(path: str, query: bytes = b"", method: str = "GET", **headers: str) -> Any:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query,
        "headers": [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()],
    }


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Accept-Language": "ur-PK"}, {"Accept-Encoding": "gzip"}, {"Accept-Language": "ur", "If-None-Match": "*"}],
)
def test_hot_and_routed_answers_are_identical(client: Client, path: str, headers: dict[str, str]) -> None:
    hot = client.get(path, headers=headers)
    routed = client.get(path, params={"via": "litestar"}, headers=headers)  # another parameter: Litestar answers
    assert hot.status_code == routed.status_code
    assert hot.content == routed.content
    assert dict(hot.headers) == dict(routed.headers)


def test_hot_path_answers_the_hot_requests(shipped_settings: Settings) -> None:
    snapshot = build_snapshot(shipped_settings.content_dir, shipped_settings.locales_dir)
    urdu = fast_reply(snapshot, scope(f"/v1/articles/{SLUG}", accept_language="ur-PK"), CACHE)
    assert urdu is not None
    assert urdu.status == 200
    assert (b"content-language", b"ur") in urdu.headers
    english = fast_reply(snapshot, scope("/v1/clinic", b"lang=en"), CACHE)
    assert english is not None
    assert b'"locale":"en"' in english.body


@pytest.mark.parametrize(
    ("path", "query", "method", "headers"),
    [
        ("/v1/clinic", b"lang=fr", "GET", {}),  # Litestar's 400
        ("/v1/articles/nope", b"", "GET", {}),  # Litestar's 404
        ("/v1/clinic", b"lang=ur&x=1", "GET", {}),
        ("/v1/clinic", b"", "POST", {}),
        ("/v1/clinic", b"", "GET", {"origin": "https://kiosk.example"}),  # CORS
        ("/v1/catalogues", b"", "GET", {}),  # status documents have their own caching
        ("/healthz", b"", "GET", {}),
        ("/kiosk/", b"", "GET", {}),
    ],
)
def test_everything_else_goes_to_litestar(
    shipped_settings: Settings, path: str, query: bytes, method: str, headers: dict[str, str]
) -> None:
    snapshot = build_snapshot(shipped_settings.content_dir, shipped_settings.locales_dir)
    assert fast_reply(snapshot, scope(path, query, method, **headers), CACHE) is None


@pytest.mark.parametrize("path", [f"/v1/articles/{SLUG}", "/v1/clinic?lang=ur&via=litestar", "/healthz", "/kiosk/"])
def test_head_is_get_without_the_body(client: Client, path: str) -> None:
    got = client.get(path, headers={"Accept-Encoding": "identity"})
    head = client.head(path, headers={"Accept-Encoding": "identity"})
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers.get("etag") == got.headers.get("etag")
