"""The read endpoints under /v1: each handler names its resource key and lets delivery serve it."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, HeaderParameter, QueryParameter

from api import documents as doc
from api.http.delivery import choose_locale, deliver
from api.http.problems import Problem, problem
from api.snapshot import Snapshot

Lang = Annotated[
    str | None,
    QueryParameter(
        name="lang",
        description="BCP 47 language tag (`ur`, `ur-PK`, `UR_pk`); wins over Accept-Language. "
        "A language that is not served gives 400.",
    ),
]
AcceptLanguage = Annotated[
    str | None,
    HeaderParameter(
        name="Accept-Language",
        description="Negotiated with q-values; never causes an error.",
    ),
]

_PROBLEM = "application/problem+json"
_LOCALIZED_ERRORS = {
    304: ResponseSpec(
        data_container=None,
        description="Not Modified: the `If-None-Match` ETag still matches.",
    ),
    400: ResponseSpec(
        data_container=Problem,
        media_type=_PROBLEM,
        description="The `lang` is not served.",
    ),
    404: ResponseSpec(data_container=Problem, media_type=_PROBLEM, description="No such resource."),
}


def current_snapshot(request: Request[Any, Any, Any]) -> Snapshot:
    """The snapshot in service; one reference per request, so the request sees one version."""
    snapshot: Snapshot = request.app.state.snapshot
    return snapshot


def serve_localized(
    request: Request[Any, Any, Any],
    resource: str,
    lang: str | None,
    accept_language: str | None,
    missing: str,
) -> Response[Any]:
    snapshot = current_snapshot(request)
    locale = choose_locale(snapshot, lang, accept_language)
    body = snapshot.body(resource, locale)
    if body is None:
        raise problem(404, "not-found", missing)
    return deliver(request, body, request.app.state.cache_control)


class ContentController(Controller):
    path = "/v1"
    tags = ["content"]  # noqa: RUF012 (Litestar reads it as declared on Controller)

    @get(
        "/articles",
        responses=_LOCALIZED_ERRORS,
        summary="The articles, with their sections' headings",
    )
    async def articles(
        self,
        request: Request[Any, Any, Any],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.ArticleIndex]:
        return serve_localized(request, "articles", lang, accept_language, "No articles.")

    @get(
        "/articles/{slug:str}",
        responses=_LOCALIZED_ERRORS,
        summary="One article, whole",
    )
    async def article(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.Article]:
        return serve_localized(
            request,
            f"articles/{slug}",
            lang,
            accept_language,
            f"No article with the slug {slug[:100]!r}.",
        )

    @get(
        "/articles/{slug:str}/sections/{section_id:str}",
        responses=_LOCALIZED_ERRORS,
        summary="One section",
    )
    async def section(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        section_id: FromPath[str],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.SectionPage]:
        return serve_localized(
            request,
            f"articles/{slug}/sections/{section_id}",
            lang,
            accept_language,
            f"No section {section_id[:100]!r} in an article {slug[:100]!r}.",
        )

    @get(
        "/lists",
        responses=_LOCALIZED_ERRORS,
        summary="Every list (aftercare, benefits, …) as a page",
    )
    async def lists(
        self,
        request: Request[Any, Any, Any],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.ListIndex]:
        return serve_localized(request, "lists", lang, accept_language, "No lists.")

    @get(
        "/lists/{list_id:str}",
        responses=_LOCALIZED_ERRORS,
        summary="One list as a page",
    )
    async def list_page(
        self,
        request: Request[Any, Any, Any],
        list_id: FromPath[str],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.ListPage]:
        return serve_localized(
            request,
            f"lists/{list_id}",
            lang,
            accept_language,
            f"No list {list_id[:100]!r}.",
        )

    @get("/clinic", responses=_LOCALIZED_ERRORS, summary="The clinic's own details")
    async def clinic(
        self,
        request: Request[Any, Any, Any],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.Clinic]:
        return serve_localized(request, "clinic", lang, accept_language, "No clinic details.")

    @get(
        "/strings",
        responses=_LOCALIZED_ERRORS,
        summary="The clients' UI strings, with plural forms",
    )
    async def strings(
        self,
        request: Request[Any, Any, Any],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.UiStrings]:
        return serve_localized(request, "strings", lang, accept_language, "No UI strings.")

    @get(
        "/bundle",
        responses=_LOCALIZED_ERRORS,
        summary="Everything for one locale, for offline use",
    )
    async def bundle(
        self,
        request: Request[Any, Any, Any],
        lang: Lang = None,
        accept_language: AcceptLanguage = None,
    ) -> Response[doc.Bundle]:
        return serve_localized(request, "bundle", lang, accept_language, "No bundle.")

    @get(
        "/locales",
        responses={304: _LOCALIZED_ERRORS[304]},
        summary="The served locales, with CLDR names",
    )
    async def locales(self, request: Request[Any, Any, Any]) -> Response[doc.LocaleIndex]:
        return serve_shared(request, "locales")


def serve_shared(request: Request[Any, Any, Any], resource: str) -> Response[Any]:
    return deliver(request, current_snapshot(request).shared[resource], request.app.state.cache_control)


@get(
    "/healthz",
    tags=["operations"],
    summary="Liveness, with the content revision",
    cache_control=None,
)
async def healthz(request: Request[Any, Any, Any]) -> Response[doc.Health]:
    return deliver(request, current_snapshot(request).shared["healthz"], "no-store")
