"""The translators' desk's API: a catalogue's entries as JSON, checks and a preview of unsaved
edits, and saving them — through the same checks and the same write as an upload.

Every route needs a translator's bearer token: these show and change work in progress, of
languages that may not be published yet.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from api import documents as doc
from api.catalogues import history
from api.catalogues.desk import EditError, apply_edits, checked_entries, desk_entries, edited, previewed
from api.catalogues.files import Catalogue, PoFile, parse_po
from api.catalogues.layout import catalogue_path, check_context, language_check_context
from api.catalogues.report import CatalogueReport
from api.catalogues.status import problem_documents
from api.catalogues.upload import NewVersion
from api.catalogues.version_changes import entry_changes
from api.encoded import body_digest
from api.http.auth import BEARER, require_translator
from api.http.catalogue_routes import Domain, require_domain
from api.http.problems import problem, problem_spec
from api.http.publishing_routes import WRITE_RESPONSES, AllowFewer, IfMatch, publish, upload_locale
from api.http.snapshot_store import SnapshotStore
from api.locales import canonical_tag, locale_facts, plural_categories
from api.localize.resources import article_bundle
from api.messages import ARTICLE_DOMAINS
from api.settings import state_folder
from api.snapshot import Snapshot

ArticleChoice = Annotated[
    str | None,
    QueryParameter(description="The article to preview (the domain's own for an article catalogue)."),
]
READ_RESPONSES = {
    400: problem_spec("No `domain`, or one that cannot be a domain."),
    401: problem_spec("Missing or wrong bearer token."),
    404: problem_spec("No catalogues of that language, no such domain, or no catalogue of it in service."),
    422: problem_spec("An edit names no entry, or gives forms that do not fit it."),
}
NO_STORE = {"Cache-Control": "no-store"}
Against = Annotated[str | None, QueryParameter(description="The version to compare with (default: the one before).")]


@get(
    "/v1/catalogues/{lang:str}/entries",
    tags=["translation"],
    summary="A catalogue's entries as JSON: source, where it appears, state, problems",
    guards=[require_translator],
    security=BEARER,
    cache_control=None,
    responses=READ_RESPONSES,
)
async def entries(
    request: Request[Any, Any, Any], store: NamedDependency[SnapshotStore], lang: FromPath[str], domain: Domain
) -> Response[doc.CatalogueEntries]:
    snapshot = store.current
    locale, data = _in_service(snapshot, lang, domain)
    parsed, report = _read(data, snapshot, locale, domain)
    context = await asyncio.to_thread(language_check_context, request.app.state.settings.locales_dir, locale)
    etag = f'"{body_digest(data)}"'
    facts = locale_facts(canonical_tag(locale))
    body = doc.CatalogueEntries(
        locale=facts.code,
        domain=domain,
        etag=etag,
        revision=snapshot.catalogues[(locale, domain)].revision,
        dir="rtl" if facts.dir == "rtl" else "ltr",
        script=facts.script,
        digits=facts.digits,
        plural_categories=list(plural_categories(locale)),
        total=report.total,
        translated=report.translated,
        entries=desk_entries(parsed, report, snapshot.loaded.messages(domain), context),
    )
    return Response(body, headers={**NO_STORE, "ETag": etag, "Vary": "Authorization"})


@post(
    "/v1/catalogues/{lang:str}/check",
    tags=["translation"],
    summary="Check edited entries without saving them",
    guards=[require_translator],
    security=BEARER,
    status_code=200,
    responses=READ_RESPONSES,
)
async def check(
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    lang: FromPath[str],
    domain: Domain,
    data: JSONBody[doc.EntryEdits],
) -> Response[doc.CheckResult]:
    locale, parsed, report = await _edited(request, store.current, lang, domain, data)
    keys = [(edit.msgctxt or "", edit.msgid) for edit in data.entries]
    result = doc.CheckResult(locale=canonical_tag(locale), domain=domain, entries=checked_entries(parsed, report, keys))
    return Response(result, headers=NO_STORE)


@post(
    "/v1/catalogues/{lang:str}/preview",
    tags=["translation"],
    summary="An article's bundle as it would be served with the edited entries (nothing saved)",
    description="Works for languages not published yet. A translation that fails a check is shown in "
    "English, as it would be served.",
    guards=[require_translator],
    security=BEARER,
    status_code=200,
    responses=READ_RESPONSES,
)
async def preview(  # noqa: PLR0913 (each is a documented parameter)
    *,
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    lang: FromPath[str],
    domain: Domain,
    data: JSONBody[doc.EntryEdits],
    article: ArticleChoice = None,
) -> Response[doc.Bundle]:
    snapshot = store.current
    locale, parsed, report = await _edited(request, snapshot, lang, domain, data)
    slug = _article_of(snapshot, domain, article)
    catalogues: dict[str, Catalogue] = {
        key[1]: state.catalogue for key, state in snapshot.catalogues.items() if key[0] == locale and state.catalogue
    }
    catalogues[domain] = previewed(parsed, report, locale, domain)
    bundle = article_bundle(snapshot.loaded.content, slug, canonical_tag(locale), catalogues)
    return Response(bundle, headers=NO_STORE)


@patch(
    "/v1/catalogues/{lang:str}/entries",
    tags=["translation"],
    summary="Save edited entries (`If-Match`: the ETag of the entries they were made from)",
    description="The catalogue is rewritten with the edits and accepted exactly as an upload is: checked, "
    "written atomically, kept in history with who saved it, and served at once.",
    guards=[require_translator],
    security=BEARER,
    status_code=200,
    responses={**WRITE_RESPONSES, 422: problem_spec("An edit fails a check, names no entry, or misfits its forms.")},
)
async def save(  # noqa: PLR0913 (each is a documented parameter)
    *,
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    lang: FromPath[str],
    domain: Domain,
    data: JSONBody[doc.EntryEdits],
    if_match: IfMatch = None,
    allow_fewer_translations: AllowFewer = False,
) -> Response[doc.UploadResult]:
    snapshot = store.current
    locale = upload_locale(f"{lang}.po", snapshot)
    require_domain(snapshot, domain)
    path = catalogue_path(request.app.state.settings.locales_dir, locale, domain)
    current = await asyncio.to_thread(path.read_bytes) if path.exists() else None
    if current is None:
        raise problem(404, "not-found", f"There is no {lang[:16]} {domain} catalogue on disk.")
    try:  # checked once, by the upload's path, under its lock
        new_data = apply_edits(current, data.entries, locale, dt.datetime.now(dt.UTC))
    except EditError as refused:
        raise problem(422, refused.kind, refused.detail) from None
    new = NewVersion(
        locale=locale,
        domain=domain,
        data=new_data,
        if_match=if_match,
        allow_fewer=allow_fewer_translations,
        who=request.state.who,
        origin="desk",
    )
    return await publish(request, store, new)


@get(
    "/v1/catalogues/{lang:str}/history/{version:str}/changes",
    tags=["translation"],
    summary="What a kept version changed, entry by entry, against another (`against`; by default the one before)",
    guards=[require_translator],
    security=BEARER,
    cache_control=None,
    responses={**READ_RESPONSES, 404: problem_spec("No such version of that catalogue.")},
)
async def version_changes(  # noqa: PLR0913 (each is a documented parameter)
    *,
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    lang: FromPath[str],
    version: FromPath[str],
    domain: Domain,
    against: Against = None,
) -> Response[doc.VersionChanges]:
    folder = upload_locale(f"{lang}.po", store.current)  # a language with catalogues, spelled as its folder
    require_domain(store.current, domain)
    state_dir = state_folder(request.app.state.settings)
    kept = [found.id for found in history.versions(state_dir, folder, domain)]  # newest first
    unknown = next((wanted for wanted in (version, against) if wanted is not None and wanted not in kept), None)
    after = history.version_data(state_dir, folder, domain, version) if unknown is None else None
    if after is None:
        raise problem(
            404, "not-found", f"No version {(unknown or version)[:64]!r} of the {lang[:16]} {domain} catalogue."
        )
    earlier = against if against is not None else next(iter(kept[kept.index(version) + 1 :]), None)
    before = history.version_data(state_dir, folder, domain, earlier) if earlier else None
    changes = await asyncio.to_thread(entry_changes, before, after)
    body = doc.VersionChanges(locale=lang, domain=domain, version=version, against=earlier, changes=changes)
    return Response(body, headers=NO_STORE)


def _in_service(snapshot: Snapshot, lang: str, domain: str) -> tuple[str, bytes]:
    locale = upload_locale(f"{lang}.po", snapshot)
    require_domain(snapshot, domain)
    data = snapshot.in_service_file(locale, domain)
    if data is None:
        detail = f"No {lang[:16]} {domain} catalogue is in service (see /v1/catalogues/{lang[:16]})."
        raise problem(404, "not-found", detail)
    return locale, data


def _read(data: bytes, snapshot: Snapshot, locale: str, domain: str) -> tuple[PoFile, CatalogueReport]:
    state = snapshot.catalogues[(locale, domain)]
    parsed = parse_po(data, state.path)  # it is in service: it parsed when it was loaded
    report = state.report or CatalogueReport.failed(state.path, "parse", "not checked")
    return parsed, report


async def _edited(
    request: Request[Any, Any, Any], snapshot: Snapshot, lang: str, domain: str, data: doc.EntryEdits
) -> tuple[str, PoFile, CatalogueReport]:
    locale, current = _in_service(snapshot, lang, domain)
    keys = snapshot.loaded.template_keys.get(domain)  # known from the content: the .pot is not read again
    context = await asyncio.to_thread(check_context, request.app.state.settings.locales_dir, locale, domain, keys)
    try:
        _, parsed, report = edited(current, data.entries, context, dt.datetime.now(dt.UTC))
    except EditError as refused:
        raise problem(422, refused.kind, refused.detail) from None
    if parsed is None:
        errors = msgspec.to_builtins(problem_documents(report))
        raise problem(422, "edit-refused", "The edited catalogue does not parse.", {"errors": errors})
    return locale, parsed, report


def _article_of(snapshot: Snapshot, domain: str, chosen: str | None) -> str:
    slugs = [article.slug for article in snapshot.loaded.content.articles]
    slug = domain.removeprefix(ARTICLE_DOMAINS) if domain.startswith(ARTICLE_DOMAINS) else chosen or slugs[0]
    if slug not in slugs:
        raise problem(404, "not-found", f"No article {slug[:64]!r} to preview.")
    return slug


DESK_HANDLERS = [entries, check, preview, save, version_changes]
