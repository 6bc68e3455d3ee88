"""The JSON documents clients receive: the Structs are the response schemas in the OpenAPI document.

Every localized document says its `locale` and `dir`, and lists in `fallbacks` (JSON Pointers into
itself) the strings that were served in English because no translation could be used.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from api.catalogue_documents import (
    CatalogueIndex,
    CatalogueProblem,
    DomainStatus,
    History,
    HistoryVersion,
    LoadProblemDoc,
    LocaleCatalogues,
    Readiness,
    RefusedFile,
    UploadResult,
)
from api.desk_documents import (
    CatalogueEntries,
    CheckedEntry,
    CheckResult,
    DeskEntry,
    EntryChange,
    EntryEdit,
    EntryEdits,
    EntryText,
    GlossaryHint,
    VersionChanges,
)
from api.document_base import Document

Direction = Literal["ltr", "rtl"]
Pointer = Annotated[str, msgspec.Meta(description="A JSON Pointer (RFC 6901) into this document.")]


class Localized(Document, frozen=True, kw_only=True):
    """Base of every localized document: its language, direction and English fallbacks."""

    locale: str
    dir: Direction
    fallbacks: list[Pointer]


class ParagraphBlock(Document, tag="paragraph", tag_field="type", frozen=True, kw_only=True):
    """A paragraph of a section."""

    text: str


class ListItem(Document, frozen=True, kw_only=True):
    """One entry of a list: its stable `id`, an optional bold `title`, and its `text`."""

    id: str
    title: str | None = None
    text: str


class ListBlock(Document, tag="list", tag_field="type", frozen=True, kw_only=True):
    """A list inside a section; `id` is unique in the library and also names its page (`/v1/lists/{id}`)."""

    id: str
    intro: str | None = None
    items: list[ListItem]
    outro: str | None = None


Block = ParagraphBlock | ListBlock


class Section(Document, frozen=True, kw_only=True):
    """One section of an article: a stable `id`, a `heading` and its blocks in order."""

    id: str
    heading: str
    blocks: list[Block]


class Article(Localized, frozen=True, kw_only=True):
    """A whole article in one language; `fallbacks` point at the strings served in English."""

    slug: str
    title: str
    summary: str | None = None
    category: str | None = None
    updated: dt.date | None = None
    reading_minutes: int
    sections: list[Section]


class SectionPage(Localized, frozen=True, kw_only=True):
    """One section with what a pager needs: its 1-based position and its neighbours' ids."""

    article: str
    id: str
    heading: str
    blocks: list[Block]
    position: int
    total: int
    previous: str | None = None
    next: str | None = None


class SectionHeading(Document, frozen=True, kw_only=True):
    """A section's id and heading, for a table of contents."""

    id: str
    heading: str


class ArticleSummary(Document, frozen=True, kw_only=True):
    """An article's entry in the article list."""

    slug: str
    title: str
    summary: str | None = None
    category: str | None = None
    """The article's group, translated; the list keeps the library's order."""
    updated: dt.date | None = None
    """When the article's content last changed (ISO 8601 date)."""
    reading_minutes: int
    sections: list[SectionHeading]
    translated: bool = True
    """False while the article is below the language's coverage threshold (it is served, mostly in
    English, with its `fallbacks`); a client may hide it. Present only when false."""


class ArticleIndex(Localized, frozen=True, kw_only=True):
    """Every article of the library, in the clinic's order."""

    articles: list[ArticleSummary]


class ListPage(Localized, frozen=True, kw_only=True):
    """A list as a page of its own; `title` is the heading of the section it appears in."""

    id: str
    title: str
    article: str
    section: str
    intro: str | None = None
    items: list[ListItem]
    outro: str | None = None


class ListIndex(Localized, frozen=True, kw_only=True):
    """Every list of the library, each as it appears on its own page."""

    lists: list[ListPage]


class Clinic(Localized, frozen=True, kw_only=True):
    """The clinic's details in one language."""

    name: str | None = None
    """The clinic's name, when `clinic.toml` gives one."""
    location: str
    licence: str
    city: str
    area: str
    street: str
    licensed: bool


class UiStrings(Localized, frozen=True, kw_only=True):
    """Client UI strings; `plurals` are keyed by CLDR plural category (as `Intl.PluralRules` gives)."""

    plural_categories: list[str]
    strings: dict[str, str]
    plurals: dict[str, dict[str, str]]


class Bundle(Localized, frozen=True, kw_only=True):
    """Everything for one locale, for offline use; `version` changes whenever any part does."""

    version: str
    articles: list[Article]
    lists: list[ListPage]
    clinic: Clinic
    strings: UiStrings


class SyncedResource(Document, frozen=True, kw_only=True):
    """One resource a client keeps offline, with its ETag and its body."""

    path: str
    """Its own URL under /v1, e.g. `/v1/articles/how-microneedling-works`."""
    etag: str
    document: Any
    """The resource as `GET path` answers it in this locale."""


class Sync(Document, frozen=True, kw_only=True):
    """What changed since `since`: apply `changed`, drop `removed`, remember `version`."""

    locale: str
    version: str
    since: str | None = None
    full: bool
    """True when `since` was unknown or too old: `changed` is then every resource."""
    changed: list[SyncedResource]
    removed: list[str]


class LocaleEntry(Document, frozen=True, kw_only=True):
    """A language the API serves, named in English and in itself."""

    code: str
    english_name: str
    native_name: str
    dir: Direction
    script: Annotated[
        str,
        msgspec.Meta(
            pattern="^[A-Z][a-z]{3}$",
            description="ISO 15924 script, given in the tag or CLDR's likely one (`ur` → `Arab`, `pa` → `Guru`): "
            "pick a font by it.",
        ),
    ]
    digits: Annotated[
        str,
        msgspec.Meta(
            pattern="^[a-z]{4,8}$",
            description="CLDR's native numbering system (`ur` → `arabext`, `en` → `latn`), as "
            "`Intl.NumberFormat`'s `numberingSystem` takes it: number lists and counts in it.",
        ),
    ]
    coverage: Annotated[float, msgspec.Meta(ge=0, le=1, description="Share of strings translated.")]


class LocaleIndex(Document, frozen=True, kw_only=True):
    """The languages served, the default (source) one first."""

    default: str
    locales: list[LocaleEntry]


class Health(Document, frozen=True, kw_only=True):
    """Liveness and the content revision in service."""

    status: Literal["ok", "degraded"]
    """`degraded`: still serving, but changes on disk are not picked up (see `reason`)."""
    revision: str
    locales: list[str]
    reason: str | None = None


__all__ = [  # the translation status and desk documents, re-exported: every body is `api.documents.<Name>`
    "CatalogueEntries",
    "CatalogueIndex",
    "CatalogueProblem",
    "CheckResult",
    "CheckedEntry",
    "DeskEntry",
    "Document",
    "DomainStatus",
    "EntryChange",
    "EntryEdit",
    "EntryEdits",
    "EntryText",
    "GlossaryHint",
    "History",
    "HistoryVersion",
    "LoadProblemDoc",
    "LocaleCatalogues",
    "Readiness",
    "RefusedFile",
    "UploadResult",
    "VersionChanges",
]
