"""Security headers on every answer, rate-limited uploads, and an access log that never holds a token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.conftest import SLUG, Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_PO


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/v1/articles/{SLUG}"),  # hot path
        ("GET", "/v1/clinic?lang=ur&via=litestar"),  # routed
        ("GET", "/v1/nope"),  # 404
        ("GET", "/v1/clinic?lang=xx"),  # 400
        ("DELETE", "/v1/clinic"),  # 405
        ("GET", "/v1/catalogues"),
        ("GET", "/healthz"),
        ("GET", "/schema/openapi.json"),
        ("GET", "/kiosk/"),
    ],
)
def test_every_answer_has_security_headers(client: Client, method: str, path: str) -> None:
    response = client.request(method, path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" in response.headers


def test_kiosk_keeps_its_own_policy_and_api_gets_a_closed_one(client: Client) -> None:
    assert "script-src 'self'" in client.get("/kiosk/").headers["content-security-policy"]
    assert client.get("/v1/clinic").headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_no_directory_listing(client: Client) -> None:
    assert_problem(client.get("/kiosk/fonts/"), 404)
    assert_problem(client.get("/kiosk/../content/clinic.toml"), 404)


@pytest.fixture
def admin(workspace: tuple[Path, Path], make_client: ClientFactory) -> Client:
    return make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token="right-token")


FAILURES_PER_MINUTE = Settings().failed_auth_per_minute


def test_failed_authentications_are_limited_and_authorized_uploads_are_not(
    admin: Client, workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    wrong = {"Authorization": "Bearer wrong", "Content-Type": "text/plain"}
    statuses = [admin.put(ARTICLE_PO, content=b"x", headers=wrong).status_code for _ in range(25)]
    assert statuses[:FAILURES_PER_MINUTE] == [401] * FAILURES_PER_MINUTE
    assert set(statuses[FAILURES_PER_MINUTE:]) == {429}
    limited = assert_problem(admin.put(ARTICLE_PO, content=b"x", headers=wrong), 429)
    assert "failed attempts" in limited["detail"]
    assert admin.get("/v1/clinic").status_code == 200  # reading is not limited
    # Another worker (another app on the same state folder) counts the same failures.
    other = make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token="right-token")
    assert other.put(ARTICLE_PO, content=b"x", headers=wrong).status_code == 429


def test_a_translator_s_many_uploads_are_never_limited(
    make_client: ClientFactory, workspace: tuple[Path, Path]
) -> None:
    translator = make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token="right-token")
    po = translator.get(ARTICLE_PO, headers={"Accept-Encoding": "identity"}).content
    right = {"Authorization": "Bearer right-token", "Content-Type": "text/plain", "If-Match": "*"}
    statuses = {translator.put(ARTICLE_PO, content=po, headers=right).status_code for _ in range(30)}
    assert statuses == {200}


def test_access_log_is_json_with_a_request_id_and_never_the_token(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(
        content_dir=workspace[0],
        locales_dir=workspace[1],
        admin_token="secret-token-123",
        access_log=True,
        reload=False,
    )
    # Started and stopped inside the test, while pytest still captures the stdout the log writes to.
    with TestClient(create_app(settings)) as client:
        hot = client.get(f"/v1/articles/{SLUG}", headers={"X-Request-ID": "kiosk-42"})
        routed = client.put(ARTICLE_PO, content=b"junk", headers={"Authorization": "Bearer secret-token-123"})
    assert hot.headers["x-request-id"] == "kiosk-42"
    assert len(routed.headers["x-request-id"]) == 32
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert [(line["method"], line["status"]) for line in lines] == [("GET", 200), ("PUT", 415)]
    assert lines[0]["request_id"] == "kiosk-42"
    assert lines[0]["path"] == f"/v1/articles/{SLUG}"
    assert "secret-token-123" not in json.dumps(lines)
