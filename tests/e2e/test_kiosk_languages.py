"""Languages added the way content/README.md says (a second article, `extract`, `update`, `init`,
a partial translation, a threshold of its own), shown by the kiosk each in the face its readers
expect: Shahmukhi Punjabi in Nastaliq like Urdu, Pashto in Naskh, Gurmukhi Punjabi in its own
(headless Chromium, the fonts the server ships, nothing from the system)."""

from __future__ import annotations

import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from api.cli import main
from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import PORTRAIT, Kiosk, api, browser, rendered_fonts
from tests.e2e.test_kiosk_library import SECOND_ARTICLE
from tests.library import Translations, build_library, translate

pytestmark = pytest.mark.e2e
__all__ = ["browser"]

TITLE = "Sample Procedure: What to Expect"
PARTLY: dict[str, Translations] = {
    "pa-Arab": {("", TITLE): "نمونہ علاج: کیہ امید رکھیے", ("next", "Next"): "اگلا", ("back", "Back"): "پچھے"},
    "ps": {("", TITLE): "نمونه درملنه: څه تمه وکړئ", ("next", "Next"): "بل", ("back", "Back"): "شاته"},
    "pa": {("", TITLE): "ਨਮੂਨਾ ਇਲਾਜ: ਕੀ ਉਮੀਦ ਰੱਖੀਏ", ("next", "Next"): "ਅੱਗੇ", ("back", "Back"): "ਪਿੱਛੇ"},
}
FACES = {
    "pa-Arab": "Noto Nastaliq Urdu",
    "ps": "Noto Naskh Arabic",
    "pa": "Noto Sans Gurmukhi",
    "ur": "Noto Nastaliq Urdu",
}


@pytest.fixture(scope="module")
def languages_server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory() as scratch:
        content_dir, locales_dir = build_library(Path(scratch))
        (content_dir / "articles" / "chemical-peel.toml").write_text(SECOND_ARTICLE, encoding="utf-8")
        common = ["--content", str(content_dir), "--locales", str(locales_dir)]
        assert main(["extract", *common]) == main(["update", *common]) == 0
        for tag, translations in PARTLY.items():
            assert main(["init", *common, "--locale", tag]) == 0
            folder = locales_dir / tag.replace("-", "_")
            for path in (folder / "LC_MESSAGES").rglob("*.po"):
                translate(path, translations)
            (folder / "language.toml").write_text("min_coverage = 0.05\n", encoding="utf-8")  # partly translated
        with server_process(*common) as running:
            yield running


def test_each_language_is_negotiated_by_its_script(languages_server: Server) -> None:
    base = languages_server.base
    listed = {entry["code"]: entry["script"] for entry in api(base, "/v1/locales")["locales"]}
    assert listed == {"en": "Latn", "de": "Latn", "pa": "Guru", "pa-Arab": "Arab", "ps": "Arab", "ur": "Arab"}
    for accept_language, locale in (("pa-PK", "pa-Arab"), ("pa", "pa"), ("pa-IN", "pa"), ("ur-Arab-PK", "ur")):
        request = urllib.request.Request(f"{base}/v1/clinic", headers={"Accept-Language": accept_language})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Language"] == locale, accept_language


def test_the_menu_names_each_language_in_itself_and_draws_it_in_its_own_face(
    browser: Browser, languages_server: Server
) -> None:
    kiosk = Kiosk(browser, languages_server.base, PORTRAIT)
    page = kiosk.page
    page.click("#language")
    expect(page.locator(".language-choice")).to_have_count(6)
    page.evaluate("() => document.fonts.ready.then(() => true)")  # faces load when first used
    for tag, face in FACES.items():
        assert rendered_fonts(page, f'.language-choice[lang="{tag}"]')[0] == face, tag
    for tag in PARTLY:
        page.locator(f'.language-choice[lang="{tag}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", tag)
        article = '.topic.article[data-slug="sample-procedure"]'
        expect(page.locator(article)).to_contain_text(PARTLY[tag][("", TITLE)])  # translated in part: its title is
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert rendered_fonts(page, article)[0] == FACES[tag], tag
        page.click("#language")
    kiosk.close()
    assert kiosk.errors == []
