"""The immutable snapshot: every response body of every locale, encoded, hashed and gzipped once.

`build_snapshot` reads the files and does all the work that does not depend on a request; the
HTTP layer only picks a locale, looks up a key and writes bytes. A new snapshot replaces the old
one whole, so a request never sees half old, half new content.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

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
    MessageKey,
    content_messages,
    ui_messages,
)
from api.model import Content
from api.sources import load_content

_encoder = msgspec.json.Encoder()
GZIP_LEVEL = 6
"""zlib's default: within a few per cent of level 9's size on our JSON, at about half the time."""
JSON = "application/json"
PO_MEDIA_TYPE = "text/x-gettext-translation"  # Litestar adds "; charset=utf-8" to text/* types


Header = tuple[bytes, bytes]
K = TypeVar("K")


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
class Source:
    """The content as read from `content/`, kept so that a reload after a catalogue change reuses it."""

    revision: str
    """A hash of every content file."""
    content: Content
    messages: Mapping[str, tuple[Message, ...]]
    template_keys: Mapping[str, frozenset[MessageKey]]


@dataclass(frozen=True, slots=True)
class LocaleBodies:
    """One locale's encoded bodies, and the catalogue versions they were built from."""

    catalogue_revisions: tuple[str | None, ...]
    bodies: Mapping[tuple[str, str], EncodedBody]
    entry: doc.LocaleEntry


@dataclass(frozen=True, slots=True)
class Snapshot:
    revision: str
    """Changes whenever any content or catalogue in service does."""
    source: Source
    by_locale: Mapping[str, LocaleBodies]
    chooser: LocaleChooser
    localized: Mapping[tuple[str, str], EncodedBody]
    """(resource key, locale) → body; keys mirror the paths under /v1 (`articles/<slug>`)."""
    shared: Mapping[str, EncodedBody]
    """Bodies that are the same in every locale (`locales`, `healthz`, `catalogues`, `catalogues/ur`)."""
    catalogues: Mapping[CatalogueKey, CatalogueState]
    problems: tuple[LoadProblem, ...]

    def body(self, resource: str, locale: str) -> EncodedBody | None:
        return self.localized.get((resource, locale))

    def download(self, locale: str, domain: str) -> EncodedBody | None:
        """The `.po` file in service for (locale, domain), made ready on request: downloads are rare."""
        state = self.catalogues.get((locale, domain))
        if state is None or state.po_gzip is None:
            return None
        return encode_bytes(gzip.decompress(state.po_gzip), None, PO_MEDIA_TYPE, gzipped=state.po_gzip)


def encode(document: msgspec.Struct, locale: str | None) -> EncodedBody:
    return encode_bytes(_encoder.encode(document), locale, JSON)


def encode_bytes(identity: bytes, locale: str | None, media_type: str, gzipped: bytes | None = None) -> EncodedBody:
    digest = hashlib.blake2b(identity, digest_size=16).hexdigest()
    gzipped = gzip_body(identity) if gzipped is None else gzipped
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


def gzip_body(identity: bytes) -> bytes:
    """Deterministic (no timestamp), so the gzip ETag and bytes are the same on every start."""
    return gzip.compress(identity, compresslevel=GZIP_LEVEL, mtime=0)


def encode_all(documents: Iterable[tuple[K, msgspec.Struct, str | None]]) -> dict[K, EncodedBody]:
    """Encode many documents; zlib releases the GIL, so their gzip forms are made on every core."""
    encoded = [(key, _encoder.encode(document), locale) for key, document, locale in documents]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        gzipped = list(pool.map(gzip_body, (identity for _, identity, _ in encoded), chunksize=64))
    return {
        key: encode_bytes(identity, locale, JSON, compressed)
        for (key, identity, locale), compressed in zip(encoded, gzipped, strict=True)
    }


