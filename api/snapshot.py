"""The immutable snapshot: every response body of every locale, encoded, hashed and gzipped once.

`build_snapshot` reads the files and does all the work that does not depend on a request; the
HTTP layer only picks a locale, looks up a key and writes bytes. What grows with the library and
is asked for rarely is made on the first request instead, from what the snapshot holds: an
article's sections and bundle (`derived`), the catalogue status (`status`). A new snapshot
replaces the old one whole, so a request never sees half old, half new content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from api import documents as doc
from api.catalogues.served_files import ServedFiles
from api.catalogues.serving import CatalogueKey, CatalogueState, LoadProblem, load_catalogue_states, served_locales
from api.compiled.store import CompiledCache
from api.derived_bodies import DerivedBodies
from api.encoded import PO_MEDIA_TYPE, EncodedBody, compressed, encode, encode_bytes, held
from api.loaded_content import LoadedContent, loaded_content
from api.locale_bodies import LocaleBodies, cached_bodies, keep_bodies, locale_bodies, served_catalogues
from api.locales import SOURCE_LOCALE, LocaleChooser, canonical_tag
from api.made_forms import MadeForms
from api.readiness import DEFAULT_MIN_COVERAGE, Readiness, language_min_coverage, readiness
from api.status_bodies import StatusBodies
from api.sync import Manifest, manifest


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
    """Bodies that are the same in every locale (`locales`, `healthz`)."""
    status: StatusBodies
    """The catalogue status (`catalogues`, `catalogues/ur`, `full/…`), encoded when asked for."""
    catalogues: Mapping[CatalogueKey, CatalogueState]
    problems: tuple[LoadProblem, ...]
    unpublished: Mapping[str, Readiness]
    """Languages whose catalogues load but are below their coverage threshold, by canonical tag."""
    manifests: Mapping[str, Manifest]
    """Each served locale's synced resources by ETag, and its sync version."""
    derived: DerivedBodies
    """The parts of articles (sections, an article's bundle), made from `localized` on request."""
    made_forms: MadeForms
    """The encodings of bodies it does not hold, made on request (shared with the next snapshot)."""
    files: ServedFiles
    """Where the catalogue files in service are kept (`in_service_file`)."""

    def shared_body(self, key: str) -> EncodedBody | None:
        return self.shared.get(key) or self.status.get(key)

    def body(self, resource: str, locale: str) -> EncodedBody | None:
        return self.localized.get((resource, locale)) or self.derived.get(resource, locale)

    def with_gzip(self) -> Snapshot:
        """This snapshot with the gzip forms a reload left for later made (see `gzip_pending`)."""
        done = {key: held(body) for key, body in compressed(self.localized).items()}
        if not done:
            return self
        by_locale = {
            tag: replace(kept, bodies={key: done.get(key, body) for key, body in kept.bodies.items()})
            for tag, kept in self.by_locale.items()
        }
        localized = {**self.localized, **done}
        return replace(
            self, localized=localized, by_locale=by_locale, derived=DerivedBodies(localized, self.loaded.content)
        )

    def in_service_file(self, locale: str, domain: str) -> bytes | None:
        """The bytes of the `.po` file in service for (locale, `domain`), if one is."""
        state = self.catalogues.get((locale, domain))
        if state is None or state.catalogue is None or state.revision is None:
            return None
        return self.files.read(state.path, state.revision, state.kept_as, state.po_gzip)

    def download(self, locale: str, domain: str) -> EncodedBody | None:
        """The `.po` file in service for (locale, domain), made ready on request: downloads are rare."""
        data = self.in_service_file(locale, domain)
        if data is None:
            return None
        return encode_bytes(data, None, PO_MEDIA_TYPE)  # gzipped as every body is


