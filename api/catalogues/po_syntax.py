"""A strict reader of the PO grammar: it refuses what GNU `msgfmt` refuses, where polib and Babel
would repair the file and serve something else (a title cut short, a garbled header).

The text is read as tokens, as GNU's own lexer does: keywords, strings (continued on the next
lines), `#~` (obsolete) and `#|` (previous) prefixes, flags from `#,`; every other comment is
skipped. The first error is raised as `PoSyntaxError` with msgfmt's line and wording.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""[ \t\f\v]*+(?:
      (?P<string>")
    | (?P<comment>\#)
    | (?P<keyword>[A-Za-z_][A-Za-z0-9_]*+)
    | (?P<index>\[[ \t]*+(?P<number>[0-9]++)[ \t]*+\])
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_PLAIN_LINE = re.compile(
    r"""[ \t\f\v]*+
    (?:(?P<keyword>[A-Za-z_][A-Za-z0-9_]*+)[ \t\f\v]*+)?
    "(?P<value>[^"\\\x04]*+)"
    [ \t\f\v]*+""",
    re.VERBOSE,
)
"""Most lines of a catalogue: a string without escapes, after a keyword or alone. Read whole, they
give the tokens the general loop gives (tests/test_po_syntax_vs_msgfmt.py), a few times faster."""
_STRING_PART = re.compile(r'[^"\\\x04]++')
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]++")
KEYWORDS = frozenset({"domain", "msgctxt", "msgid", "msgid_plural", "msgstr"})
_PREVIOUS_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural"})


class PoSyntaxError(Exception):
    """The file is not a catalogue msgfmt would accept; `line` is the line msgfmt names."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    """`keyword`, `string`, `index`, `flags` (a `#,` line) or `comment` (any other)."""
    value: str
    line: int
    obsolete: bool = False
    previous: bool = False


@dataclass(slots=True)
class RawEntry:
    """One message as read: its strings, flags, and the line of its `msgid`."""

    line: int
    obsolete: bool
    flags: tuple[str, ...] = ()
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: list[str] = field(default_factory=list)
    previous_msgid: str | None = None
    msgstr_lines: list[int] = field(default_factory=list)
    """The line of `msgstr` (or of each `msgstr[n]`), where msgfmt reports a translation's faults."""


@dataclass(frozen=True, slots=True)
class _Line:
    """A line as the lexer sees it: physical lines joined where one ends in a backslash (GNU's
    lexer drops every backslash-newline pair, in strings and out), with where each one starts."""

    text: str
    number: int
    starts: tuple[int, ...] = (0,)

    def number_at(self, position: int) -> int:
        """The physical line of `position`, the one msgfmt names."""
        if len(self.starts) == 1:  # not continued: the usual case
            return self.number
        return self.number + bisect_right(self.starts, position) - 1


def tokens(text: str) -> Iterator[Token]:
    """The file's tokens, line by line (CRLF is accepted, like msgfmt does)."""
    for line in _logical_lines(text):
        plain = _PLAIN_LINE.fullmatch(line.text) if len(line.starts) == 1 else None
        if plain is None:
            yield from _line_tokens(line)
            continue
        if plain["keyword"]:
            yield Token("keyword", plain["keyword"], line.number)
        yield Token("string", plain["value"], line.number)


def _logical_lines(text: str) -> Iterator[_Line]:
    physical = text.split("\n")
    if "\\\n" not in text:  # no continued line: one logical line per physical one
        for number, raw_line in enumerate(physical, start=1):
            yield _Line(raw_line.removesuffix("\r"), number)
        return
    parts: list[str] = []
    starts: list[int] = []
    length, first = 0, 1
    for index, raw_line in enumerate(physical):
        if not parts:
            first = index + 1
        starts.append(length)
        if raw_line.endswith("\\") and index + 1 < len(physical):  # a backslash-newline: dropped
            parts.append(raw_line[:-1])
            length += len(raw_line) - 1
            continue
        parts.append(raw_line.removesuffix("\r"))
        yield _Line("".join(parts), first, tuple(starts))
        parts, starts, length = [], [], 0


def _line_tokens(source: _Line) -> Iterator[Token]:
    line = source.text
    position, obsolete, previous = 0, False, False
    while position < len(line):
        match = _TOKEN.match(line, position)
        if match is None:  # only blanks are left
            return
        number = source.number_at(match.end() - 1)
        if match.group("string"):
            value, position = _string(source, match.end())
            yield Token("string", value, number, obsolete, previous)
        elif match.group("comment"):
            rest = line[match.end() :]
            if rest.startswith("~") and not obsolete:
                obsolete, position = True, match.end() + 1
                if line.startswith("|", position):
                    previous, position = True, position + 1
                continue
            if rest.startswith("|") and not previous:
                previous, position = True, match.end() + 1
                continue
            yield Token("flags" if rest.startswith(",") else "comment", rest[1:], number, obsolete, previous)
            return
        elif match.group("keyword"):
            position = match.end()
            yield Token("keyword", match.group("keyword"), source.number_at(match.start("keyword")), obsolete, previous)
        elif match.group("index"):
            position = match.end()
            yield Token("index", match.group("number"), number, obsolete, previous)
        elif match.group("other") is not None:
            raise PoSyntaxError(number, "syntax error")


def _string(source: _Line, start: int) -> tuple[str, int]:
    """A string's value and the position after its closing quote."""
    line = source.text
    parts: list[str] = []
    position = start
    while True:
        run = _STRING_PART.match(line, position)
        if run:
            parts.append(run.group())
            position = run.end()
        if position >= len(line):
            raise PoSyntaxError(source.number_at(position), "end-of-line within string")
        character = line[position]
        if character == '"':
            return "".join(parts), position + 1
        if character == "\x04":
            raise PoSyntaxError(source.number_at(position), "context separator <EOT> within string")
        escaped, position = _escape(source, position + 1)
        parts.append(escaped)


def _escape(source: _Line, position: int) -> tuple[str, int]:
    line, number = source.text, source.number_at(position)
    if position >= len(line):
        raise PoSyntaxError(number, "end-of-line within string")
    character = line[position]
    if character in _ESCAPES:
        return _ESCAPES[character], position + 1
    octal = _OCTAL.match(line, position)
    if octal:
        return _checked(chr(int(octal.group(), 8)), number), octal.end()
    if character == "x" and (hexadecimal := _HEX.match(line, position + 1)):
        return _checked(chr(int(hexadecimal.group(), 16) & 0xFF), number), hexadecimal.end()
    raise PoSyntaxError(number, "invalid control sequence")


def _checked(character: str, number: int) -> str:
    if character == "\x04":
        raise PoSyntaxError(number, "context separator <EOT> within string")
    return character
