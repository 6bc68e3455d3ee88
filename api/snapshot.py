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

from api import documents as doc
from api.catalogues.files import Catalogue
from api.catalogues.serving import CatalogueKey, CatalogueState, LoadProblem, load_catalogue_states, served_locales
from api.catalogues.status import catalogue_documents
from api.content_files import load_content
from api.encoded import PO_MEDIA_TYPE, EncodedBody, encode, encode_all, encode_bytes
from api.locales import SOURCE_LOCALE, LocaleChooser, canonical_tag, locale_facts
from api.localize.incremental import changed_articles, relocalized
from api.localize.resources import list_aliases, localized_documents
from api.messages import DESK_DOMAIN, Message, MessageKey, domain_messages
from api.model import Content
from api.readiness import DEFAULT_MIN_COVERAGE, Readiness, language_min_coverage, readiness
from api.sync import Manifest, manifest


@dataclass(frozen=True, slots=True)
class LoadedContent:
    """The content as read from `content/`, kept so that a reload after a catalogue change reuses it."""

    revision: str
    """A hash of every content file."""
    content: Content
    messages: Mapping[str, tuple[Message, ...]]
    """Each domain's messages: the clinic, each article (`articles/<slug>`), the UI."""
    template_keys: Mapping[str, frozenset[MessageKey]]


@dataclass(frozen=True, slots=True)
class LocaleBodies:
    """One locale's encoded bodies, and the catalogue versions they were built from."""

    catalogue_revisions: tuple[str | None, ...]
    untranslated: frozenset[str]
    """Articles below the language's threshold: marked so in the article list."""
    bodies: Mapping[tuple[str, str], EncodedBody]
    entry: doc.LocaleEntry


@dataclass(frozen=True, slots=True)
class Snapshot:
    revision: str
    """Changes whenever any content or catalogue in service does."""
    loaded: LoadedContent
    by_locale: Mapping[str, LocaleBodies]
    chooser: LocaleChooser
    localized: Mapping[tuple[str, str], EncodedBody]
    """(resource key, locale) → body; keys mirror the paths under /v1 (`articles/<slug>`)."""
    shared: Mapping[str, EncodedBody]
    """Bodies that are the same in every locale (`locales`, `healthz`, `catalogues`, `catalogues/ur`)."""
    catalogues: Mapping[CatalogueKey, CatalogueState]
    problems: tuple[LoadProblem, ...]
    unpublished: Mapping[str, Readiness]
    """Languages whose catalogues load but are below their coverage threshold, by canonical tag."""
    manifests: Mapping[str, Manifest]
    """Each served locale's synced resources by ETag, and its sync version."""

    def body(self, resource: str, locale: str) -> EncodedBody | None:
        return self.localized.get((resource, locale))

    def download(self, locale: str, domain: str) -> EncodedBody | None:
        """The `.po` file in service for (locale, domain), made ready on request: downloads are rare."""
        state = self.catalogues.get((locale, domain))
        if state is None or state.po_gzip is None:
            return None
        return encode_bytes(gzip.decompress(state.po_gzip), None, PO_MEDIA_TYPE, gzipped=state.po_gzip)


