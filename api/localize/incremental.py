"""A locale's bodies after some articles' catalogues changed, without translating the library
again: those articles are localized anew; the library-wide documents (the article list, the list
index, the bundle) are made again from the others' kept bodies, decoded. Every other body is
kept as it was. The result is byte for byte what a full build gives
(tests/test_incremental_reload.py compares the two)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

import msgspec
from msgspec.structs import replace

from api import documents as doc
from api.catalogues.files import Catalogue
from api.encoded import EncodedBody, encode_all
from api.locales import locale_facts
from api.localize.articles import LocalizedContent, article_index, list_index
from api.localize.resources import article_bundles, bundle, list_aliases, marked_index
from api.messages import ARTICLE_DOMAINS
from api.model import Content, ListBlock

Key = tuple[str, str]
D = TypeVar("D", bound=msgspec.Struct)


def relocalized(  # noqa: PLR0913 (what one incremental rebuild depends on)
    *,
    content: Content,
    locale: str,
    catalogues: Mapping[str, Catalogue] | None,
    untranslated: frozenset[str],
    kept: Mapping[Key, EncodedBody],
    changed: frozenset[str],
) -> dict[Key, EncodedBody]:
    """`kept` with the bodies of the articles in `changed` (slugs) and of the library made again."""
    fresh = LocalizedContent(
        replace(content, articles=tuple(a for a in content.articles if a.slug in changed)),
        locale_facts(locale),
        catalogues,
    )
    documents = list(_documents(content, locale, fresh, untranslated, kept))
    bodies = {**kept, **encode_all(documents)}
    for alias, key in list_aliases(content):
        bodies[(alias, locale)] = bodies[(key, locale)]
    return bodies


def _documents(
    content: Content,
    locale: str,
    fresh: LocalizedContent,
    untranslated: frozenset[str],
    kept: Mapping[Key, EncodedBody],
) -> Iterator[tuple[Key, msgspec.Struct, str]]:
    new_articles = {article.slug: article for article in fresh.articles}
    new_lists = {page.id: page for page in fresh.lists}
    articles = [
        new_articles.get(a.slug) or _decoded(kept, (f"articles/{a.slug}", locale), doc.Article)
        for a in content.articles
    ]
    lists = [
        new_lists.get(block.id) or _decoded(kept, (f"lists/{block.id}", locale), doc.ListPage)
        for article in content.articles
        for section in article.sections
        for block in section.blocks
        if isinstance(block, ListBlock)
    ]
    clinic = _decoded(kept, ("clinic", locale), doc.Clinic)
    strings = _decoded(kept, ("strings", locale), doc.UiStrings)
    direction: doc.Direction = clinic.dir
    yield ("articles", locale), marked_index(article_index(locale, direction, articles), untranslated), locale
    for article in fresh.articles:
        yield (f"articles/{article.slug}", locale), article, locale
    for (slug, section_id), section_page in fresh.sections.items():
        yield (f"articles/{slug}/sections/{section_id}", locale), section_page, locale
    for page in fresh.lists:
        yield (f"lists/{page.id}", locale), page, locale
    yield ("lists", locale), list_index(locale, direction, lists), locale
    yield ("bundle", locale), bundle(clinic, strings, articles, lists), locale
    yield from article_bundles(clinic, strings, fresh.articles, fresh.lists)


def changed_articles(
    domains: Iterable[str], before: tuple[str | None, ...], now: tuple[str | None, ...]
) -> frozenset[str] | None:
    """The slugs of the articles whose catalogue revisions differ (`domains` in the revisions'
    order), or None when another domain's did (the clinic's, the UI's): then all is rebuilt."""
    changed = [domain for domain, old, new in zip(domains, before, now, strict=True) if old != new]
    if not all(domain.startswith(ARTICLE_DOMAINS) for domain in changed):
        return None
    return frozenset(domain.removeprefix(ARTICLE_DOMAINS) for domain in changed)


def _decoded(kept: Mapping[Key, EncodedBody], key: Key, document: type[D]) -> D:
    return msgspec.json.decode(kept[key].identity, type=document)
