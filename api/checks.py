"""Translator checks, shared by `clinic-content check`, uploads and the status endpoint.

Modelled on `babel/messages/checkers.py`: one small function per check, each given one message
(or the whole catalogue) and reporting one kind of problem with its line. Errors make a catalogue
unfit to serve; warnings tell the translator what to look at; English is served meanwhile.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Literal

import msgspec

from api.catalogues import CatalogueError, ParsedCatalogue, PoEntry, expected_plural_forms, parse_po
from api.messages import MessageKey

Severity = Literal["error", "warning"]


class Problem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    check: str
    """A stable id, e.g. `placeholders`; the README lists them."""
    severity: Severity
    line: int | None
    message: str
    """Plain language: what is wrong and what to do."""
    msgid: str | None = None
    msgctxt: str | None = None


class CheckContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a catalogue is checked against."""

    locale: str
    template_keys: frozenset[MessageKey] | None = None
    """The messages of the current template; None skips the missing/unknown-message checks."""
    allowed_latin: frozenset[str] = frozenset()
    """Latin-script words that may stay in a non-Latin translation (brand names, units)."""


class CatalogueReport(msgspec.Struct, frozen=True, kw_only=True):
    source: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    coverage: float
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def withheld(self) -> frozenset[MessageKey]:
        """Messages whose translation has an error: served in English until fixed."""
        return frozenset((p.msgctxt or "", p.msgid) for p in self.errors if p.msgid is not None)

    @property
    def file_errors(self) -> tuple[Problem, ...]:
        """Errors that concern the whole file (parse, headers, duplicates) rather than one message."""
        return tuple(p for p in self.errors if p.msgid is None)


EntryCheck = Callable[[PoEntry, CheckContext], Iterator[Problem]]
CatalogueCheck = Callable[[ParsedCatalogue, CheckContext], Iterator[Problem]]

_BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]")
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_LATIN_PUNCTUATION_SIGN = re.compile(r"[.,?;]")
_URDU_LATIN_PUNCTUATION = re.compile(r"(?<![0-9A-Za-z])[.,?;](?=\s|$)|(?<=[\u0600-\u06FF])[.,?;]")


def _problem(check: str, severity: Severity, entry: PoEntry, message: str) -> Problem:
    return Problem(
        check=check, severity=severity, line=entry.line, message=message, msgid=entry.msgid, msgctxt=entry.msgctxt
    )


def _translated_pairs(entry: PoEntry) -> Iterator[tuple[str, str]]:
    """(source, translation) for each non-empty form; plural forms after the first pair with msgid_plural."""
    if entry.fuzzy:
        return
    for index, translation in enumerate(entry.translations):
        if translation:
            yield (entry.sources[min(index, len(entry.sources) - 1)], translation)


# --- message checks ------------------------------------------------------------------------


