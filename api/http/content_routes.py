"""The read endpoints under /v1, one handler per entry of the resource table, and /healthz."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.params import QueryParameter

from api import documents as doc
from api.http.delivery import deliver
from api.http.problems import PROBLEM_MEDIA_TYPE, Problem, problem
from api.http.resources import RESOURCES, Resource
from api.snapshot import Snapshot

NOT_MODIFIED = ResponseSpec(data_container=None, description="Not Modified: the `If-None-Match` ETag still matches.")
LOCALIZED_RESPONSES = {
    304: NOT_MODIFIED,
    400: ResponseSpec(data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description="The `lang` is not served."),
    404: ResponseSpec(data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description="No such resource."),
}


def localized_handler(resource: Resource) -> HTTPRouteHandler:
    """A GET handler that serves `resource` in the request's locale (a dependency)."""

    async def serve(
        request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot], locale: NamedDependency[str]
    ) -> Response[Any]:
        body = snapshot.body(resource.key(request.path_params), locale)
        if body is None:
            raise problem(404, "not-found", resource.not_found(request.path_params))
        return deliver(request, body, request.app.state.cache_control)

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
    return deliver(request, body, request.app.state.cache_control)


def content_router() -> Router:
    handlers = [localized_handler(r) if r.localized else shared_handler(r) for r in RESOURCES if r.generated]
    return Router(path="/v1", route_handlers=[*handlers, bundle], tags=["content"])


@get("/healthz", tags=["operations"], summary="Liveness, with the content revision", cache_control=None)
async def healthz(request: Request[Any, Any, Any], snapshot: NamedDependency[Snapshot]) -> Response[doc.Health]:
    return deliver(request, snapshot.shared["healthz"], "no-store")