def build_snapshot(
    content_dir: Path,
    locales_dir: Path,
    previous: Snapshot | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> Snapshot:
    """Read everything and encode every response of every published language.

    Raises `ContentError` if the content is bad. Catalogues that fail to load or check keep the
    version of `previous` in service, or are left out (and reported) when there is none; what has
    not changed since `previous` is reused."""
    loaded = _loaded_content(content_dir, previous)
    states, problems = load_catalogue_states(locales_dir, previous.catalogues if previous else {}, loaded.template_keys)
    folders = {canonical_tag(folder): folder for folder in served_locales(states)}
    ready = {tag: _readiness(loaded, states, locales_dir, folder, min_coverage) for tag, folder in folders.items()}
    served = (SOURCE_LOCALE, *sorted(tag for tag, state in ready.items() if state.published))
    unpublished = {tag: state for tag, state in ready.items() if not state.published}
    reusable = previous.by_locale if previous is not None and previous.loaded is loaded else {}
    by_locale = {
        tag: _locale_bodies(loaded, states, (tag, folders.get(tag)), ready.get(tag), reusable.get(tag))
        for tag in served
    }
    revision = _revision(loaded.revision, states)
    shared = _shared_bodies(revision, [by_locale[locale].entry for locale in served], states, problems, unpublished)
    localized = {key: body for bodies in by_locale.values() for key, body in bodies.bodies.items()}
    return Snapshot(
        revision=revision,
        loaded=loaded,
        by_locale=by_locale,
        chooser=LocaleChooser(served, SOURCE_LOCALE),
        localized=localized,
        shared=shared,
        catalogues=states,
        problems=tuple(problems),
        unpublished=unpublished,
        manifests={tag: manifest(tag, localized) for tag in served},
    )


def _shared_bodies(
    revision: str,
    entries: list[doc.LocaleEntry],
    states: Mapping[CatalogueKey, CatalogueState],
    problems: Iterable[LoadProblem],
    unpublished: Mapping[str, Readiness],
) -> dict[str, EncodedBody]:
    """The bodies that are the same in every locale: the locales, health, the catalogue status."""
    served = [entry.code for entry in entries]
    return {
        "locales": encode(doc.LocaleIndex(default=SOURCE_LOCALE, locales=entries), None),
        "healthz": encode(doc.Health(status="ok", revision=revision, locales=served), None),
        **_status_bodies(revision, states, served, problems, unpublished),
    }


def _loaded_content(content_dir: Path, previous: Snapshot | None) -> LoadedContent:
    """The content, read again only when a content file changed."""
    revision = _content_revision(content_dir)
    if previous is not None and previous.loaded.revision == revision:
        return previous.loaded
    return _read_content(content_dir, revision)


def _readiness(
    loaded: LoadedContent,
    states: Mapping[CatalogueKey, CatalogueState],
    locales_dir: Path,
    folder: str,
    min_coverage: float,
) -> Readiness:
    """How far the language in `folder` is translated, against its own threshold or the default."""
    catalogues = _served_catalogues(states, folder, loaded.template_keys) or {}
    threshold = language_min_coverage(locales_dir, folder, min_coverage)
    return readiness(catalogues, loaded.template_keys, threshold)


def _locale_bodies(
    loaded: LoadedContent,
    states: Mapping[CatalogueKey, CatalogueState],
    locale_and_folder: tuple[str, str | None],
    ready: Readiness | None,
    kept: LocaleBodies | None,
) -> LocaleBodies:
    """One locale's bodies (its folder holds its catalogues; None for the source language): `kept`
    (built from the same content) when its catalogues and untranslated articles did not change."""
    locale, folder = locale_and_folder
    revisions = tuple(
        state.revision if (state := states.get((folder or "", domain))) else None for domain in loaded.template_keys
    )
    untranslated = frozenset(a.slug for a in loaded.content.articles if ready and not ready.translated(a.slug))
    if kept is not None and (kept.catalogue_revisions, kept.untranslated) == (revisions, untranslated):
        return kept
    by_domain = _served_catalogues(states, folder, loaded.template_keys)
    changed = None
    if kept is not None and kept.untranslated == untranslated:
        changed = changed_articles(loaded.template_keys, kept.catalogue_revisions, revisions)
    if kept is not None and changed is not None:  # only some articles' catalogues: those, and the library
        bodies = relocalized(
            content=loaded.content,
            locale=locale,
            catalogues=by_domain,
            untranslated=untranslated,
            kept=kept.bodies,
            changed=changed,
        )
    else:
        bodies = encode_all(localized_documents(loaded.content, locale, by_domain, untranslated))
        bodies |= {(alias, locale): bodies[(key, locale)] for alias, key in list_aliases(loaded.content)}
    return LocaleBodies(
        catalogue_revisions=revisions,
        untranslated=untranslated,
        bodies=bodies,
        entry=_locale_entry(locale, by_domain, loaded.messages),
    )


def _read_content(content_dir: Path, revision: str) -> LoadedContent:
    content = load_content(content_dir)
    messages = domain_messages(content, content_dir)
    return LoadedContent(
        revision=revision,
        content=content,
        messages=messages,
        template_keys={domain: frozenset(m.key for m in found) for domain, found in messages.items()},
    )


def with_load_problem(snapshot: Snapshot, problem: LoadProblem) -> Snapshot:
    """The same content, with a reload failure reported by the status endpoints."""
    problems = (*snapshot.problems, problem)
    served = snapshot.chooser.served
    status = _status_bodies(snapshot.revision, snapshot.catalogues, served, problems, snapshot.unpublished)
    shared = {**snapshot.shared, **status}
    return replace(snapshot, shared=shared, problems=problems)


def _status_bodies(
    revision: str,
    states: Mapping[CatalogueKey, CatalogueState],
    served: Sequence[str],
    problems: Iterable[LoadProblem],
    unpublished: Mapping[str, Readiness],
) -> dict[str, EncodedBody]:
    documents = catalogue_documents(revision, states, served, problems, unpublished)
    return {key: encode(document, None) for key, document in documents.items()}


def _served_catalogues(
    states: Mapping[CatalogueKey, CatalogueState], folder: str | None, domains: Iterable[str]
) -> dict[str, Catalogue] | None:
    """None for the source locale; a missing catalogue is an empty one (English strings)."""
    if folder is None:
        return None
    by_domain: dict[str, Catalogue] = {}
    for domain in domains:
        state = states.get((folder, domain))
        by_domain[domain] = (
            state.catalogue
            if state and state.catalogue
            else Catalogue(locale=folder, domain=domain, translations={}, plural_forms="")
        )
    return by_domain


def _locale_entry(
    locale: str,
    catalogues: Mapping[str, Catalogue] | None,
    messages: Mapping[str, tuple[Message, ...]],
) -> doc.LocaleEntry:
    facts = locale_facts(locale)
    messages = {domain: found for domain, found in messages.items() if domain != DESK_DOMAIN}  # not the patients'
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
        script=facts.script,
        digits=facts.digits,
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