def check_untranslated(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    if not entry.fuzzy and not entry.translated:
        yield _problem("untranslated", "warning", entry, "Not translated yet; English is served meanwhile.")


def check_fuzzy(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    if entry.fuzzy:
        was = f' The English used to be: "{entry.previous_msgid}".' if entry.previous_msgid else ""
        yield _problem(
            "fuzzy",
            "warning",
            entry,
            "Marked fuzzy (needs review): English is served until you check the translation "
            f"and remove the fuzzy flag.{was}",
        )


def check_plural_count(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    if not entry.msgid_plural:
        return
    wanted = _nplurals(context.locale)
    if len(entry.msgstr_plural) != wanted:
        yield _problem(
            "plural-count",
            "error",
            entry,
            f"Has {len(entry.msgstr_plural)} plural forms; {context.locale} needs {wanted} "
            f"(msgstr[0] to msgstr[{wanted - 1}]).",
        )


def check_placeholders(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for source, translation in _translated_pairs(entry):
        for pattern, kind, sign in ((_BRACE, "{name}", "{"), (_PRINTF, "%-style", "%")):
            if sign not in source and sign not in translation:
                continue
            wanted, found = Counter(pattern.findall(source)), Counter(pattern.findall(translation))
            if wanted != found:
                missing = sorted((wanted - found).elements())
                extra = sorted((found - wanted).elements())
                parts = [
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unexpected {', '.join(extra)}" if extra else "",
                ]
                yield _problem(
                    "placeholders",
                    "error",
                    entry,
                    f"{kind} placeholders differ from the English: {'; '.join(p for p in parts if p)}. "
                    "Keep every placeholder exactly as written; only move it.",
                )


def check_markup(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for source, translation in _translated_pairs(entry):
        if "<" not in source and "<" not in translation:
            continue
        if Counter(_MARKUP.findall(source)) != Counter(_MARKUP.findall(translation)):
            yield _problem("markup", "error", entry, "Markup tags differ from the English; keep the same tags.")


def check_newlines(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for source, translation in _translated_pairs(entry):
        if source.count("\n") != translation.count("\n"):
            yield _problem(
                "newlines",
                "error",
                entry,
                f"Has {translation.count(chr(10))} line breaks; the English has {source.count(chr(10))}.",
            )


def check_whitespace(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for source, translation in _translated_pairs(entry):
        if _edges(source) != _edges(translation):
            yield _problem(
                "whitespace",
                "warning",
                entry,
                "Leading or trailing spaces differ from the English; start and end the text as the English does.",
            )


def _edges(text: str) -> tuple[bool, bool]:
    return (text[:1].isspace(), text[-1:].isspace())


def check_same_as_source(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for source, translation in _translated_pairs(entry):
        if translation == source and _LATIN_WORD.search(_BRACE.sub("", source)):
            yield _problem(
                "same-as-source", "warning", entry, "The translation is the English text unchanged; translate it."
            )


def check_urdu_punctuation(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for _, translation in _translated_pairs(entry):
        if not _LATIN_PUNCTUATION_SIGN.search(translation):
            continue
        text = _BRACE.sub("", translation)
        found = sorted(set(_URDU_LATIN_PUNCTUATION.findall(text)))
        if found:
            yield _problem(
                "urdu-punctuation",
                "error",
                entry,
                f"Latin punctuation {' '.join(repr(p) for p in found)} in Urdu text: "
                "use ۔ for a full stop, ، for a comma, ؟ for a question mark and ؛ for a semicolon.",
            )


def check_urdu_latin_words(entry: PoEntry, context: CheckContext) -> Iterator[Problem]:
    for _, translation in _translated_pairs(entry):
        if not _LATIN_WORD.search(translation):
            continue
        text = _MARKUP.sub("", _PRINTF.sub("", _BRACE.sub("", translation)))
        words = sorted({w for w in _LATIN_WORD.findall(text) if w not in context.allowed_latin})
        if words:
            yield _problem(
                "latin-script",
                "warning",
                entry,
                f"Latin-script words left in the Urdu text: {', '.join(words)}. Write them in Urdu script "
                "(see locales/GLOSSARY.md) or add them to the allow-list.",
            )


# --- whole-catalogue checks ------------------------------------------------------------------


def check_language_header(catalogue: ParsedCatalogue, context: CheckContext) -> Iterator[Problem]:
    language = catalogue.headers.get("Language", "").strip()
    if not language:
        yield Problem(
            check="header-language",
            severity="error",
            line=1,
            message=f'The header has no "Language" field; it must say "Language: {context.locale}".',
        )
    elif language.replace("-", "_").lower() != context.locale.lower():
        yield Problem(
            check="header-language",
            severity="error",
            line=catalogue.header_lines.get("Language", 1),
            message=f'The header says "Language: {language}", but this is the {context.locale} catalogue.',
        )


def check_plural_forms_header(catalogue: ParsedCatalogue, context: CheckContext) -> Iterator[Problem]:
    wanted = expected_plural_forms(context.locale)
    written = catalogue.headers.get("Plural-Forms", "")
    if _squeeze(written) != _squeeze(wanted):
        found = f'"{written}"' if written else "nothing"
        yield Problem(
            check="header-plural-forms",
            severity="error",
            line=catalogue.header_lines.get("Plural-Forms", 1),
            message=f'"Plural-Forms" must be "{wanted}" for {context.locale}; the header has {found}.',
        )


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(";")


def check_charset_header(catalogue: ParsedCatalogue, context: CheckContext) -> Iterator[Problem]:
    content_type = catalogue.headers.get("Content-Type", "")
    charset = re.search(r"charset=([\w-]+)", content_type)
    if not charset or charset.group(1).lower().replace("_", "-") != "utf-8":
        yield Problem(
            check="header-charset",
            severity="error",
            line=catalogue.header_lines.get("Content-Type", 1),
            message='The header must say "Content-Type: text/plain; charset=UTF-8".',
        )


def check_duplicates(catalogue: ParsedCatalogue, context: CheckContext) -> Iterator[Problem]:
    first_line: dict[MessageKey, int] = {}
    for entry in catalogue.entries:
        if entry.key in first_line:
            yield Problem(
                check="duplicate",
                severity="error",
                line=entry.line,
                message=f'"{entry.msgid[:60]}" appears twice (first at line {first_line[entry.key]}); keep one.',
            )
        else:
            first_line[entry.key] = entry.line


def check_template_messages(catalogue: ParsedCatalogue, context: CheckContext) -> Iterator[Problem]:
    if context.template_keys is None:
        return
    present = {entry.key for entry in catalogue.entries}
    for entry in catalogue.entries:
        if entry.key not in context.template_keys:
            yield Problem(
                check="unknown-message",
                severity="warning",
                line=entry.line,
                message=f'"{entry.msgid[:60]}" is not in the current template (the English changed or was '
                "removed); run `clinic-content update`.",
            )
    missing = len(context.template_keys - present)
    if missing:
        yield Problem(
            check="missing-messages",
            severity="warning",
            line=None,
            message=f"{missing} message(s) of the template are missing; run `clinic-content update`.",
        )


ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    check_untranslated,
    check_fuzzy,
    check_plural_count,
    check_placeholders,
    check_markup,
    check_newlines,
    check_whitespace,
    check_same_as_source,
)
LANGUAGE_CHECKS: Mapping[str, tuple[EntryCheck, ...]] = {"ur": (check_urdu_punctuation, check_urdu_latin_words)}
CATALOGUE_CHECKS: tuple[CatalogueCheck, ...] = (
    check_language_header,
    check_plural_forms_header,
    check_charset_header,
    check_duplicates,
    check_template_messages,
)


def check_catalogue(catalogue: ParsedCatalogue, context: CheckContext) -> CatalogueReport:
    """Run every check; the problems come sorted by line."""
    entry_checks = ENTRY_CHECKS + tuple(LANGUAGE_CHECKS.get(context.locale.split("_")[0], ()))
    problems: list[Problem] = [p for check in CATALOGUE_CHECKS for p in check(catalogue, context)]
    problems += [p for entry in catalogue.entries for check in entry_checks for p in check(entry, context)]
    total = len(catalogue.entries)
    translated = sum(entry.servable for entry in catalogue.entries)
    fuzzy = sum(entry.fuzzy for entry in catalogue.entries)
    return CatalogueReport(
        source=catalogue.source,
        total=total,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=total - translated - fuzzy,
        obsolete=catalogue.obsolete,
        coverage=round(translated / total, 4) if total else 0.0,
        problems=tuple(sorted(problems, key=lambda p: (p.line or 0, p.check))),
    )


def check_po_bytes(data: bytes, source: str, context: CheckContext) -> tuple[ParsedCatalogue | None, CatalogueReport]:
    """Parse and check; a file that does not parse gets a report with one `parse` error."""
    try:
        parsed = parse_po(data, source)
    except CatalogueError as error:
        problem = Problem(check="parse", severity="error", line=error.line, message=error.problem)
        return None, CatalogueReport(
            source=source, total=0, translated=0, fuzzy=0, untranslated=0, obsolete=0, coverage=0.0, problems=(problem,)
        )
    return parsed, check_catalogue(parsed, context)


def _nplurals(locale: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", expected_plural_forms(locale))
    return int(match.group(1)) if match else 2


def describe(problems: Iterable[Problem], source: str) -> list[str]:
    """One line per problem, as compilers print them: `file:line: severity [check] message`."""
    return [f"{source}:{p.line or 0}: {p.severity} [{p.check}] {p.message}" for p in problems]
