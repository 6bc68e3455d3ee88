"""The PO grammar over `po_syntax` tokens: entries, with msgfmt's errors for a missing section, a
plural form out of order, or a keyword where a string belongs."""

from __future__ import annotations

from collections.abc import Iterator

from api.catalogues.po_plain import plain_entries
from api.catalogues.po_syntax import KEYWORDS, PoSyntaxError, RawEntry, Token, tokens

_PREVIOUS_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural"})


class _Stream:
    """Tokens with one of look-ahead."""

    def __init__(self, source: Iterator[Token]) -> None:
        self._source = source
        self._next: Token | None = next(source, None)
        self.last_line = 1

    def peek(self) -> Token | None:
        return self._next

    def take(self) -> Token:
        token = self._next
        if token is None:
            raise PoSyntaxError(self.last_line, "syntax error")
        self.last_line = token.line
        self._next = next(self._source, None)
        return token


def read_entries(text: str) -> list[RawEntry]:
    """Every entry of the file, obsolete ones included, in order; raises `PoSyntaxError`."""
    plain = plain_entries(text)
    if plain is not None:
        return plain
    return general_entries(text)


def general_entries(text: str) -> list[RawEntry]:
    """`read_entries` for a file of any shape, token by token."""
    stream = _Stream(tokens(text))
    entries: list[RawEntry] = []
    flags: list[str] = []
    previous_msgid: str | None = None
    while (token := stream.peek()) is not None:
        if token.kind in ("flags", "comment"):
            stream.take()
            if token.kind == "flags":
                flags += [flag.strip() for flag in token.value.split(",") if flag.strip()]
        elif token.previous:
            previous_msgid = _previous(stream) or previous_msgid
        else:
            entry = _entry(stream)
            if entry is not None:
                entry.flags, entry.previous_msgid = tuple(flags), previous_msgid
                entries.append(entry)
            flags, previous_msgid = [], None
    return entries


def _previous(stream: _Stream) -> str | None:
    """A `#|` line's keyword and strings (only msgctxt, msgid and msgid_plural may follow `#|`)."""
    keyword = stream.take()
    if keyword.kind != "keyword" or keyword.value not in _PREVIOUS_KEYWORDS:
        if keyword.kind == "keyword":
            raise PoSyntaxError(keyword.line, f'keyword "{keyword.value}" unknown')
        raise PoSyntaxError(keyword.line, "syntax error")
    text = _strings(stream, keyword)
    return text if keyword.value == "msgid" else None


def _syntax_error(stream: _Stream, token: Token) -> PoSyntaxError:
    """msgfmt names the token after a stray comment, not the comment itself."""
    while token.kind in ("comment", "flags") and stream.peek() is not None:
        token = stream.take()
    return PoSyntaxError(token.line, "syntax error")


def _keyword(stream: _Stream) -> Token:
    token = stream.take()
    if token.kind != "keyword":
        raise _syntax_error(stream, token)
    if token.value not in KEYWORDS:
        raise PoSyntaxError(token.line, f'keyword "{token.value}" unknown')
    return token


def _strings(stream: _Stream, keyword: Token) -> str:
    """The strings after a keyword, joined; at least one."""
    parts: list[str] = []
    while (token := stream.peek()) is not None and token.kind == "string" and token.previous == keyword.previous:
        parts.append(stream.take().value)
    if not parts:
        following = stream.peek()
        raise PoSyntaxError(following.line if following else keyword.line, "syntax error")
    return "".join(parts)


def _entry(stream: _Stream) -> RawEntry | None:
    keyword = _keyword(stream)
    if keyword.value == "domain":
        _strings(stream, keyword)
        return None
    msgctxt = None
    if keyword.value == "msgctxt":
        msgctxt = _strings(stream, keyword)
        keyword = _keyword(stream)
    if keyword.value != "msgid":
        raise PoSyntaxError(keyword.line, "syntax error")
    entry = RawEntry(line=keyword.line, obsolete=keyword.obsolete, msgctxt=msgctxt, msgid=_strings(stream, keyword))
    following = stream.peek()
    if following is not None and following.kind == "keyword" and following.value not in KEYWORDS:
        raise PoSyntaxError(following.line, f'keyword "{following.value}" unknown')
    if following is None or following.kind != "keyword":
        raise PoSyntaxError(entry.line, "missing 'msgstr' section")
    if following.value == "msgid_plural":
        entry.msgid_plural = _strings(stream, stream.take())
        entry.msgstr_plural = _plural_forms(stream, entry)
    elif following.value == "msgstr":
        msgstr = stream.take()
        if (index := stream.peek()) is not None and index.kind == "index":
            raise PoSyntaxError(entry.line, "missing 'msgid_plural' section")
        entry.msgstr = _strings(stream, msgstr)
        entry.msgstr_lines = [msgstr.line]
    else:
        raise PoSyntaxError(entry.line, "missing 'msgstr' section")
    return entry


def _plural_forms(stream: _Stream, entry: RawEntry) -> list[str]:
    forms: list[str] = []
    while (token := stream.peek()) is not None and token.kind == "keyword" and token.value == "msgstr":
        keyword = stream.take()
        index = stream.take()
        if index.kind != "index":
            raise PoSyntaxError(index.line, "syntax error")
        if int(index.value) != len(forms):
            problem = "first plural form has nonzero index" if not forms else "plural form has wrong index"
            raise PoSyntaxError(index.line, problem)
        forms.append(_strings(stream, keyword))
        entry.msgstr_lines.append(keyword.line)
    if not forms:
        raise PoSyntaxError(entry.line, "missing 'msgstr' section")
    return forms
