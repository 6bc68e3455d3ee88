"""What `msgfmt --check-format --check-header` refuses in a file that parses: a repeated message,
no header, plural forms that do not match the header, a `python-brace-format` translation that
names other arguments than its source, and leading or trailing newlines that differ."""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Mapping

from api.catalogues.po_syntax import PoSyntaxError, RawEntry

_NPLURALS = re.compile(r"nplurals\s*=\s*([0-9]+)")
_PLURAL = re.compile(r"plural\s*=\s*([^;]*)")
_NAME_START = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?", re.DOTALL)
SAMPLE_RANGE = range(1001)
"""The values of n over which a plural form counts as used often (as msgfmt computes it)."""


def header_fields(header: RawEntry) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in header.msgstr.split("\n"):
        name, separator, value = line.partition(":")
        if separator and name.strip():
            fields.setdefault(name.strip(), value.strip())
    return fields


def validate(entries: list[RawEntry]) -> RawEntry:
    """Raise `PoSyntaxError` for what msgfmt refuses, at the line msgfmt names; return the header."""
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise PoSyntaxError(entry.line, f"duplicate message definition (first at line {seen[key]}); keep one")
        seen[key] = entry.line
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None and not e.obsolete), None)
    if header is None or not header.msgstr:
        raise PoSyntaxError(1, "PO file header missing or invalid")
    plural_of = _plural_rule(entries, header)
    often: dict[int, Mapping[int, bool]] = {}  # by number of forms: the rule is evaluated once, not per entry
    for entry in entries:
        if not entry.obsolete and entry is not header:
            _check_newlines(entry)
            if "python-brace-format" in entry.flags:
                count = len(entry.msgstr_plural)
                if entry.msgid_plural is not None and count not in often:
                    often[count] = _often_used_forms(plural_of, count)
                _check_brace_format(entry, often.get(count, {}))
    return header


def _plural_rule(entries: list[RawEntry], header: RawEntry) -> Callable[[int], int] | None:
    """The header's plural function; every plural message must have `nplurals` forms."""
    forms = header_fields(header).get("Plural-Forms")
    line = header.msgstr_lines[0]  # where msgfmt reports the header's faults
    rule = None
    if forms is not None and (expression := _PLURAL.search(forms)):
        try:
            rule = _compiled(expression.group(1).strip())
        except (ValueError, SyntaxError, RecursionError):
            raise PoSyntaxError(line, "invalid plural expression") from None
    count = _NPLURALS.search(forms or "")
    if rule is not None and count is not None and expression is not None:
        fault = _range_fault(expression.group(1).strip(), int(count.group(1)))
        if fault:
            raise PoSyntaxError(line, fault)
    plural_entries = [  # msgfmt holds only translated, non-fuzzy plural messages to the header
        e
        for e in entries
        if e.msgid_plural is not None and not e.obsolete and "fuzzy" not in e.flags and all(e.msgstr_plural)
    ]
    if not plural_entries:
        return rule
    if forms is None or rule is None or count is None:
        raise PoSyntaxError(
            plural_entries[0].msgstr_lines[0],
            'message catalog has plural form translations, but the header lacks "Plural-Forms: nplurals=…; plural=…;"',
        )
    wanted = int(count.group(1))
    for entry in plural_entries:
        if len(entry.msgstr_plural) != wanted:
            found = len(entry.msgstr_plural)
            raise PoSyntaxError(
                line, f"nplurals = {wanted}, but the message at line {entry.msgstr_lines[0]} has {found} plural forms"
            )
    return rule


@functools.lru_cache(maxsize=256)
def _compiled(expression: str) -> Callable[[int], int]:
    """A plural expression as a function, compiled once per expression (a language's catalogues
    share one)."""
    return gettext.c2py(expression)


@functools.lru_cache(maxsize=256)
def _range_fault(expression: str, nplurals: int) -> str | None:
    """Why the expression does not name one of the nplurals forms for every n (None if it does);
    evaluated once per expression and count, not once per file."""
    rule = _compiled(expression)
    for n in SAMPLE_RANGE:
        form = rule(n)
        if form < 0:
            return "plural expression can produce negative values"
        if form >= nplurals:
            return f"nplurals = {nplurals} but plural expression can produce values as large as {form}"
    return None


