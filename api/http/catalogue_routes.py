"""Translation status, catalogue downloads and authenticated uploads (`/v1/catalogues`)."""

from __future__ import annotations

import asyncio
import errno
import hmac
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, QueryParameter

from api import documents as doc
from api.catalogue_loading import SOURCE_LOCALE
from api.catalogue_status import domain_status, problem_documents
from api.http.content_routes import current_snapshot
from api.http.delivery import deliver
from api.http.problems import Problem, problem
from api.locales import is_known_locale
from api.settings import Settings
from api.snapshot import build_snapshot
from api.upload import UploadError, accept_upload

Domain = Annotated[
    Literal["content", "ui"],
    QueryParameter(name="domain", description="`content` (articles, lists, clinic) or `ui` (the clients' strings)."),
]
UPLOAD_MEDIA_TYPES = ("text/x-gettext-translation", "text/plain", "application/octet-stream")
_PROBLEM = "application/problem+json"
_STATUS_CACHE = "no-cache"


def _problem_spec(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=Problem, media_type=_PROBLEM, description=description)


class CatalogueController(Controller):
    path = "/v1/catalogues"
    tags = ["translation"]  # noqa: RUF012 (Litestar declares it on Controller)

    @get("/", summary="Translation status of every locale", cache_control=None)
    async def index(self, request: Request[Any, Any, Any]) -> Response[doc.CatalogueIndex]:
        return _deliver_status(request, "catalogues")

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
        self, request: Request[Any, Any, Any], name: FromPath[str], domain: Domain = "content"
    ) -> Response[doc.LocaleCatalogues]:
        snapshot = current_snapshot(request)
        if not name.endswith(".po"):
            if f"catalogues/{name}" not in snapshot.shared:
                raise problem(404, "not-found", f"No catalogues for the locale {name[:64]!r}.")
            return _deliver_status(request, f"catalogues/{name}")
        locale = name.removesuffix(".po")
        body = snapshot.download(locale, domain)
        if body is None:
            raise problem(404, "not-found", f"No {domain!r} catalogue is served for the locale {locale[:64]!r}.")
        response = deliver(request, body, _STATUS_CACHE)
        response.headers["Content-Disposition"] = f'attachment; filename="{locale}-{domain}.po"'
        return response

    @put(
        "/{name:str}",
        summary="Upload a new version of a catalogue (`ur.po`)",
        description="Needs `Authorization: Bearer <CLINIC_CONTENT_ADMIN_TOKEN>`. The body is the `.po` file "
        "(UTF-8). It is checked before anything changes; a good file is written atomically, the previous one "
        "is kept in `locales/<lang>/history/`, and the new strings are served at once.",
        status_code=200,
        responses={
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
        },
        request_max_body_size=None,
    )
    async def upload(
        self, request: Request[Any, Any, Any], name: FromPath[str], domain: Domain = "content"
    ) -> Response[doc.UploadResult]:
        settings: Settings = request.app.state.settings
        _authorize(request, settings)
        locale = _upload_locale(name)
        _require_po_media_type(request.headers.get("content-type"))
        data = await _read_limited(request, settings.max_upload_bytes)
        lock: asyncio.Lock = request.app.state.write_lock
        async with lock:
            try:
                await asyncio.to_thread(accept_upload, settings.locales_dir, locale, domain, data)
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
            current = current_snapshot(request)
            updated = await asyncio.to_thread(build_snapshot, settings.content_dir, settings.locales_dir, current)
            request.app.state.snapshot = updated
        state = updated.catalogues[(locale, domain)]
        result = doc.UploadResult(
            locale=locale, domain=domain, revision=state.revision or "", status=domain_status(state)
        )
        return Response(content=result, headers={"Cache-Control": "no-store"})


def _deliver_status(request: Request[Any, Any, Any], key: str) -> Response[Any]:
    return deliver(request, current_snapshot(request).shared[key], _STATUS_CACHE)


def _authorize(request: Request[Any, Any, Any], settings: Settings) -> None:
    if not settings.admin_token:
        raise problem(403, "uploads-disabled", "Uploads are disabled: the server has no CLINIC_CONTENT_ADMIN_TOKEN.")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    expected = settings.admin_token.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        error = problem(401, "unauthorized", "Send the admin token as `Authorization: Bearer <token>`.")
        error.headers = {"WWW-Authenticate": 'Bearer realm="catalogues"'}
        raise error


def _upload_locale(name: str) -> str:
    locale = name.removesuffix(".po")
    if not name.endswith(".po") or not locale:
        raise problem(404, "not-found", "Upload to /v1/catalogues/<locale>.po, e.g. /v1/catalogues/ur.po.")
    if locale == SOURCE_LOCALE:
        raise problem(422, "source-language", "English is the source language: edit content/, not a catalogue.")
    if not is_known_locale(locale):
        raise problem(404, "not-found", f"{locale[:64]!r} is not a locale CLDR knows.")
    return locale


def _require_po_media_type(content_type: str | None) -> None:
    media_type, _, parameters = (content_type or "").partition(";")
    charset = parameters.strip().lower().removeprefix("charset=").strip('" ') if "charset" in parameters else "utf-8"
    if media_type.strip().lower() not in UPLOAD_MEDIA_TYPES or charset not in ("utf-8", "utf8"):
        raise problem(
            415,
            "unsupported-media-type",
            f"Send the .po file as {UPLOAD_MEDIA_TYPES[0]} (or text/plain), UTF-8; got {content_type or 'nothing'!r}.",
        )


async def _read_limited(request: Request[Any, Any, Any], limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes `limit` (never read whole into memory)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise problem(413, "too-large", f"The catalogue is larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise problem(413, "too-large", f"The catalogue is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)
