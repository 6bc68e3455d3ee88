"""Publishing catalogues: uploads (`PUT /v1/catalogues/{lang}.po`), their history, and restores.

Each write goes through `api.catalogues.upload.accept`, under the state folder's lock, and the
new snapshot is published by the store before the answer is sent.
"""

from __future__ import annotations

import asyncio
import errno
from http import HTTPStatus
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.exceptions import ClientException
from litestar.params import FromPath, HeaderParameter, QueryParameter

from api import documents as doc
from api.catalogues import history
from api.catalogues.status import domain_status, problem_documents
from api.catalogues.upload import Accepted, NewVersion, UploadError, accept
from api.encoded import PO_MEDIA_TYPE
from api.http.auth import BEARER, require_po_file, require_translator
from api.http.catalogue_paths import is_catalogue_file
from api.http.catalogue_routes import STATUS_CACHE, Domain, require_domain
from api.http.problems import problem, problem_spec
from api.http.snapshot_store import SnapshotStore
from api.locales import SOURCE_LOCALE, canonical_tag, catalogue_folder, closest_locale
from api.settings import Settings, state_folder
from api.snapshot import Snapshot

UPLOAD_MEDIA_TYPES = ("text/x-gettext-translation", "text/plain", "application/octet-stream")
IfMatch = Annotated[
    str | None,
    HeaderParameter(name="If-Match", description="The ETag of the download this version was made from."),
]
Force = Annotated[
    bool,
    QueryParameter(name="force", description="Replace without If-Match (for scripts that mean to overwrite)."),
]
AllowFewer = Annotated[
    bool,
    QueryParameter(
        name="allow_fewer_translations",
        description="Accept a version with fewer translations than the one in service (otherwise 409).",
    ),
]
WRITE_RESPONSES = {
    400: problem_spec("No `domain`, or one that cannot be a domain."),
    401: problem_spec("Missing or wrong bearer token."),
    403: problem_spec("Uploads are disabled: no admin token is configured."),
    404: problem_spec(
        "No catalogues of that language (a new language starts with `clinic-content init`), or no such domain."
    ),
    409: problem_spec("It would take translations out of service; `lost` lists them."),
    412: problem_spec("Made from an older version: `current_etag` is the one in service."),
    413: problem_spec("The body is larger than the limit."),
    415: problem_spec("The body is not a gettext catalogue."),
    422: problem_spec("It fails its checks (`errors`, each with its line) or belongs to another domain."),
    428: problem_spec("No If-Match: send the ETag of your download (or ?force=true)."),
    429: problem_spec("Too many failed authentications from this address; try again after Retry-After seconds."),
    500: problem_spec("The catalogue could not be saved (e.g. a read-only disk); nothing changed."),
    507: problem_spec("The disk is full; nothing changed."),
}


@put(
    "/v1/catalogues/{name:str}",
    tags=["translation"],
    summary="Upload a new version of a catalogue (`ur.po`)",
    description="Needs `Authorization: Bearer <token>` and `If-Match` with the ETag of the download it was "
    "made from. The body is the `.po` file (UTF-8). It is checked before anything changes; a good file is "
    "written atomically, both versions are kept in history, and the new strings are served at once.",
    status_code=200,
    responses=WRITE_RESPONSES,
    guards=[require_po_file, require_translator],
    security=BEARER,
)
async def upload(  # noqa: PLR0913 (each is a documented parameter)
    *,
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    name: FromPath[str],
    if_match: IfMatch = None,
    domain: Domain,
    force: Force = False,
    allow_fewer_translations: AllowFewer = False,
) -> Response[doc.UploadResult]:
    locale = upload_locale(name, store.current)
    require_domain(store.current, domain)
    data = await _catalogue_body(request)
    _require_po_media_type(request.headers.get("content-type"))
    new = NewVersion(
        locale=locale,
        domain=domain,
        data=data,
        if_match=if_match,
        force=force,
        allow_fewer=allow_fewer_translations,
        who=request.state.who,
    )
    return await publish(request, store, new)


@get(
    "/v1/catalogues/{lang:str}/history",
    tags=["translation"],
    summary="The kept versions of a catalogue, newest first",
    cache_control=None,
    responses={400: problem_spec("No `domain`, or one that cannot be a domain.")},
)
async def versions(request: Request[Any, Any, Any], lang: FromPath[str], domain: Domain) -> doc.History:
    found = history.versions(state_folder(request.app.state.settings), catalogue_folder(lang), domain)
    return doc.History(locale=lang, domain=domain, versions=[_version_doc(v) for v in found])


@get(
    "/v1/catalogues/{lang:str}/history/{version:str}",
    tags=["translation"],
    summary="One kept version (`<id>.po`)",
    media_type=PO_MEDIA_TYPE,
    responses={
        400: problem_spec("No `domain`, or one that cannot be a domain."),
        404: problem_spec("No such version of that catalogue."),
    },
)
async def version_file(
    request: Request[Any, Any, Any], lang: FromPath[str], version: FromPath[str], domain: Domain
) -> Response[bytes]:
    folder = catalogue_folder(lang)
    data = history.version_data(state_folder(request.app.state.settings), folder, domain, version.removesuffix(".po"))
    if data is None or not version.endswith(".po"):
        raise problem(404, "not-found", f"No version {version[:64]!r} of the {lang[:16]} {domain} catalogue.")
    return Response(data, media_type=PO_MEDIA_TYPE, headers={"Cache-Control": STATUS_CACHE})


