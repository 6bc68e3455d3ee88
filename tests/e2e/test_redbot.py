"""REDbot, the HTTP linter, on a real server with CORS on and off (issue 13): no BAD note on any
kind of answer we send."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import Server, server_process
from tests.library import ARTICLE_DOMAIN, SLUG

pytestmark = pytest.mark.e2e
PATHS = (
    f"/v1/articles/{SLUG}",
    "/v1/clinic?lang=ur",
    "/v1/articles",
    "/v1/bundle",
    "/v1/locales",
    "/healthz",
    "/readyz",
    "/v1/catalogues",
    "/v1/catalogues/ur",
    f"/v1/catalogues/ur.po?domain={ARTICLE_DOMAIN}",
    "/schema/openapi.json",
    "/schema",
    "/v1/no-such-thing",
    "/v1/clinic?lang=fr",
)


@pytest.fixture(scope="module", params=["CORS off", "CORS on"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    env = {"CLINIC_CONTENT_CORS_ORIGINS": "https://app.example.org"} if request.param == "CORS on" else {}
    with server_process(env=env) as running:
        yield running


@pytest.mark.parametrize("path", PATHS)
def test_redbot_finds_nothing_bad(server: Server, path: str) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "redbot"), "-o", "har", f"{server.base}{path}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    notes = [note for entry in json.loads(result.stdout)["log"]["entries"] for note in entry["_red_messages"]]
    assert notes, "REDbot said nothing: it did not reach the server"
    assert [note["summary"] for note in notes if note["level"] == "BAD"] == []
