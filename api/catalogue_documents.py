"""The translation status documents (`/v1/catalogues…`, uploads, history): the Structs are their
schemas in the OpenAPI document. Re-exported by `api.documents`, where every body lives."""

from __future__ import annotations

from typing import Literal

import msgspec

from api.document_base import Document


class CatalogueProblem(Document, frozen=True, kw_only=True):
    """One problem a check found in a catalogue, with its line and what to do."""

    check: str
    severity: Literal["error", "warning"]
    line: int | None
    message: str
    msgid: str | None = None
    msgctxt: str | None = None


class RefusedFile(Document, frozen=True, kw_only=True):
    """A version on disk that is not served because it failed to load or check."""

    revision: str
    problems: list[CatalogueProblem] = msgspec.field(default_factory=list)
    """Listed for a translator (a bearer token); anonymous callers get the counts."""


class DomainStatus(Document, frozen=True, kw_only=True):
    """One catalogue (domain) of a language: counts, coverage, problems, what is served."""

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
    errors: int
    """Problems that keep a translation (or the file) out of service."""
    warnings: int
    problems: list[CatalogueProblem] = msgspec.field(default_factory=list)
    """Each problem with its line and what to do: listed for a translator (a bearer token), since a
    file can have thousands; anonymous callers get `errors` and `warnings`."""
    refused: RefusedFile | None = None


class Readiness(Document, frozen=True, kw_only=True):
    """How far a language is from being offered to patients."""

    ui_coverage: float
    best_article_coverage: float
    min_coverage: float


class LocaleCatalogues(Document, frozen=True, kw_only=True):
    """A language's translation status, catalogue by catalogue."""

    locale: str
    english_name: str
    native_name: str
    served: bool
    """Offered to clients: its catalogues load and it is published."""
    domains: list[DomainStatus]
    not_published: Readiness | None = None
    """Present while the language's coverage is below its threshold."""


class LoadProblemDoc(Document, frozen=True, kw_only=True):
    """A file that could not be used, and why."""

    file: str
    line: int | None
    problem: str


class CatalogueIndex(Document, frozen=True, kw_only=True):
    """The translation status of every language, with the revision in service."""

    revision: str
    locales: list[LocaleCatalogues]
    load_problems: list[LoadProblemDoc]
    """Files that could not be used at all, and content that failed to reload."""


class HistoryVersion(Document, frozen=True, kw_only=True):
    """One kept version of a catalogue: when, who, how it came, and its counts."""

    id: str
    time: str
    who: str | None = None
    origin: Literal["upload", "desk", "restore", "on-disk"]
    revision: str
    translated: int
    total: int


class History(Document, frozen=True, kw_only=True):
    """Every kept version of one catalogue, newest first."""

    locale: str
    domain: str
    versions: list[HistoryVersion]


class UploadResult(Document, frozen=True, kw_only=True):
    """An accepted upload or restore: the version written and the catalogue's new status."""

    locale: str
    domain: str
    revision: str
    changed: bool
    """False when the file was identical to the one in service (nothing written)."""
    version: HistoryVersion
    status: DomainStatus
