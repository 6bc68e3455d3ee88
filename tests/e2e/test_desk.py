"""The translators' desk (`/translate/`, issue 15) in headless Chromium against a real server with
two workers and two translators: sign in, find a string, see a check fire and clear, preview the
aftercare list with the unsaved change, publish and see it served; a second translator publishing
first gives the first the conflict path; an old version is restored. axe-core on every screen;
screenshots in artifacts/translate/."""

from __future__ import annotations

import json
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from playwright.sync_api import Browser, Page, expect

from api.translators import new_token
from tests.conftest import REPO
from tests.e2e.axe import axe_violations
from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import browser
from tests.library import ARTICLE_DOMAIN, URDU, build_library, singular

pytestmark = pytest.mark.e2e
__all__ = ["browser"]

SHOTS = REPO / "artifacts" / "translate"
KEEP_CLEAN = "Keep the area clean."
AVOID_SUN = "Avoid direct sun for a week."
GLOSSARY = '[[terms]]\nenglish = ["area"]\ntranslations = ["حصہ", "حصے"]\nnote = "the treated skin"\n'
TRANSLATORS = {"amna": "Amna Khan <amna@example.org>", "bilal": "Bilal Ahmed <bilal@example.org>"}


@pytest.fixture
def desk_server() -> Iterator[tuple[Server, dict[str, str]]]:
    with tempfile.TemporaryDirectory() as scratch:
        content_dir, locales_dir = build_library(Path(scratch), ("ur",))
        (locales_dir / "ur" / "glossary.toml").write_text(GLOSSARY, encoding="utf-8")
        tokens, rows = {}, []
        for translator, name in TRANSLATORS.items():
            tokens[translator], row = new_token(translator, name)
            rows.append(msgspec.structs.asdict(row))
        translators = Path(scratch) / "translators.toml"
        translators.write_bytes(msgspec.toml.encode({"translators": rows}))
        arguments = ("--content", str(content_dir), "--locales", str(locales_dir), "--workers", "2")
        with server_process(*arguments, env={"CLINIC_CONTENT_TRANSLATORS_FILE": str(translators)}) as running:
            yield running, tokens


