"""The common shape of a catalogue read whole entries at a time: what polib, msgmerge, Poedit and
`clinic-content update` write (one keyword and one string per line, strings continued on lines of
their own, only the usual escapes). A file of any other shape — or with anything this reader is
not sure of — is left to the general reader (`po_grammar`), which also gives every error: so the
result is always the general reader's, entry for entry (tests/test_po_plain.py), a few times
faster on the files a library is made of.
"""

from __future__ import annotations

import re
from itertools import takewhile

from api.catalogues.po_syntax import RawEntry

_STRING = r'"[^"\\\n\x04]*+(?:\\[ntbrfva\\"][^"\\\n\x04]*+)*+"\n'
_STRINGS = rf"{_STRING}(?:{_STRING})*+"
_PREVIOUS = rf"\#\|\ (?:msgctxt|msgid|msgid_plural)\ {_STRING}(?:\#\|\ {_STRING})*+"
_ENTRY = re.compile(
    rf"""(?P<comments>(?:\#(?![~|])[^\n]*+\n|{_PREVIOUS}|\n)*+)
    (?:msgctxt\ (?P<msgctxt>{_STRINGS}))?
    msgid\ (?P<msgid>{_STRINGS})
    (?:msgstr\ (?P<msgstr>{_STRINGS})
      |msgid_plural\ (?P<plural>{_STRINGS})(?P<forms>(?:msgstr\[[0-9]++\]\ {_STRINGS})++))
    """,
    re.VERBOSE,
)
_TAIL = re.compile(r"(?:\#(?![~|])[^\n]*+\n|\n)*+")
"""What may follow the last entry: comments and blank lines (flags there apply to nothing)."""
_FORM = re.compile(rf"msgstr\[(?P<index>[0-9]++)\]\ (?P<strings>{_STRINGS})")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}


def plain_entries(text: str) -> list[RawEntry] | None:
    """Every entry of `text` when the whole file has the common shape, else None."""
    if "\r" in text:  # CRLF: the general reader's
        return None
    if not text.endswith("\n"):
        text += "\n"  # a last line without its newline reads the same
    entries: list[RawEntry] = []
    position, line = 0, 1
    match = _ENTRY.match(text)
    while match is not None:
        entry, line = _entry(text, match, position, line)
        if entry is None:
            return None
        entries.append(entry)
        position = match.end()
        match = _ENTRY.match(text, position)
    tail = _TAIL.match(text, position)
    return entries if tail is not None and tail.end() == len(text) else None


def _entry(text: str, match: re.Match[str], start: int, line: int) -> tuple[RawEntry | None, int]:
    """The entry `match` read (None if its plural forms are out of order), and the line it ends on."""
    flags, previous = _comments(match["comments"])
    msgid_line = line + text.count("\n", start, match.start("msgid"))
    msgctxt = match["msgctxt"]
    entry = RawEntry(
        line=msgid_line,
        obsolete=False,
        flags=flags,
        msgctxt=None if msgctxt is None else _value(msgctxt),
        msgid=_value(match["msgid"]),
        previous_msgid=previous,
    )
    if match["msgstr"] is not None:
        entry.msgstr = _value(match["msgstr"])
        entry.msgstr_lines = [msgid_line + text.count("\n", match.start("msgid"), match.start("msgstr"))]
    else:
        entry.msgid_plural = _value(match["plural"])
        forms_line = msgid_line + text.count("\n", match.start("msgid"), match.start("forms"))
        for index, form in enumerate(_FORM.finditer(match["forms"])):
            if int(form["index"]) != index:
                return None, line  # the general reader names the error
            entry.msgstr_plural.append(_value(form["strings"]))
            entry.msgstr_lines.append(forms_line + match["forms"].count("\n", 0, form.start()))
    return entry, line + text.count("\n", start, match.end())


def _comments(comments: str) -> tuple[tuple[str, ...], str | None]:
    """The flags of `#,` lines and the last non-empty `#| msgid` (with its `#| "…"` lines)."""
    if "#," not in comments and "#|" not in comments:
        return (), None
    flags: list[str] = []
    previous: str | None = None
    lines = comments.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("#,"):
            flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        elif line.startswith("#| msgid "):
            strings = [line[9:], *takewhile(lambda following: following.startswith('#| "'), lines[number + 1 :])]
            previous = _value("".join(f"{string.removeprefix('#| ')}\n" for string in strings)) or previous
    return tuple(flags), previous


def _value(strings: str) -> str:
    """The joined value of `"…"\\n` lines."""
    inner = strings[1:-2]
    if "\\" not in inner:
        return inner.replace('"\n"', "")
    return "".join(_ESCAPE.sub(lambda m: _ESCAPED[m[1]], part) for part in _split(strings))


def _split(strings: str) -> list[str]:
    """Each line's contents (an escaped quote may be followed by a newline inside the value)."""
    return [line[1:-1] for line in strings[:-1].split("\n")]
