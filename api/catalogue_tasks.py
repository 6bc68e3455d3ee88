"""The translators' operations on a locales directory: init, update, check and stats.

The CLI, the upload endpoint and the snapshot loader call these; each returns values (reports,
paths), never prints.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from api.catalogues import (
    catalogue_locales,
    catalogue_path,
    new_catalogue_text,
    read_po,
    template_path,
    updated_catalogue_text,
    write_atomically,
)
from api.checks import CatalogueReport, CheckContext, check_po_bytes
from api.locales import is_known_locale
from api.messages import DOMAINS, MessageKey

ALLOWED_LATIN_FILE = "allowed-latin.txt"


class LocatedReport(msgspec.Struct, frozen=True, kw_only=True):
    locale: str
    domain: str
    path: Path
    report: CatalogueReport


class TaskError(Exception):
    """An operation that cannot be done as asked (unknown locale, catalogue already there, …)."""


def check_context(
    locales_dir: Path, locale: str, domain: str, template_keys: frozenset[MessageKey] | None = None
) -> CheckContext:
    """Checks compare with the current template and the locale's allow-list of Latin words.

    A caller that already knows the template's messages (the server, from content/) passes
    `template_keys`, which saves reading the `.pot`."""
    template = template_path(locales_dir, domain)
    keys = template_keys
    if keys is None and template.exists():
        keys = frozenset(entry.key for entry in read_po(template).entries)
    allow_file = locales_dir / locale / ALLOWED_LATIN_FILE
    allowed: frozenset[str] = frozenset()
    if allow_file.exists():
        lines = allow_file.read_text(encoding="utf-8").splitlines()
        allowed = frozenset(word.strip() for word in lines if word.strip() and not word.startswith("#"))
    return CheckContext(locale=locale, template_keys=keys, allowed_latin=allowed)


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
        raise TaskError(f"{locale!r} is not a locale CLDR knows (try a code such as 'ur', 'ar', 'pa_PK')")
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
