"""The translatable strings of the content: what goes into the templates and what gets looked up.

Two gettext domains: `content` (articles, lists, the clinic) and `ui` (strings the clients show
themselves). Each message knows where it appears, for translators' comments and references.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec

from api.model import Content, ListBlock, Paragraph

CONTENT_DOMAIN = "content"
UI_DOMAIN = "ui"
DOMAINS = (CONTENT_DOMAIN, UI_DOMAIN)

MessageKey = tuple[str, str]
"""(msgctxt or "", msgid): how a translation is looked up."""


class Message(msgspec.Struct, frozen=True, kw_only=True):
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    places: tuple[str, ...]
    """Where the string appears, in words a translator understands."""
    references: tuple[tuple[str, int | None], ...]
    """(file relative to the repository's content dir, line) pairs."""

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt or "", self.msgid)


def content_messages(content: Content, content_dir: Path) -> tuple[Message, ...]:
    """The `content` domain, in reading order; a string used twice is one message."""
    merged: dict[MessageKey, Message] = {}
    locator = _LineLocator(content_dir)
    for file_key, place, text in _content_strings(content):
        file = content.files[file_key]
        field = place.rsplit(": ", 1)[-1]  # a heading is found by its key, not wherever its words first appear
        key_form = f"{field} = {msgspec.json.encode(text).decode()}" if field in ("heading", "title") else None
        reference = (f"content/{file}", (key_form and locator.line_of(file, key_form)) or locator.line_of(file, text))
        known = merged.get(("", text))
        if known is None:
            merged[("", text)] = Message(msgid=text, places=(place,), references=(reference,))
        else:
            merged[("", text)] = msgspec.structs.replace(
                known,
                places=(*known.places, place),
                references=(*known.references, reference),
            )
    return tuple(merged.values())


def ui_messages(content: Content, content_dir: Path) -> tuple[Message, ...]:
    """The `ui` domain; each string's id is its msgctxt, so short words stay unambiguous."""
    locator = _LineLocator(content_dir)
    file = content.files["ui"]
    return tuple(
        Message(
            msgid=string.text,
            msgctxt=string.id,
            msgid_plural=string.plural,
            places=(string.note,),
            references=((f"content/{file}", locator.line_of(file, f'id = "{string.id}"')),),
        )
        for string in content.ui_strings
    )


def article_keys(content: Content) -> dict[str, frozenset[MessageKey]]:
    """The messages of each article (by slug): what its coverage in a language is measured on."""
    keys: dict[str, set[MessageKey]] = {article.slug: set() for article in content.articles}
    for file_key, _, text in _content_strings(content):
        if file_key.startswith("article:"):
            keys[file_key.removeprefix("article:")].add(("", text))
    return {slug: frozenset(found) for slug, found in keys.items()}


def _content_strings(content: Content) -> Iterator[tuple[str, str, str]]:
    """(file key, place, text) for every translatable string, in reading order."""
    for article in content.articles:
        file = f"article:{article.slug}"
        yield file, f"Article {article.slug}: title", article.title
        if article.summary:
            yield file, f"Article {article.slug}: summary", article.summary
        for section in article.sections:
            where = f"Article {article.slug}, section {section.id}"
            yield file, f"{where}: heading", section.heading
            for number, block in enumerate(section.blocks, start=1):
                if isinstance(block, Paragraph):
                    yield file, f"{where}: paragraph {number}", block.text
                    continue
                yield from _list_strings(file, f"{where}, list {block.id}", block)
    clinic = content.clinic
    for field in ("location", "licence", "city", "area", "street"):
        yield "clinic", f"Clinic details: {field}", getattr(clinic, field)


def _list_strings(file: str, where: str, block: ListBlock) -> Iterator[tuple[str, str, str]]:
    if block.intro:
        yield file, f"{where}: introduction", block.intro
    for item in block.items:
        if item.title:
            yield file, f"{where}, item {item.id}: title", item.title
        yield file, f"{where}, item {item.id}: text", item.text
    if block.outro:
        yield file, f"{where}: closing sentence", block.outro


class _LineLocator:
    """Finds the line of a string in a content file, for `#:` references (None if not found)."""

    def __init__(self, content_dir: Path) -> None:
        self._content_dir = content_dir
        self._texts: dict[str, str] = {}

    def line_of(self, file: str, text: str) -> int | None:
        if file not in self._texts:
            self._texts[file] = (self._content_dir / file).read_text(encoding="utf-8")
        position = self._texts[file].find(text)
        return None if position < 0 else self._texts[file].count("\n", 0, position) + 1
