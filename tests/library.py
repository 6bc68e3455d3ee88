"""A small content library of the tests' own: one article with both kinds of list, the clinic, the
UI strings, and catalogues for an RTL language (Urdu) and an LTR one (German).

Built through the project's own path (`extract`, `init`), then translated as a translator would
(polib), so the tests never depend on the shipped content and a change to it breaks none of them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path

import msgspec
import polib

from api.catalogues.files import PO_WRAP_WIDTH
from api.catalogues.operations import extract_templates, init_locale
from api.content_files import DESK_STRINGS as DESK_STRINGS_FILE
from api.model import UiStrings

SLUG = "sample-procedure"
ARTICLE_DOMAIN = f"articles/{SLUG}"
"""The gettext domain of the library's article: its catalogues are `articles/sample-procedure.po`."""
ARTICLE_PO = f"/v1/catalogues/ur.po?domain={ARTICLE_DOMAIN}"
"""Where the Urdu catalogue of the library's article is downloaded and uploaded."""
SECTIONS = ("what-it-is", "benefits", "aftercare", "conclusion")
LOCALES = ("ur", "de")
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

ARTICLE = f'''slug = "{SLUG}"
title = "Sample Procedure: What to Expect"
summary = "This article explains a sample procedure in plain words."

[[sections]]
id = "what-it-is"
heading = "What Is It?"
blocks = [
  {{ type = "paragraph", text = "The procedure takes about 30 minutes." }},
  {{ type = "paragraph", text = "Results can last 3 to 6 months." }},
]

[[sections]]
id = "benefits"
heading = "The Benefits"

[[sections.blocks]]
type = "list"
id = "benefits"
intro = "The main benefits are:"
items = [
  {{ id = "smoother-skin", title = "Smoother Skin", text = "The skin can feel smoother." }},
  {{ id = "little-downtime", title = "Little Downtime", text = "Most people return to work the next day." }},
]

[[sections]]
id = "aftercare"
heading = "Aftercare"

[[sections.blocks]]
type = "list"
id = "aftercare"
intro = "After the treatment:"
items = [
  {{ id = "keep-clean", text = "Keep the area clean." }},
  {{ id = "avoid-sun", text = "Avoid direct sun for a week." }},
  {{ id = "ask-us", text = "Call the clinic if you have questions." }},
]
outro = "Follow these steps for the best results."

[[sections]]
id = "conclusion"
heading = "Conclusion"
blocks = [{{ type = "paragraph", text = "Ask your doctor whether it suits you." }}]
'''

CLINIC = """location = "The clinic is on Main Road."
licence = "Licensed clinic."
city = "Lahore"
area = "Gulberg"
street = "Main Road"
licensed = true
"""

UI_STRINGS: tuple[tuple[str, str, str | None, str], ...] = (
    ("next", "Next", None, "Button: go to the next section of an article."),
    ("back", "Back", None, "Button: go to the previous section or page."),
    ("home", "Home", None, "Button: return to the start screen."),
    ("language", "Language", None, "Label of the language switch."),
    ("aftercare", "Aftercare", None, "Button and page title: the aftercare guidelines."),
    ("benefits", "Benefits", None, "Button and page title: the list of benefits."),
    ("topics", "Topics", None, "Heading above the list of an article's sections."),
    ("start", "Start reading", None, "Button: open the first section of the article."),
    ("clinic", "About the clinic", None, "Heading of the clinic's details."),
    ("licensed", "Licensed clinic", None, "Badge shown when the clinic is licensed."),
    ("offline", "You are offline. Showing saved content.", None, "Notice when the network is down."),
    ("touch_to_begin", "Touch the screen to begin", None, "Hint on the kiosk's start screen."),
    ("section_position", "Section {n} of {total}", None, "Progress: {n} is the section, {total} how many."),
    ("reading_time", "{n}-minute read", "{n}-minute read", "How long the article takes to read."),
    ("section_count", "{n} section", "{n} sections", "How many sections an article has."),
    ("list_marker", "{n}.", None, "Marker of a numbered list item; {n} is its number."),
    ("retry", "Try again", None, "Button on an error screen."),
    ("error_title", "Sorry, something went wrong", None, "Heading of an error screen."),
    ("error_load", "The information could not be loaded.", None, "When the server cannot be reached."),
    ("error_language", "This language is not available yet.", None, "When a language cannot be shown."),
)

