"""String lookup with fallback: the one place a translation is chosen over the English source."""

from __future__ import annotations

from api.catalogues.files import Catalogue
from api.messages import MessageKey


class Translator:
    """Looks strings up in one catalogue and records, per document, where it fell back.

    With no catalogue the locale is the source language: every string is served as written.
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        self._is_source = catalogue is None
        self._translations: dict[MessageKey, tuple[str, ...]] = catalogue.translations if catalogue else {}
        self.fallbacks: list[str] = []

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