@post(
    "/v1/catalogues/{lang:str}/history/{version:str}/restore",
    tags=["translation"],
    summary="Put a kept version back in service, through the same checks as an upload",
    status_code=200,
    responses=WRITE_RESPONSES,
    guards=[require_translator],
    security=BEARER,
)
async def restore(  # noqa: PLR0913 (each is a documented parameter)
    *,
    request: Request[Any, Any, Any],
    store: NamedDependency[SnapshotStore],
    lang: FromPath[str],
    version: FromPath[str],
    domain: Domain,
    allow_fewer_translations: AllowFewer = False,
) -> Response[doc.UploadResult]:
    locale = upload_locale(f"{lang}.po", store.current)
    require_domain(store.current, domain)
    data = history.version_data(state_folder(request.app.state.settings), locale, domain, version)
    if data is None:
        raise problem(404, "not-found", f"No version {version[:64]!r} of the {locale} {domain} catalogue.")
    new = NewVersion(
        locale=locale,
        domain=domain,
        data=data,
        if_match=None,
        force=True,
        allow_fewer=allow_fewer_translations,
        origin="restore",
        who=request.state.who,
    )
    return await publish(request, store, new)


async def publish(request: Request[Any, Any, Any], store: SnapshotStore, new: NewVersion) -> Response[doc.UploadResult]:
    settings: Settings = request.app.state.settings
    async with store.write_lock:
        accepted = await _accept(settings, new)
        updated = await store.refresh()
    state = updated.catalogues[(new.locale, new.domain)]
    result = doc.UploadResult(
        locale=new.locale,
        domain=new.domain,
        revision=accepted.revision,
        changed=accepted.changed,
        version=_version_doc(accepted.version),
        status=domain_status(state),
    )
    return Response(content=result, headers={"Cache-Control": "no-store", "ETag": accepted.etag})


async def _accept(settings: Settings, new: NewVersion) -> Accepted:
    """The write, off the event loop; its refusals as problem details."""
    try:
        return await asyncio.to_thread(accept, settings.locales_dir, state_folder(settings), new, settings.history_kept)
    except OSError as error:
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        raise problem(
            507 if full else 500,
            "not-saved",
            f"The catalogue passed its checks but could not be saved ({error.strerror}). "
            "Nothing was changed; the previous version is still served.",
        ) from None
    except UploadError as refused:
        extra = {k: v for k, v in refused.extra.items() if v is not None}
        if refused.report is not None:
            extra["errors"] = msgspec.to_builtins(problem_documents(refused.report))
        raise problem(refused.status, refused.kind, refused.detail, extra or None) from None


def _version_doc(version: history.Version) -> doc.HistoryVersion:
    return msgspec.convert(msgspec.to_builtins(version), doc.HistoryVersion)


async def _catalogue_body(request: Request[Any, Any, Any]) -> bytes:
    """The body, within the app's `request_max_body_size`; 413 says the limit in bytes."""
    try:
        return await request.body()
    except ClientException as error:
        if error.status_code != HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
            raise
        limit = request.app.state.settings.max_upload_bytes
        raise problem(413, "too-large", f"The catalogue is larger than {limit} bytes.") from None


def upload_locale(name: str, snapshot: Snapshot) -> str:
    """The locale of an upload path: one that has catalogues, spelled as they are (uploads never
    start a language; `clinic-content init` does)."""
    locale = name.removesuffix(".po")
    if not is_catalogue_file(name) or not locale:
        raise problem(404, "not-found", "Upload to /v1/catalogues/<locale>.po, e.g. /v1/catalogues/ur.po.")
    if locale == SOURCE_LOCALE:
        raise problem(422, "source-language", "English is the source language: edit content/, not a catalogue.")
    started = sorted({canonical_tag(folder) for folder, _ in snapshot.catalogues})
    if locale in started:
        return catalogue_folder(locale)
    closest = closest_locale(locale, started)
    if closest is not None:
        raise problem(
            404, "not-found", f"Upload the {closest} catalogue as /v1/catalogues/{closest}.po: one tag per language."
        )
    raise problem(
        404,
        "not-found",
        f"There are no {locale[:64]!r} catalogues. A new language starts with "
        f"`clinic-content init --locale {locale[:64]}` on the server's locales folder.",
    )


def _require_po_media_type(content_type: str | None) -> None:
    media_type, _, parameters = (content_type or "").partition(";")
    charset = parameters.strip().lower().removeprefix("charset=").strip('" ') if "charset" in parameters else "utf-8"
    if media_type.strip().lower() not in UPLOAD_MEDIA_TYPES or charset not in ("utf-8", "utf8"):
        raise problem(
            415,
            "unsupported-media-type",
            f"Send the .po file as {UPLOAD_MEDIA_TYPES[0]} (or text/plain), UTF-8; got {content_type or 'nothing'!r}.",
        )


PUBLISHING_HANDLERS = [upload, versions, version_file, restore]
