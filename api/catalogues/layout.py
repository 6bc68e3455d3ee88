"""Where catalogues live in a locales directory, and what a catalogue there is checked against.

`locales/<domain>.pot` (templates), `locales/<locale>/LC_MESSAGES/<domain>.po` (catalogues),
`locales/<locale>/allowed-latin.txt` (words that may stay in Latin script).
"""

from __future__ import annotations

from pathlib import Path

from api.catalogues.files import read_po
from api.catalogues.glossary import read_glossary
from api.catalogues.report import CheckContext
from api.messages import MessageKey

ALLOWED_LATIN_FILE = "allowed-latin.txt"


def catalogue_path(locales_dir: Path, locale: str, domain: str) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def catalogue_locales(locales_dir: Path) -> tuple[str, ...]:
    """Locales with a catalogue directory, sorted; whether their files load is checked later."""
    if not locales_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir()))


def domain_keys(locales_dir: Path, domain: str) -> frozenset[MessageKey] | None:
    """The messages of a domain's template, or None when there is no template."""
    template = template_path(locales_dir, domain)
    return frozenset(entry.key for entry in read_po(template).entries) if template.exists() else None


def check_context(
    locales_dir: Path, locale: str, domain: str, template_keys: frozenset[MessageKey] | None = None
) -> CheckContext:
    """Checks compare with the current template and the locale's allow-list of Latin words.

    A caller that already knows the template's messages (the server, from content/) passes
    `template_keys`, which saves reading the `.pot`."""
    keys = template_keys if template_keys is not None else domain_keys(locales_dir, domain)
    allow_file = locales_dir / locale / ALLOWED_LATIN_FILE
    allowed: frozenset[str] = frozenset()
    if allow_file.exists():
        lines = allow_file.read_text(encoding="utf-8").splitlines()
        allowed = frozenset(word.strip() for word in lines if word.strip() and not word.startswith("#"))
    glossary = read_glossary(locales_dir, locale)
    return CheckContext(locale=locale, template_keys=keys, allowed_latin=allowed, glossary=glossary)
