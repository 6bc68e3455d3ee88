"""String lookup with fallback: the one place a translation is chosen over the English source."""

from __future__ import annotations

from collections.abc import Mapping

from api.catalogues.files import Catalogue
from api.messages import MessageKey


class Translator:
    """Looks strings up in the catalogue of one domain at a time (`use`) and records, per
    document, where it fell back; a document that spans articles switches domain as it goes.

    With no catalogues the locale is the source language: every string is served as written.
    """

    def __init__(self, catalogues: Mapping[str, Catalogue] | None, domain: str) -> None:
        self._is_source = catalogues is None
        self._catalogues = catalogues or {}
        self._translations: Mapping[MessageKey, tuple[str, ...]] = {}
        self._unpacked: dict[str, Mapping[MessageKey, tuple[str, ...]]] = {}
        """Each domain's translations, unpacked on first use (a document may switch back and forth)."""
        self.fallbacks: list[str] = []
        self.use(domain)

    def use(self, domain: str) -> Translator:
        """Look further strings up in `domain` (a missing catalogue translates nothing)."""
        if domain not in self._unpacked:
            catalogue = self._catalogues.get(domain)
            self._unpacked[domain] = catalogue.translations if catalogue else {}
        self._translations = self._unpacked[domain]
        return self

    def text(self, source: str, pointer: str, context: str = "") -> str:
        if self._is_source:
            return source
        forms = self._translations.get((context, source))
        if forms is None:
            self.fallbacks.append(pointer)
            return source
        return forms[0]

    def optional(self, source: str | None, pointer: str) -> str | None:
        return None if source is None else self.text(source, pointer)

    def forms(self, key: MessageKey) -> tuple[str, ...] | None:
        """Plural forms in the catalogue's order; None for the source language or when missing."""
        return self._translations.get(key)

    def take_fallbacks(self) -> list[str]:
        """The pointers noted since the last call: each document gets only its own."""
        taken, self.fallbacks = self.fallbacks, []
        return taken
