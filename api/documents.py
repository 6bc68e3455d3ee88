"""The JSON documents clients receive: the Structs are the response schemas in the OpenAPI document.

Every localized document says its `locale` and `dir`, and lists in `fallbacks` (JSON Pointers into
itself) the strings that were served in English because no translation could be used.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

Direction = Literal["ltr", "rtl"]
Pointer = Annotated[str, msgspec.Meta(description="A JSON Pointer (RFC 6901) into this document.")]


class Document(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Base of every response body."""


class Localized(Document, frozen=True, kw_only=True):
    locale: str
    dir: Direction
    fallbacks: list[Pointer]


class ParagraphBlock(Document, tag="paragraph", tag_field="type", frozen=True, kw_only=True):
    text: str


class ListItem(Document, frozen=True, kw_only=True):
    id: str
    title: str | None = None
    text: str


class ListBlock(Document, tag="list", tag_field="type", frozen=True, kw_only=True):
    id: str
    intro: str | None = None
    items: list[ListItem]
    outro: str | None = None


Block = ParagraphBlock | ListBlock


class Section(Document, frozen=True, kw_only=True):
    id: str
    heading: str
    blocks: list[Block]


class Article(Localized, frozen=True, kw_only=True):
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
    id: str
    heading: str


class ArticleSummary(Document, frozen=True, kw_only=True):
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
    lists: list[ListPage]


class Clinic(Localized, frozen=True, kw_only=True):
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
    coverage: Annotated[float, msgspec.Meta(ge=0, le=1, description="Share of strings translated.")]


class LocaleIndex(Document, frozen=True, kw_only=True):
    default: str
    locales: list[LocaleEntry]


class Health(Document, frozen=True, kw_only=True):
    status: Literal["ok", "degraded"]
    """`degraded`: still serving, but changes on disk are not picked up (see `reason`)."""
    revision: str
    locales: list[str]
    reason: str | None = None


class CatalogueProblem(Document, frozen=True, kw_only=True):
    check: str
    severity: Literal["error", "warning"]
    line: int | None
    message: str
    msgid: str | None = None
    msgctxt: str | None = None


class RefusedFile(Document, frozen=True, kw_only=True):
    """A version on disk that is not served because it failed to load or check."""

    revision: str
    problems: list[CatalogueProblem]


class DomainStatus(Document, frozen=True, kw_only=True):
    domain: str
    file: str
    serving: Literal["file", "previous", "none"]
    """`file`: what is on disk; `previous`: an earlier good version (the file on disk was refused)."""
    revision: str | None
    last_change: str | None
    """The catalogue's `PO-Revision-Date`."""
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    coverage: float
    problems: list[CatalogueProblem]
    refused: RefusedFile | None = None


class Readiness(Document, frozen=True, kw_only=True):
    """How far a language is from being offered to patients."""

    ui_coverage: float
    best_article_coverage: float
    min_coverage: float


class LocaleCatalogues(Document, frozen=True, kw_only=True):
    locale: str
    english_name: str
    native_name: str
    served: bool
    """Offered to clients: its catalogues load and it is published."""
    domains: list[DomainStatus]
    not_published: Readiness | None = None
    """Present while the language's coverage is below its threshold."""


class LoadProblemDoc(Document, frozen=True, kw_only=True):
    file: str
    line: int | None
    problem: str


class CatalogueIndex(Document, frozen=True, kw_only=True):
    revision: str
    locales: list[LocaleCatalogues]
    load_problems: list[LoadProblemDoc]
    """Files that could not be used at all, and content that failed to reload."""


class HistoryVersion(Document, frozen=True, kw_only=True):
    id: str
    time: str
    who: str | None = None
    origin: Literal["upload", "restore", "on-disk"]
    revision: str
    translated: int
    total: int


class History(Document, frozen=True, kw_only=True):
    """Every kept version of one catalogue, newest first."""

    locale: str
    domain: str
    versions: list[HistoryVersion]


class UploadResult(Document, frozen=True, kw_only=True):
    locale: str
    domain: str
    revision: str
    changed: bool
    """False when the file was identical to the one in service (nothing written)."""
    version: HistoryVersion
    status: DomainStatus
