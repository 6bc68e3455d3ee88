"""Every error is RFC 9457 problem details, with what was wrong; never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.conftest import SLUG, Client, ClientFactory


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("lang", ["fr", "xx", "!!", "*", " ", "x" * 10_000, "ur/../en"])
def test_unsupported_lang_is_400_listing_the_supported_locales(client: Client, lang: str) -> None:
    body = assert_problem(client.get("/v1/clinic", params={"lang": lang}), 400)
    assert body["type"].endswith("unsupported-language")
    assert body["supported"] == ["en", "de", "ur"]
    assert "en, de, ur" in body["detail"]
    assert len(body["detail"]) < 300


@pytest.mark.parametrize("query", ["?lang=", "?lang=&via=router"])
def test_an_empty_lang_is_no_choice_and_accept_language_decides(client: Client, query: str) -> None:
    """`?lang=` with nothing after it is what a form or a careless client sends: not an error."""
    response = client.get(f"/v1/clinic{query}", headers={"Accept-Language": "ur"})
    assert (response.status_code, response.json()["locale"]) == (200, "ur")


def test_unknown_article_is_404(client: Client) -> None:
    body = assert_problem(client.get("/v1/articles/no-such-article"), 404)
    assert "no-such-article" in body["detail"]


@pytest.mark.parametrize(
    "path",
    [f"/v1/articles/{SLUG}/sections/nope", "/v1/lists/nope", "/v1/nothing", "/nope", "/v1/articles/../../etc/passwd"],
)
def test_unknown_paths_are_404(client: Client, path: str) -> None:
    assert_problem(client.get(path), 404)


def test_unsupported_method_is_405_with_allow(client: Client) -> None:
    response = client.delete(f"/v1/articles/{SLUG}")
    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/v1/catalogues/ur.po", "GET, HEAD, OPTIONS, PUT"),  # Litestar's OPTIONS said `GET, OPTIONS`
        ("/v1/clinic", "GET, HEAD, OPTIONS"),
        ("/v1/catalogues/ur/history/x/restore", "OPTIONS, POST"),
    ],
)
def test_options_and_a_405_agree_on_allow_and_list_head(make_client: ClientFactory, path: str, allowed: str) -> None:
    client = make_client(admin_token="a-token")
    options = client.options(path)
    refused = client.request("PATCH", path)
    assert (options.status_code, refused.status_code) == (204, 405)
    assert options.headers["allow"] == refused.headers["allow"] == allowed


def test_internal_error_is_500_problem_without_trace(library_settings: Settings) -> None:
    app = create_app(library_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.snapshots.current = None  # a fault: the handler cannot read the snapshot
        body = assert_problem(client.get("/v1/clinic"), 500)
    assert "AttributeError" not in body["detail"]
    assert body["type"] == "about:blank"


class Recorder(logging.Handler):
    """Keeps what the app's and Litestar's loggers emit (Litestar's logging config replaces the
    root handlers that pytest's caplog uses)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged() -> Iterator[list[logging.LogRecord]]:
    recorder = Recorder()
    loggers = [logging.getLogger(name) for name in ("api", "litestar")]
    for logger in loggers:
        logger.addHandler(recorder)
    yield recorder.records
    for logger in loggers:
        logger.removeHandler(recorder)


def test_an_unhandled_error_is_logged_once_with_its_traceback(
    library_settings: Settings, logged: list[logging.LogRecord]
) -> None:
    app = create_app(library_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.snapshots.current = None  # a fault in the routed handler (the query skips the fast path)
        assert client.get("/v1/clinic?via=router").status_code == 500
    tracebacks = [record for record in logged if record.exc_info]
    assert len(tracebacks) == 1, [record.getMessage() for record in tracebacks]


def test_a_client_error_is_not_logged_as_an_error(client: Client, logged: list[logging.LogRecord]) -> None:
    assert client.get("/v1/articles/no-such-article").status_code == 404
    assert [record.getMessage() for record in logged if record.levelno >= logging.ERROR] == []


def test_a_failure_in_the_fast_path_is_logged_and_litestar_answers(
    library_settings: Settings, logged: list[logging.LogRecord]
) -> None:
    app = create_app(library_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.snapshots.current = None
        assert client.get("/v1/clinic").status_code == 500
    assert any("fast path failed" in record.getMessage() for record in logged)
