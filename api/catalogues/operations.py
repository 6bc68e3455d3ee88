"""The translators' verbs on a locales directory: extract, init, update, check and stats (the CLI's).

Each returns values (reports, paths), never prints; serving code never imports this module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from api.catalogues.checks import check_po_bytes
from api.catalogues.files import CatalogueError, PoEntry, read_po, write_atomically
from api.catalogues.layout import (
    catalogue_domains,
    catalogue_locales,
    catalogue_path,
    check_context,
    stray_templates,
    template_domains,
    template_path,
)
from api.catalogues.report import CatalogueReport
from api.catalogues.templates import new_catalogue_text, read_template_date, template_text, updated_catalogue_text
from api.content_files import load_content
from api.locales import canonical_tag, catalogue_folder, is_known_locale
from api.messages import MessageKey, domain_messages


class LocatedReport(msgspec.Struct, frozen=True, kw_only=True):
    locale: str
    domain: str
    path: Path
    report: CatalogueReport


class TaskError(Exception):
    """An operation that cannot be done as asked (unknown locale, catalogue already there, …)."""


def check_file(locales_dir: Path, locale: str, domain: str) -> LocatedReport:
    path = catalogue_path(locales_dir, locale, domain)
    _, report = check_po_bytes(path.read_bytes(), str(path), check_context(locales_dir, locale, domain))
    return LocatedReport(locale=locale, domain=domain, path=path, report=report)


def check_locales(locales_dir: Path, locales: list[str] | None = None) -> list[LocatedReport]:
    """Reports for every catalogue file of the given locales (default: all)."""
    wanted = locales or list(catalogue_locales(locales_dir))
    return [
        check_file(locales_dir, locale, domain)
        for locale in wanted
        for domain in catalogue_domains(locales_dir, locale)
    ]


def init_locale(locales_dir: Path, locale: str, now: dt.datetime | None = None) -> list[Path]:
    """Start a new language: one empty catalogue per domain, with CLDR plural rules."""
    if not is_known_locale(locale):
        raise TaskError(f"{locale!r} is not a locale CLDR knows (try a code such as 'ur', 'ps', 'pa-Arab')")
    locale = catalogue_folder(canonical_tag(locale))  # one folder per language: `pa-Arab` → pa_Arab
    domains = template_domains(locales_dir)
    if not domains:
        raise TaskError(f"{locales_dir} has no templates; run `clinic-content extract` first")
    if catalogue_domains(locales_dir, locale):
        raise TaskError(f"{locales_dir / locale} already has catalogues; use `clinic-content update` instead")
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    written = []
    for domain in domains:
        path = catalogue_path(locales_dir, locale, domain)
        write_atomically(path, new_catalogue_text(template_path(locales_dir, domain), locale, stamp).encode("utf-8"))
        written.append(path)
    return written


class UpdateResult(msgspec.Struct, frozen=True, kw_only=True):
    path: Path
    changed: bool
    created: bool = False
    """A new domain's catalogue (a new article), filled from the language's other catalogues."""


def update_locales(
    locales_dir: Path, locales: list[str] | None = None, now: dt.datetime | None = None
) -> list[UpdateResult]:
    """Merge each domain's template into the catalogue of that domain, and start the catalogue of
    a domain a language does not have yet with what its other catalogues already translate."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    domains = template_domains(locales_dir)
    results = []
    for locale in locales or catalogue_locales(locales_dir):
        known: dict[MessageKey, PoEntry] | None = None
        for domain in domains:
            path, template = catalogue_path(locales_dir, locale, domain), template_path(locales_dir, domain)
            if not path.exists():
                known = known if known is not None else _known_translations(locales_dir, locale)
                write_atomically(path, new_catalogue_text(template, locale, stamp, known).encode("utf-8"))
                results.append(UpdateResult(path=path, changed=True, created=True))
                continue
            merged = updated_catalogue_text(path, template, locale)
            changed = merged != path.read_text(encoding="utf-8")
            if changed:
                write_atomically(path, merged.encode("utf-8"))
            results.append(UpdateResult(path=path, changed=changed))
    return results


def missing_catalogues(locales_dir: Path) -> list[Path]:
    """The catalogues `update` would start: a domain's (a new article's) that a language lacks."""
    domains = template_domains(locales_dir)
    return [
        path
        for locale in catalogue_locales(locales_dir)
        for domain in domains
        if not (path := catalogue_path(locales_dir, locale, domain)).exists()
    ]


def _known_translations(locales_dir: Path, locale: str) -> dict[MessageKey, PoEntry]:
    """Every translated message of the language's catalogues, current and stray (a servable one
    before a fuzzy one); a file that does not read contributes nothing."""
    known: dict[MessageKey, PoEntry] = {}
    for path in sorted((locales_dir / locale / "LC_MESSAGES").rglob("*.po")):
        try:
            entries = read_po(path).entries
        except CatalogueError:
            continue
        for entry in entries:
            if entry.translated and (entry.key not in known or known[entry.key].fuzzy):
                known[entry.key] = entry
    return known


class ExtractResult(msgspec.Struct, frozen=True, kw_only=True):
    path: Path
    messages: int
    changed: bool
    removed: bool = False
    """A template of no domain of the content any more (a removed article's): templates are made,
    not written, so nothing is lost; its catalogues stay until someone removes them."""


def extract_templates(
    content_dir: Path, locales_dir: Path, now: dt.datetime | None = None, *, dry_run: bool = False
) -> list[ExtractResult]:
    """Write one template per domain. A template whose messages did not change keeps its bytes
    (and its POT-Creation-Date), so extracting twice makes no diff. `dry_run` writes nothing and
    says which would change."""
    by_domain = domain_messages(load_content(content_dir), content_dir)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    results = []
    for domain, messages in by_domain.items():
        path = template_path(locales_dir, domain)
        previous = path.read_text(encoding="utf-8") if path.exists() else None
        kept_date = read_template_date(path) if previous is not None else None
        text = template_text(domain, messages, kept_date or stamp)
        changed = text != previous
        if changed and not dry_run:
            text = template_text(domain, messages, stamp)
            write_atomically(path, text.encode("utf-8"))
        results.append(ExtractResult(path=path, messages=len(messages), changed=changed))
    for stale in stray_templates(locales_dir, frozenset(by_domain)):
        if not dry_run:
            stale.unlink()
        results.append(ExtractResult(path=stale, messages=0, changed=True, removed=True))
    return results
