"""One locale's documents by resource key: the keys mirror the paths under /v1 (`articles/<slug>`).

The HTTP layer's route table maps each path back to one of these keys; a key it cannot map is
never served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping

import msgspec
from msgspec.structs import replace

from api import documents as doc
from api.catalogues.files import Catalogue
from api.locales import locale_facts
from api.localize.articles import LocalizedContent, nest_fallbacks
from api.model import Content, ListBlock

_encoder = msgspec.json.Encoder()


def localized_documents(
    content: Content,
    locale: str,
    catalogues: Mapping[str, Catalogue] | None,
    untranslated: frozenset[str] = frozenset(),
) -> Iterator[tuple[tuple[str, str], msgspec.Struct, str]]:
    """((resource key, locale), document, locale) for every localized resource of `locale` but the
    parts of an article (`api.derived_bodies` makes those on request); the articles in
    `untranslated` are marked so in the article list."""
    facts = locale_facts(locale)
    docs = LocalizedContent(content, facts, catalogues)
    yield ("articles", locale), marked_index(docs.article_index, untranslated), locale
    for article in docs.articles:
        yield (f"articles/{article.slug}", locale), article, locale
    yield ("lists", locale), docs.list_index, locale
    for list_page in docs.lists:
        yield (f"lists/{list_page.id}", locale), list_page, locale
    yield ("clinic", locale), docs.clinic, locale
    yield ("strings", locale), docs.strings, locale
    yield ("strings/desk", locale), docs.desk_strings, locale
    yield ("bundle", locale), bundle(docs.clinic, docs.strings, docs.articles, docs.lists), locale


def marked_index(index: doc.ArticleIndex, untranslated: frozenset[str]) -> doc.ArticleIndex:
    """The article list with the articles below the language's threshold marked `translated: false`."""
    if not untranslated:
        return index
    marked = [replace(a, translated=False) if a.slug in untranslated else a for a in index.articles]
    return replace(index, articles=marked)


def list_aliases(content: Content) -> list[tuple[str, str]]:
    """(`articles/<slug>/lists/<id>`, `lists/<id>`): each list is also a resource of its article."""
    return [
        (f"articles/{article.slug}/lists/{block.id}", f"lists/{block.id}")
        for article in content.articles
        for section in article.sections
        for block in section.blocks
        if isinstance(block, ListBlock)
    ]


def bundle_version(parts: Iterable[bytes]) -> str:
    """A bundle's version: the hash of its parts' JSON, one after the other (fed to the hash part by
    part: the library's bundle is 170 MB at 10,000 articles)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def bundle(
    clinic: doc.Clinic, strings: doc.UiStrings, articles: list[doc.Article], lists: list[doc.ListPage]
) -> doc.Bundle:
    """Everything a client shows offline for `articles` (the library, or one article): the
    articles, their lists, the clinic and the UI strings, with a version of the whole."""
    parts: list[msgspec.Struct] = [*articles, *lists, clinic, strings]
    version = bundle_version(_encoder.encode(part) for part in parts)
    fallbacks = [
        *nest_fallbacks("/articles", articles),
        *nest_fallbacks("/lists", lists),
        *(f"/clinic{pointer}" for pointer in clinic.fallbacks),
        *(f"/strings{pointer}" for pointer in strings.fallbacks),
    ]
    return doc.Bundle(
        locale=clinic.locale,
        dir=clinic.dir,
        fallbacks=fallbacks,
        version=version,
        articles=articles,
        lists=lists,
        clinic=clinic,
        strings=strings,
    )


def article_bundle(content: Content, slug: str, locale: str, catalogues: Mapping[str, Catalogue] | None) -> doc.Bundle:
    """One article's bundle, localized with `catalogues` (a translator's preview: only that
    article is localized, whatever the size of the library)."""
    article = content.article(slug)
    if article is None:
        raise KeyError(slug)
    docs = LocalizedContent(replace(content, articles=(article,)), locale_facts(locale), catalogues)
    return bundle(docs.clinic, docs.strings, docs.articles, docs.lists)
