"""What the checks report: problems with their line, and a catalogue's counts.

Errors make a catalogue unfit to serve; warnings tell the translator what to look at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

from api.messages import MessageKey

Severity = Literal["error", "warning"]


class CheckProblem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One thing a check found, with its line; the HTTP layer turns these into `errors` entries."""

    check: str
    """A stable id, e.g. `placeholders`; the README lists them."""
    severity: Severity
    line: int | None
    message: str
    """Plain language: what is wrong and what to do."""
    msgid: str | None = None
    msgctxt: str | None = None


class GlossaryTerm(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One term of a language's glossary (`api/catalogues/glossary.py` describes the file)."""

    english: tuple[str, ...]
    translations: tuple[str, ...]
    rejected: tuple[str, ...] = ()
    note: str = ""


class CheckContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a catalogue is checked against."""

    locale: str
    template_keys: frozenset[MessageKey] | None = None
    """The messages of the current template; None skips the missing/unknown-message checks."""
    allowed_latin: frozenset[str] = frozenset()
    """Latin-script words that may stay in a non-Latin translation (brand names, units)."""
    glossary: tuple[GlossaryTerm, ...] = ()
    """The language's terms and their renderings."""


class CatalogueReport(msgspec.Struct, frozen=True, kw_only=True):
    """What the checks found in one catalogue, with its counts."""

    file: str
    """The file's path, or the name of an upload."""
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    coverage: float
    problems: tuple[CheckProblem, ...]

    @property
    def errors(self) -> tuple[CheckProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def withheld(self) -> frozenset[MessageKey]:
        """Messages whose translation has an error: served in English until fixed."""
        return frozenset((p.msgctxt or "", p.msgid) for p in self.errors if p.msgid is not None)

    @property
    def file_errors(self) -> tuple[CheckProblem, ...]:
        """Errors that concern the whole file (parse, headers, duplicates) rather than one message."""
        return tuple(p for p in self.errors if p.msgid is None)

    @classmethod
    def failed(cls, file: str, check: str, message: str, line: int | None = None) -> CatalogueReport:
        """A report of one error that stopped the checks (the file cannot be read or parsed)."""
        problem = CheckProblem(check=check, severity="error", line=line, message=message)
        return cls(
            file=file, total=0, translated=0, fuzzy=0, untranslated=0, obsolete=0, coverage=0.0, problems=(problem,)
        )


def describe(problems: Iterable[CheckProblem], file: str) -> list[str]:
    """One line per problem, as compilers print them: `file:line: severity [check] message`.

    >>> describe([CheckProblem(check="fuzzy", severity="warning", line=12, message="Review it.")], "ur.po")
    ['ur.po:12: warning [fuzzy] Review it.']
    """
    return [f"{file}:{p.line or 0}: {p.severity} [{p.check}] {p.message}" for p in problems]
