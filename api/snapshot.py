"""The immutable snapshot: every response body of every locale, encoded, hashed and gzipped once.

`build_snapshot` reads the files and does all the work that does not depend on a request; the
HTTP layer only picks a locale, looks up a key and writes bytes. A new snapshot replaces the old
one whole, so a request never sees half old, half new content.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import msgspec

from api import documents as doc
from api.catalogues import (
    Catalogue,
    CatalogueError,
    catalogue_locales,
    catalogue_path,
    read_catalogue,
)
from api.locales import LocaleChooser, is_known_locale, locale_facts
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

SOURCE_LOCALE = "en"
_encoder = msgspec.json.Encoder()


class EncodedBody(msgspec.Struct, frozen=True, kw_only=True):
    """One response body in both encodings, with a strong ETag for each."""

    identity: bytes
    gzipped: bytes
    etag: str
    gzip_etag: str
    locale: str | None
    """The body's language (`Content-Language`); None for documents that are not localized."""


class LoadProblem(msgspec.Struct, frozen=True, kw_only=True):
    """A file that could not be used; the rest is served without it."""

    file: str
    line: int | None
    problem: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    revision: str
    """Changes whenever any content or catalogue file does."""
    chooser: LocaleChooser
    localized: Mapping[tuple[str, str], EncodedBody]
    """(resource key, locale) → body; keys mirror the paths under /v1 (`articles/<slug>`)."""
    shared: Mapping[str, EncodedBody]
    """Bodies that are the same in every locale (`locales`, `healthz`)."""
    problems: tuple[LoadProblem, ...]

    def body(self, resource: str, locale: str) -> EncodedBody | None:
        return self.localized.get((resource, locale))


def encode(document: msgspec.Struct, locale: str | None) -> EncodedBody:
    identity = _encoder.encode(document)
    digest = hashlib.blake2b(identity, digest_size=16).hexdigest()
    return EncodedBody(
        identity=identity,
        gzipped=gzip.compress(identity, compresslevel=9, mtime=0),
        etag=f'"{digest}"',
        gzip_etag=f'"{digest}-gzip"',
        locale=locale,
    )


def build_snapshot(content_dir: Path, locales_dir: Path) -> Snapshot:
    """Read everything and encode every response. Raises `ContentError` if the content is bad;
    a bad catalogue only drops its locale (or domain) and is reported in `problems`."""
    content = load_content(content_dir)
    messages = {
        CONTENT_DOMAIN: content_messages(content, content_dir),
        UI_DOMAIN: ui_messages(content, content_dir),
    }
    catalogues, problems = _read_catalogues(locales_dir)
    served = (SOURCE_LOCALE, *sorted(catalogues))
    localized: dict[tuple[str, str], EncodedBody] = {}
    entries: list[doc.LocaleEntry] = []
    for locale in served:
        by_domain = catalogues.get(locale)
        localized.update(_localized_bodies(content, locale, by_domain))
        entries.append(_locale_entry(locale, by_domain, messages))
    revision = _revision(content_dir, locales_dir)
    shared = {
        "locales": encode(doc.LocaleIndex(default=SOURCE_LOCALE, locales=entries), None),
        "healthz": encode(doc.Health(status="ok", revision=revision, locales=list(served)), None),
    }
    return Snapshot(
        revision=revision,
        chooser=LocaleChooser(served, SOURCE_LOCALE),
        localized=localized,
        shared=shared,
        problems=tuple(problems),
    )


def _read_catalogues(
    locales_dir: Path,
) -> tuple[dict[str, dict[str, Catalogue]], list[LoadProblem]]:
    """Every locale whose `content` catalogue loads; a missing `ui` catalogue means all-English UI."""
    catalogues: dict[str, dict[str, Catalogue]] = {}
    problems: list[LoadProblem] = []
    for locale in catalogue_locales(locales_dir):
        if locale == SOURCE_LOCALE:
            continue
        if not is_known_locale(locale):
            problems.append(
                LoadProblem(
                    file=str(locales_dir / locale),
                    line=None,
                    problem="not a known locale",
                )
            )
            continue
        by_domain: dict[str, Catalogue] = {}
        for domain in (CONTENT_DOMAIN, UI_DOMAIN):
            path = catalogue_path(locales_dir, locale, domain)
            if not path.exists():
                by_domain[domain] = Catalogue(locale=locale, domain=domain, translations={}, plural_forms="")
                continue
            try:
                by_domain[domain] = read_catalogue(path, locale, domain)
            except CatalogueError as error:
                problems.append(LoadProblem(file=str(error.file), line=error.line, problem=error.problem))
        if len(by_domain) == 2 and catalogue_path(locales_dir, locale, CONTENT_DOMAIN).exists():
            catalogues[locale] = by_domain
    return catalogues, problems


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


def _revision(content_dir: Path, locales_dir: Path) -> str:
    """A hash of every input file's path and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    for root in (content_dir, locales_dir):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".toml", ".po"}):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
