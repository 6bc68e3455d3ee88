"""Bodies made on request from the bodies kept: an article's sections and its own bundle are parts
of the article's body (with its lists, the clinic's and the UI's), so a library holds each article
once and makes these when asked — about 0.3 ms — keeping the most recent ones, up to a number of
bytes, for the next asker."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TypeVar

import msgspec

from api import documents as doc
from api.encoded import EncodedBody, encode
from api.kept_bodies import KeptBodies
from api.localize.articles import section_page
from api.localize.resources import bundle
from api.model import Content, ListBlock

Key = tuple[str, str]
D = TypeVar("D", bound=msgspec.Struct)
_PART = re.compile(r"^articles/(?P<slug>[^/]+)/(?:sections/(?P<section>[^/]+)|(?P<bundle>bundle))$")
KEPT_BYTES = 8 * 1024 * 1024
"""Bytes of made bodies kept (both encodings): the hot sections of a kiosk's day, a few hundred."""


class DerivedBodies:
    """The sections and article bundles of one snapshot, made from its `bodies` when asked."""

    def __init__(self, bodies: Mapping[Key, EncodedBody], content: Content, kept_bytes: int = KEPT_BYTES) -> None:
        self._bodies = bodies
        self._lists = {
            article.slug: tuple(
                block.id for section in article.sections for block in section.blocks if isinstance(block, ListBlock)
            )
            for article in content.articles
        }
        self._sections = {
            article.slug: tuple(section.id for section in article.sections) for article in content.articles
        }
        self._kept: KeptBodies[Key] = KeptBodies(kept_bytes)

    def keys(self) -> Iterator[Key]:
        """Every (resource, locale) it makes: each article's sections and bundle."""
        for resource, locale in self._bodies:
            slug = resource.removeprefix("articles/")
            if slug in self._sections and resource == f"articles/{slug}":
                yield from ((f"{resource}/sections/{section}", locale) for section in self._sections[slug])
                yield f"{resource}/bundle", locale

    def get(self, resource: str, locale: str) -> EncodedBody | None:
        """The body of `resource` in `locale`, or None when it is not a part of an article there."""
        if (found := self._kept.get((resource, locale))) is not None:
            return found
        made = self._make(resource, locale)
        return None if made is None else self._kept.keep((resource, locale), made)

    def _make(self, resource: str, locale: str) -> EncodedBody | None:
        match = _PART.match(resource)
        kept = self._bodies.get((f"articles/{match['slug']}", locale)) if match else None
        if match is None or kept is None:
            return None
        article = msgspec.json.decode(kept.sent_identity(), type=doc.Article)
        if match["bundle"]:
            lists = [self._decoded(f"lists/{list_id}", locale, doc.ListPage) for list_id in self._lists[article.slug]]
            clinic = self._decoded("clinic", locale, doc.Clinic)
            strings = self._decoded("strings", locale, doc.UiStrings)
            return encode(bundle(clinic, strings, [article], lists), locale)
        index = next((i for i, section in enumerate(article.sections) if section.id == match["section"]), None)
        return None if index is None else encode(section_page(article, index), locale)

    def _decoded(self, key: str, locale: str, kind: type[D]) -> D:
        return msgspec.json.decode(self._bodies[(key, locale)].sent_identity(), type=kind)
