"""Translation status and catalogue downloads (`GET /v1/catalogues…`); writes are in `publishing_routes`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, QueryParameter

from api import documents as doc
from api.http.delivery import deliver
from api.http.problems import PROBLEM_MEDIA_TYPE, Problem, problem
from api.locales import catalogue_folder
from api.snapshot import Snapshot

Domain = Annotated[
    Literal["content", "ui"],
    QueryParameter(name="domain", description="`content` (articles, lists, clinic) or `ui` (the clients' strings)."),
]
STATUS_CACHE = "no-cache"


def problem_spec(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description=description)


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
            400: problem_spec("`domain` is not `content` or `ui`."),
            404: problem_spec("No catalogue of that locale (or domain)."),
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
        body = snapshot.download(catalogue_folder(locale), domain)
        if body is None:
            raise problem(404, "not-found", f"No {domain!r} catalogue is served for the locale {locale[:64]!r}.")
        response = deliver(request, body, STATUS_CACHE)
        response.headers["Content-Disposition"] = f'attachment; filename="{locale}-{domain}.po"'
        return response