def build_snapshot(
    content_dir: Path,
    locales_dir: Path,
    previous: Snapshot | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    cache: CompiledCache | None = None,
) -> Snapshot:
    """Read everything and encode every response of every published language.

    Raises `ContentError` if the content is bad. A catalogue that fails keeps `previous`'s version
    in service (or is left out, and reported); what did not change, or `cache` holds, is reused."""
    loaded = loaded_content(content_dir, previous.loaded if previous else None, cache)
    in_service = previous.catalogues if previous else {}
    states, problems = load_catalogue_states(locales_dir, in_service, loaded.template_keys, cache)
    folders = {canonical_tag(folder): folder for folder in served_locales(states)}
    ready = {tag: _readiness(loaded, states, locales_dir, folder, min_coverage) for tag, folder in folders.items()}
    served = (SOURCE_LOCALE, *sorted(tag for tag, state in ready.items() if state.published))
    unpublished = {tag: state for tag, state in ready.items() if not state.published}
    by_locale = {
        tag: _bodies(loaded, states, (tag, folders.get(tag)), ready.get(tag), previous=previous, cache=cache)
        for tag in served
    }
    revision = _revision(loaded.revision, states)
    localized = {key: body for bodies in by_locale.values() for key, body in bodies.bodies.items()}
    return Snapshot(
        revision=revision,
        loaded=loaded,
        by_locale=by_locale,
        chooser=LocaleChooser(served, SOURCE_LOCALE),
        localized=localized,
        shared=_shared_bodies(revision, [by_locale[locale].entry for locale in served]),
        status=StatusBodies(revision, states, served, problems, unpublished),
        catalogues=states,
        problems=tuple(problems),
        unpublished=unpublished,
        manifests={tag: manifest(tag, localized) for tag in served},
        derived=DerivedBodies(localized, loaded.content),
        made_forms=previous.made_forms if previous else MadeForms(),
        files=ServedFiles(cache, locales_dir),
    )


def _shared_bodies(revision: str, entries: list[doc.LocaleEntry]) -> dict[str, EncodedBody]:
    """The bodies that are the same in every locale: the locales and health."""
    return {
        "locales": encode(doc.LocaleIndex(default=SOURCE_LOCALE, locales=entries), None),
        "healthz": encode(doc.Health(status="ok", revision=revision, locales=[e.code for e in entries]), None),
    }


def _bodies(  # noqa: PLR0913 (build_snapshot's parts for one locale)
    loaded: LoadedContent,
    states: Mapping[CatalogueKey, CatalogueState],
    locale_and_folder: tuple[str, str | None],
    ready: Readiness | None,
    *,
    previous: Snapshot | None,
    cache: CompiledCache | None,
) -> LocaleBodies:
    """A locale's bodies, from the previous snapshot's (a reload) or the cache's (a start)."""
    locale = locale_and_folder[0]
    if previous is not None:
        kept = previous.by_locale.get(locale) if previous.loaded.revision == loaded.revision else None
        return locale_bodies(loaded, states, locale_and_folder, ready, kept)
    kept = cached_bodies(cache, loaded, locale)
    made = locale_bodies(loaded, states, locale_and_folder, ready, kept)
    if made is not kept:
        keep_bodies(cache, loaded, locale, made)
    return made


def _readiness(
    loaded: LoadedContent,
    states: Mapping[CatalogueKey, CatalogueState],
    locales_dir: Path,
    folder: str,
    min_coverage: float,
) -> Readiness:
    """How far the language in `folder` is translated, against its own threshold or the default."""
    catalogues = served_catalogues(states, folder, loaded.template_keys) or {}
    threshold = language_min_coverage(locales_dir, folder, min_coverage)
    return readiness(catalogues, loaded.template_keys, threshold)


def keep_all_bodies(snapshot: Snapshot, cache: CompiledCache | None) -> None:
    """Keep every locale's bodies in `cache` as `snapshot` holds them (after `with_gzip`: the next
    start finds their gzip forms made)."""
    for locale, bodies in snapshot.by_locale.items():
        keep_bodies(cache, snapshot.loaded, locale, bodies)


def with_load_problem(snapshot: Snapshot, problem: LoadProblem) -> Snapshot:
    """The same content, with a reload failure reported by the status endpoints."""
    return replace(snapshot, status=snapshot.status.with_problem(problem), problems=(*snapshot.problems, problem))


def _revision(content_revision: str, states: Mapping[CatalogueKey, CatalogueState]) -> str:
    """A hash of the content and of every catalogue version in service."""
    digest = hashlib.blake2b(content_revision.encode(), digest_size=8)
    for key in sorted(states):
        digest.update(f"{key}:{states[key].revision}".encode())
    return digest.hexdigest()
