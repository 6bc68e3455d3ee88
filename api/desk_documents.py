"""The translators' desk's documents: a catalogue's entries as JSON (never PO text), the edits a
translator sends back, and what the checks say about them. Re-exported by `api.documents`."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from api.catalogue_documents import CatalogueProblem
from api.document_base import Document

EntryState = Literal["translated", "untranslated", "fuzzy", "problem"]
"""`problem`: translated, but a check found an error, so English is served until it is fixed."""


class EntryEdit(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A translator's new text for one entry, found by `msgctxt` and `msgid`."""

    msgid: str
    msgctxt: str | None = None
    translation: str | None = None
    """For an entry without plural forms."""
    plural_forms: dict[str, str] | None = None
    """For an entry with plural forms: one text per CLDR category (`one`, `other`, …)."""
    fuzzy: bool = False
    """True keeps (or marks) it as needing review: it is not served until then."""


class EntryEdits(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The entries a translator changed (only those)."""

    entries: Annotated[list[EntryEdit], msgspec.Meta(max_length=2000)]


class GlossaryHint(Document, frozen=True, kw_only=True):
    """A glossary term the English uses, and how the language renders it."""

    english: list[str]
    """Every English form of the term (matched as whole words)."""
    translations: list[str]
    """The renderings to use (every inflected form)."""
    rejected: list[str] = msgspec.field(default_factory=list)
    """Renderings not to use."""
    note: str = ""


class DeskEntry(Document, frozen=True, kw_only=True):
    """One string of a catalogue with everything a translator needs beside it."""

    id: str
    """Stable for this `msgctxt` and `msgid` (a hash): a row's id on the desk."""
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    places: list[str]
    """Where it appears, in words (`Article …, section …: paragraph 2`), or the UI string's note."""
    state: EntryState
    translation: str | None = None
    plural_forms: dict[str, str] | None = None
    """By CLDR category, for an entry with plural forms."""
    previous_msgid: str | None = None
    """For a fuzzy entry: the English it was translated from."""
    problems: list[CatalogueProblem] = msgspec.field(default_factory=list)
    """What the checks found (not counting `untranslated` and `fuzzy`, which `state` says)."""
    terms: list[GlossaryHint] = msgspec.field(default_factory=list)
    """The language's glossary terms the English uses (`locales/<lang>/glossary.toml`)."""


class CatalogueEntries(Document, frozen=True, kw_only=True):
    """A catalogue in service as entries; its ETag (also the response's) is what a save sends as
    `If-Match`, the same as the `.po` download's."""

    locale: str
    domain: str
    etag: str
    revision: str | None
    dir: Literal["ltr", "rtl"]
    script: str
    """ISO 15924 (CLDR's likely one): the face to edit and preview in."""
    digits: str
    """CLDR's native numbering system, as the kiosk numbers lists in it."""
    plural_categories: list[str]
    total: int
    translated: int
    entries: list[DeskEntry]


class CheckedEntry(Document, frozen=True, kw_only=True):
    """One edited entry: the state it would have and what the checks found."""

    id: str
    msgid: str
    msgctxt: str | None = None
    state: EntryState
    problems: list[CatalogueProblem] = msgspec.field(default_factory=list)


class CheckResult(Document, frozen=True, kw_only=True):
    """What the checks say about edited entries, nothing saved."""

    locale: str
    domain: str
    entries: list[CheckedEntry]


class EntryText(Document, frozen=True, kw_only=True):
    """What one entry said in one version."""

    translation: str | None = None
    plural_forms: list[str] | None = None
    """In the catalogue's (gettext's) order."""
    fuzzy: bool = False


class EntryChange(Document, frozen=True, kw_only=True):
    """One entry that differs between two versions; `before` or `after` is absent for an entry
    only one of them has."""

    msgid: str
    msgctxt: str | None = None
    before: EntryText | None = None
    after: EntryText | None = None


class VersionChanges(Document, frozen=True, kw_only=True):
    """Entry by entry, what a kept version changed against another (by default, the one before it)."""

    locale: str
    domain: str
    version: str
    against: str | None
    """None for the oldest version kept: every entry it has is listed as added."""
    changes: list[EntryChange]
