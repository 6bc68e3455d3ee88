"""The kiosk with a library: every article on the start screen, each with its own lists, and a
language menu once more than two languages are published (headless Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.big_library import ARTICLES, SHAHMUKHI, build_big_library
from tests.e2e.server import Server, serving
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
    with serving(_with_second_article) as running:
        yield running


def _with_second_article(root: Path) -> tuple[Path, Path]:
    content_dir, locales_dir = build_library(root)
    (content_dir / "articles" / "chemical-peel.toml").write_text(SECOND_ARTICLE, encoding="utf-8")
    return content_dir, locales_dir


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


@pytest.fixture(scope="module")
def big_library_server() -> Iterator[Server]:
    """51 articles; English, German, Urdu and Shahmukhi published, Pashto below its threshold."""
    with serving(build_big_library) as running:
        yield running


def test_a_library_of_fifty_articles_on_the_kiosk(browser: Browser, big_library_server: Server) -> None:
    kiosk = Kiosk(browser, big_library_server.base, PORTRAIT)
    page = kiosk.page
    articles = page.locator(".topic.article")
    expect(articles).to_have_count(ARTICLES + 1)
    expect(articles.locator(".meta")).to_have_count(ARTICLES + 1)  # each with its reading time
    page.locator('.topic.article[data-slug="procedure-37"]').click()
    assert kiosk.heading() == "Procedure 37"
    expect(page.locator(".lists button")).to_have_count(1)
    page.locator(".lists button").click()
    assert kiosk.heading() == "Aftercare for Procedure 37"
    page.click("#language")
    expect(page.locator(".language-choice")).to_have_text(["English", "Deutsch", "پنجابی (عربی)", "اردو"])  # not Pashto
    page.locator('.language-choice[lang="pa-Arab"]').click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.click("#home")  # back to the library, now in Shahmukhi where it is translated
    expect(page.locator('.topic.article[data-slug="procedure-01"]')).to_contain_text(SHAHMUKHI[("", "Procedure 01")])
    kiosk.close()
    assert kiosk.errors == []
