"""Punctuation and leftover Latin words, by writing system rather than by language, so a new
Arabic-script language (Pashto, Sindhi, Shahmukhi Punjabi) is checked like Urdu from its first day.

The table is small and sourced:
- Arabic script writes its own comma ، (U+060C), semicolon ؛ (U+061B) and question mark ؟
  (U+061F): The Unicode Standard 15, §9.2 "Arabic", "Punctuation".
- Urdu and Punjabi in Shahmukhi end a sentence with the Urdu full stop ۔ (U+06D4, ARABIC FULL
  STOP), not `.`; other Arabic-script languages (Arabic, Persian, Pashto, Sindhi) use `.`:
  Unicode §9.2 and CLDR's exemplar punctuation (`ur`, `pa_Arab`: ۔; `ar`, `fa`, `ps`, `sd`: .).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from api.catalogues.check_support import BRACE, LATIN_WORD, MARKUP, PRINTF, entry_problem, translated_pairs
from api.catalogues.files import PoEntry
from api.catalogues.report import CheckContext, CheckProblem
from api.locales import language_and_script

SCRIPT_PUNCTUATION: Mapping[str, Mapping[str, str]] = {"Arab": {",": "،", ";": "؛", "?": "؟"}}
"""Latin mark → the script's own, for each script that has its own."""
FULL_STOP: Mapping[tuple[str, str], str] = {("ur", "Arab"): "۔", ("pa", "Arab"): "۔"}
"""(language, script) → the full stop that replaces `.`."""
_LATIN_MARK = re.compile(r"(?<![0-9A-Za-z])[.,?;](?=\s|$)|(?<=[\u0600-\u06FF\u0750-\u077F])[.,?;]")
"""A Latin mark used as punctuation: after a letter of the script, or before a space or the end
(not a decimal point, not inside a Latin word)."""


@functools.lru_cache(maxsize=256)
def _marks_to_replace(locale: str) -> Mapping[str, str]:
    found = language_and_script(locale)
    if found is None or found[1] is None:
        return {}
    marks = dict(SCRIPT_PUNCTUATION.get(found[1], {}))
    if (found[0], found[1]) in FULL_STOP:
        marks["."] = FULL_STOP[(found[0], found[1])]
    return marks


def check_script_punctuation(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    marks = _marks_to_replace(context.locale)
    if not marks:
        return
    for _, translation in translated_pairs(entry):
        if not any(mark in translation for mark in marks):  # none of the marks at all: most translations
            continue
        if not _LATIN_MARK.search(translation):  # none used as punctuation: none outside placeholders
            continue
        found = sorted({mark for mark in _LATIN_MARK.findall(BRACE.sub("", translation)) if mark in marks})
        if found:
            wanted = ", ".join(f"{marks[mark]} for {mark!r}" for mark in found)
            yield entry_problem(
                "punctuation",
                "error",
                entry,
                f"Latin punctuation {' '.join(repr(mark) for mark in found)} in {context.locale} text: use {wanted}.",
            )


def check_latin_words(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Latin-script words in a language of another script, outside its allow-list."""
    found = language_and_script(context.locale)
    if found is None or found[1] in (None, "Latn"):
        return
    for _, translation in translated_pairs(entry):
        if not LATIN_WORD.search(translation):
            continue
        text = MARKUP.sub("", PRINTF.sub("", BRACE.sub("", translation)))
        words = sorted({w for w in LATIN_WORD.findall(text) if w not in context.allowed_latin})
        if words:
            yield entry_problem(
                "latin-script",
                "warning",
                entry,
                f"Latin-script words left in the {context.locale} text: {', '.join(words)}. Write them in "
                f"{found[1]} script (see locales/GLOSSARY.md) or add them to the allow-list.",
            )
