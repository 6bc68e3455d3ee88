"""Which catalogue version each (locale, domain) serves, decided when content is (re)loaded.

A file that fails to load or check never replaces a good version already in service; with no
good version to keep, messages with errors are withheld (served in English) and a file whose
errors concern the whole of it (syntax, headers) is not served at all.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

from api.catalogues.checked import KIND as CHECKS
from api.catalogues.checked import CheckedFile, checked_file
from api.catalogues.files import Catalogue, revision_of
from api.catalogues.layout import catalogue_locales, language_check_context, messages_folder, stray_catalogues
from api.catalogues.report import CatalogueReport, CheckContext, CheckProblem
from api.catalogues.served_files import held_form, kept_file
from api.compiled.store import CompiledCache
from api.locales import SOURCE_LOCALE, is_known_locale
from api.messages import MessageKey

CatalogueKey = tuple[str, str]
"""(locale, domain)"""


class LoadProblem(msgspec.Struct, frozen=True, kw_only=True):
    """A file that could not be used; the rest is served without it."""

    file: str
    line: int | None
    problem: str


class Refused(msgspec.Struct, frozen=True, kw_only=True):
    revision: str
    report: CatalogueReport


class FileSeen(msgspec.Struct, frozen=True, kw_only=True):
    """A file's size, modification time and inode, and when they were read. A later stat that
    matches means the same file, unless it was written in the last seconds before it was read
    (a "racy" stat, as git calls it: a second write in the same tick would not show): those are
    read again."""

    size: int
    mtime_ns: int
    inode: int
    read_ns: int

    @classmethod
    def of(cls, stat: os.stat_result, read_ns: int) -> FileSeen:
        return cls(size=stat.st_size, mtime_ns=stat.st_mtime_ns, inode=stat.st_ino, read_ns=read_ns)

    def unchanged(self, stat: os.stat_result) -> bool:
        same = (self.size, self.mtime_ns, self.inode) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        return same and stat.st_mtime_ns + RACY_NS < self.read_ns


RACY_NS = 2_000_000_000
"""Modification times this close to the read are not trusted (coarse file-system clocks)."""


class CatalogueState(msgspec.Struct, frozen=True, kw_only=True):
    locale: str
    domain: str
    path: str
    """Relative to the catalogue folder (`ur/LC_MESSAGES/clinic.po`): the status is public, the
    server's own directories are not."""
    serving: Literal["file", "previous", "none"]
    catalogue: Catalogue | None = None
    kept_as: str | None = None
    """The compiled cache entry that keeps the served version's file (`ServedFiles`)."""
    po_gzip: bytes | None = None
    """The served version's file, gzipped, when no cache entry keeps it."""
    revision: str | None = None
    last_change: str | None = None
    report: CatalogueReport | None = None
    """The checks of the served version."""
    refused: Refused | None = None
    """A version on disk that is not served, and why."""
    seen: FileSeen | None = None
    """The file's stat when it was last read, for a reload to skip it when unchanged."""


def load_catalogue_states(
    locales_dir: Path,
    previous: Mapping[CatalogueKey, CatalogueState],
    template_keys: Mapping[str, frozenset[MessageKey]],
    cache: CompiledCache | None = None,
) -> tuple[dict[CatalogueKey, CatalogueState], list[LoadProblem]]:
    """Read, check and choose a version for every catalogue; `previous` are the ones in service,
    `template_keys` the messages of each domain of the content (the domains there are). A file
    checked before (by this process or another sharing `cache`) is not checked again."""
    states: dict[CatalogueKey, CatalogueState] = {}
    problems: list[LoadProblem] = []
    on_disk = set(catalogue_locales(locales_dir))
    for locale in sorted(on_disk | {locale for locale, _ in previous}):
        if locale == SOURCE_LOCALE:
            continue
        if not is_known_locale(locale):
            problems.append(LoadProblem(file=locale, line=None, problem="not a locale CLDR knows"))
            continue
        language = _LanguageContext(locales_dir, locale, cache)
        with cache.batched(CHECKS) if cache else contextlib.nullcontext():  # a few files, not one per catalogue
            for domain, keys in template_keys.items():
                state = _choose(language, domain, previous.get((locale, domain)), keys)
                if state is not None:
                    states[(locale, domain)] = state
        problems += [
            LoadProblem(file=str(path.relative_to(locales_dir)), line=None, problem=_STRAY)
            for path in stray_catalogues(locales_dir, locale, frozenset(template_keys))
        ]
    problems += [
        LoadProblem(file=state.path, line=problem.line, problem=problem.message)
        for state in states.values()
        if state.serving != "file" and state.refused
        for problem in state.refused.report.errors[:1]
    ]
    return states, problems


_STRAY = (
    "Not used: it belongs to no article of the content (a removed article's, or the one catalogue of "
    "the layout before one per article). `clinic-content update` carries its translations over."
)


def served_locales(states: Mapping[CatalogueKey, CatalogueState]) -> list[str]:
    """Locales with a catalogue that has something to serve."""
    return sorted({locale for (locale, _), state in states.items() if state.catalogue})


class _Candidate(msgspec.Struct, frozen=True, kw_only=True):
    """The version on disk of one catalogue, read and checked, before it is chosen or refused."""

    locale: str
    domain: str
    path: Path
    revision: str
    checked: CheckedFile


