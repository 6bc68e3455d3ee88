"""A locale's bodies after some articles' catalogues changed, without translating the library
again: those articles are localized anew; the library-wide documents (the article list, the list
index, the bundle) are made again from the others' kept bodies — their bytes as they are
(`msgspec.Raw`), only their heads and fallbacks decoded. Every other body is kept as it was.
The result is byte for byte what a full build gives (tests/test_incremental_reload.py compares
the two)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

import msgspec
from msgspec.structs import replace

from api import documents as doc
from api.catalogues.files import Catalogue
from api.encoded import EncodedBody, encode_all
from api.locales import locale_facts
from api.localize.articles import LocalizedContent, article_index, summary_of
from api.localize.resources import bundle_version, list_aliases, marked_index
from api.messages import ARTICLE_DOMAINS
from api.model import Content, ListBlock

Key = tuple[str, str]
_encoder = msgspec.json.Encoder()
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
) -> Iterator[tuple[Key, msgspec.Struct | bytes, str]]:
    new_articles = {article.slug: article for article in fresh.articles}
    entries: list[tuple[doc.ArticleSummary, list[str]]] = []
    article_bytes: list[bytes] = []
    for source in content.articles:
        found = new_articles.get(source.slug)
        if found is not None:
            entries.append(summary_of(found))
            article_bytes.append(_encoder.encode(found))
        else:  # the kept body: its bytes go into the bundle as they are, its head into the list
            identity = kept[(f"articles/{source.slug}", locale)].sent_identity()
            entries.append(_entry(msgspec.json.decode(identity, type=_Head)))
            article_bytes.append(identity)
    lists = _list_parts(content, locale, fresh, kept)
    clinic = _decoded(kept, ("clinic", locale), doc.Clinic)
    strings = _decoded(kept, ("strings", locale), doc.UiStrings)
    direction: doc.Direction = clinic.dir
    yield ("articles", locale), marked_index(article_index(locale, direction, entries), untranslated), locale
    for article in fresh.articles:
        yield (f"articles/{article.slug}", locale), article, locale
    for page in fresh.lists:
        yield (f"lists/{page.id}", locale), page, locale
    list_fallbacks = [f"/lists/{number}{pointer}" for number, (_, own) in enumerate(lists) for pointer in own]
    head = doc.Localized(locale=locale, dir=direction, fallbacks=list_fallbacks)
    yield ("lists", locale), _spliced(head, [(b"lists", [part for part, _ in lists])], []), locale
    bundle = _composed_bundle(clinic, strings, entries, article_bytes, lists)
    yield ("bundle", locale), bundle, locale


def _list_parts(
    content: Content, locale: str, fresh: LocalizedContent, kept: Mapping[Key, EncodedBody]
) -> list[tuple[bytes, list[str]]]:
    """Every list page's bytes and fallbacks, in the library's order."""
    new_lists = {page.id: page for page in fresh.lists}
    return [
        _list_part(new_lists.get(block.id), kept, (f"lists/{block.id}", locale))
        for source in content.articles
        for section in source.sections
        for block in section.blocks
        if isinstance(block, ListBlock)
    ]


class _ListHead(msgspec.Struct, kw_only=True):
    """What the library's documents need of a kept list page besides its bytes: its fallbacks."""

    fallbacks: list[str]


def _list_part(fresh: doc.ListPage | None, kept: Mapping[Key, EncodedBody], key: Key) -> tuple[bytes, list[str]]:
    """A list page's bytes and fallbacks: the new page's, or the kept body's as they are."""
    if fresh is not None:
        return _encoder.encode(fresh), fresh.fallbacks
    identity = kept[key].sent_identity()
    return identity, msgspec.json.decode(identity, type=_ListHead).fallbacks


class _Head(doc.ArticleSummary, frozen=True, kw_only=True):
    """What the article list needs of a kept article body: its entry's fields (its sections'
    blocks are skipped, not decoded) and its fallbacks."""

    fallbacks: list[str]


def _entry(head: _Head) -> tuple[doc.ArticleSummary, list[str]]:
    fields = {name: getattr(head, name) for name in doc.ArticleSummary.__struct_fields__}
    return doc.ArticleSummary(**fields), head.fallbacks


class _BundleHead(doc.Localized, frozen=True, kw_only=True):
    """`doc.Bundle`'s fields before its articles."""

    version: str


def _composed_bundle(
    clinic: doc.Clinic,
    strings: doc.UiStrings,
    entries: list[tuple[doc.ArticleSummary, list[str]]],
    article_bytes: list[bytes],
    lists: list[tuple[bytes, list[str]]],
) -> bytes:
    """What `resources.bundle` makes, from the articles' and the lists' bytes: the version is the
    hash of the same parts, and the fallbacks nest each article's and list's own."""
    version = bundle_version([*article_bytes, *(part for part, _ in lists), *map(_encoder.encode, (clinic, strings))])
    fallbacks = [
        *(f"/articles/{number}{pointer}" for number, (_, own) in enumerate(entries) for pointer in own),
        *(f"/lists/{number}{pointer}" for number, (_, own) in enumerate(lists) for pointer in own),
        *(f"/clinic{pointer}" for pointer in clinic.fallbacks),
        *(f"/strings{pointer}" for pointer in strings.fallbacks),
    ]
    head = _BundleHead(locale=clinic.locale, dir=clinic.dir, fallbacks=fallbacks, version=version)
    arrays = [(b"articles", article_bytes), (b"lists", [part for part, _ in lists])]
    return _spliced(head, arrays, [(b"clinic", clinic), (b"strings", strings)])


def _spliced(
    head: doc.Localized, arrays: list[tuple[bytes, list[bytes]]], documents: list[tuple[bytes, msgspec.Struct]]
) -> bytes:
    """`head`'s JSON with more fields after it — arrays of parts already encoded, then documents —
    as msgspec encodes the whole (tests/test_incremental_reload.py compares them), made with one
    join: one encode of a document holding 170 MB of parts (the bundle of 10,000 articles) held
    the GIL for a third of a second, and requests waited (a p99 of 150 ms during a reload)."""
    pieces = [_encoder.encode(head)[:-1]]  # without its closing brace: the fields follow
    for name, parts in arrays:
        pieces.append(b',"' + name + b'":[')
        for number, part in enumerate(parts):
            pieces += (b",", part) if number else (part,)
        pieces.append(b"]")
    for name, document in documents:
        pieces += (b',"' + name + b'":', _encoder.encode(document))
    pieces.append(b"}")
    return b"".join(pieces)


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
    return msgspec.json.decode(kept[key].sent_identity(), type=document)
