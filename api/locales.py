"""Which locale a request gets, and the CLDR facts about a locale (names, direction).

Babel negotiates and knows the locale data; it does not parse `Accept-Language`, so
`parse_accept_language` does, as one small pure function that never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import msgspec
from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale

SOURCE_LOCALE = "en"
"""The language of content/: served as written, never from a catalogue."""
MAX_HEADER_CHARS = 1024
"""Longer `Accept-Language` values are cut here: no real browser sends more."""
MAX_LANGUAGE_RANGES = 32
_LANGUAGE_RANGE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)$")
_Q_VALUE = re.compile(r"^[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


class LocaleFacts(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    english_name: str
    native_name: str
    dir: str


def locale_facts(code: str) -> LocaleFacts:
    """Names and text direction of `code` from CLDR."""
    locale = Locale.parse(code)
    return LocaleFacts(
        code=code,
        english_name=locale.get_display_name("en") or code,
        native_name=locale.get_display_name(locale) or code,
        dir=locale.text_direction,
    )


def closest_locale(tag: str, available: Sequence[str]) -> str | None:
    """The one of `available` that `tag` names in another spelling or region (`UR`, `ur-PK` → `ur`).

    >>> closest_locale("UR-pk", ["de", "ur"]), closest_locale("ar", ["de", "ur"])
    ('ur', None)
    """
    if not _LANGUAGE_RANGE.match(tag) or tag == "*":
        return None
    found = negotiate_locale([tag.replace("-", "_")], list(available), sep="_")
    return None if found is None else next(code for code in available if code.lower() == found.lower())


def is_known_locale(code: str) -> bool:
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def parse_accept_language(header: str) -> tuple[str, ...]:
    """Language ranges from an `Accept-Language` value, best first (RFC 9110 §12.5.4).

    Ranges with q=0 or a malformed part are dropped; equal q-values keep their order. Never
    raises: whatever the client sent, the worst outcome is an empty preference.

    >>> parse_accept_language("en;q=0.5, ur_PK, fr;q=0, *;q=0.1")
    ('ur-PK', 'en', '*')
    >>> parse_accept_language("ur;q=2, ;;, x-y_z!")
    ()
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header[:MAX_HEADER_CHARS].split(",")[:MAX_LANGUAGE_RANGES]):
        tag, *params = (piece.strip() for piece in part.split(";"))
        if not _LANGUAGE_RANGE.match(tag):
            continue
        quality = 1.0
        for param in params:
            q_match = _Q_VALUE.match(param)
            if q_match:
                quality = float(q_match.group(1))
            elif param:
                quality = -1.0  # a parameter we cannot read: ignore the whole range
        if quality > 0:
            ranked.append((-quality, position, tag.replace("_", "-")))
    return tuple(tag for _, _, tag in sorted(ranked))


class LocaleChooser:
    """Picks a served locale for a request; remembers recent answers, since few headers repeat many times."""

    def __init__(self, served: Sequence[str], default: str) -> None:
        self.served = tuple(served)
        self.default = default
        self._served_by_lowercase = {code.lower(): code for code in self.served}
        self.for_accept_language: Callable[[str], str] = lru_cache(maxsize=512)(self._negotiate)
        self.for_lang_parameter: Callable[[str], str | None] = lru_cache(maxsize=512)(self._match_parameter)

    def _negotiate(self, header: str) -> str:
        preferred = [tag for tag in parse_accept_language(header) if tag != "*"]
        return self._served_code(negotiate_locale(preferred, self.served, sep="-")) or self.default

    def _match_parameter(self, value: str) -> str | None:
        """`?lang=`: a BCP 47 tag in any case, `-` or `_`; None when we do not serve it."""
        tag = value.strip().replace("_", "-")
        if not _LANGUAGE_RANGE.match(tag) or tag == "*":
            return None
        return self._served_code(negotiate_locale([tag], self.served, sep="-", aliases={}))

    def _served_code(self, negotiated: str | None) -> str | None:
        """Babel answers in the client's spelling (`UR`); we answer with our own code."""
        return None if negotiated is None else self._served_by_lowercase.get(negotiated.lower())