class Desk:
    """A translator's own browser (a fresh profile) on the desk, its uncaught errors collected."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)  # axe's script
        self.page: Page = self.context.new_page()
        self.thrown: list[str] = []
        self.page.on("pageerror", lambda error: self.thrown.append(str(error)))
        self.page.goto(f"{base}/translate/")
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true")

    def sign_in(self, token: str) -> None:
        self.page.get_by_label("Your token").fill(token)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.locator("#desk")).to_be_visible()

    def open_article(self) -> None:
        self.page.get_by_label("Language", exact=True).select_option("ur")
        self.page.get_by_label("Catalogue", exact=True).select_option(ARTICLE_DOMAIN)
        expect(self.page.locator(".row", has_text=KEEP_CLEAN)).to_be_visible()

    def box(self, english: str) -> Any:
        return self.page.get_by_role("textbox", name=f"Translation of: {english}")

    def judged(self, shot: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{shot}.png"))
        assert axe_violations(self.page) == [], shot

    def close(self) -> None:
        self.context.close()
        assert self.thrown == []


def served(base: str, expected: str, times: int = 8, item: int = 0) -> None:
    """The aftercare list in Urdu has `expected` as its `item`, `times` in a row (two workers:
    each reloads on its own)."""
    deadline = time.monotonic() + 15
    seen = 0
    while seen < times:
        with urllib.request.urlopen(f"{base}/v1/lists/aftercare?lang=ur", timeout=5) as response:
            first = json.load(response)["items"][item]["text"]
        seen = seen + 1 if first == expected else 0
        assert time.monotonic() < deadline, f"{expected!r} is not served; the last answer had {first!r}"
        time.sleep(0.05)


def test_find_check_fix_preview_publish(browser: Browser, desk_server: tuple[Server, dict[str, str]]) -> None:
    server, tokens = desk_server
    desk = Desk(browser, server.base)
    page = desk.page
    desk.judged("sign-in")
    desk.sign_in(tokens["amna"])
    desk.open_article()
    page.get_by_label("Search", exact=True).fill("Keep the area")
    expect(page.locator(".row:visible")).to_have_count(1)
    row = page.locator(".row", has_text=KEEP_CLEAN)
    expect(row.locator("mark.term")).to_have_text("area")  # the glossary's term, and its rendering
    expect(row.locator(".suggestion")).to_have_text("حصہ")
    desk.box(KEEP_CLEAN).fill("اس حصے کو صاف ستھرا رکھیں.")  # a Latin full stop
    expect(page.locator(".row", has_text=KEEP_CLEAN).locator(".problem.error[data-check=punctuation]")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_be_disabled()
    desk.judged("check-fired")
    fixed = "اس حصے کو صاف ستھرا رکھیں۔"
    desk.box(KEEP_CLEAN).fill(fixed)
    expect(page.locator(".row", has_text=KEEP_CLEAN).locator(".problem")).to_have_count(0)
    expect(page.locator("#preview-target")).to_have_value("list:aftercare")  # the preview follows the row
    expect(page.locator("#preview-translation li").first).to_have_text(fixed)
    expect(page.locator("#preview-source li").first).to_have_text(KEEP_CLEAN)
    served(server.base, singular(URDU, KEEP_CLEAN), times=1)  # a preview saves nothing
    desk.judged("preview")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#status")).to_contain_text("Published 1 string")
    served(server.base, fixed)
    desk.judged("published")
    desk.close()


def test_a_translator_who_published_second_gets_the_conflict_path(
    browser: Browser, desk_server: tuple[Server, dict[str, str]]
) -> None:
    server, tokens = desk_server
    amna, bilal = Desk(browser, server.base), Desk(browser, server.base)
    for desk, translator in ((amna, "amna"), (bilal, "bilal")):
        desk.sign_in(tokens[translator])
        desk.open_article()
    bilal.box(KEEP_CLEAN).fill("بلال: حصہ صاف رکھیں۔")
    bilal.page.get_by_role("button", name="Publish").click()
    expect(bilal.page.locator("#status")).to_contain_text("Published")
    mine = "آمنہ: حصہ صاف رکھیں۔"
    amna.box(KEEP_CLEAN).fill(mine)
    amna.box(AVOID_SUN).fill("آمنہ: دھوپ سے بچیں۔")
    expect(amna.page.get_by_role("button", name="Publish")).to_be_enabled()
    amna.page.get_by_role("button", name="Publish").click()
    expect(amna.page.locator("#status")).to_contain_text("Someone else published first")
    conflict = amna.page.locator(".row", has_text=KEEP_CLEAN).locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("بلال: حصہ صاف رکھیں۔")
    expect(amna.page.locator(".row", has_text=AVOID_SUN).locator(".conflict")).to_be_hidden()  # only hers
    expect(amna.box(AVOID_SUN)).to_have_value("آمنہ: دھوپ سے بچیں۔")
    expect(amna.page.get_by_role("button", name="Publish")).to_be_disabled()  # until she chooses
    amna.judged("conflict")
    conflict.get_by_role("button", name="Keep mine").click()
    amna.page.get_by_role("button", name="Publish").click()
    expect(amna.page.locator("#status")).to_contain_text("Published 2 strings")
    served(server.base, mine)
    amna.close()
    bilal.close()


def test_history_shows_who_and_restores_an_old_version(
    browser: Browser, desk_server: tuple[Server, dict[str, str]]
) -> None:
    server, tokens = desk_server
    desk = Desk(browser, server.base)
    desk.sign_in(tokens["amna"])
    desk.open_article()
    desk.box(KEEP_CLEAN).fill("نیا ترجمہ۔")
    desk.page.get_by_role("button", name="Publish").click()
    served(server.base, "نیا ترجمہ۔")
    desk.page.get_by_role("button", name="History").click()
    versions = desk.page.locator("#versions > li")
    expect(versions.first).to_contain_text("Amna Khan")
    versions.first.get_by_role("button", name="What changed").click()
    change = versions.first.locator(".changes li")
    expect(change).to_have_count(1)  # computed by the server: only the string she changed
    expect(change.locator("del")).to_have_text(singular(URDU, KEEP_CLEAN))
    expect(change.locator("ins")).to_have_text("نیا ترجمہ۔")
    desk.judged("history")
    versions.nth(1).get_by_role("button", name="Restore this version").click()
    expect(desk.page.locator("#status")).to_contain_text("back in service")
    served(server.base, singular(URDU, KEEP_CLEAN))
    desk.close()


def test_the_readme_s_two_sentences_are_enough(browser: Browser, desk_server: tuple[Server, dict[str, str]]) -> None:
    """Issue 15's "done when": only what the README says, read literally."""
    server, tokens = desk_server
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'paste the token the clinic gave you into "Your token" and press "Sign in"' in readme
    assert 'write your translation in the box beside the English, and press "Publish"' in readme
    desk = Desk(browser, server.base)
    page = desk.page
    page.get_by_label("Your token").fill(tokens["bilal"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Language", exact=True).select_option(label="اردو (Urdu)")
    page.get_by_label("Catalogue", exact=True).select_option(label="Article: sample-procedure")
    page.get_by_label("Search", exact=True).fill("direct sun")
    mine = "ایک ہفتہ سیدھی دھوپ سے دور رہیں۔"
    page.locator(".row:visible").get_by_role("textbox").fill(mine)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#status")).to_contain_text("Published")
    served(server.base, mine, item=1)
    desk.close()


def test_the_desk_speaks_urdu_right_to_left(browser: Browser, desk_server: tuple[Server, dict[str, str]]) -> None:
    """Its own words are the `desk` domain's: a translator may work in Urdu (axe on each screen)."""
    server, tokens = desk_server
    desk = Desk(browser, server.base)
    page = desk.page
    page.get_by_label("Desk language").select_option("ur")
    expect(page.locator("h1")).to_have_text(URDU[("desk_title", "Translators' desk")])
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    desk.judged("sign-in-ur")
    page.get_by_label(singular(URDU, "Your token", "token_label")).fill(tokens["amna"])
    page.get_by_role("button", name=singular(URDU, "Sign in", "sign_in")).click()
    expect(page.locator("#desk")).to_be_visible()
    page.get_by_label(singular(URDU, "Catalogue", "catalogue"), exact=True).select_option(ARTICLE_DOMAIN)
    expect(desk.box(KEEP_CLEAN)).to_have_count(0)  # its name is in the page's words now
    expect(page.locator(".row", has_text=KEEP_CLEAN).locator("textarea")).to_have_attribute("dir", "rtl")
    desk.judged("desk-ur")
    page.locator("#show-history").click()
    expect(page.locator("#versions > li")).to_have_count(1)  # no one has published: it says so
    expect(page.locator("#versions .empty")).to_be_visible()
    desk.judged("history-ur")
    desk.close()


def test_keyboard_only_on_a_tablet(browser: Browser, desk_server: tuple[Server, dict[str, str]]) -> None:
    """Alt+↓ goes to the next string to do, Ctrl+S publishes; at 768×1024 nothing passes the edge."""
    server, tokens = desk_server
    desk = Desk(browser, server.base)
    page = desk.page
    page.set_viewport_size({"width": 768, "height": 1024})
    desk.sign_in(tokens["amna"])
    page.get_by_label("Catalogue", exact=True).select_option("desk")  # the library leaves most of it to do
    first = page.locator(".row", has_text="Translators' desk").first
    expect(first).to_be_visible()
    first.locator("textarea").focus()
    page.keyboard.press("Alt+ArrowDown")
    target = page.locator(".row", has=page.locator("textarea:focus"))
    expect(target).to_have_attribute("data-state", "untranslated")
    english = target.locator(".english").inner_text()
    page.keyboard.type("میز")
    page.keyboard.press("Control+s")
    expect(page.locator("#status")).to_contain_text("Published 1 string")
    expect(page.locator(".row", has_text=english)).to_have_attribute("data-state", "translated")
    expect(page.get_by_role("button", name="Publish")).to_be_disabled()  # nothing left to publish
    wide = page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert wide is False
    desk.judged("tablet")
    desk.close()
