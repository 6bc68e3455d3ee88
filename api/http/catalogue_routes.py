"""Translation status and catalogue downloads (`GET /v1/catalogues…`); writes are in `publishing_routes`."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import FromPath, QueryParameter

from api import documents as doc
from api.catalogues.status import FULL_STATUS
from api.http.auth import identify
from api.http.catalogue_paths import is_catalogue_file
from api.http.delivery import deliver
from api.http.problems import problem, problem_spec
from api.locales import catalogue_folder
from api.messages import DOMAIN_PATTERN
from api.snapshot import Snapshot

_DOMAIN = QueryParameter(
    name="domain",
    pattern=DOMAIN_PATTERN,
    description="Which catalogue: `articles/<slug>` (one article and its lists), `clinic` (the clinic's "
    "details) or `ui` (the clients' strings); `/v1/catalogues/{lang}` lists them.",
    examples=[Example(value="articles/how-microneedling-works"), Example(value="ui")],
)
Domain = Annotated[str, _DOMAIN]
OptionalDomain = Annotated[str | None, _DOMAIN]
STATUS_CACHE = "no-cache"


def require_domain(snapshot: Snapshot, domain: str) -> None:
    """A domain of the content as it is now (the pattern is checked before this)."""
    if domain not in snapshot.loaded.template_keys:
        raise problem(
            404,
            "not-found",
            f"No catalogue domain {domain!r}: the domains are `clinic`, `ui` and `articles/<slug>` for each "
            "article of /v1/articles.",
        )


async def deliver_status(request: Request[Any, Any, Any], snapshot: Snapshot, key: str) -> Response[Any]:
    """Counts and states for anyone; every problem with its line for a translator's token (a file
    can have thousands, and they are the translators' work)."""
    full = "authorization" in request.headers and bool(await identify(request))
    status = snapshot.shared_body(FULL_STATUS + key if full else key)
    if status is None:
        raise problem(404, "not-found", f"No catalogues for the locale {key.removeprefix('catalogues/')[:64]!r}.")
    response = deliver(request, status, STATUS_CACHE)
    response.headers["vary"] = f"{response.headers.get('vary', 'Accept-Encoding')}, Authorization"
    return response


class CatalogueController(Controller):
    path = "/v1/catalogues"
    tags = ["translation"]  # noqa: RUF012 (Litestar declares it on Controller)

    @get("/", summary="Translation status of every locale", cache_control=None)
    async def index(
        self, request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot]
    ) -> Response[doc.CatalogueIndex]:
        return await deliver_status(request, snapshot, "catalogues")

    @get(
        "/{name:str}",
        summary="A locale's translation status (`ur`), or its catalogue file (`ur.po`)",
        description="`GET /v1/catalogues/ur` is the status as JSON; `GET /v1/catalogues/ur.po?domain=ui` "
        "is the `.po` file in service (`text/x-gettext-translation`), for translators to edit; a `.po` needs "
        "`domain`.",
        responses={
            400: problem_spec("A `.po` without `domain`, or a `domain` that cannot be one."),
            404: problem_spec("No catalogue of that locale (or domain)."),
        },
    )
    async def locale(
        self,
        request: Request[Any, Any, Any],
        snapshot: NamedDependency[Snapshot],
        name: FromPath[str],
        domain: OptionalDomain = None,
    ) -> Response[doc.LocaleCatalogues]:
        if not is_catalogue_file(name):
            return await deliver_status(request, snapshot, f"catalogues/{name}")
        locale = name.removesuffix(".po")
        if domain is None:
            raise problem(400, "domain-required", "Say which catalogue: `?domain=articles/<slug>`, `clinic` or `ui`.")
        require_domain(snapshot, domain)
        body = snapshot.download(catalogue_folder(locale), domain)
        if body is None:
            raise problem(404, "not-found", f"No {domain!r} catalogue is served for the locale {locale[:64]!r}.")
        response = deliver(request, body, STATUS_CACHE)
        filename = f"{locale}-{domain.replace('/', '-')}.po"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
