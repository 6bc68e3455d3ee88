"""`.po` bytes → our own Structs, and atomic writes.

Reading is strict (`po_syntax`, `po_grammar`, `po_validity`): a file msgfmt would refuse is refused
here, never repaired. The rest of the code sees `PoFile` (a file as written, for checks) and
`Catalogue` (the translations that may be served: fuzzy and empty ones left out). polib is used
only to write (`templates`), on files that passed this reading.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import os
import re
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import msgspec

from api.catalogues.po_grammar import read_entries
from api.catalogues.po_syntax import PoSyntaxError, RawEntry
from api.catalogues.po_validity import header_fields, validate
from api.messages import MessageKey

PO_WRAP_WIDTH = 79
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


class CatalogueError(Exception):
    """A catalogue that cannot be read, with the file and (where known) the line."""

    def __init__(self, file: Path | str, problem: str, line: int | None = None) -> None:
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {problem}")
        self.file = str(file)
        self.line = line
        self.problem = problem

    def __reduce__(self) -> tuple[type[CatalogueError], tuple[str, str, int | None]]:
        """Pickled with its fields (a start's first build runs in a child process)."""
        return CatalogueError, (self.file, self.problem, self.line)


class PoEntry(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """One message of a `.po` file as written, with the line it starts on (`dict`: for the cached
    `translated`, which every check and count asks)."""

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

    @functools.cached_property
    def translated(self) -> bool:
        """Every form has something a reader sees: spaces or invisible characters alone do not count."""
        forms = self.translations
        return bool(forms) and all(visible(form) for form in forms)

    @property
    def servable(self) -> bool:
        return self.translated and not self.fuzzy


def visible(text: str) -> bool:
    """True when `text` has a character that is neither white space nor a format character (Cf:
    zero-width spaces and joiners, direction marks)."""
    if (stripped := text.strip()).isprintable():  # C speed: no format character, nothing to weigh
        return bool(stripped)
    return any(not character.isspace() and unicodedata.category(character) != "Cf" for character in text)


class PoFile(msgspec.Struct, frozen=True, kw_only=True):
    """A whole `.po` file: its headers, its live entries, and how many obsolete ones it keeps."""

    name: str
    """The file's path, or a name such as `ur/content.po (upload)`, for messages."""
    headers: dict[str, str]
    header_lines: dict[str, int]
    """The line each header field is written on, for messages about headers."""
    entries: tuple[PoEntry, ...]
    obsolete: int


class Catalogue(msgspec.Struct, frozen=True, kw_only=True):
    """The translations of one locale and domain that may be served.

    Held for as long as the version is in service, so held small: the keys (the template's own
    objects, shared) and the texts packed together and compressed (a library's translations are
    read only when an article is localized again: 30 MB less at 1,000 articles × 3)."""

    locale: str
    domain: str
    keys: tuple[MessageKey, ...]
    """The messages with a servable translation, sorted (a tuple: a third of a set's memory, and
    set operations take it as it is)."""
    packed_forms: bytes = b""
    """Their forms in the order of `keys`, as msgpack, compressed."""
    plural_forms: str = ""
    """The `Plural-Forms` header as written, e.g. `nplurals=2; plural=(n != 1);`."""

    @classmethod
    def of(
        cls, locale: str, domain: str, translations: Mapping[MessageKey, tuple[str, ...]], plural_forms: str = ""
    ) -> Catalogue:
        """`translations` packed: one form, or one per plural form in gettext order."""
        order = sorted(translations)
        forms = _forms_encoder.encode([translations[key] for key in order])
        packed = zlib.compress(forms, PACK_LEVEL) if order else b""
        return cls(locale=locale, domain=domain, keys=tuple(order), packed_forms=packed, plural_forms=plural_forms)

    @property
    def translations(self) -> dict[MessageKey, tuple[str, ...]]:
        """Servable translations, unpacked (made on each call: keep the result while using it)."""
        if not self.keys:
            return {}
        forms = _forms_decoder.decode(zlib.decompress(self.packed_forms))
        return dict(zip(self.keys, forms, strict=True))

    def with_keys(self, canonical: Mapping[MessageKey, MessageKey]) -> Catalogue:
        """The same catalogue keyed by `canonical`'s objects (equal keys, held once)."""
        return msgspec.structs.replace(self, keys=tuple(canonical.get(key, key) for key in self.keys))

    def plural_index(self) -> Callable[[int], int]:
        return plural_index(self.plural_forms)


def plural_index(plural_forms: str) -> Callable[[int], int]:
    """A `Plural-Forms` header's expression as a function from n to a form index."""
    match = _PLURAL_FORMS.match(plural_forms)
    return gettext.c2py(match.group(2) if match else "(n != 1)")


_forms_encoder = msgspec.msgpack.Encoder()
PACK_LEVEL = 3
"""zlib's level for packed forms: at 1,000 × 3, half the time of the default 6 (0.46 → 0.23 s of a
cold start) for 0.6 MiB more (5.8 → 6.4)."""
_forms_decoder = msgspec.msgpack.Decoder(list[tuple[str, ...]])


def servable_catalogue(
    parsed: PoFile, locale: str, domain: str, withheld: frozenset[MessageKey] = frozenset()
) -> Catalogue:
    """The translations clients may see: complete, not fuzzy, and not `withheld` (failed a check)."""
    return Catalogue.of(
        locale,
        domain,
        {entry.key: entry.translations for entry in parsed.entries if entry.servable and entry.key not in withheld},
        parsed.headers.get("Plural-Forms", ""),
    )


def read_catalogue(path: Path, locale: str, domain: str) -> Catalogue:
    """Read a `.po` file's servable translations; raise `CatalogueError` if it is not valid."""
    return servable_catalogue(read_po(path), locale, domain)


def read_po(path: Path) -> PoFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogueError(path, f"cannot be read ({error.strerror})") from error
    return parse_po(data, str(path))


def parse_po(data: bytes, source: str) -> PoFile:
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
    if not text.strip():
        raise CatalogueError(source, "is empty", 1)
    try:
        entries = read_entries(text)
        header = validate(entries)
    except PoSyntaxError as error:
        raise CatalogueError(source, error.message, error.line) from None
    live = [entry for entry in entries if not entry.obsolete and entry is not header]
    return PoFile(
        name=source,
        headers=header_fields(header),
        header_lines=_header_lines(text),
        entries=tuple(_entry(e) for e in live),
        obsolete=len(entries) - len(live) - 1,
    )


def _header_lines(text: str) -> dict[str, int]:
    """Lines of the header fields (`"Language: ur\\n"`), which polib does not record."""
    lines: dict[str, int] = {}
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip() and lines:
            break
        field = re.match(r'^"([A-Za-z][\w-]*):', line)
        if field:
            lines.setdefault(field.group(1), number)
    return lines


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` one at a time (the header is read from the first few of thousands)."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end].removesuffix("\r")
        start = end + 1
    if start < len(text):
        yield text[start:]


def _entry(entry: RawEntry) -> PoEntry:
    return PoEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        msgstr_plural=tuple(entry.msgstr_plural),
        fuzzy="fuzzy" in entry.flags,
        previous_msgid=entry.previous_msgid,
        line=entry.line,
    )


def revision_of(data: bytes) -> str:
    """A catalogue version's short name: its bytes' hash (status, history, 412 answers)."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


NEW_FILE_MODE = 0o644


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory, fsync, then rename over `path`:
    a reader (or a crash) sees the old file or the new one, never a truncated one. The file keeps
    the mode of the one it replaces (0644 when new), not the temporary file's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
