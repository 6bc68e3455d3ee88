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
from typing import Any

import msgspec
import polib
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po as babel_read_po

from api.messages import Message, MessageKey

PO_WRAP_WIDTH = 79
_BRACE_PLACEHOLDER = re.compile(r"\{\w+\}")
"""Clients fill `{n}`-style placeholders; msgfmt checks them in entries flagged python-brace-format."""
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


class CatalogueError(Exception):
    """A catalogue that cannot be read, with the file and (where known) the line."""

    def __init__(self, file: Path | str, problem: str, line: int | None = None) -> None:
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {problem}")
        self.file = str(file)
        self.line = line
        self.problem = problem


class PoEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One message of a `.po` file as written, with the line it starts on."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: tuple[str, ...] = ()
    fuzzy: bool = False
    previous_msgid: str | None = None
    line: int

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt or "", self.msgid)

    @property
    def translations(self) -> tuple[str, ...]:
        """What the translator wrote: one text, or one per plural form."""
        return self.msgstr_plural if self.msgid_plural else (self.msgstr,)

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.msgid, self.msgid_plural) if self.msgid_plural else (self.msgid,)

    @property
    def translated(self) -> bool:
        forms = self.translations
        return bool(forms) and all(forms)

    @property
    def servable(self) -> bool:
        return self.translated and not self.fuzzy


class ParsedCatalogue(msgspec.Struct, frozen=True, kw_only=True):
    """A whole `.po` file: its headers, its live entries, and how many obsolete ones it keeps."""

    source: str
    """The file's path, or a name such as `upload ur/content.po`, for messages."""
    headers: dict[str, str]
    header_lines: dict[str, int]
    """The line each header field is written on, for messages about headers."""
    entries: tuple[PoEntry, ...]
    obsolete: int


class Catalogue(msgspec.Struct, frozen=True, kw_only=True):
    """The translations of one locale and domain that may be served."""

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


def servable_catalogue(
    parsed: ParsedCatalogue, locale: str, domain: str, withheld: frozenset[MessageKey] = frozenset()
) -> Catalogue:
    """The translations clients may see: complete, not fuzzy, and not `withheld` (failed a check)."""
    return Catalogue(
        locale=locale,
        domain=domain,
        translations={
            entry.key: entry.translations for entry in parsed.entries if entry.servable and entry.key not in withheld
        },
        plural_forms=parsed.headers.get("Plural-Forms", ""),
    )


def read_catalogue(path: Path, locale: str, domain: str) -> Catalogue:
    """Read a `.po` file's servable translations; raise `CatalogueError` if it is not valid."""
    return servable_catalogue(read_po(path), locale, domain)


def read_po(path: Path) -> ParsedCatalogue:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogueError(path, f"cannot be read ({error.strerror})") from error
    return parse_po(data, str(path))


def parse_po(data: bytes, source: str) -> ParsedCatalogue:
    """Parse a `.po` file's bytes; raise `CatalogueError` (with the line) if they are not one."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise CatalogueError(source, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM", 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueError(
            source, f"not UTF-8: byte {error.start} cannot be decoded; save it as UTF-8", line
        ) from None
    if "\x00" in text:
        raise CatalogueError(
            source, "contains NUL characters: not a text file", text[: text.index("\x00")].count("\n") + 1
        )
    po = _parse_text(text, source)
    live = [entry for entry in po if not entry.obsolete]
    return ParsedCatalogue(
        source=source,
        headers=dict(po.metadata),
        header_lines=_header_lines(text),
        entries=tuple(_entry(e) for e in live),
        obsolete=len(po) - len(live),
    )


def _header_lines(text: str) -> dict[str, int]:
    """Lines of the header fields (`"Language: ur\\n"`), which polib does not record."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() and lines:
            break
        field = re.match(r'^"([A-Za-z][\w-]*):', line)
        if field:
            lines.setdefault(field.group(1), number)
    return lines


