"""The kiosk with a library: every article on the start screen, each with its own lists, and a
language menu once more than two languages are published (headless Chromium)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import PORTRAIT, Kiosk, browser
from tests.library import build_library, short_article

pytestmark = pytest.mark.e2e
__all__ = ["browser"]  # the module-scoped Chromium fixture, shared

SECOND_ARTICLE = short_article(
    "chemical-peel", "What to Expect from a Chemical Peel", "After the Peel", ("sun", "Stay out of direct sun.")
)


@pytest.fixture
def library_server() -> Iterator[Server]:
    """English, Urdu and German; two articles (the second untranslated)."""
    with tempfile.TemporaryDirectory() as scratch:
        content_dir, locales_dir = build_library(Path(scratch))
        (content_dir / "articles" / "chemical-peel.toml").write_text(SECOND_ARTICLE, encoding="utf-8")
        with server_process("--content", str(content_dir), "--locales", str(locales_dir)) as running:
            yield running


def test_every_article_and_every_language_is_reachable(browser: Browser, library_server: Server) -> None:
    kiosk = Kiosk(browser, library_server.base, PORTRAIT)
    page = kiosk.page
    articles = page.locator(".topic.article")
    expect(articles).to_have_count(2)
    expect(articles).to_contain_text(["What to Expect from a Chemical Peel", "Sample Procedure: What to Expect"])

    articles.filter(has_text="Chemical Peel").click()
    assert kiosk.heading() == "What to Expect from a Chemical Peel"
    lists = page.locator(".lists button")
    expect(lists).to_have_count(1)  # its own list only, not the other article's aftercare
    lists.nth(0).click()
    assert kiosk.heading() == "After the Peel"

    page.click("#language")  # three languages: a menu, each named in itself
    choices = page.locator(".language-choice")
    expect(choices).to_have_text(["English", "Deutsch", "اردو"])
    choices.nth(2).click()
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.click("#language")
    page.locator(".language-choice").nth(1).click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    kiosk.close()
    assert kiosk.errors == []
