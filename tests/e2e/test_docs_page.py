"""The API's documentation page in a real browser (issue 13, finding 6): it draws every operation
from the server's own files, under the page's own Content-Security-Policy, asking no other host."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import browser

pytestmark = pytest.mark.e2e
__all__ = ["browser"]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with server_process() as running:
        yield running


def test_the_docs_page_draws_every_operation_from_this_server_only(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{server.base}/schema")
    expect(page.locator(".opblock").first).to_be_visible()
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/v1/articles/{slug}" in path for path in operations)
    assert any("/v1/catalogues/{lang}.po" in path for path in operations)
    context.close()
    assert problems == []  # no script or style refused by the policy, no error
    assert hosts == {urlsplit(server.base).netloc}
