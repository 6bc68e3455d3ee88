"""The immutable snapshot: every response body of every locale, encoded, hashed and gzipped once.

`build_snapshot` reads the files and does all the work that does not depend on a request; the
HTTP layer only picks a locale, looks up a key and writes bytes. A new snapshot replaces the old
one whole, so a request never sees half old, half new content.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from api import documents as doc
from api.catalogue_loading import (
    SOURCE_LOCALE,
    CatalogueKey,
    CatalogueState,
    LoadProblem,
    load_catalogue_states,
    served_locales,
)
from api.catalogue_status import catalogue_documents
from api.catalogues import Catalogue
from api.locales import LocaleChooser, locale_facts
from api.localize import LocalizedContent, nest_fallbacks
from api.messages import (
    CONTENT_DOMAIN,
    UI_DOMAIN,
    Message,
    content_messages,
    ui_messages,
)
from api.model import Content
from api.sources import load_content

_encoder = msgspec.json.Encoder()
JSON = "application/json"
PO_MEDIA_TYPE = "text/x-gettext-translation"  # Litestar adds "; charset=utf-8" to text/* types


Header = tuple[bytes, bytes]


class EncodedBody(msgspec.Struct, frozen=True, kw_only=True):
    """One response body in both encodings, with a strong ETag for each, and the response headers
    that describe it (all but Cache-Control, which is the server's policy), ready to send."""

    identity: bytes
    gzipped: bytes
    etag: str
    gzip_etag: str
    locale: str | None
    """The body's language (`Content-Language`); None for documents that are not localized."""
    media_type: str = JSON
    identity_headers: tuple[Header, ...] = ()
    gzip_headers: tuple[Header, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    revision: str
    """Changes whenever any content or catalogue in service does."""
    chooser: LocaleChooser
    localized: Mapping[tuple[str, str], EncodedBody]
    """(resource key, locale) → body; keys mirror the paths under /v1 (`articles/<slug>`)."""
    shared: Mapping[str, EncodedBody]
    """Bodies that are the same in every locale (`locales`, `healthz`, `catalogues`, `catalogues/ur`)."""
    downloads: Mapping[CatalogueKey, EncodedBody]
    """The `.po` files in service, by (locale, domain)."""
    catalogues: Mapping[CatalogueKey, CatalogueState]
    problems: tuple[LoadProblem, ...]

    def body(self, resource: str, locale: str) -> EncodedBody | None:
        return self.localized.get((resource, locale))


def encode(document: msgspec.Struct, locale: str | None) -> EncodedBody:
    return encode_bytes(_encoder.encode(document), locale, JSON)


def encode_bytes(identity: bytes, locale: str | None, media_type: str) -> EncodedBody:
    digest = hashlib.blake2b(identity, digest_size=16).hexdigest()
    gzipped = gzip.compress(identity, compresslevel=9, mtime=0)
    etag, gzip_etag = f'"{digest}"', f'"{digest}-gzip"'
    content_type = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    described: list[Header] = [(b"vary", b"Accept-Language, Accept-Encoding" if locale else b"Accept-Encoding")]
    if locale:
        described.append((b"content-language", locale.encode()))
    return EncodedBody(
        identity=identity,
        gzipped=gzipped,
        etag=etag,
        gzip_etag=gzip_etag,
        locale=locale,
        media_type=media_type,
        identity_headers=(
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(identity)).encode()),
            (b"etag", etag.encode()),
            *described,
        ),
        gzip_headers=(
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(gzipped)).encode()),
            (b"content-encoding", b"gzip"),
            (b"etag", gzip_etag.encode()),
            *described,
        ),
    )


def build_snapshot(content_dir: Path, locales_dir: Path, previous: Snapshot | None = None) -> Snapshot:
    """Read everything and encode every response.

    Raises `ContentError` if the content is bad. Catalogues that fail to load or check keep the
    version of `previous` in service, or are left out (and reported) when there is none.
    """
    content = load_content(content_dir)
    messages = {
        CONTENT_DOMAIN: content_messages(content, content_dir),
        UI_DOMAIN: ui_messages(content, content_dir),
    }
    states, problems = load_catalogue_states(locales_dir, previous.catalogues if previous else {})
    served = (SOURCE_LOCALE, *served_locales(states))
    localized: dict[tuple[str, str], EncodedBody] = {}
    entries: list[doc.LocaleEntry] = []
    for locale in served:
        by_domain = _served_catalogues(states, locale)
        localized.update(_localized_bodies(content, locale, by_domain))
        entries.append(_locale_entry(locale, by_domain, messages))
    revision = _revision(content_dir, states)
    downloads = {
        key: encode_bytes(state.po_bytes, None, PO_MEDIA_TYPE)
        for key, state in states.items()
        if state.po_bytes is not None
    }
    shared = {
        "locales": encode(doc.LocaleIndex(default=SOURCE_LOCALE, locales=entries), None),
        "healthz": encode(doc.Health(status="ok", revision=revision, locales=list(served)), None),
        **_status_bodies(revision, states, served, problems),
    }
    return Snapshot(
        revision=revision,
        chooser=LocaleChooser(served, SOURCE_LOCALE),
        localized=localized,
        shared=shared,
        downloads=downloads,
        catalogues=states,
        problems=tuple(problems),
    )


