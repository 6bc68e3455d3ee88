"""The registry of translator checks and the one function that runs them.

`clinic-content check`, uploads and the status endpoint all run `check_po_bytes`, so a translator
sees the same problems everywhere.
"""

from __future__ import annotations

from api.catalogues.check_support import EntryCheck, FileCheck, translated_pairs
from api.catalogues.file_checks import (
    check_charset_header,
    check_duplicates,
    check_language_header,
    check_plural_forms_header,
    check_template_messages,
)
from api.catalogues.files import CatalogueError, PoFile, parse_po
from api.catalogues.glossary import check_glossary
from api.catalogues.message_checks import (
    check_fuzzy,
    check_markup,
    check_newlines,
    check_placeholders,
    check_plural_count,
    check_same_as_source,
    check_untranslated,
    check_whitespace,
)
from api.catalogues.report import CatalogueReport, CheckContext, CheckProblem
from api.catalogues.safety_checks import (
    check_invisible_characters,
    check_markup_like,
    check_numbers,
    check_plain_placeholders,
    check_script,
)
from api.catalogues.script_checks import check_latin_words, check_script_punctuation

STATE_CHECKS: tuple[EntryCheck, ...] = (check_untranslated, check_fuzzy, check_plural_count)
"""Checks of an entry's state, whatever its translation."""
TRANSLATION_CHECKS: tuple[EntryCheck, ...] = (
    check_placeholders,
    check_markup,
    check_newlines,
    check_whitespace,
    check_same_as_source,
    check_numbers,
    check_invisible_characters,
    check_script,
    check_markup_like,
    check_plain_placeholders,
    check_script_punctuation,
    check_latin_words,
    check_glossary,
)
"""Checks of each (English, translation) pair of `translated_pairs`: an entry with none (not yet
translated, or fuzzy: a quarter of a half-translated library) is not asked about."""
FILE_CHECKS: tuple[FileCheck, ...] = (
    check_language_header,
    check_plural_forms_header,
    check_charset_header,
    check_duplicates,
    check_template_messages,
)


def check_catalogue(catalogue: PoFile, context: CheckContext) -> CatalogueReport:
    """Run every check; the problems come sorted by line."""
    problems: list[CheckProblem] = [p for check in FILE_CHECKS for p in check(catalogue, context)]
    for entry in catalogue.entries:
        problems += [p for check in STATE_CHECKS for p in check(entry, context)]
        if translated_pairs(entry):
            problems += [p for check in TRANSLATION_CHECKS for p in check(entry, context)]
    total = len(catalogue.entries)
    translated = sum(entry.servable for entry in catalogue.entries)
    fuzzy = sum(entry.fuzzy for entry in catalogue.entries)
    return CatalogueReport(
        file=catalogue.name,
        total=total,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=total - translated - fuzzy,
        obsolete=catalogue.obsolete,
        coverage=round(translated / total, 4) if total else 0.0,
        problems=tuple(sorted(problems, key=lambda p: (p.line or 0, p.check))),
    )


def check_po_bytes(data: bytes, source: str, context: CheckContext) -> tuple[PoFile | None, CatalogueReport]:
    """Parse and check; a file that does not parse gets a report with one `parse` error."""
    try:
        parsed = parse_po(data, source)
    except CatalogueError as error:
        return None, CatalogueReport.failed(source, "parse", error.problem, error.line)
    return parsed, check_catalogue(parsed, context)
