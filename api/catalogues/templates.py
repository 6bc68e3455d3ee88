"""Writing catalogues: the template from the content, a new language, and merges (`msgmerge`'s job).

polib writes every file (Babel's `write_po` folds a long previous msgid into `#|` lines no parser
reads back); Babel's `Catalog.update` does the fuzzy matching of a merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polib
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po as babel_read_po

from api.catalogues.files import PO_WRAP_WIDTH, CatalogueError, PoEntry, read_po
from api.messages import Message, MessageKey

_BRACE_PLACEHOLDER = re.compile(r"\{\w+\}")
"""Clients fill `{n}`-style placeholders; msgfmt checks them in entries flagged python-brace-format."""


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


def new_catalogue_text(template: Path, locale: str, now: str, known: Mapping[MessageKey, PoEntry] | None = None) -> str:
    """A new catalogue for `locale` from a template (what `init` writes), untranslated but for the
    messages `known` from the language's other catalogues (as `msgmerge --compendium` fills them):
    an article's catalogue split from the one of the old layout, or a heading translated elsewhere.
    A known translation that was fuzzy stays fuzzy."""
    po = parse_text(template.read_text(encoding="utf-8"), str(template))
    po.header = (
        f"{_english_name(locale)} translation of clinic-content-api.\nSee locales/GLOSSARY.md for the terms we use."
    )
    po.metadata.update(
        {
            "PO-Revision-Date": now,
            "Last-Translator": "",
            "Language-Team": _english_name(locale),
            "Language": locale,
            "Plural-Forms": get_plural(locale).plural_forms,
        }
    )
    nplurals = get_plural(locale).num_plurals
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
        found = (known or {}).get((entry.msgctxt or "", entry.msgid))
        if found is not None and found.translated and found.msgid_plural == (entry.msgid_plural or None):
            _fill(entry, found)
    return str(po) + "\n"


def _fill(entry: polib.POEntry, found: PoEntry) -> None:
    if found.msgid_plural:
        entry.msgstr_plural = dict(enumerate(found.msgstr_plural))
    else:
        entry.msgstr = found.msgstr
    if found.fuzzy:
        entry.flags.append("fuzzy")


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
    read_po(catalogue)  # refused here if msgfmt would refuse it: a merge must not repair a broken file
    with template.open("rb") as handle:
        template_catalog = babel_read_po(handle)
    with catalogue.open("rb") as handle:
        catalog = babel_read_po(handle, locale=locale)
    catalog.update(template_catalog, no_fuzzy_matching=False, update_header_comment=False)
    original = parse_text(catalogue.read_text(encoding="utf-8"), str(catalogue))
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


def parse_text(text: str, source: str) -> polib.POFile:
    """polib's reading of `text` (always taken as the contents), to rewrite a file that has passed
    the strict reading of `files.parse_po`."""
    if not text.strip():
        raise CatalogueError(source, "is empty", 1)
    if "\n" not in text:
        # polib takes a text naming an existing file as that file (`/etc/passwd`); a line break
        # keeps it contents, and a catalogue of one line has one anyway.
        text += "\n"
    try:
        return polib.pofile(text, wrapwidth=PO_WRAP_WIDTH)
    except OSError as error:  # polib reports syntax errors as OSError with "(line N)"
        line = re.search(r"line (\d+)", str(error))
        message = re.sub(r"\s*\(line \d+\)", "", str(error))
        raise CatalogueError(source, message, int(line.group(1)) if line else None) from error
