"""The translation status documents (`/v1/catalogues`, `/v1/catalogues/{lang}`) from the loaded states."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import msgspec

from api import documents as doc
from api.catalogues.report import CatalogueReport
from api.catalogues.serving import CatalogueKey, CatalogueState, LoadProblem
from api.locales import canonical_tag, locale_facts
from api.readiness import Readiness

FULL_STATUS = "full/"
"""Prefix of the status documents with every problem listed (for a translator's token)."""


def catalogue_documents(
    revision: str,
    states: Mapping[CatalogueKey, CatalogueState],
    served: Sequence[str],
    problems: Iterable[LoadProblem],
    unpublished: Mapping[str, Readiness],
) -> dict[str, doc.Document]:
    """`catalogues` (every locale) and `catalogues/<locale>` (one), keyed like the paths."""
    folders = sorted({folder for folder, _ in states}, key=canonical_tag)
    by_locale = [
        _locale_status(folder, states, canonical_tag(folder) in served, unpublished.get(canonical_tag(folder)))
        for folder in folders
    ]
    index = doc.CatalogueIndex(
        revision=revision,
        locales=by_locale,
        load_problems=[doc.LoadProblemDoc(file=p.file, line=p.line, problem=p.problem) for p in problems],
    )
    full: dict[str, doc.CatalogueIndex | doc.LocaleCatalogues] = {
        "catalogues": index,
        **{f"catalogues/{status.locale}": status for status in by_locale},
    }
    public = {key: _without_problem_lists(document) for key, document in full.items()}
    return {**public, **{FULL_STATUS + key: document for key, document in full.items()}}


def _without_problem_lists(
    document: doc.CatalogueIndex | doc.LocaleCatalogues,
) -> doc.CatalogueIndex | doc.LocaleCatalogues:
    """What anyone may read: counts and states; each problem's line and text are for translators."""
    if isinstance(document, doc.CatalogueIndex):
        locales = [_without_problem_lists(status) for status in document.locales]
        return msgspec.structs.replace(document, locales=locales)
    domains = [
        msgspec.structs.replace(
            status,
            problems=[],
            refused=msgspec.structs.replace(status.refused, problems=[]) if status.refused else None,
        )
        for status in document.domains
    ]
    return msgspec.structs.replace(document, domains=domains)


def domain_status(state: CatalogueState) -> doc.DomainStatus:
    report = state.report
    refused = state.refused
    return doc.DomainStatus(
        domain=state.domain,
        file=state.path,
        serving=state.serving,
        revision=state.revision,
        last_change=state.last_change,
        total=report.total if report else 0,
        translated=report.translated if report else 0,
        fuzzy=report.fuzzy if report else 0,
        untranslated=report.untranslated if report else 0,
        obsolete=report.obsolete if report else 0,
        coverage=report.coverage if report else 0.0,
        errors=len(report.errors) if report else 0,
        warnings=len(report.problems) - len(report.errors) if report else 0,
        problems=problem_documents(report),
        refused=doc.RefusedFile(revision=refused.revision, problems=problem_documents(refused.report))
        if refused
        else None,
    )


def problem_documents(report: CatalogueReport | None) -> list[doc.CatalogueProblem]:
    if report is None:
        return []
    return [msgspec.convert(msgspec.to_builtins(p), doc.CatalogueProblem) for p in report.problems]


def _locale_status(
    folder: str, states: Mapping[CatalogueKey, CatalogueState], served: bool, ready: Readiness | None
) -> doc.LocaleCatalogues:
    """One locale's status, under its canonical tag (its catalogues are in `folder`)."""
    facts = locale_facts(folder)
    return doc.LocaleCatalogues(
        locale=canonical_tag(folder),
        english_name=facts.english_name,
        native_name=facts.native_name,
        served=served,
        domains=[domain_status(state) for (locale, _), state in states.items() if locale == folder],
        not_published=None
        if ready is None
        else doc.Readiness(
            ui_coverage=ready.ui_coverage,
            best_article_coverage=max(ready.article_coverage.values(), default=0.0),
            min_coverage=ready.min_coverage,
        ),
    )
