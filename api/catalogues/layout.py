"""Where catalogues live in a locales directory, and what a catalogue there is checked against.

`locales/<domain>.pot` (templates), `locales/<locale>/LC_MESSAGES/<domain>.po` (catalogues),
`locales/<locale>/allowed-latin.txt` (words that may stay in Latin script). An article's domain
is `articles/<slug>`, so its files are `locales/articles/<slug>.pot` and
`locales/<locale>/LC_MESSAGES/articles/<slug>.po`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import msgspec

from api.catalogues.files import read_po
from api.catalogues.glossary import read_glossary
from api.catalogues.report import CheckContext
from api.messages import DOMAIN_PATTERN, MessageKey

ALLOWED_LATIN_FILE = "allowed-latin.txt"
_DOMAIN = re.compile(DOMAIN_PATTERN)


def catalogue_path(locales_dir: Path, locale: str, domain: str) -> Path:
    return messages_folder(locales_dir, locale) / f"{domain}.po"


def messages_folder(locales_dir: Path, locale: str) -> Path:
    """Where a locale's catalogues are (`<locale>/LC_MESSAGES`, gettext's layout)."""
    return locales_dir / locale / "LC_MESSAGES"


def template_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def catalogue_locales(locales_dir: Path) -> tuple[str, ...]:
    """Locales with a catalogue directory, sorted; whether their files load is checked later."""
    if not locales_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir()))


def template_domains(locales_dir: Path) -> tuple[str, ...]:
    """The domains with a template on disk, sorted."""
    return _domains_in(locales_dir, ".pot")


def catalogue_domains(locales_dir: Path, locale: str) -> tuple[str, ...]:
    """The domains with a catalogue of `locale` on disk, sorted (files of no domain left out)."""
    return _domains_in(locales_dir / locale / "LC_MESSAGES", ".po")


def stray_catalogues(locales_dir: Path, locale: str, domains: frozenset[str]) -> tuple[Path, ...]:
    """`.po` files of `locale` that belong to none of `domains`: a removed article's, or the single
    `content.po` of the layout before one catalogue per article (`clinic-content update` splits it)."""
    return _strays(locales_dir / locale / "LC_MESSAGES", ".po", domains)


def stray_templates(locales_dir: Path, domains: frozenset[str]) -> tuple[Path, ...]:
    """Templates of none of `domains` (a removed article's, or the old `content.pot`)."""
    return _strays(locales_dir, ".pot", domains)


def _strays(folder: Path, suffix: str, domains: frozenset[str]) -> tuple[Path, ...]:
    return tuple(folder / name for name in _names(folder, suffix) if _domain_of(name, suffix) not in domains)


def _domains_in(folder: Path, suffix: str) -> tuple[str, ...]:
    found = (_domain_of(name, suffix) for name in _names(folder, suffix))
    return tuple(sorted(domain for domain in found if domain is not None))


def _names(folder: Path, suffix: str) -> list[str]:
    """The files a domain can be in, relative to `folder`: `<domain><suffix>` and
    `articles/<slug><suffix>`, in path order (listed with `os.listdir`: a library has thousands,
    and a reload lists them)."""
    if not folder.is_dir():
        return []
    names = [name for name in os.listdir(folder) if name.endswith(suffix)]  # noqa: PTH208 (names, not Paths)
    if (folder / "articles").is_dir():
        names += [f"articles/{name}" for name in os.listdir(folder / "articles") if name.endswith(suffix)]  # noqa: PTH208
    return sorted(names, key=lambda name: name.split("/"))


def _domain_of(name: str, suffix: str) -> str | None:
    domain = name.removesuffix(suffix)
    return domain if _DOMAIN.match(domain) else None


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
    return msgspec.structs.replace(language_check_context(locales_dir, locale), template_keys=keys)


def language_check_context(locales_dir: Path, locale: str) -> CheckContext:
    """What every catalogue of a language is checked against, whatever its domain: its allow-list
    of Latin words and its glossary (read once for all of a language's catalogues)."""
    allow_file = locales_dir / locale / ALLOWED_LATIN_FILE
    allowed: frozenset[str] = frozenset()
    if allow_file.exists():
        lines = allow_file.read_text(encoding="utf-8").splitlines()
        allowed = frozenset(word.strip() for word in lines if word.strip() and not word.startswith("#"))
    glossary = read_glossary(locales_dir, locale)
    return CheckContext(locale=locale, allowed_latin=allowed, glossary=glossary)