def with_load_problem(snapshot: Snapshot, problem: LoadProblem) -> Snapshot:
    """The same content, with a reload failure reported by the status endpoints."""
    problems = (*snapshot.problems, problem)
    served = snapshot.chooser.served
    shared = {**snapshot.shared, **_status_bodies(snapshot.revision, snapshot.catalogues, served, problems)}
    return replace(snapshot, shared=shared, problems=problems)


def _status_bodies(
    revision: str,
    states: Mapping[CatalogueKey, CatalogueState],
    served: Sequence[str],
    problems: Iterable[LoadProblem],
) -> dict[str, EncodedBody]:
    documents = catalogue_documents(revision, states, served, problems)
    return {key: encode(document, None) for key, document in documents.items()}


def _served_catalogues(states: Mapping[CatalogueKey, CatalogueState], locale: str) -> dict[str, Catalogue] | None:
    """None for the source locale; a missing `ui` catalogue is an empty one (English UI strings)."""
    if locale == SOURCE_LOCALE:
        return None
    by_domain: dict[str, Catalogue] = {}
    for domain in (CONTENT_DOMAIN, UI_DOMAIN):
        state = states.get((locale, domain))
        by_domain[domain] = (
            state.catalogue
            if state and state.catalogue
            else Catalogue(locale=locale, domain=domain, translations={}, plural_forms="")
        )
    return by_domain


def _localized_bodies(
    content: Content, locale: str, catalogues: Mapping[str, Catalogue] | None
) -> Iterable[tuple[tuple[str, str], EncodedBody]]:
    facts = locale_facts(locale)
    docs = LocalizedContent(
        content,
        facts,
        catalogues[CONTENT_DOMAIN] if catalogues else None,
        catalogues[UI_DOMAIN] if catalogues else None,
    )
    yield ("articles", locale), encode(docs.article_index, locale)
    for article in docs.articles:
        yield (f"articles/{article.slug}", locale), encode(article, locale)
    for (slug, section_id), section_page in docs.sections.items():
        yield (f"articles/{slug}/sections/{section_id}", locale), encode(section_page, locale)
    yield ("lists", locale), encode(docs.list_index, locale)
    for list_page in docs.lists:
        yield (f"lists/{list_page.id}", locale), encode(list_page, locale)
    yield ("clinic", locale), encode(docs.clinic, locale)
    yield ("strings", locale), encode(docs.strings, locale)
    yield ("bundle", locale), encode(_bundle(docs), locale)


def _bundle(docs: LocalizedContent) -> doc.Bundle:
    parts: list[msgspec.Struct] = [
        *docs.articles,
        *docs.lists,
        docs.clinic,
        docs.strings,
    ]
    version = hashlib.blake2b(b"".join(_encoder.encode(part) for part in parts), digest_size=8).hexdigest()
    fallbacks = [
        *nest_fallbacks("/articles", docs.articles),
        *nest_fallbacks("/lists", docs.lists),
        *(f"/clinic{pointer}" for pointer in docs.clinic.fallbacks),
        *(f"/strings{pointer}" for pointer in docs.strings.fallbacks),
    ]
    return doc.Bundle(
        locale=docs.clinic.locale,
        dir=docs.clinic.dir,
        fallbacks=fallbacks,
        version=version,
        articles=docs.articles,
        lists=docs.lists,
        clinic=docs.clinic,
        strings=docs.strings,
    )


def _locale_entry(
    locale: str,
    catalogues: Mapping[str, Catalogue] | None,
    messages: Mapping[str, tuple[Message, ...]],
) -> doc.LocaleEntry:
    facts = locale_facts(locale)
    total = sum(len(domain_messages) for domain_messages in messages.values())
    if catalogues is None:
        translated = total
    else:
        translated = sum(
            message.key in catalogues[domain].translations
            for domain, domain_messages in messages.items()
            for message in domain_messages
        )
    return doc.LocaleEntry(
        code=locale,
        english_name=facts.english_name,
        native_name=facts.native_name,
        dir="rtl" if facts.dir == "rtl" else "ltr",
        coverage=round(translated / total, 4) if total else 1.0,
    )


def _revision(content_dir: Path, states: Mapping[CatalogueKey, CatalogueState]) -> str:
    """A hash of every content file and of every catalogue version in service."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(content_dir.rglob("*.toml")):
        digest.update(str(path.relative_to(content_dir)).encode() + b"\0" + path.read_bytes())
    for key in sorted(states):
        digest.update(f"{key}:{states[key].revision}".encode())
    return digest.hexdigest()
