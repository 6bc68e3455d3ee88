"""The kiosk in headless Chromium: it renders, pages, switches to Urdu in Nastaliq, resets when idle,
keeps working offline, and logs no errors. Screenshots go to artifacts/kiosk/ for a human to look at."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from tests.conftest import REPO, SLUG
from tests.e2e.server import Server, server_process
from tests.library import SECTIONS, URDU

pytestmark = pytest.mark.e2e

ARTIFACTS = REPO / "artifacts" / "kiosk"
PORTRAIT = {"width": 1080, "height": 1920}
LANDSCAPE = {"width": 1920, "height": 1080}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is required for the kiosk tests (apt-get install chromium; make test installs it)"
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    # English and Urdu only: the kiosk's toggle flips between the first two languages (issue 11).
    with server_process(locales=("ur",)) as running:
        yield running


class Kiosk:
    """A kiosk page with its console watched."""

    def __init__(self, browser: Browser, base: str, viewport: dict[str, int], query: str = "") -> None:
        self.context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.base = base
        self.page.goto(f"{base}/kiosk/{query}")
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def heading(self) -> str:
        return self.page.locator("h1").inner_text()

    def to_urdu(self) -> None:
        self.page.click("#language")
        expect(self.page.locator("html")).to_have_attribute("lang", "ur")

    def close(self) -> None:
        self.context.close()


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}", timeout=5) as response:
        return json.load(response)


@pytest.fixture
def kiosk(browser: Browser, server: Server) -> Iterator[Kiosk]:
    page = Kiosk(browser, server.base, PORTRAIT)
    yield page
    page.close()
    assert page.errors == []


def test_start_screen_shows_the_article_topics_and_clinic(kiosk: Kiosk, server: Server) -> None:
    article = api(server.base, f"/v1/articles/{SLUG}?lang=en")
    clinic = api(server.base, "/v1/clinic?lang=en")
    assert kiosk.heading() == article["title"]
    topics = kiosk.page.locator(".topic")
    expect(topics).to_have_count(len(article["sections"]))
    assert topics.nth(0).inner_text().endswith(article["sections"][0]["heading"])
    expect(kiosk.page.locator(".clinic")).to_contain_text(clinic["location"])
    expect(kiosk.page.locator("html")).to_have_attribute("dir", "ltr")
    expect(kiosk.page.locator("#language [lang=ur]")).to_have_text("اردو")  # named in itself
    expect(kiosk.page.locator("#language")).to_have_accessible_name("Language: اردو")


def test_next_and_back_walk_every_section(kiosk: Kiosk, server: Server) -> None:
    sections = api(server.base, f"/v1/articles/{SLUG}?lang=en")["sections"]
    page = kiosk.page
    page.click(".primary")
    for number, section in enumerate(sections, start=1):
        assert kiosk.heading() == section["heading"]
        expect(page.locator("#position")).to_have_text(f"Section {number} of {len(sections)}")
        if number < len(sections):
            page.click("#next")
    expect(page.locator("#next")).to_be_disabled()
    for section in reversed(sections[:-1]):
        page.click("#back")
        assert kiosk.heading() == section["heading"]
    page.click("#back")
    expect(page.locator(".topic")).to_have_count(len(sections))


def test_lists_have_their_own_pages(kiosk: Kiosk, server: Server) -> None:
    aftercare = api(server.base, "/v1/lists/aftercare?lang=en")
    kiosk.page.locator(".lists button", has_text="Aftercare").click()  # lists come in article order
    assert kiosk.heading() == aftercare["title"]
    expect(kiosk.page.locator(".items li")).to_have_count(len(aftercare["items"]))
    kiosk.page.click("#home")
    expect(kiosk.page.locator(".topic")).to_have_count(len(SECTIONS))


def test_toggle_switches_to_urdu_right_to_left_in_nastaliq(kiosk: Kiosk, server: Server) -> None:
    article = api(server.base, f"/v1/articles/{SLUG}?lang=ur")
    strings = api(server.base, "/v1/strings?lang=ur")
    kiosk.to_urdu()
    page = kiosk.page
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert kiosk.heading() == article["title"]
    expect(page.locator("#language [lang=en]")).to_have_text("English")
    page.click(".primary")
    expect(page.locator("#next .label")).to_have_text(strings["strings"]["next"])
    expect(page.locator("#position")).to_have_text(
        strings["strings"]["section_position"].replace("{n}", "۱").replace("{total}", urdu_digits(len(SECTIONS)))
    )
    assert rendered_fonts(page, "h1")[0] == "Noto Nastaliq Urdu"
    assert rendered_fonts(page, ".screen p")[0] == "Noto Nastaliq Urdu"
    assert page.evaluate("() => document.fonts.check('1em \"Noto Nastaliq Urdu\"', 'کولیجن')")
    kiosk.page.click("#language")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert rendered_fonts(page, "h1")[0] == "Noto Sans"


def urdu_digits(number: int) -> str:
    """A number in Extended Arabic-Indic digits (CLDR's `arabext`, Urdu's own)."""
    return str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def rendered_fonts(page: Page, selector: str) -> list[str]:
    """The fonts Chromium actually drew the element's text with, most glyphs first (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in sorted(fonts, key=lambda font: -font["glyphCount"])]


