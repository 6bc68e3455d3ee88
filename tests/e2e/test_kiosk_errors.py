"""The kiosk when things go wrong (issue 14, findings 5 and 6), in headless Chromium against the
real server: a language that is not served, a 500, a 503, a body that is not JSON, a language
switch that cannot fetch its bundle, and the idle reset while the server is gone. Each is a
screen in the language on show, with a retry and the language menu, and nothing is thrown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import ARTIFACTS, PORTRAIT, browser
from tests.library import URDU

pytestmark = pytest.mark.e2e
__all__ = ["browser"]

ENGLISH_ERROR = ("Sorry, something went wrong", "The information could not be loaded.")


@pytest.fixture
def server() -> Iterator[Server]:
    with server_process(locales=("ur",)) as running:
        yield running


class Watched:
    """A fresh profile's page (no service worker: what the network says is what the page gets),
    with its uncaught errors collected."""

    def __init__(self, browser: Browser) -> None:
        self.context: BrowserContext = browser.new_context(viewport=PORTRAIT, service_workers="block")  # type: ignore[arg-type]
        self.page: Page = self.context.new_page()
        self.thrown: list[str] = []
        self.page.on("pageerror", lambda error: self.thrown.append(str(error)))

    def open(self, url: str) -> Page:
        self.page.goto(url)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true")
        return self.page


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.context.close()
    assert page.thrown == []


def test_a_language_not_served_is_a_screen_in_the_default_language(watched: Watched, server: Server) -> None:
    page = watched.open(f"{server.base}/kiosk/?lang=fr")  # the server answers 400 unsupported-language
    expect(page.locator("h1")).to_have_text("Sorry, something went wrong")
    expect(page.locator(".summary")).to_have_text("This language is not available yet.")
    expect(page.locator(".language-choice")).to_have_text(["English", "اردو"])
    page.screenshot(path=str(ARTIFACTS / "error-language-en.png"))
    page.locator(".language-choice", has_text="اردو").click()
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator(".topic")).to_have_count(4)


@pytest.mark.parametrize("fault", ["500", "503", "bad-json"])
def test_a_broken_answer_is_a_screen_with_retry_and_languages(watched: Watched, server: Server, fault: str) -> None:
    broken = [True]

    def answer(route: Route) -> None:
        if not broken[0]:
            route.continue_()
        elif fault == "bad-json":
            route.fulfill(status=200, content_type="application/json", body='{"articles": [{"slug": ')
        else:
            route.fulfill(status=int(fault), content_type="application/problem+json", body=f'{{"status": {fault}}}')

    watched.page.route("**/v1/bundle*", answer)
    page = watched.open(f"{server.base}/kiosk/")
    expect(page.locator("h1")).to_have_text(ENGLISH_ERROR[0])  # a first visit: nothing to speak but English
    expect(page.locator(".summary")).to_have_text(ENGLISH_ERROR[1])
    expect(page.locator(".language-choice")).to_have_count(2)
    page.screenshot(path=str(ARTIFACTS / f"error-{fault}.png"))
    broken[0] = False
    page.locator(".retry").click()
    expect(page.locator(".topic")).to_have_count(4)
    expect(page.locator("#language")).to_be_visible()


def test_a_language_switch_that_fails_says_so_in_the_language_on_screen(watched: Watched, server: Server) -> None:
    page = watched.open(f"{server.base}/kiosk/")
    page.route("**/v1/bundle?lang=ur", lambda route: route.fulfill(status=503, body="{}"))
    page.click("#language")
    expect(page.locator("h1")).to_have_text(ENGLISH_ERROR[0])
    expect(page.locator(".summary")).to_have_text(ENGLISH_ERROR[1])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.unroute("**/v1/bundle?lang=ur")
    page.locator(".retry").click()
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("h1")).to_have_text(URDU[("", "Sample Procedure: What to Expect")])


def test_an_urdu_error_screen_is_in_urdu(watched: Watched, server: Server) -> None:
    page = watched.open(f"{server.base}/kiosk/?lang=ur")
    page.route("**/v1/bundle?lang=en", lambda route: route.abort("connectionrefused"))
    page.click("#language")
    expect(page.locator("h1")).to_have_text(URDU[("error_title", "Sorry, something went wrong")])
    expect(page.locator(".retry")).to_have_text(URDU[("retry", "Try again")])
    page.screenshot(path=str(ARTIFACTS / "error-load-ur.png"))


def test_idle_reset_while_offline_keeps_next_and_back_working(watched: Watched, server: Server) -> None:
    """Finding 6: the reset could not load English, left the view half-changed, and Next threw."""
    page = watched.open(f"{server.base}/kiosk/?idle=3")
    page.locator(".topic").nth(1).click()
    page.click("#language")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    server.stop()
    expect(page.locator("#pager")).to_be_hidden(timeout=8000)  # back at the start, in the language it has
    expect(page.locator(".topic")).to_have_count(4)
    page.locator(".topic").nth(0).click()
    page.click("#next")
    expect(page.locator("h1")).to_have_text(URDU[("", "The Benefits")])
    page.click("#back")
    expect(page.locator("h1")).to_have_text(URDU[("", "What Is It?")])
