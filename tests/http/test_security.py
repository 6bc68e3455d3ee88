"""Security headers on every answer, rate-limited uploads, and an access log that never holds a token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.settings import Settings
from tests.conftest import SLUG, Client, ClientFactory
from tests.http.test_errors import assert_problem


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


UPLOADS_PER_MINUTE = Settings().uploads_per_minute


def test_repeated_upload_attempts_are_rate_limited(admin: Client) -> None:
    headers = {"Authorization": "Bearer wrong", "Content-Type": "text/plain"}
    statuses = [admin.put("/v1/catalogues/ur.po", content=b"x", headers=headers).status_code for _ in range(25)]
    assert statuses[:UPLOADS_PER_MINUTE] == [401] * UPLOADS_PER_MINUTE
    assert set(statuses[UPLOADS_PER_MINUTE:]) == {429}
    limited = admin.put("/v1/catalogues/ur.po", content=b"x", headers=headers)
    assert_problem(limited, 429)
    assert admin.get("/v1/clinic").status_code == 200  # reading is not limited


def test_access_log_is_json_with_a_request_id_and_never_the_token(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str], make_client: ClientFactory
) -> None:
    client = make_client(
        content_dir=workspace[0], locales_dir=workspace[1], admin_token="secret-token-123", access_log=True
    )
    hot = client.get(f"/v1/articles/{SLUG}", headers={"X-Request-ID": "kiosk-42"})
    routed = client.put("/v1/catalogues/ur.po", content=b"junk", headers={"Authorization": "Bearer secret-token-123"})
    assert hot.headers["x-request-id"] == "kiosk-42"
    assert len(routed.headers["x-request-id"]) == 32
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert [(line["method"], line["status"]) for line in lines] == [("GET", 200), ("PUT", 415)]
    assert lines[0]["request_id"] == "kiosk-42"
    assert lines[0]["path"] == f"/v1/articles/{SLUG}"
    assert "secret-token-123" not in json.dumps(lines)
