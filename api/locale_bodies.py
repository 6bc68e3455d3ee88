"""One locale's encoded bodies: kept when nothing they depend on changed, made again only for the
articles whose catalogues changed, or built whole. The last ones built at a start are kept in the
compiled cache, so that the next start (or another worker) begins from them instead of nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import msgspec

from api import documents as doc
from api.catalogues.files import Catalogue
from api.catalogues.serving import CatalogueKey, CatalogueState
from api.compiled.store import CompiledCache
from api.encoded import JSON, EncodedBody, encode_all, encode_bytes, gzipped_only, held, on_request, pending
from api.loaded_content import LoadedContent
from api.locales import locale_facts
from api.localize.incremental import changed_articles, relocalized
from api.localize.resources import list_aliases, localized_documents
from api.messages import DESK_DOMAIN, MessageKey
from api.readiness import Readiness

KIND = "bodies"


@dataclass(frozen=True, slots=True)
class LocaleBodies:
    """One locale's encoded bodies, and the catalogue versions they were built from."""

    catalogue_revisions: tuple[str | None, ...]
    untranslated: frozenset[str]
    """Articles below the language's threshold: marked so in the article list."""
    bodies: Mapping[tuple[str, str], EncodedBody]
    entry: doc.LocaleEntry


def locale_bodies(
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
    by_domain = served_catalogues(states, folder, loaded.template_keys)
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
        entry=locale_entry(locale, by_domain, loaded.template_keys),
    )


class _PackedBody(msgspec.Struct, frozen=True, array_like=True):
    """A JSON body as kept: its headers are made again from these (they share most of their parts)."""

    key: str
    identity: bytes
    gzipped: bytes | None
    """None for a body held as it is (gzipped on request)."""
    digest: str
    pending: bool
    size: int
    """Its length as written (its identity is empty when it is held gzipped only)."""

    @classmethod
    def of(cls, key: str, body: EncodedBody) -> _PackedBody:
        gzipped = None if body.gzipped is body.identity else body.gzipped
        return cls(key, body.identity, gzipped, body.etag.strip('"'), body.gzip_pending, body.size())

    def body(self, locale: str) -> EncodedBody:
        if self.pending:
            return pending(self.identity, locale)
        if self.gzipped is None:
            return on_request(self.identity, locale, self.digest)
        if not self.identity:
            return gzipped_only(self.gzipped, self.size, locale, self.digest)
        return encode_bytes(self.identity, locale, JSON, self.gzipped, self.digest)


class _Pack(msgspec.Struct, frozen=True, kw_only=True):
    catalogue_revisions: tuple[str | None, ...]
    untranslated: frozenset[str]
    bodies: list[_PackedBody]
    """The lists' aliases (the same bodies) are not stored twice."""
    entry: doc.LocaleEntry


def cached_bodies(cache: CompiledCache | None, loaded: LoadedContent, locale: str) -> LocaleBodies | None:
    """The bodies last kept for this content and locale, whatever catalogues they were built from."""
    pack = cache.get(KIND, cache.key(KIND, loaded.revision, locale), _Pack) if cache else None
    if pack is None:
        return None
    bodies = {(packed.key, locale): held(packed.body(locale)) for packed in pack.bodies}
    bodies |= {(alias, locale): bodies[(key, locale)] for alias, key in list_aliases(loaded.content)}
    return LocaleBodies(pack.catalogue_revisions, pack.untranslated, bodies, pack.entry)


def keep_bodies(cache: CompiledCache | None, loaded: LoadedContent, locale: str, made: LocaleBodies) -> None:
    if cache is None:
        return
    aliases = {(alias, locale) for alias, _ in list_aliases(loaded.content)}
    pack = _Pack(
        catalogue_revisions=made.catalogue_revisions,
        untranslated=made.untranslated,
        bodies=[_PackedBody.of(key, body) for (key, _), body in made.bodies.items() if (key, locale) not in aliases],
        entry=made.entry,
    )
    cache.put(KIND, cache.key(KIND, loaded.revision, locale), pack)


def served_catalogues(
    states: Mapping[CatalogueKey, CatalogueState], folder: str | None, domains: Iterable[str]
) -> dict[str, Catalogue] | None:
    """None for the source locale; a missing catalogue is an empty one (English strings)."""
    if folder is None:
        return None
    by_domain: dict[str, Catalogue] = {}
    for domain in domains:
        state = states.get((folder, domain))
        by_domain[domain] = (
            state.catalogue if state and state.catalogue else Catalogue(locale=folder, domain=domain, keys=())
        )
    return by_domain


def locale_entry(
    locale: str,
    catalogues: Mapping[str, Catalogue] | None,
    template_keys: Mapping[str, frozenset[MessageKey]],
) -> doc.LocaleEntry:
    facts = locale_facts(locale)
    patients = {domain: keys for domain, keys in template_keys.items() if domain != DESK_DOMAIN}  # not the desk's
    total = sum(len(keys) for keys in patients.values())
    if catalogues is None:
        translated = total
    else:  # set operations, in C: a library has 100,000 messages
        translated = sum(len(keys.intersection(catalogues[domain].keys)) for domain, keys in patients.items())
    return doc.LocaleEntry(
        code=locale,
        english_name=facts.english_name,
        native_name=facts.native_name,
        dir="rtl" if facts.dir == "rtl" else "ltr",
        script=facts.script,
        digits=facts.digits,
        coverage=round(translated / total, 4) if total else 1.0,
    )