Translations = dict[tuple[str, str], str | tuple[str, ...]]
"""(msgctxt or "", msgid) → the translation, or its plural forms in gettext order."""

URDU: Translations = {
    ("", "Sample Procedure: What to Expect"): "نمونہ طریقۂ علاج: کیا توقع رکھیں",
    ("", "This article explains a sample procedure in plain words."): (
        "یہ مضمون ایک نمونہ طریقۂ علاج کو آسان الفاظ میں بیان کرتا ہے۔"
    ),
    ("", "What Is It?"): "یہ کیا ہے؟",
    ("", "The procedure takes about 30 minutes."): "یہ طریقۂ علاج تقریباً 30 منٹ لیتا ہے۔",
    ("", "Results can last 3 to 6 months."): "نتائج 3 سے 6 مہینے تک رہ سکتے ہیں۔",
    ("", "The Benefits"): "فوائد",
    ("", "The main benefits are:"): "اہم فوائد یہ ہیں:",
    ("", "Smoother Skin"): "ملائم جلد",
    ("", "The skin can feel smoother."): "جلد زیادہ ملائم محسوس ہو سکتی ہے۔",
    ("", "Little Downtime"): "کم وقفہ",
    ("", "Most people return to work the next day."): "زیادہ تر لوگ اگلے دن کام پر لوٹ جاتے ہیں۔",
    ("", "Aftercare"): "بعد کی دیکھ بھال",
    ("", "After the treatment:"): "علاج کے بعد:",
    ("", "Keep the area clean."): "اس حصے کو صاف رکھیں۔",
    ("", "Avoid direct sun for a week."): "ایک ہفتے تک براہِ راست دھوپ سے بچیں۔",
    ("", "Call the clinic if you have questions."): "سوال ہوں تو کلینک کو فون کریں۔",
    ("", "Follow these steps for the best results."): "بہترین نتائج کے لیے ان ہدایات پر عمل کریں۔",
    ("", "Conclusion"): "خلاصہ",
    ("", "Ask your doctor whether it suits you."): "اپنے ڈاکٹر سے پوچھیں کہ یہ آپ کے لیے موزوں ہے یا نہیں۔",
    ("", "The clinic is on Main Road."): "کلینک مین روڈ پر ہے۔",
    ("", "Licensed clinic."): "لائسنس یافتہ کلینک۔",
    ("", "Lahore"): "لاہور",
    ("", "Gulberg"): "گلبرگ",
    ("", "Main Road"): "مین روڈ",
    ("next", "Next"): "اگلا",
    ("back", "Back"): "پیچھے",
    ("home", "Home"): "سرورق",
    ("language", "Language"): "زبان",
    ("aftercare", "Aftercare"): "بعد کی دیکھ بھال",
    ("benefits", "Benefits"): "فوائد",
    ("topics", "Topics"): "موضوعات",
    ("start", "Start reading"): "پڑھنا شروع کریں",
    ("clinic", "About the clinic"): "کلینک کے بارے میں",
    ("licensed", "Licensed clinic"): "لائسنس یافتہ کلینک",
    ("offline", "You are offline. Showing saved content."): "آپ آف لائن ہیں۔ محفوظ مواد دکھایا جا رہا ہے۔",
    ("touch_to_begin", "Touch the screen to begin"): "شروع کرنے کے لیے اسکرین کو چھوئیں",
    ("section_position", "Section {n} of {total}"): "{total} میں سے حصہ {n}",
    ("reading_time", "{n}-minute read"): ("{n} منٹ کا مطالعہ", "{n} منٹ کا مطالعہ"),
    ("section_count", "{n} section"): ("{n} حصہ", "{n} حصے"),
    ("list_marker", "{n}."): "{n}۔",
    ("retry", "Try again"): "دوبارہ کوشش کریں",
    ("error_title", "Sorry, something went wrong"): "معذرت، کچھ غلط ہو گیا",
    ("error_load", "The information could not be loaded."): "معلومات لوڈ نہیں ہو سکیں۔",
    ("error_language", "This language is not available yet."): "یہ زبان ابھی دستیاب نہیں ہے۔",
}

