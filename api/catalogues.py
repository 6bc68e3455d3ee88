"""Reading and writing gettext catalogues; the only module that touches polib and babel.messages.

The rest of the code sees `Catalogue`: the translations that may be served (fuzzy and empty ones
are left out) and the facts needed to use them.
"""

from __future__ import annotations

import gettext
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec
import polib
from babel import Locale
from babel.messages.plurals import get_plural

from api.messages import Message, MessageKey

PO_WRAP_WIDTH = 79
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


class CatalogueError(Exception):
    """A catalogue that cannot be read, with the file and (where known) the line."""

    def __init__(self, file: Path, problem: str, line: int | None = None) -> None:
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


class Catalogue(msgspec.Struct, frozen=True, kw_only=True):
    locale: str
    domain: str
    translations: dict[MessageKey, tuple[str, ...]]
    """Servable translations only: one form, or one per plural form in gettext order."""
    plural_forms: str
    """The `Plural-Forms` header as written, e.g. `nplurals=2; plural=(n != 1);`."""

    def plural_index(self) -> Callable[[int], int]:
        """The catalogue's plural expression as a function from n to a form index."""
        match = _PLURAL_FORMS.match(self.plural_forms)
        return gettext.c2py(match.group(2) if match else "(n != 1)")


def catalogue_path(locales_dir: Path, locale: str, domain: str) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def catalogue_locales(locales_dir: Path) -> tuple[str, ...]:
    """Locales with a catalogue directory, sorted; whether their files load is checked later."""
    if not locales_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir()))


def read_catalogue(path: Path, locale: str, domain: str) -> Catalogue:
    """Read a `.po` file; raise `CatalogueError` with the line if it is not valid."""
    po = _parse(path)
    translations: dict[MessageKey, tuple[str, ...]] = {}
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        if entry.msgid_plural:
            forms = tuple(text for _, text in sorted(entry.msgstr_plural.items()))
            if forms and all(forms):
                translations[key] = forms
        elif entry.msgstr:
            translations[key] = (entry.msgstr,)
    return Catalogue(
        locale=locale,
        domain=domain,
        translations=translations,
        plural_forms=po.metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);"),
    )


def _parse(path: Path) -> polib.POFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CatalogueError(path, f"not UTF-8 (byte {error.start} cannot be decoded)") from error
    except OSError as error:
        raise CatalogueError(path, f"cannot be read ({error.strerror})") from error
    try:
        return polib.pofile(text, wrapwidth=PO_WRAP_WIDTH)
    except OSError as error:  # polib reports syntax errors as OSError with "(line N)"
        line = re.search(r"line (\d+)", str(error))
        raise CatalogueError(path, str(error), int(line.group(1)) if line else None) from error


def template_text(domain: str, messages: Iterable[Message], creation_date: str) -> str:
    """The `.pot` for `messages`, in their order; same input, same bytes."""
    pot = polib.POFile(wrapwidth=PO_WRAP_WIDTH)
    pot.header = (
        f"Template of the `{domain}` domain of clinic-content-api.\n"
        "Made by `clinic-content extract` from content/; do not edit by hand."
    )
    pot.metadata = {
        "Project-Id-Version": f"clinic-content-api {domain}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in messages:
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt,
            msgid_plural=message.msgid_plural or "",
            comment="\n".join(message.places),
            occurrences=[(file, str(line) if line else "") for file, line in message.references],
        )
        if message.msgid_plural:
            entry.msgstr_plural = {0: "", 1: ""}
        pot.append(entry)
    return str(pot) + "\n"


def read_template_date(path: Path) -> str | None:
    """The `POT-Creation-Date` of an existing template, kept when nothing else changes."""
    date: str | None = _parse(path).metadata.get("POT-Creation-Date")
    return date


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory, fsync, then rename over `path`:
    a reader (or a crash) sees the old file or the new one, never a truncated one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def expected_plural_forms(locale: str) -> str:
    """The `Plural-Forms` header for `locale`, from CLDR via Babel (`nplurals=2; plural=(n != 1);`)."""
    forms: str = get_plural(locale).plural_forms
    return forms


def new_catalogue_text(template: Path, locale: str, now: str) -> str:
    """A new, untranslated catalogue for `locale` from a template (what `init` writes)."""
    po = _parse(template)
    po.header = (
        f"{_english_name(locale)} translation of clinic-content-api.\nSee locales/GLOSSARY.md for the terms we use."
    )
    po.metadata.update(
        {
            "PO-Revision-Date": now,
            "Last-Translator": "",
            "Language-Team": _english_name(locale),
            "Language": locale,
            "Plural-Forms": expected_plural_forms(locale),
        }
    )
    nplurals = get_plural(locale).num_plurals
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
    return str(po) + "\n"


def _english_name(locale: str) -> str:
    name: str = Locale.parse(locale).get_display_name("en") or locale
    return name
