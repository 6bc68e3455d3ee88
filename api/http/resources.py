"""The table of pre-encoded resources under /v1: the handlers are built from it, and the fast path
answers only the paths it lists, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from api import documents as doc

PREFIX = "/v1/"


@dataclass(frozen=True, slots=True)
class Resource:
    """A path under /v1 whose bodies are in the snapshot, keyed by the path without `/v1/`."""

    path: str
    """Relative to /v1, in Litestar's syntax: `/articles/{slug:str}`."""
    name: str
    """The handler's name, and with the path the OpenAPI operation id."""
    document: type[doc.Document]
    summary: str
    missing: str = ""
    """The 404 detail; `{slug}`-style fields are filled from the path (each cut to 100 characters)."""
    localized: bool = True
    generated: bool = True
    """False for a resource whose handler is written by hand (it takes more than the path)."""

    @property
    def segments(self) -> tuple[str | None, ...]:
        """The path's segments, None for a parameter: `("articles", None)`."""
        return tuple(None if part.startswith("{") else part for part in self.path.strip("/").split("/"))

    def key(self, path_params: Mapping[str, Any]) -> str:
        """The snapshot key of a request to this path.

        >>> Resource(path="/lists/{list_id:str}", name="l", document=doc.ListPage, summary="").key({"list_id": "x"})
        'lists/x'
        """
        return "/".join(str(path_params[_name(part)]) if part.startswith("{") else part for part in self._parts())

    def not_found(self, path_params: Mapping[str, Any]) -> str:
        return self.missing.format(**{name: str(value)[:100] for name, value in path_params.items()})

    def _parts(self) -> list[str]:
        return self.path.strip("/").split("/")


def _name(parameter: str) -> str:
    return parameter.strip("{}").split(":")[0]


RESOURCES: tuple[Resource, ...] = (
    Resource(
        path="/articles",
        name="articles",
        document=doc.ArticleIndex,
        summary="The articles, with their sections' headings",
        missing="No articles.",
    ),
    Resource(
        path="/articles/{slug:str}",
        name="article",
        document=doc.Article,
        summary="One article, whole",
        missing="No article with the slug {slug!r}.",
    ),
    Resource(
        path="/articles/{slug:str}/sections/{section_id:str}",
        name="section",
        document=doc.SectionPage,
        summary="One section",
        missing="No section {section_id!r} in an article {slug!r}.",
    ),
    Resource(
        path="/lists",
        name="lists",
        document=doc.ListIndex,
        summary="Every list (aftercare, benefits, …) as a page",
        missing="No lists.",
    ),
    Resource(
        path="/lists/{list_id:str}",
        name="list_page",
        document=doc.ListPage,
        summary="One list as a page",
        missing="No list {list_id!r}.",
    ),
    Resource(
        path="/articles/{slug:str}/lists/{list_id:str}",
        name="article_list",
        document=doc.ListPage,
        summary="One list of an article, as a page (the same as /v1/lists/{list_id})",
        missing="No list {list_id!r} in an article {slug!r}.",
    ),
    Resource(
        path="/clinic",
        name="clinic",
        document=doc.Clinic,
        summary="The clinic's own details",
        missing="No clinic details.",
    ),
    Resource(
        path="/strings",
        name="strings",
        document=doc.UiStrings,
        summary="The clients' UI strings, with plural forms",
        missing="No UI strings.",
    ),
    Resource(
        path="/strings/desk",
        name="desk_strings",
        document=doc.UiStrings,
        summary="The translators' desk's own words, with plural forms (never in a bundle)",
        missing="No desk strings.",
    ),
    Resource(
        path="/bundle",
        name="bundle",
        document=doc.Bundle,
        summary="Everything for one locale, for offline use",
        missing="No bundle.",
        generated=False,  # `content_routes.bundle`: it also takes `?article=`
    ),
    Resource(
        path="/articles/{slug:str}/bundle",
        name="article_bundle",
        document=doc.Bundle,
        summary="One article's bundle: the article, its lists, the clinic and the UI strings",
        missing="No article with the slug {slug!r}.",
    ),
    Resource(
        path="/locales",
        name="locales",
        document=doc.LocaleIndex,
        summary="The served locales, with CLDR names",
        localized=False,
    ),
)


class ResourceMatcher:
    """Answers "does a handler serve this key?" for the fast path, without Litestar's router."""

    def __init__(self, resources: tuple[Resource, ...]) -> None:
        self._by_length: dict[int, list[tuple[tuple[str | None, ...], bool]]] = {}
        for resource in resources:
            self._by_length.setdefault(len(resource.segments), []).append((resource.segments, resource.localized))

    def match(self, key: str) -> bool | None:
        """True for a localized resource's key, False for a shared one, None when no handler serves it.

        >>> matcher = ResourceMatcher(RESOURCES)
        >>> matcher.match("articles/a/sections/b"), matcher.match("locales"), matcher.match("articles/a/x")
        (True, False, None)
        """
        parts = key.split("/")
        for segments, localized in self._by_length.get(len(parts), ()):
            if all(part if wanted is None else part == wanted for wanted, part in zip(segments, parts, strict=True)):
                return localized
        return None
