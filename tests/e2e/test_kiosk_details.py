"""The kiosk's smaller findings (issue 14, findings 8 and 9), in headless Chromium: keyboard use,
the focus ring's contrast, Urdu list markers in Urdu digits, names a screen reader can say, a
title per screen, a toggle that says which language it is in, and whose screen this is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.long_read import CHECKLIST, CLINIC_NAME, SLUG, build_long_read_library
from tests.e2e.long_read import URDU as LONG_READ_URDU
from tests.e2e.server import Server, serving
from tests.e2e.test_kiosk import Kiosk, browser, contrast, kiosk, urdu_digits
from tests.library import SLUG as SAMPLE
from tests.library import URDU

pytestmark = pytest.mark.e2e
__all__ = ["browser", "kiosk"]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The long-read library: `kiosk` (test_kiosk's, errors asserted) opens the kiosk on it."""
    with serving(build_long_read_library) as running:
        yield running


def tab_until(page: Page, target: str, limit: int = 30) -> list[str]:
    """Press Tab until `target` (a CSS selector) has focus; the ids or classes passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        passed.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"))
        if page.evaluate(f"() => document.activeElement.matches({target!r})"):
            return passed
    raise AssertionError(f"{target} never took focus; focus went through {passed}")


def test_the_text_is_reachable_by_keyboard_again_and_next_keeps_focus(kiosk: Kiosk) -> None:
    """Finding 8: once focus left the scrollable text, Tab never came back to it."""
    page = kiosk.page
    page.locator(f".article[data-slug={SAMPLE}]").click()
    page.locator(".topic").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pager")).to_be_visible()
    tab_until(page, "#next")
    tab_until(page, "#screen")  # round again: the text area is in the tab order
    page.keyboard.press("ArrowDown")  # and scrolls from the keyboard
    tab_until(page, "#next")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "next"  # Enter again goes on
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Aftercare")  # the third of four sections


def test_the_focus_ring_stands_out_from_what_surrounds_it(kiosk: Kiosk) -> None:
    """Finding 8: the amber ring was 1.9:1 on the cream page. WCAG 2.2 asks 3:1 (non-text contrast)."""
    page = kiosk.page
    page.locator(f".article[data-slug={SLUG}]").click()
    for selector in ("#language", ".topic >> nth=0", ".primary", "#screen"):
        page.locator(selector).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        ring = page.evaluate(
            """() => {
              const e = document.activeElement, style = getComputedStyle(e);
              const inset = parseFloat(style.outlineOffset) < 0;
              let around = inset ? e : e.parentElement;
              while (getComputedStyle(around).backgroundColor === 'rgba(0, 0, 0, 0)') around = around.parentElement;
              return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
                      around: getComputedStyle(around).backgroundColor};
            }"""
        )
        assert ring["style"] != "none", (selector, ring)
        assert ring["width"] >= 2, (selector, ring)
        assert contrast(ring["colour"], ring["around"]) >= 3, (selector, ring)


def test_urdu_lists_are_numbered_in_urdu_digits_and_text_keeps_its_own(kiosk: Kiosk) -> None:
    page = kiosk.page
    kiosk.to_urdu()
    page.locator(f".article[data-slug={SLUG}]").click()
    page.locator(".lists button").first.click()
    markers = page.locator(".items li").evaluate_all("items => items.map(li => getComputedStyle(li).listStyleType)")
    assert markers == [f'"{urdu_digits(n)}۔ "' for n in range(1, len(CHECKLIST) + 1)]
    page.click("#home")
    page.locator(".article").nth(0).click()  # the sample procedure: "about 30 minutes" as translated
    page.locator(".topic").first.click()
    expect(page.locator(".screen p").first).to_have_text(URDU[("", "The procedure takes about 30 minutes.")])


def test_names_titles_and_whose_screen_it_is(kiosk: Kiosk) -> None:
    page = kiosk.page
    expect(page.locator("#identity")).to_have_text(f"{CLINIC_NAME[0]} Main Road, Gulberg, Lahore")
    expect(page.locator(".article").nth(0).locator(".meta")).to_have_text("1-minute read")
    assert page.title() == f"Topics – {CLINIC_NAME[0]}"
    page.locator(f".article[data-slug={SLUG}]").click()
    first_topic = "1 Preparation and Recommendations Before Your Appointment"  # not "1Preparation…"
    expect(page.locator(".topic").nth(0)).to_have_accessible_name(first_topic)
    page.locator(".topic").nth(1).click()
    assert page.title() == f"Questions – {CLINIC_NAME[0]}"
    expect(page.locator("#language")).to_have_accessible_name("Language: اردو")
    assert page.locator("#language [lang=ur]").inner_text() == "اردو"  # the name in its own language
    kiosk.to_urdu()
    expect(page.locator("#identity")).to_have_text(f"{CLINIC_NAME[1]} مین روڈ، گلبرگ، لاہور")
    assert page.title() == f"{LONG_READ_URDU[('', 'Questions')]} – {CLINIC_NAME[1]}"
    expect(page.locator("#language")).to_have_accessible_name(f"{URDU[('language', 'Language')]}: English")
    expect(page.locator("#language .visually-hidden")).not_to_have_attribute("lang", "en")
