"""Checks of a whole file: its headers and the set of its messages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from babel.messages.plurals import get_plural

from api.catalogues.files import PoFile
from api.catalogues.report import CheckContext, CheckProblem
from api.messages import MessageKey


def check_language_header(catalogue: PoFile, context: CheckContext) -> Iterator[CheckProblem]:
    language = catalogue.headers.get("Language", "").strip()
    if not language:
        yield CheckProblem(
            check="header-language",
            severity="error",
            line=1,
            message=f'The header has no "Language" field; it must say "Language: {context.locale}".',
        )
    elif language.replace("-", "_").lower() != context.locale.lower():
        yield CheckProblem(
            check="header-language",
            severity="error",
            line=catalogue.header_lines.get("Language", 1),
            message=f'The header says "Language: {language}", but this is the {context.locale} catalogue.',
        )


def check_plural_forms_header(catalogue: PoFile, context: CheckContext) -> Iterator[CheckProblem]:
    wanted = get_plural(context.locale).plural_forms
    written = catalogue.headers.get("Plural-Forms", "")
    if _squeeze(written) != _squeeze(wanted):
        found = f'"{written}"' if written else "nothing"
        yield CheckProblem(
            check="header-plural-forms",
            severity="error",
            line=catalogue.header_lines.get("Plural-Forms", 1),
            message=f'"Plural-Forms" must be "{wanted}" for {context.locale}; the header has {found}.',
        )


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(";")


def check_charset_header(catalogue: PoFile, context: CheckContext) -> Iterator[CheckProblem]:
    content_type = catalogue.headers.get("Content-Type", "")
    charset = re.search(r"charset=([\w-]+)", content_type)
    if not charset or charset.group(1).lower().replace("_", "-") != "utf-8":
        yield CheckProblem(
            check="header-charset",
            severity="error",
            line=catalogue.header_lines.get("Content-Type", 1),
            message='The header must say "Content-Type: text/plain; charset=UTF-8".',
        )


def check_duplicates(catalogue: PoFile, context: CheckContext) -> Iterator[CheckProblem]:
    first_line: dict[MessageKey, int] = {}
    for entry in catalogue.entries:
        if entry.key in first_line:
            yield CheckProblem(
                check="duplicate",
                severity="error",
                line=entry.line,
                message=f'"{entry.msgid[:60]}" appears twice (first at line {first_line[entry.key]}); keep one.',
            )
        else:
            first_line[entry.key] = entry.line


def check_template_messages(catalogue: PoFile, context: CheckContext) -> Iterator[CheckProblem]:
    if context.template_keys is None:
        return
    present = {entry.key for entry in catalogue.entries}
    for entry in catalogue.entries:
        if entry.key not in context.template_keys:
            yield CheckProblem(
                check="unknown-message",
                severity="warning",
                line=entry.line,
                message=f'"{entry.msgid[:60]}" is not in the current template (the English changed or was '
                "removed); run `clinic-content update`.",
            )
    missing = len(context.template_keys - present)
    if missing:
        yield CheckProblem(
            check="missing-messages",
            severity="warning",
            line=None,
            message=f"{missing} message(s) of the template are missing; run `clinic-content update`.",
        )
