"""A strict reader of the PO grammar: it refuses what GNU `msgfmt` refuses, where polib and Babel
would repair the file and serve something else (a title cut short, a garbled header).

The text is read as tokens, as GNU's own lexer does: keywords, strings (continued on the next
lines), `#~` (obsolete) and `#|` (previous) prefixes, flags from `#,`; every other comment is
skipped. The first error is raised as `PoSyntaxError` with msgfmt's line and wording.
"""

from __future__ import annotations

import re
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


def tokens(text: str) -> Iterator[Token]:
    """The file's tokens, line by line (CRLF is accepted, like msgfmt does)."""
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.removesuffix("\r")
        yield from _line_tokens(line, number)


def _line_tokens(line: str, number: int) -> Iterator[Token]:
    position, obsolete, previous = 0, False, False
    while position < len(line):
        match = _TOKEN.match(line, position)
        if match is None:  # only blanks are left
            return
        if match.group("string"):
            value, position = _string(line, match.end(), number)
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
            yield Token("keyword", match.group("keyword"), number, obsolete, previous)
        elif match.group("index"):
            position = match.end()
            yield Token("index", match.group("number"), number, obsolete, previous)
        elif match.group("other") is not None:
            raise PoSyntaxError(number, "syntax error")


def _string(line: str, start: int, number: int) -> tuple[str, int]:
    """A string's value and the position after its closing quote."""
    parts: list[str] = []
    position = start
    while True:
        run = _STRING_PART.match(line, position)
        if run:
            parts.append(run.group())
            position = run.end()
        if position >= len(line):
            raise PoSyntaxError(number, "end-of-line within string")
        character = line[position]
        if character == '"':
            return "".join(parts), position + 1
        if character == "\x04":
            raise PoSyntaxError(number, "context separator <EOT> within string")
        escaped, position = _escape(line, position + 1, number)
        parts.append(escaped)


def _escape(line: str, position: int, number: int) -> tuple[str, int]:
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