GERMAN: Translations = {
    ("", "Sample Procedure: What to Expect"): "Beispielbehandlung: Was Sie erwartet",
    ("", "This article explains a sample procedure in plain words."): (
        "Dieser Artikel erklärt eine Beispielbehandlung in einfachen Worten."
    ),
    ("", "What Is It?"): "Was ist das?",
    ("", "The procedure takes about 30 minutes."): "Die Behandlung dauert etwa 30 Minuten.",
    ("", "Results can last 3 to 6 months."): "Die Ergebnisse können 3 bis 6 Monate anhalten.",
    ("", "The Benefits"): "Die Vorteile",
    ("", "The main benefits are:"): "Die wichtigsten Vorteile sind:",
    ("", "Smoother Skin"): "Glattere Haut",
    ("", "The skin can feel smoother."): "Die Haut kann sich glatter anfühlen.",
    ("", "Little Downtime"): "Kurze Ausfallzeit",
    ("", "Most people return to work the next day."): "Die meisten arbeiten am nächsten Tag wieder.",
    ("", "Aftercare"): "Nachsorge",
    ("", "After the treatment:"): "Nach der Behandlung:",
    ("", "Keep the area clean."): "Halten Sie die Stelle sauber.",
    ("", "Avoid direct sun for a week."): "Meiden Sie eine Woche lang direkte Sonne.",
    ("", "Call the clinic if you have questions."): "Rufen Sie die Klinik an, wenn Sie Fragen haben.",
    ("", "Follow these steps for the best results."): "Befolgen Sie diese Schritte für die besten Ergebnisse.",
    ("", "Conclusion"): "Fazit",
    ("", "Ask your doctor whether it suits you."): "Fragen Sie Ihre Ärztin oder Ihren Arzt, ob sie passt.",
    ("", "The clinic is on Main Road."): "Die Klinik liegt an der Main Road.",
    ("", "Licensed clinic."): "Zugelassene Klinik.",
    ("", "Lahore"): "Lahore (Pakistan)",
    ("", "Gulberg"): "Gulberg (Lahore)",
    ("", "Main Road"): "Hauptstraße",
    ("next", "Next"): "Weiter",
    ("back", "Back"): "Zurück",
    ("home", "Home"): "Startseite",
    ("language", "Language"): "Sprache",
    ("aftercare", "Aftercare"): "Nachsorge",
    ("benefits", "Benefits"): "Vorteile",
    ("topics", "Topics"): "Themen",
    ("start", "Start reading"): "Lesen beginnen",
    ("clinic", "About the clinic"): "Über die Klinik",
    ("licensed", "Licensed clinic"): "Zugelassene Klinik",
    ("offline", "You are offline. Showing saved content."): "Sie sind offline. Gespeicherte Inhalte werden angezeigt.",
    ("touch_to_begin", "Touch the screen to begin"): "Berühren Sie den Bildschirm, um zu beginnen",
    ("section_position", "Section {n} of {total}"): "Abschnitt {n} von {total}",
    ("reading_time", "{n}-minute read"): ("{n} Minute Lesezeit", "{n} Minuten Lesezeit"),
    ("section_count", "{n} section"): ("{n} Abschnitt", "{n} Abschnitte"),
    ("list_marker", "{n}."): "{n}.",
    ("retry", "Try again"): "Erneut versuchen",
    ("error_title", "Sorry, something went wrong"): "Leider ist etwas schiefgelaufen",
    ("error_load", "The information could not be loaded."): "Die Informationen konnten nicht geladen werden.",
    ("error_language", "This language is not available yet."): "Diese Sprache ist noch nicht verfügbar.",
}

DESK_STRINGS = msgspec.toml.decode(DESK_STRINGS_FILE.read_bytes(), type=UiStrings).strings
"""The desk's own words (the software's, in `api/desk/strings.toml`): every library has them."""
URDU |= {  # some of the desk's words, so that its Urdu interface can be tried
    ("desk_title", "Translators' desk"): "مترجمین کی میز",
    ("sign_in_heading", "Sign in"): "سائن اِن",
    ("token_label", "Your token"): "آپ کا ٹوکن",
    ("sign_in", "Sign in"): "سائن اِن کریں",
    ("catalogue", "Catalogue"): "کیٹلاگ",
    ("search", "Search"): "تلاش",
    ("publish", "Publish"): "شائع کریں",
    ("interface_language", "Desk language"): "میز کی زبان",
}