def test_idle_returns_to_the_start_screen_in_the_default_language(browser: Browser, server: Server) -> None:
    kiosk = Kiosk(browser, server.base, PORTRAIT, "?idle=2")
    kiosk.to_urdu()
    kiosk.page.click(".topic >> nth=3")
    expect(kiosk.page.locator("#pager")).to_be_visible()
    expect(kiosk.page.locator("html")).to_have_attribute("lang", "en", timeout=6000)
    expect(kiosk.page.locator(".topic")).to_have_count(len(SECTIONS))
    expect(kiosk.page.locator("#pager")).to_be_hidden()
    kiosk.close()
    assert kiosk.errors == []


def test_keeps_working_offline_after_the_server_stops(browser: Browser, server: Server) -> None:
    kiosk = Kiosk(browser, server.base, PORTRAIT)
    page = kiosk.page
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    kiosk.to_urdu()  # the Urdu bundle passes through the service worker too
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    server.stop()
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#notice")).to_have_text("You are offline. Showing saved content.")
    expect(page.locator(".topic")).to_have_count(len(SECTIONS))
    kiosk.to_urdu()
    expect(page.locator("#notice")).to_have_text(URDU[("offline", "You are offline. Showing saved content.")])
    kiosk.close()
    offline_errors = [e for e in kiosk.errors if "ERR_CONNECTION_REFUSED" not in e and "Failed to fetch" not in e]
    assert offline_errors == []


@pytest.mark.parametrize(("orientation", "viewport"), [("portrait", PORTRAIT), ("landscape", LANDSCAPE)])
def test_layout_fits_has_big_targets_and_readable_contrast(
    browser: Browser, server: Server, orientation: str, viewport: dict[str, int]
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    kiosk = Kiosk(browser, server.base, viewport)
    page = kiosk.page
    for language in ("en", "ur"):
        if language == "ur":
            kiosk.to_urdu()
        page.locator("#screen").evaluate("screen => screen.scrollTo(0, 0)")
        page.screenshot(path=str(ARTIFACTS / f"start-{language}-{orientation}.png"))
        assert_fits(page)
        page.click(".topic >> nth=1")
        page.screenshot(path=str(ARTIFACTS / f"section-{language}-{orientation}.png"))
        assert_fits(page)
        page.click("#home")
    kiosk.close()
    assert kiosk.errors == []


def assert_fits(page: Page) -> None:
    report = page.evaluate(
        """() => {
        const root = document.documentElement;
        const boxes = [...document.querySelectorAll('button')]
          .filter(b => b.offsetParent !== null && getComputedStyle(b).visibility !== 'hidden')
          .map(b => ({text: b.textContent.trim(), w: b.getBoundingClientRect().width,
                      h: b.getBoundingClientRect().height, clipped: b.scrollWidth > b.clientWidth + 1}));
        const texts = [...document.querySelectorAll('h1, h2, p, li, button')]
          .filter(e => e.offsetParent !== null)
          .map(e => ({tag: e.tagName, overflow: e.scrollWidth > e.clientWidth + 1}));
        const colour = (e, p) => getComputedStyle(e)[p];
        const backdrop = (e) => {
          const own = colour(e, 'backgroundColor');
          return own === 'rgba(0, 0, 0, 0)' ? colour(document.body, 'backgroundColor') : own;
        };
        const pairs = [
          ['body', 'body'], ['.primary, #next', '.primary, #next'], ['h1', 'body'], ['.meta, #position', 'body'],
        ]
          .map(([fg, bg]) => [document.querySelector(fg), document.querySelector(bg)])
          .filter(([fg, bg]) => fg && bg)
          .map(([fg, bg]) => [colour(fg, 'color'), backdrop(bg)]);
        return {pageOverflow: root.scrollWidth > root.clientWidth, boxes, texts, pairs};
    }"""
    )
    assert report["pageOverflow"] is False
    assert [b for b in report["boxes"] if b["w"] < 48 or b["h"] < 48] == []
    assert [b for b in report["boxes"] if b["clipped"]] == []
    assert [t for t in report["texts"] if t["overflow"]] == []
    for foreground, background in report["pairs"]:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two `rgb(…)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_kiosk_is_served_with_a_strict_content_security_policy(server: Server) -> None:
    with urllib.request.urlopen(f"{server.base}/kiosk/", timeout=5) as response:
        policy = response.headers["Content-Security-Policy"]
        html = response.read().decode()
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in html
    assert "style=" not in html


@pytest.mark.parametrize("query", ["", "?lang=ur", "?idle=60"])
def test_offline_from_the_first_visit_whatever_the_query(browser: Browser, server: Server, query: str) -> None:
    """Issue 14, findings 1 and 2: a fresh profile's first visit keeps the page, the fonts and every
    language's bundle; with the server gone, a reload, with or without a query, shows the kiosk."""
    kiosk = Kiosk(browser, server.base, PORTRAIT, query)
    page = kiosk.page
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    server.stop()
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator(".topic")).to_have_count(len(SECTIONS))
    expect(page.locator("#notice")).not_to_be_hidden()
    if query != "?lang=ur":
        kiosk.to_urdu()
    expect(page.locator("html")).to_have_attribute("lang", "ur")  # its bundle was kept on the first visit
    kiosk.close()


def test_the_offline_notice_clears_when_the_network_returns(browser: Browser, server: Server) -> None:
    """Issue 14, finding 7: the notice stayed for good, the content was never asked for again."""
    kiosk = Kiosk(browser, server.base, PORTRAIT)
    page = kiosk.page
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    server.stop()
    page.reload()
    expect(page.locator("#notice")).not_to_be_hidden()
    page.locator(".topic").nth(1).click()  # a patient reading, offline
    heading = kiosk.heading()
    server.restart()
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.locator("#notice")).to_be_hidden()
    assert kiosk.heading() == heading  # on the screen the patient was on
    kiosk.close()