def build_snapshot(content_dir: Path, locales_dir: Path, previous: Snapshot | None = None) -> Snapshot:
    """Read everything and encode every response.

    Raises `ContentError` if the content is bad. Catalogues that fail to load or check keep the
    version of `previous` in service, or are left out (and reported) when there is none. What has
    not changed since `previous` (the content, a locale whose catalogues are the same) is reused.
    """
    content_revision = _content_revision(content_dir)
    if previous is not None and previous.source.revision == content_revision:
        source = previous.source
    else:
        source = _read_source(content_dir, content_revision)
    states, problems = load_catalogue_states(locales_dir, previous.catalogues if previous else {}, source.template_keys)
    served = (SOURCE_LOCALE, *served_locales(states))
    by_locale: dict[str, LocaleBodies] = {}
    for locale in served:
        revisions = tuple(
            state.revision if (state := states.get((locale, domain))) else None
            for domain in (CONTENT_DOMAIN, UI_DOMAIN)
        )
        kept = previous.by_locale.get(locale) if previous is not None and previous.source is source else None
        if kept is not None and kept.catalogue_revisions == revisions:
            by_locale[locale] = kept
            continue
        by_domain = _served_catalogues(states, locale)
        by_locale[locale] = LocaleBodies(
            catalogue_revisions=revisions,
            bodies=encode_all(_localized_documents(source.content, locale, by_domain)),
            entry=_locale_entry(locale, by_domain, source.messages),
        )
    revision = _revision(content_revision, states)
    entries = [by_locale[locale].entry for locale in served]
    shared = {
        "locales": encode(doc.LocaleIndex(default=SOURCE_LOCALE, locales=entries), None),
        "healthz": encode(doc.Health(status="ok", revision=revision, locales=list(served)), None),
        **_status_bodies(revision, states, served, problems),
    }
    return Snapshot(
        revision=revision,
        source=source,
        by_locale=by_locale,
        chooser=LocaleChooser(served, SOURCE_LOCALE),
        localized={key: body for bodies in by_locale.values() for key, body in bodies.bodies.items()},
        shared=shared,
        catalogues=states,
        problems=tuple(problems),
    )


def _read_source(content_dir: Path, revision: str) -> Source:
    content = load_content(content_dir)
    messages = {
        CONTENT_DOMAIN: content_messages(content, content_dir),
        UI_DOMAIN: ui_messages(content, content_dir),
    }
    return Source(
        revision=revision,
        content=content,
        messages=messages,
        template_keys={domain: frozenset(m.key for m in found) for domain, found in messages.items()},
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


def _localized_documents(
    content: Content, locale: str, catalogues: Mapping[str, Catalogue] | None
) -> Iterator[tuple[tuple[str, str], msgspec.Struct, str]]:
    """((resource key, locale), document, locale) for every localized resource of `locale`."""
    facts = locale_facts(locale)
    docs = LocalizedContent(
        content,
        facts,
        catalogues[CONTENT_DOMAIN] if catalogues else None,
        catalogues[UI_DOMAIN] if catalogues else None,
    )
    yield ("articles", locale), docs.article_index, locale
    for article in docs.articles:
        yield (f"articles/{article.slug}", locale), article, locale
    for (slug, section_id), section_page in docs.sections.items():
        yield (f"articles/{slug}/sections/{section_id}", locale), section_page, locale
    yield ("lists", locale), docs.list_index, locale
    for list_page in docs.lists:
        yield (f"lists/{list_page.id}", locale), list_page, locale
    yield ("clinic", locale), docs.clinic, locale
    yield ("strings", locale), docs.strings, locale
    yield ("bundle", locale), _bundle(docs), locale


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


def _content_revision(content_dir: Path) -> str:
    """A hash of every content file's path and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(content_dir.rglob("*.toml")):
        digest.update(str(path.relative_to(content_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _revision(content_revision: str, states: Mapping[CatalogueKey, CatalogueState]) -> str:
    """A hash of the content and of every catalogue version in service."""
    digest = hashlib.blake2b(content_revision.encode(), digest_size=8)
    for key in sorted(states):
        digest.update(f"{key}:{states[key].revision}".encode())
    return digest.hexdigest()
