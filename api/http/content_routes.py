"""The read endpoints under /v1, one handler per entry of the resource table, and the health probes."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.params import QueryParameter

from api import documents as doc
from api.encoded import EncodedBody, encode
from api.http.delivery import deliver
from api.http.problems import problem, problem_spec
from api.http.resources import RESOURCES, Resource
from api.http.snapshot_store import SnapshotStore
from api.snapshot import Snapshot

NOT_MODIFIED = ResponseSpec(data_container=None, description="Not Modified: the `If-None-Match` ETag still matches.")
LANGUAGE_ERRORS = {400: problem_spec("The `lang` is not served."), 404: problem_spec("No such resource.")}
LOCALIZED_RESPONSES = {304: NOT_MODIFIED, **LANGUAGE_ERRORS}


def localized_handler(resource: Resource) -> HTTPRouteHandler:
    """A GET handler that serves `resource` in the request's locale (a dependency)."""

    async def serve(
        request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot], locale: NamedDependency[str]
    ) -> Response[Any]:
        body = snapshot.body(resource.key(request.path_params), locale)
        if body is None:
            raise problem(404, "not-found", resource.not_found(request.path_params))
        return deliver(request, body, request.app.state.cache_control, snapshot.made_forms)

    return _handler(resource, serve, LOCALIZED_RESPONSES)


def shared_handler(resource: Resource) -> HTTPRouteHandler:
    """A GET handler for a body that is the same in every locale."""

    async def serve(request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot]) -> Response[Any]:
        return deliver(request, snapshot.shared[resource.key(request.path_params)], request.app.state.cache_control)

    return _handler(resource, serve, {304: NOT_MODIFIED})


def _handler(resource: Resource, serve: Any, responses: dict[int, ResponseSpec]) -> HTTPRouteHandler:
    serve.__name__ = serve.__qualname__ = resource.name
    serve.__annotations__["return"] = Response[resource.document]  # type: ignore[name-defined]  # the 200's schema
    return get(resource.path, name=resource.name, summary=resource.summary, responses=responses)(serve)


Article = Annotated[
    str | None,
    QueryParameter(name="article", description="A slug: that article's bundle only (also /v1/articles/{slug}/bundle)."),
]


@get("/bundle", name="bundle", summary="Everything for one locale, for offline use", responses=LOCALIZED_RESPONSES)
async def bundle(
    request: Request[Any, Any, Any],
    snapshot: NamedDependency[Snapshot],
    locale: NamedDependency[str],
    article: Article = None,
) -> Response[doc.Bundle]:
    body = snapshot.body("bundle" if article is None else f"articles/{article}/bundle", locale)
    if body is None:
        raise problem(404, "not-found", f"No article with the slug {(article or '')[:100]!r}.")
    return deliver(request, body, request.app.state.cache_control, snapshot.made_forms)


def content_router() -> Router:
    handlers = [localized_handler(r) if r.localized else shared_handler(r) for r in RESOURCES if r.generated]
    return Router(path="/v1", route_handlers=[*handlers, bundle], tags=["content"])


@get("/healthz", tags=["operations"], summary="Liveness, with the content revision", cache_control=None)
async def healthz(
    request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot], store: NamedDependency[SnapshotStore]
) -> Response[doc.Health]:
    """Always 200 while the process serves; `degraded` (with the reason) while live reload fails."""
    return deliver(request, _health_body(snapshot, store.reload_failure), "no-store")


@get(
    "/readyz",
    tags=["operations"],
    summary="Readiness: 503 while changes on disk are not being picked up",
    cache_control=None,
    responses={503: problem_spec("Degraded.")},
)
async def readyz(
    request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot], store: NamedDependency[SnapshotStore]
) -> Response[doc.Health]:
    """A replica whose reload is broken serves stale content, so it should get no new traffic."""
    if store.reload_failure is not None:
        raise problem(503, "reload-failing", f"Live reload is failing: {store.reload_failure}")
    return deliver(request, snapshot.shared["healthz"], "no-store")


def _health_body(snapshot: Snapshot, reload_failure: str | None) -> EncodedBody:
    healthy = snapshot.shared["healthz"]
    if reload_failure is None:
        return healthy
    health = msgspec.json.decode(healthy.identity, type=doc.Health)
    return encode(msgspec.structs.replace(health, status="degraded", reason=reload_failure), None)


PROBES = (healthz, readyz)
"""The health endpoints, outside /v1: liveness and readiness."""
