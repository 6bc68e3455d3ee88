"""Checks of one message: each function looks at one entry and reports one kind of problem.

Modelled on `babel/messages/checkers.py`, so each is read, tested and extended on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from babel.messages.plurals import get_plural

from api.catalogues.check_support import (
    BRACE,
    LATIN_WORD,
    MARKUP,
    PRINTF,
    difference,
    entry_problem,
    translated_pairs,
)
from api.catalogues.files import PoEntry
from api.catalogues.report import CheckContext, CheckProblem


def check_untranslated(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    if not entry.fuzzy and not entry.translated:
        yield entry_problem("untranslated", "warning", entry, "Not translated yet; English is served meanwhile.")


def check_fuzzy(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    if entry.fuzzy:
        was = f' The English used to be: "{entry.previous_msgid}".' if entry.previous_msgid else ""
        yield entry_problem(
            "fuzzy",
            "warning",
            entry,
            "Marked fuzzy (needs review): English is served until you check the translation "
            f"and remove the fuzzy flag.{was}",
        )


def check_plural_count(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    if not entry.msgid_plural:
        return
    wanted = get_plural(context.locale).num_plurals
    if len(entry.msgstr_plural) != wanted:
        yield entry_problem(
            "plural-count",
            "error",
            entry,
            f"Has {len(entry.msgstr_plural)} plural forms; {context.locale} needs {wanted} "
            f"(msgstr[0] to msgstr[{wanted - 1}]).",
        )


def check_placeholders(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    for source, translation in translated_pairs(entry):
        for pattern, kind, sign in ((BRACE, "{name}", "{"), (PRINTF, "%-style", "%")):
            if sign not in source and sign not in translation:
                continue
            wanted, found = Counter(pattern.findall(source)), Counter(pattern.findall(translation))
            if wanted != found:
                yield entry_problem(
                    "placeholders",
                    "error",
                    entry,
                    f"{kind} placeholders differ from the English: {difference(wanted, found)}. "
                    "Keep every placeholder exactly as written; only move it.",
                )


def check_markup(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    for source, translation in translated_pairs(entry):
        if "<" not in source and "<" not in translation:
            continue
        if Counter(MARKUP.findall(source)) != Counter(MARKUP.findall(translation)):
            yield entry_problem("markup", "error", entry, "Markup tags differ from the English; keep the same tags.")


def check_newlines(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    for source, translation in translated_pairs(entry):
        if source.count("\n") != translation.count("\n"):
            yield entry_problem(
                "newlines",
                "error",
                entry,
                f"Has {translation.count(chr(10))} line breaks; the English has {source.count(chr(10))}.",
            )


def check_whitespace(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    for source, translation in translated_pairs(entry):
        if _edges(source) != _edges(translation):
            yield entry_problem(
                "whitespace",
                "warning",
                entry,
                "Leading or trailing spaces differ from the English; start and end the text as the English does.",
            )


def _edges(text: str) -> tuple[bool, bool]:
    return (text[:1].isspace(), text[-1:].isspace())


def check_same_as_source(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    for source, translation in translated_pairs(entry):
        if translation == source and LATIN_WORD.search(BRACE.sub("", source)):
            yield entry_problem(
                "same-as-source", "warning", entry, "The translation is the English text unchanged; translate it."
            )
