"""The translators' verbs on a locales directory: extract, init, update, check and stats (the CLI's).

Each returns values (reports, paths), never prints; serving code never imports this module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from api.catalogues.checks import check_po_bytes
from api.catalogues.files import write_atomically
from api.catalogues.layout import catalogue_locales, catalogue_path, check_context, template_path
from api.catalogues.report import CatalogueReport
from api.catalogues.templates import new_catalogue_text, read_template_date, template_text, updated_catalogue_text
from api.content_files import load_content
from api.locales import canonical_tag, catalogue_folder, is_known_locale
from api.messages import CONTENT_DOMAIN, DOMAINS, UI_DOMAIN, content_messages, ui_messages


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
        for domain in DOMAINS
        if catalogue_path(locales_dir, locale, domain).exists()
    ]


def init_locale(locales_dir: Path, locale: str, now: dt.datetime | None = None) -> list[Path]:
    """Start a new language: one empty catalogue per domain, with CLDR plural rules."""
    if not is_known_locale(locale):
        raise TaskError(f"{locale!r} is not a locale CLDR knows (try a code such as 'ur', 'ps', 'pa-Arab')")
    locale = catalogue_folder(canonical_tag(locale))  # one folder per language: `pa-Arab` → pa_Arab
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    written = []
    for domain in DOMAINS:
        path = catalogue_path(locales_dir, locale, domain)
        if path.exists():
            raise TaskError(f"{path} already exists; use `clinic-content update` to bring it up to date")
        template = template_path(locales_dir, domain)
        if not template.exists():
            raise TaskError(f"{template} is missing; run `clinic-content extract` first")
        write_atomically(path, new_catalogue_text(template, locale, stamp).encode("utf-8"))
        written.append(path)
    return written


class UpdateResult(msgspec.Struct, frozen=True, kw_only=True):
    path: Path
    changed: bool


def update_locales(locales_dir: Path, locales: list[str] | None = None) -> list[UpdateResult]:
    """Merge each domain's template into every catalogue of that domain."""
    results = []
    for locale in locales or catalogue_locales(locales_dir):
        for domain in DOMAINS:
            path = catalogue_path(locales_dir, locale, domain)
            if not path.exists():
                continue
            merged = updated_catalogue_text(path, template_path(locales_dir, domain), locale)
            changed = merged != path.read_text(encoding="utf-8")
            if changed:
                write_atomically(path, merged.encode("utf-8"))
            results.append(UpdateResult(path=path, changed=changed))
    return results


class ExtractResult(msgspec.Struct, frozen=True, kw_only=True):
    path: Path
    messages: int
    changed: bool


def extract_templates(
    content_dir: Path, locales_dir: Path, now: dt.datetime | None = None, *, dry_run: bool = False
) -> list[ExtractResult]:
    """Write one template per domain. A template whose messages did not change keeps its bytes
    (and its POT-Creation-Date), so extracting twice makes no diff. `dry_run` writes nothing and
    says which would change."""
    content = load_content(content_dir)
    by_domain = {
        CONTENT_DOMAIN: content_messages(content, content_dir),
        UI_DOMAIN: ui_messages(content, content_dir),
    }
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
    return results
