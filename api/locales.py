"""Which locale a request gets, and the CLDR facts about a locale (names, direction, script).

Locales are served under one canonical BCP 47 tag each (`pa-Arab`); their catalogues live in
gettext-style folders (`pa_Arab`). Negotiation goes through CLDR's likely subtags (`pa-PK` is
Punjabi in Arabic script, so `pa-Arab`), which Babel's `negotiate_locale` does not apply; Babel
does not parse `Accept-Language` either, so `parse_accept_language` does, and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

import msgspec
from babel import Locale, UnknownLocaleError
from babel.core import get_global

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
    script: str
    """ISO 15924, given or CLDR's likely one (`ur` → Arab, `pa` → Guru): what a client picks a font by."""
    digits: str
    """CLDR's native numbering system (`ur` → arabext, `en` → latn): what a client numbers lists in."""


def parse_locale(code: str) -> Locale:
    """Babel's `Locale` of a tag spelled with `-` (BCP 47) or `_` (gettext)."""
    return Locale.parse(code.replace("-", "_"))


def canonical_tag(code: str) -> str:
    """The one BCP 47 tag a locale is served under: `pa_Arab` → `pa-Arab`, `UR` → `ur`.

    >>> canonical_tag("pa_arab"), canonical_tag("ur-Arab-PK"), canonical_tag("UR")
    ('pa-Arab', 'ur-PK', 'ur')
    """
    return str(parse_locale(code)).replace("_", "-")


def catalogue_folder(tag: str) -> str:
    """The gettext folder of a served tag: `pa-Arab` → `pa_Arab`."""
    return tag.replace("-", "_")


@lru_cache(maxsize=1024)
def language_and_script(tag: str) -> tuple[str, str | None] | None:
    """(language, script), the script given or CLDR's likely one: `pa-PK` → (pa, Arab),
    `pa` → (pa, Guru), `ur-Arab-PK` → (ur, Arab); None when CLDR does not know the tag.

    >>> language_and_script("pa-PK"), language_and_script("pa"), language_and_script("ur-Arab-PK")
    (('pa', 'Arab'), ('pa', 'Guru'), ('ur', 'Arab'))
    """
    try:
        locale = parse_locale(tag)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return locale.language, locale.script or likely_script(locale.language, locale.territory)


def likely_script(language: str, territory: str | None = None) -> str | None:
    """CLDR's likely script of a language (in a territory): `ur` → Arab, `pa` → Guru."""
    likely: Mapping[str, str] = get_global("likely_subtags")
    for key in (f"{language}_{territory}" if territory else None, language):
        if key and key in likely:
            parts = likely[key].split("_")
            return parts[1] if len(parts) > 2 else None  # noqa: PLR2004 (language_Script_Territory)
    return None


def locale_facts(code: str) -> LocaleFacts:
    """Names and text direction of `code` from CLDR."""
    locale = parse_locale(code)
    return LocaleFacts(
        code=code,
        english_name=locale.get_display_name("en") or code,
        native_name=locale.get_display_name(locale) or code,
        dir=locale.text_direction,
        script=(language_and_script(code) or ("", None))[1] or "Latn",
        digits=locale.other_numbering_systems.get("native", locale.default_numbering_system),
    )


def closest_locale(tag: str, available: Sequence[str]) -> str | None:
    """The one of `available` that `tag` names in another spelling or region (`UR`, `ur-PK` → `ur`,
    `pa_Arab` → `pa-Arab`).

    >>> closest_locale("UR-pk", ["de", "ur"]), closest_locale("pa_arab", ["pa-Arab"]), closest_locale("ar", ["ur"])
    ('ur', 'pa-Arab', None)
    """
    if not _LANGUAGE_RANGE.match(tag) or tag == "*":
        return None
    return LocaleChooser(available, SOURCE_LOCALE).for_lang_parameter(tag)


def is_known_locale(code: str) -> bool:
    try:
        parse_locale(code)
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
        self._by_lowercase = {code.lower(): code for code in self.served}
        self._by_language_script: dict[tuple[str, str | None], str] = {}
        for code in self.served:
            key = language_and_script(code)
            if key is not None:
                self._by_language_script.setdefault(key, code)
        self.for_accept_language: Callable[[str], str] = lru_cache(maxsize=512)(self._negotiate)
        self.for_lang_parameter: Callable[[str], str | None] = lru_cache(maxsize=512)(self._match_parameter)

    def _negotiate(self, header: str) -> str:
        """The first preference served; `*` (any language) ranked before it is the default's turn."""
        for tag in parse_accept_language(header):
            if tag == "*":
                return self.default
            if (match := self._match(tag)) is not None:
                return match
        return self.default

    def _match_parameter(self, value: str) -> str | None:
        """`?lang=`: a BCP 47 tag in any case, `-` or `_`; None when we do not serve it."""
        tag = value.strip().replace("_", "-")
        if not _LANGUAGE_RANGE.match(tag) or tag == "*":
            return None
        return self._match(tag)

    def _match(self, tag: str) -> str | None:
        """The served tag itself, else the served one of the same language and (likely) script."""
        exact = self._by_lowercase.get(tag.lower())
        if exact is not None:
            return exact
        key = language_and_script(tag)
        return None if key is None else self._by_language_script.get(key)


_SAMPLE_NUMBERS = range(1001)
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


@lru_cache(maxsize=256)
def plural_categories(code: str) -> tuple[str, ...]:
    """The CLDR plural categories of a locale for whole numbers, in CLDR's order (as
    `Intl.PluralRules` names them): `en` → (one, other)."""
    rule = parse_locale(code).plural_form
    seen = {rule(n) for n in _SAMPLE_NUMBERS}
    return tuple(category for category in _CLDR_ORDER if category in seen)


@lru_cache(maxsize=256)
def plural_samples(code: str) -> Mapping[str, int]:
    """A whole number for each category, to find the gettext form that matches it (read-only:
    it is shared by every caller)."""
    rule = parse_locale(code).plural_form
    samples: dict[str, int] = {}
    for n in _SAMPLE_NUMBERS:
        samples.setdefault(rule(n), n)
    return MappingProxyType({category: samples[category] for category in plural_categories(code)})