def _check_newlines(entry: RawEntry) -> None:
    lines = entry.msgstr_lines
    pairs = [("msgid_plural", entry.msgid_plural, entry.line)] if entry.msgid_plural is not None else []
    pairs += [("msgstr", entry.msgstr, lines[0])] if entry.msgid_plural is None else []
    pairs += [(f"msgstr[{index}]", form, lines[0]) for index, form in enumerate(entry.msgstr_plural)]
    for name, text, line in pairs:
        if not text:
            continue
        if text.startswith("\n") != entry.msgid.startswith("\n"):
            raise PoSyntaxError(line, f"'msgid' and '{name}' entries do not both begin with '\\n'")
        if text.endswith("\n") != entry.msgid.endswith("\n"):
            raise PoSyntaxError(line, f"'msgid' and '{name}' entries do not both end with '\\n'")


def _check_brace_format(entry: RawEntry, often: Mapping[int, bool]) -> None:
    source = brace_arguments(entry.msgid_plural if entry.msgid_plural is not None else entry.msgid)
    if source is None:
        return  # msgfmt checks translations only against a valid source
    lines = entry.msgstr_lines
    if entry.msgid_plural is None:
        translations = {"msgstr": (entry.msgstr, True, lines[0])}
    else:
        translations = {
            f"msgstr[{i}]": (form, often.get(i, True), lines[0]) for i, form in enumerate(entry.msgstr_plural)
        }
    for name, (text, strict, line) in translations.items():
        if not text:
            continue
        found = brace_arguments(text)
        if found is None:
            raise PoSyntaxError(line, f"'{name}' is not a valid Python brace format string")
        if strict and found != source:
            missing, extra = sorted(source - found), sorted(found - source)
            where, argument = (name, missing[0]) if missing else ("msgid", extra[0])
            raise PoSyntaxError(
                line,
                f"a format specification for argument '{argument}' doesn't exist in '{where}'; "
                "keep every {placeholder} exactly as the English writes it",
            )


def _often_used_forms(plural_of: Callable[[int], int] | None, count: int) -> Mapping[int, bool]:
    """Forms used for only a few values of n (Urdu's form 0, for n = 1) may leave out the number."""
    if plural_of is None:
        return {}
    uses = [0] * count
    for n in SAMPLE_RANGE:
        form = plural_of(n)
        if 0 <= form < count:
            uses[form] += 1
    return {form: used > 5 for form, used in enumerate(uses)}  # noqa: PLR2004 (msgfmt's threshold)


def brace_arguments(text: str) -> frozenset[str] | None:
    """The arguments of a Python brace format string as msgfmt names them (`n`, `n:>3`), or None
    if it is not one. `{{` is a literal brace; a lone `}` is text.

    >>> sorted(brace_arguments("{n} of {total:>3} {{x}}") or ())
    ['n', 'total:>3']
    >>> brace_arguments("{n") is None, brace_arguments("{n.__class__}")
    (True, frozenset({'n.__class__'}))
    """
    names: set[str] = set()
    position = text.find("{")
    while position >= 0:
        if text.startswith("{{", position):
            position = text.find("{", position + 2)
            continue
        end = _directive_end(text, position, top_level=True)
        if end is None:
            return None
        names.add(text[position + 1 : end])
        position = text.find("{", end + 1)
    return frozenset(names)


def _directive_end(text: str, start: int, *, top_level: bool) -> int | None:
    """The index of the `}` closing the directive at `start`, or None when it is not valid."""
    position = _field_end(text, start + 1)
    if position is not None and text.startswith(":", position):
        position = _spec_end(text, position + 1) if top_level else None
    return position if position is not None and text.startswith("}", position) else None


def _field_end(text: str, position: int) -> int | None:
    """After a field name and its `.attribute` and `[index]` accessors."""
    name = _NAME_START.match(text, position)
    if name is None:
        return None
    position = name.end()
    while text.startswith((".", "["), position):
        pattern, closing = (_NAME, "") if text[position] == "." else (_NAME_START, "]")
        part = pattern.match(text, position + 1)
        if part is None or not text.startswith(closing, part.end()):
            return None
        position = part.end() + len(closing)
    return position


def _spec_end(text: str, position: int) -> int | None:
    """After a format specifier: one nested directive, or `[[fill]align][sign][#][0][width][.precision][type]`."""
    if text.startswith("{", position):
        inner = _directive_end(text, position, top_level=False)
        return None if inner is None else inner + 1
    if position >= len(text):
        return None
    spec = _SPEC.match(text, position)
    return spec.end() if spec else position
