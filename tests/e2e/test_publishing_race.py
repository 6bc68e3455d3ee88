"""Publishing against a real server with two workers: two translators at once (one wins, the
other is told), and a token guesser who cannot hide behind X-Forwarded-For."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import running_server
from tests.library import ARTICLE_DOMAIN, ARTICLE_PO, URDU, build_library, singular

pytestmark = pytest.mark.e2e
TOKEN = "race-token"
ROUNDS = 12


def _request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, data=data, method="PUT" if data else "GET", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


def _upload(url: str, body: bytes, etag: str, results: dict[bytes, int]) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain", "If-Match": etag}
    results[body] = _request(url, body, headers)[0]


def _download_with(url: str, text: str) -> tuple[bytes, dict[str, str]]:
    """A download that has `text`: the worker that did not take the last upload serves it once its
    file watcher has seen the new file, within a second or so."""
    deadline = time.monotonic() + 15
    while True:
        _, po, headers = _request(url, headers={"Accept-Encoding": "identity"})
        if text.encode() in po:
            return po, headers
        assert time.monotonic() < deadline, f"{text} is not served by every worker"
        time.sleep(0.05)


def test_of_two_uploads_from_one_download_one_wins_and_the_other_gets_412(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    env = {
        "CLINIC_CONTENT_ADMIN_TOKEN": TOKEN,
        "CLINIC_CONTENT_WORKERS": "2",
        "CLINIC_CONTENT_FAILED_AUTH_PER_MINUTE": "1000",
    }
    heading = singular(URDU, "What Is It?")
    outcomes = []
    with running_server("--content", str(content_dir), "--locales", str(locales_dir), env=env) as base:
        url = f"{base}{ARTICLE_PO}"
        for round_number in range(ROUNDS):
            po, headers = _download_with(url, heading)
            texts = [f"ترجمہ {'ا' * (round_number + 1)} {who}؟" for who in ("الف", "ب")]  # no digits
            bodies = {po.replace(heading.encode(), text.encode()): text for text in texts}
            results: dict[bytes, int] = {}
            threads = [threading.Thread(target=_upload, args=(url, body, headers["etag"], results)) for body in bodies]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            outcomes.append(sorted(results.values()))
            winner = next(bodies[body] for body, status in results.items() if status == 200)
            heading = winner
        _, listing, _ = _request(f"{base}/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}")
    assert outcomes == [[200, 412]] * ROUNDS
    versions = json.loads(listing)["versions"]
    assert [v["origin"] for v in versions].count("upload") == ROUNDS  # every accepted version is kept


def test_a_forged_x_forwarded_for_does_not_escape_the_failed_auth_limit(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    env = {
        "CLINIC_CONTENT_ADMIN_TOKEN": TOKEN,
        "CLINIC_CONTENT_WORKERS": "2",
        "CLINIC_CONTENT_FAILED_AUTH_PER_MINUTE": "5",
    }
    with running_server("--content", str(content_dir), "--locales", str(locales_dir), env=env) as base:
        statuses = [
            _request(
                f"{base}{ARTICLE_PO}",
                b"x",
                {"Authorization": "Bearer guess", "Content-Type": "text/plain", "X-Forwarded-For": f"10.0.0.{n}"},
            )[0]
            for n in range(12)
        ]
    assert statuses[:5] == [401] * 5  # counted for both workers together, by the real peer
    assert set(statuses[5:]) == {429}
