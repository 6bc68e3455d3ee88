"""Translation status, catalogue downloads and authenticated uploads (`/v1/catalogues`)."""

from __future__ import annotations

import asyncio
import errno
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.di import NamedDependency
from litestar.exceptions import ClientException
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, QueryParameter

from api import documents as doc
from api.catalogues.status import domain_status, problem_documents
from api.catalogues.upload import UploadError, accept_upload
from api.http.auth import require_admin_token
from api.http.delivery import deliver
from api.http.problems import PROBLEM_MEDIA_TYPE, Problem, problem
from api.http.publishing import SnapshotStore
from api.locales import SOURCE_LOCALE, closest_locale
from api.snapshot import Snapshot

Domain = Annotated[
    Literal["content", "ui"],
    QueryParameter(name="domain", description="`content` (articles, lists, clinic) or `ui` (the clients' strings)."),
]
UPLOAD_MEDIA_TYPES = ("text/x-gettext-translation", "text/plain", "application/octet-stream")
STATUS_CACHE = "no-cache"


def _problem_spec(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description=description)


UPLOAD_RESPONSES = {
    400: _problem_spec("`domain` is not `content` or `ui`."),
    401: _problem_spec("Missing or wrong bearer token."),
    403: _problem_spec("Uploads are disabled: no admin token is configured."),
    404: _problem_spec("The path does not name a `.po` file."),
    413: _problem_spec("The body is larger than the limit."),
    415: _problem_spec("The body is not a gettext catalogue."),
    429: _problem_spec("Too many uploads from this address; try again after RateLimit-Reset seconds."),
    500: _problem_spec("The catalogue could not be saved (e.g. a read-only disk); nothing changed."),
    507: _problem_spec("The disk is full; nothing changed."),
    422: _problem_spec("The catalogue failed its checks; `errors` lists each problem with its line."),
}


class CatalogueController(Controller):
    path = "/v1/catalogues"
    tags = ["translation"]  # noqa: RUF012 (Litestar declares it on Controller)

    @get("/", summary="Translation status of every locale", cache_control=None)
    async def index(
        self, request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot]
    ) -> Response[doc.CatalogueIndex]:
        return deliver(request, snapshot.shared["catalogues"], STATUS_CACHE)

    @get(
        "/{name:str}",
        summary="A locale's translation status (`ur`), or its catalogue file (`ur.po`)",
        description="`GET /v1/catalogues/ur` is the status as JSON; `GET /v1/catalogues/ur.po?domain=ui` "
        "is the `.po` file in service (`text/x-gettext-translation`), for translators to edit.",
        responses={
            400: _problem_spec("`domain` is not `content` or `ui`."),
            404: _problem_spec("No catalogue of that locale (or domain)."),
        },
    )
    async def locale(
        self,
        request: Request[Any, Any, Any],
        snapshot: NamedDependency[Snapshot],
        name: FromPath[str],
        domain: Domain = "content",
    ) -> Response[doc.LocaleCatalogues]:
        if not name.endswith(".po"):
            status = snapshot.shared.get(f"catalogues/{name}")
            if status is None:
                raise problem(404, "not-found", f"No catalogues for the locale {name[:64]!r}.")
            return deliver(request, status, STATUS_CACHE)
        locale = name.removesuffix(".po")
        body = snapshot.download(locale, domain)
        if body is None:
            raise problem(404, "not-found", f"No {domain!r} catalogue is served for the locale {locale[:64]!r}.")
        response = deliver(request, body, STATUS_CACHE)
        response.headers["Content-Disposition"] = f'attachment; filename="{locale}-{domain}.po"'
        return response

    @put(
        "/{name:str}",
        summary="Upload a new version of a catalogue (`ur.po`)",
        description="Needs `Authorization: Bearer <CLINIC_CONTENT_ADMIN_TOKEN>`. The body is the `.po` file "
        "(UTF-8). It is checked before anything changes; a good file is written atomically, the previous one "
        "is kept in `locales/<lang>/history/`, and the new strings are served at once.",
        status_code=200,
        responses=UPLOAD_RESPONSES,
        guards=[require_admin_token],
    )
    async def upload(
        self,
        request: Request[Any, Any, Any],
        store: NamedDependency[SnapshotStore],
        name: FromPath[str],
        domain: Domain = "content",
    ) -> Response[doc.UploadResult]:
        locale = _upload_locale(name, store.current)
        _require_po_media_type(request.headers.get("content-type"))
        data = await _catalogue_body(request)
        async with store.write_lock:
            await _save(request.app.state.settings.locales_dir, locale, domain, data)
            updated = await store.refresh()
        state = updated.catalogues[(locale, domain)]
        result = doc.UploadResult(
            locale=locale, domain=domain, revision=state.revision or "", status=domain_status(state)
        )
        return Response(content=result, headers={"Cache-Control": "no-store"})


async def _save(locales_dir: Path, locale: str, domain: str, data: bytes) -> None:
    """Check and write the upload; its refusals as problem details."""
    try:
        await asyncio.to_thread(accept_upload, locales_dir, locale, domain, data)
    except OSError as error:
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        raise problem(
            507 if full else 500,
            "not-saved",
            f"The catalogue passed its checks but could not be saved ({error.strerror}). "
            "Nothing was changed; the previous version is still served.",
        ) from None
    except UploadError as rejected:
        raise problem(
            422,
            "catalogue-rejected",
            f"The {locale} {domain} catalogue was not accepted: {len(rejected.report.errors)} error(s). "
            "Nothing was changed; fix each problem listed in `errors` and upload again.",
            {"errors": msgspec.to_builtins(problem_documents(rejected.report))},
        ) from None


async def _catalogue_body(request: Request[Any, Any, Any]) -> bytes:
    """The body, within the app's `request_max_body_size`; 413 says the limit in bytes."""
    try:
        return await request.body()
    except ClientException as error:
        if error.status_code != HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
            raise
        limit = request.app.state.settings.max_upload_bytes
        raise problem(413, "too-large", f"The catalogue is larger than {limit} bytes.") from None


def _upload_locale(name: str, snapshot: Snapshot) -> str:
    """The locale of an upload path: one that has catalogues, spelled as they are (uploads never
    start a language; `clinic-content init` does)."""
    locale = name.removesuffix(".po")
    if not name.endswith(".po") or not locale:
        raise problem(404, "not-found", "Upload to /v1/catalogues/<locale>.po, e.g. /v1/catalogues/ur.po.")
    if locale == SOURCE_LOCALE:
        raise problem(422, "source-language", "English is the source language: edit content/, not a catalogue.")
    started = sorted({code for code, _ in snapshot.catalogues})
    if locale in started:
        return locale
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