class _LanguageContext:
    """A language's folder and what its catalogues are checked against, read on first need and
    then shared by all of them (a reload that changes no file reads none of it)."""

    def __init__(self, locales_dir: Path, locale: str, cache: CompiledCache | None) -> None:
        self.locales_dir, self.locale, self.cache = locales_dir, locale, cache
        self.folder = messages_folder(locales_dir, locale)  # joined once, not for each catalogue
        self._context: CheckContext | None = None

    def for_domain(self, template_keys: frozenset[MessageKey] | None) -> CheckContext:
        if self._context is None:
            self._context = language_check_context(self.locales_dir, self.locale)
        return msgspec.structs.replace(self._context, template_keys=template_keys)


def _choose(
    language: _LanguageContext,
    domain: str,
    previous: CatalogueState | None,
    template_keys: frozenset[MessageKey] | None,
) -> CatalogueState | None:
    locale = language.locale
    path = language.folder / f"{domain}.po"
    seen = _seen(path)
    if previous is not None and previous.serving == "file" and previous.seen and seen and previous.seen.unchanged(seen):
        return previous  # the same file as last time: not read again
    data = _read(path)
    if isinstance(data, Refused):
        if previous is not None and previous.catalogue is not None:
            return _holding_its_file(_keep(previous, data), language.cache)
        return None if data.revision == "missing" else _nothing(locale, domain, data)
    revision = revision_of(data)
    recorded = _recorded(seen)
    if previous is not None and previous.revision == revision and previous.serving == "file":
        return msgspec.structs.replace(previous, seen=recorded)  # unchanged since the last load
    checked = checked_file(data, str(path), domain, language.for_domain(template_keys), language.cache)
    candidate = _Candidate(locale=locale, domain=domain, path=path, revision=revision, checked=checked)
    state = _decide(candidate, previous)
    if state.serving != "file":
        return _holding_its_file(state, language.cache)
    return msgspec.structs.replace(state, seen=recorded, po_gzip=held_form(data, state.kept_as))


def _holding_its_file(state: CatalogueState, cache: CompiledCache | None) -> CatalogueState:
    """A version kept in service while another is on disk holds its own file: the cache entry
    that keeps it may be pruned by another replica's start a day later, and the file on disk is
    no longer it (such versions are few: only while a refused file waits to be mended)."""
    if state.serving != "previous" or state.po_gzip is not None:
        return state
    found = kept_file(cache, state.kept_as)
    return state if found is None else msgspec.structs.replace(state, po_gzip=held_form(found, None))


def _seen(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _recorded(seen: os.stat_result | None) -> FileSeen | None:
    """What is remembered of the stat taken before the read (a write after it makes it differ)."""
    if seen is None:
        return None
    return FileSeen.of(seen, time.time_ns())


def _read(path: Path) -> bytes | Refused:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return _refusal("missing", str(path), "The file is missing on disk.")
    except OSError as error:
        return _refusal("unreadable", str(path), f"The file cannot be read ({error.strerror}).")


def _decide(candidate: _Candidate, previous: CatalogueState | None) -> CatalogueState:
    """A clean file is served; a file with errors keeps the previous version in service, or with
    none, is served without its faulty messages (or not at all when the whole file is at fault)."""
    report, servable = candidate.checked.report, candidate.checked.servable
    if servable is not None and not report.errors:
        return _serve(candidate, servable, _noting_losses(report, previous, servable))
    refused = Refused(revision=candidate.revision, report=report)
    if previous is not None and previous.catalogue is not None:
        return _keep(previous, refused)
    if servable is not None:  # only some messages at fault: served without them
        return _serve(candidate, servable)
    return _nothing(candidate.locale, candidate.domain, refused)


def _noting_losses(report: CatalogueReport, previous: CatalogueState | None, catalogue: Catalogue) -> CatalogueReport:
    """A file changed on disk is a deploy and is served; translations it took away are a warning."""
    if previous is None or previous.catalogue is None:
        return report
    lost = frozenset(previous.catalogue.keys).difference(catalogue.keys)
    if not lost:
        return report
    examples = ", ".join(repr(msgid[:40]) for _, msgid in sorted(lost)[:3])
    warning = CheckProblem(
        check="lost-translations",
        severity="warning",
        line=None,
        message=f"{len(lost)} translation(s) served before this file changed on disk are gone from it "
        f"({examples}); English is served for them. Restore them from history if that was a mistake.",
    )
    return msgspec.structs.replace(report, problems=(*report.problems, warning))


def _serve(candidate: _Candidate, catalogue: Catalogue, report: CatalogueReport | None = None) -> CatalogueState:
    return CatalogueState(
        locale=candidate.locale,
        domain=candidate.domain,
        path=f"{candidate.locale}/LC_MESSAGES/{candidate.domain}.po",
        serving="file",
        catalogue=catalogue,
        revision=candidate.revision,
        kept_as=candidate.checked.kept_as,
        last_change=candidate.checked.last_change,
        report=report or candidate.checked.report,
    )


def _keep(previous: CatalogueState, refused: Refused) -> CatalogueState:
    return msgspec.structs.replace(previous, serving="previous", refused=refused)


def _nothing(locale: str, domain: str, refused: Refused) -> CatalogueState:
    return CatalogueState(
        locale=locale, domain=domain, path=f"{locale}/LC_MESSAGES/{domain}.po", serving="none", refused=refused
    )


def _refusal(revision: str, file: str, message: str) -> Refused:
    return Refused(revision=revision, report=CatalogueReport.failed(file, "file", message))