def _parse_text(text: str, source: str) -> polib.POFile:
    if not text.strip():
        raise CatalogueError(source, "is empty", 1)
    try:
        return polib.pofile(text, wrapwidth=PO_WRAP_WIDTH)
    except OSError as error:  # polib reports syntax errors as OSError with "(line N)"
        line = re.search(r"line (\d+)", str(error))
        message = re.sub(r"\s*\(line \d+\)", "", str(error))
        raise CatalogueError(source, message, int(line.group(1)) if line else None) from error


def _entry(entry: polib.POEntry) -> PoEntry:
    return PoEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or None,
        msgstr=entry.msgstr,
        msgstr_plural=tuple(text for _, text in sorted(entry.msgstr_plural.items())),
        fuzzy=entry.fuzzy,
        previous_msgid=entry.previous_msgid,
        line=entry.linenum or 0,
    )


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
            flags=["python-brace-format"] if _BRACE_PLACEHOLDER.search(message.msgid) else [],
        )
        if message.msgid_plural:
            entry.msgstr_plural = {0: "", 1: ""}
        pot.append(entry)
    return str(pot) + "\n"


def read_template_date(path: Path) -> str | None:
    """The `POT-Creation-Date` of an existing template, kept when nothing else changes."""
    return read_po(path).headers.get("POT-Creation-Date")


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
    po = _parse_text(template.read_text(encoding="utf-8"), str(template))
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


def updated_catalogue_text(catalogue: Path, template: Path, locale: str) -> str:
    """Merge a template into a catalogue the way `msgmerge` does (Babel's `Catalog.update`):
    new messages added, changed ones fuzzy-matched with the old msgid kept as `#|`, removed ones
    made obsolete (`#~`); no translation is dropped.

    The result is written by polib, not by Babel's `write_po`, which folds a long previous msgid
    into `#|` lines that no parser reads back; and so an update that changes nothing changes no byte.
    """
    with template.open("rb") as handle:
        template_catalog = babel_read_po(handle)
    with catalogue.open("rb") as handle:
        catalog = babel_read_po(handle, locale=locale)
    catalog.update(template_catalog, no_fuzzy_matching=False, update_header_comment=False)
    original = _parse_text(catalogue.read_text(encoding="utf-8"), str(catalogue))
    merged = polib.POFile(wrapwidth=PO_WRAP_WIDTH)
    merged.header = original.header
    merged.metadata = {
        **original.metadata,
        "POT-Creation-Date": read_po(template).headers.get("POT-Creation-Date", ""),
    }
    for message in catalog:
        if message.id:
            merged.append(_polib_entry(message, obsolete=False))
    for message in catalog.obsolete.values():
        merged.append(_polib_entry(message, obsolete=True))
    return str(merged) + "\n"


def _polib_entry(message: Any, *, obsolete: bool) -> polib.POEntry:
    """A Babel `Message` as a polib entry, keeping comments, references, flags and the previous msgid."""
    plural = isinstance(message.id, list | tuple)
    msgid = message.id[0] if plural else message.id
    entry = polib.POEntry(
        msgid=msgid,
        msgctxt=message.context,
        msgid_plural=message.id[1] if plural else "",
        comment="\n".join(message.auto_comments),
        tcomment="\n".join(message.user_comments),
        occurrences=[(file, str(line) if line else "") for file, line in message.locations],
        flags=sorted(flag for flag in message.flags if flag),
        obsolete=obsolete,
    )
    if plural:
        forms = message.string if isinstance(message.string, list | tuple) else (message.string,)
        entry.msgstr_plural = dict(enumerate(text or "" for text in forms))
    else:
        entry.msgstr = message.string or ""
    if message.previous_id and "fuzzy" in message.flags:
        previous = message.previous_id
        entry.previous_msgid = previous[0] if isinstance(previous, list | tuple) else previous
        if isinstance(previous, list | tuple) and len(previous) > 1:
            entry.previous_msgid_plural = previous[1]
    return entry
