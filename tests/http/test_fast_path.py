"""The hot path answers exactly what the Litestar handlers answer, and leaves the rest to them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from api.http.fast_path import fast_reply
from api.http.resources import RESOURCES
from api.settings import Settings
from api.snapshot import Snapshot, build_snapshot
from tests.conftest import SLUG, Client

CACHE = ((b"cache-control", b"public, max-age=300"),)


def scope(path: str, query: bytes = b"", method: str = "GET", **headers: str) -> Any:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query,
        "headers": [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()],
    }


def snapshot_paths(client: Client) -> list[tuple[str, str]]:
    """(path, locale) for every body the snapshot holds that a client may GET under /v1."""
    snapshot: Snapshot = client.app.state.snapshots.current
    localized = [(f"/v1/{key}", locale) for key, locale in snapshot.localized]
    shared = [(f"/v1/{r.path.strip('/')}", "en") for r in RESOURCES if not r.localized]
    return sorted(localized + shared)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Accept-Encoding": "gzip"}, {"If-None-Match": "*"}],
)
def test_every_snapshot_key_is_answered_alike_hot_and_routed(client: Client, headers: dict[str, str]) -> None:
    """Walks the snapshot, not a hand-written list: a key with no handler, or a handler that answers
    differently from the fast path, fails here."""
    paths = snapshot_paths(client)
    assert len(paths) > 20
    for path, locale in paths:
        hot = client.get(f"{path}?lang={locale}", headers=headers)
        routed = client.get(f"{path}?lang={locale}&via=litestar", headers=headers)  # another parameter: Litestar
        assert hot.status_code == routed.status_code == (304 if "If-None-Match" in headers else 200), path
        assert hot.content == routed.content, path
        assert dict(hot.headers) == dict(routed.headers), path


def test_a_key_without_a_handler_is_never_served_by_the_fast_path(library_settings: Settings) -> None:
    snapshot = build_snapshot(library_settings.content_dir, library_settings.locales_dir)
    body = snapshot.localized[("clinic", "en")]
    widened = replace(snapshot, localized={**snapshot.localized, ("clinic/secret", "en"): body, ("x", "en"): body})
    for path in ("/v1/clinic/secret", "/v1/x"):
        assert fast_reply(widened, scope(path), CACHE) is None
    assert fast_reply(widened, scope("/v1/clinic"), CACHE) is not None


def test_hot_path_answers_the_hot_requests(library_settings: Settings) -> None:
    snapshot = build_snapshot(library_settings.content_dir, library_settings.locales_dir)
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
    library_settings: Settings, path: str, query: bytes, method: str, headers: dict[str, str]
) -> None:
    snapshot = build_snapshot(library_settings.content_dir, library_settings.locales_dir)
    assert fast_reply(snapshot, scope(path, query, method, **headers), CACHE) is None


@pytest.mark.parametrize("path", [f"/v1/articles/{SLUG}", "/v1/clinic?lang=ur&via=litestar", "/healthz", "/kiosk/"])
def test_head_is_get_without_the_body(client: Client, path: str) -> None:
    got = client.get(path, headers={"Accept-Encoding": "identity"})
    head = client.head(path, headers={"Accept-Encoding": "identity"})
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers.get("etag") == got.headers.get("etag")