TRANSLATIONS: dict[str, Translations] = {"ur": URDU, "de": GERMAN}


def desk_translated(translations: Translations) -> int:
    """How many of the desk's strings `translations` translate."""
    return sum((string.id, string.text) in translations for string in DESK_STRINGS)


def singular(translations: Translations, msgid: str, context: str = "") -> str:
    """The translation of a message without plural forms."""
    translated = translations[(context, msgid)]
    assert isinstance(translated, str), f"{msgid!r} has plural forms"
    return translated


def short_article(slug: str, title: str, aftercare: str, item: tuple[str, str], about: str | None = None) -> str:
    """A further article for library tests: an optional "about" paragraph and a one-item aftercare
    list with the library-wide unique id `<slug>-aftercare`."""
    about_section = (
        f'[[sections]]\nid = "about"\nheading = "About {title}"\n'
        f'blocks = [{{ type = "paragraph", text = "{about}" }}]\n'
        if about
        else ""
    )
    return (
        f'slug = "{slug}"\ntitle = "{title}"\n{about_section}'
        f'[[sections]]\nid = "aftercare"\nheading = "{aftercare}"\n'
        f'[[sections.blocks]]\ntype = "list"\nid = "{slug}-aftercare"\n'
        f'items = [{{ id = "{item[0]}", text = "{item[1]}" }}]\n'
    )


def write_content(content_dir: Path) -> None:
    """The library's English source: `articles/<slug>.toml`, `clinic.toml`, `ui.toml`."""
    (content_dir / "articles").mkdir(parents=True, exist_ok=True)
    (content_dir / "articles" / f"{SLUG}.toml").write_text(ARTICLE, encoding="utf-8")
    (content_dir / "clinic.toml").write_text(CLINIC, encoding="utf-8")
    (content_dir / "ui.toml").write_text(_ui_toml(), encoding="utf-8")


def _ui_toml() -> str:
    blocks = []
    for string_id, text, plural, note in UI_STRINGS:
        lines = ["[[strings]]", f'id = "{string_id}"', f'text = "{text}"']
        if plural:
            lines.append(f'plural = "{plural}"')
        lines.append(f'note = "{note}"')
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def translate(path: Path, translations: Mapping[tuple[str, str], str | tuple[str, ...]]) -> None:
    """Fill a catalogue's entries from `translations`, as a translator's editor would save it."""
    po = polib.pofile(str(path), wrapwidth=PO_WRAP_WIDTH)
    po.metadata["Last-Translator"] = "Test Translator <translator@example.org>"
    for entry in po:
        translated = translations.get((entry.msgctxt or "", entry.msgid))
        if translated is None:
            continue
        if "fuzzy" in entry.flags:  # a translator who writes the translation confirms it
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(translated))
        else:
            assert isinstance(translated, str)
            entry.msgstr = translated
    path.write_text(str(po) + "\n", encoding="utf-8")  # as `clinic-content update` writes it


def build_library(root: Path, locales: tuple[str, ...] = LOCALES) -> tuple[Path, Path]:
    """`root/content` and `root/locales`: the content, its templates and one translated catalogue
    per domain for each of `locales`."""
    content_dir, locales_dir = root / "content", root / "locales"
    write_content(content_dir)
    extract_templates(content_dir, locales_dir, now=BUILT)
    for locale in locales:
        for path in init_locale(locales_dir, locale, now=BUILT):
            translate(path, TRANSLATIONS[locale])
    return content_dir, locales_dir


def copy_library(source: tuple[Path, Path], root: Path) -> tuple[Path, Path]:
    """A private copy of a built library that a test may change."""
    content_dir, locales_dir = root / "content", root / "locales"
    shutil.copytree(source[0], content_dir)
    shutil.copytree(source[1], locales_dir)
    return content_dir, locales_dir
