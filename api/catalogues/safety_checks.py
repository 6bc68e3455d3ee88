"""Checks that protect the patient: a translation must not change a number, hide text, carry
another script, smuggle markup, or give clients a placeholder they would not fill as written.

Each is linear in its input (no backtracking patterns), like every check.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import regex

from api.catalogues.check_support import BRACE, difference, entry_problem, translated_pairs
from api.catalogues.files import PoEntry
from api.catalogues.report import CheckContext, CheckProblem
from api.locales import language_and_script, parse_locale

_NUMBER = regex.compile(r"\p{Nd}++")
_MARKUP_LIKE = regex.compile(r"<[A-Za-z/][^<>\s]*+")
_BRACE_GROUP = regex.compile(r"\{[^{}]*+\}|[{}]")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_RTL_JOINERS_AND_MARKS = frozenset("\u200c\u200d\u200e\u200f\u061c")
"""ZWNJ, ZWJ, LRM, RLM and ALM: needed to write Urdu, Persian or Arabic well."""


def check_numbers(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Every number of the English, in any script's digits (Urdu may write ۳ or 3)."""
    for source, translation in translated_pairs(entry):
        written = _NUMBER.findall(source)
        if written == _NUMBER.findall(translation):  # the same digits in the same order, or none: most strings
            continue
        wanted_list, found_list = _numbers(source), _numbers(translation)
        if wanted_list == found_list:  # the same numbers, in other digits (۳ for 3) or with leading zeros
            continue
        wanted, found = Counter(wanted_list), Counter(found_list)
        if wanted != found:
            yield entry_problem(
                "numbers",
                "error",
                entry,
                f"The numbers differ from the English ({difference(wanted, found, _magnitude)}). A changed number can "
                "mislead a patient: keep every number as written (digits of any script are fine).",
            )


def _numbers(text: str) -> list[str]:
    """Each run of digits, in ASCII digits and without leading zeros (`۰۳` → `3`)."""
    return ["".join(str(unicodedata.digit(d)) for d in run).lstrip("0") or "0" for run in _NUMBER.findall(text)]


def _magnitude(number: str) -> tuple[int, str]:
    return len(number), number


def check_invisible_characters(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Direction overrides and control characters can hide or reorder text; refused everywhere.
    Zero-width joiners and direction marks are allowed in right-to-left languages."""
    right_to_left = _direction(context.locale) == "rtl"
    for _, translation in translated_pairs(entry):
        if translation.isprintable():  # no control or format character at all (C speed): nothing to look for
            continue
        found = sorted({f"U+{ord(c):04X}" for c in translation if _forbidden(c, right_to_left=right_to_left)})
        if found:
            yield entry_problem(
                "invisible-characters",
                "error",
                entry,
                f"Invisible or control characters {', '.join(found)} can hide or reorder what a patient reads; "
                "delete them (retype the text around them if you cannot see them).",
            )


def _forbidden(character: str, *, right_to_left: bool) -> bool:
    if character in "\n\t":
        return False
    if character in _BIDI_CONTROLS:
        return True
    category = unicodedata.category(character)
    if category == "Cc":
        return True
    return category == "Cf" and not (right_to_left and character in _RTL_JOINERS_AND_MARKS)


def check_script(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Letters must be of the language's script (CLDR's likely subtags: `ur` → Arab), or Latin
    (the `latin-script` check weighs those), or common to all scripts."""
    script = expected_script(context.locale)
    if script is None:
        return
    foreign = _foreign_letters(script)
    for _, translation in translated_pairs(entry):
        scripts = sorted({unicodedata.name(c, "UNKNOWN").split()[0].title() for c in foreign.findall(translation)})
        if scripts:
            yield entry_problem(
                "script",
                "error",
                entry,
                f"Letters of another script ({', '.join(scripts)}) in a {script}-script language; "
                f"write the translation in {script} script.",
            )


@lru_cache(maxsize=64)
def expected_script(locale: str) -> str | None:
    """The ISO 15924 script of a locale: its own (`pa_Arab`) or CLDR's likely one (`ur` → Arab)."""
    found = language_and_script(locale)
    return None if found is None else found[1]


@lru_cache(maxsize=64)
def _foreign_letters(script: str) -> regex.Pattern[str]:
    allowed = rf"\p{{Script={script}}}\p{{Script=Zyyy}}\p{{Script=Zinh}}\p{{Script=Latn}}"
    return regex.compile(rf"[[\p{{L}}\p{{M}}]--[{allowed}]]", regex.V1)


@lru_cache(maxsize=64)
def _direction(locale: str) -> str:
    return str(parse_locale(locale).text_direction)


def check_markup_like(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Any `<` followed by a letter or `/`, closed or not, must be as in the English."""
    for source, translation in translated_pairs(entry):
        if "<" not in translation:
            continue
        if Counter(_MARKUP_LIKE.findall(source)) != Counter(_MARKUP_LIKE.findall(translation)):
            yield entry_problem(
                "markup-like",
                "error",
                entry,
                "Text that looks like markup (`<` then a letter or `/`) differs from the English; a screen could "
                "read it as a tag. Keep the English's tags and add none.",
            )


def check_plain_placeholders(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    """Clients fill `{name}` and nothing else: no format specs, attributes, doubled or stray braces."""
    for source, translation in translated_pairs(entry):
        if "{" not in translation and "}" not in translation:
            continue
        allowed = set(BRACE.findall(source))
        odd = sorted({group for group in _BRACE_GROUP.findall(translation) if group not in allowed})
        if odd:
            yield entry_problem(
                "placeholder-syntax",
                "error",
                entry,
                f"{', '.join(odd)}: only the English's own placeholders, written as plain {{name}}, are filled by "
                "the apps; anything else in braces would be shown to the patient as it is.",
            )
