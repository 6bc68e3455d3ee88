"""What the message and file checks share: their signatures, patterns and the problem they report."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from api.catalogues.files import PoEntry, PoFile, visible
from api.catalogues.report import CheckContext, CheckProblem, Severity

EntryCheck = Callable[[PoEntry, CheckContext], Iterator[CheckProblem]]
FileCheck = Callable[[PoFile, CheckContext], Iterator[CheckProblem]]

BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*+\))?[-+ #0]*+\d*+(?:\.\d++)?[sdifrxXeEgGcoa%]")
"""Possessive runs (`*+`): a `%` followed by thousands of zeros and no conversion is one linear
scan, not a backtracking search (a 52 KB upload once froze a worker)."""
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def entry_problem(check: str, severity: Severity, entry: PoEntry, message: str) -> CheckProblem:
    return CheckProblem(
        check=check, severity=severity, line=entry.line, message=message, msgid=entry.msgid, msgctxt=entry.msgctxt
    )


@functools.lru_cache(maxsize=64)
def translated_pairs(entry: PoEntry) -> tuple[tuple[str, str], ...]:
    """(source, translation) for each non-empty form; plural forms after the first pair with msgid_plural.
    Every check of an entry asks, one after the other: made once per entry."""
    if entry.fuzzy:
        return ()
    return tuple(
        (entry.sources[min(index, len(entry.sources) - 1)], translation)
        for index, translation in enumerate(entry.translations)
        if visible(translation)
    )


def difference(wanted: Counter[str], found: Counter[str], key: Callable[[str], Any] = str) -> str:
    """`missing a, b; unexpected c`: what a translation lacks and adds, compared with its source."""
    missing = sorted((wanted - found).elements(), key=key)
    extra = sorted((found - wanted).elements(), key=key)
    parts = [f"missing {', '.join(missing)}" if missing else "", f"unexpected {', '.join(extra)}" if extra else ""]
    return "; ".join(part for part in parts if part)
