"""The real `clinic-content serve` process, fetched over a socket."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SLUG
from tests.e2e.server import clinic_content_command, running_server, server_process
from tests.library import SECTIONS, build_library

pytestmark = pytest.mark.e2e


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        with error:  # it holds the connection
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_serve_answers_the_urdu_article_over_a_socket() -> None:
    with running_server() as base:
        status, headers, body = _get(f"{base}/v1/articles/{SLUG}", **{"Accept-Language": "ur-PK"})
    article = json.loads(body)
    assert status == 200
    assert (article["locale"], article["dir"], article["fallbacks"]) == ("ur", "rtl", [])
    assert [section["id"] for section in article["sections"]] == list(SECTIONS)
    assert headers["content-language"] == "ur"


def test_serve_with_two_workers_and_settings_from_the_environment(tmp_path: Path) -> None:
    env = {"CLINIC_CONTENT_WORKERS": "2", "CLINIC_CONTENT_CACHE_MAX_AGE": "42"}
    with running_server(env=env) as base:
        answers = [_get(f"{base}/v1/clinic?lang=ur") for _ in range(20)]
        status, _, body = _get(f"{base}/v1/clinic?lang=fr")
    assert {a[0] for a in answers} == {200}
    assert {a[1]["cache-control"] for a in answers} == {"public, max-age=42"}
    assert len({a[2] for a in answers}) == 1
    assert status == 400
    assert json.loads(body)["supported"] == ["en", "de", "ur"]


def test_serve_refuses_to_start_on_broken_content_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "bad.toml").write_text('slug = "Not A Slug"\n')
    result = subprocess.run(
        [*clinic_content_command(), "serve", "--content", str(tmp_path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "bad.toml" in result.stderr
    assert "$.slug" in result.stderr


def test_an_empty_catalogue_folder_serves_english_and_says_so(tmp_path: Path) -> None:
    """An empty volume mounted over the catalogues used to serve English only without a word."""
    content_dir, _ = build_library(tmp_path / "library")
    empty = tmp_path / "empty-volume"
    empty.mkdir()
    with server_process("--content", str(content_dir), "--locales", str(empty)) as server:
        status, _, body = _get(f"{server.base}/v1/locales")
        log = server.log()
    assert status == 200
    assert [locale["code"] for locale in json.loads(body)["locales"]] == ["en"]
    warning = next(json.loads(line) for line in log.splitlines() if "no catalogues" in line)
    assert warning["level"] == "warning"
    assert str(empty) in warning["message"]
