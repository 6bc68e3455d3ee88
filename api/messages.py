"""The translatable strings of the content: what goes into the templates and what gets looked up.

One gettext domain per article (`articles/<slug>`), one for the clinic's details (`clinic`) and
one for the strings the clients show themselves (`ui`): a catalogue grows with its article, not
with the library, so an upload, a check and a reload cost in proportion to what changed. Each
message knows where it appears, for translators' comments and references.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec

from api.content_files import DESK_STRINGS
from api.model import Article, Content, ListBlock, Paragraph, UiString

CLINIC_DOMAIN = "clinic"
UI_DOMAIN = "ui"
DESK_DOMAIN = "desk"
"""The translators' desk's own words: translated like the rest, never counted in a language's
coverage (patients never see them) and never in the apps' bundles."""
ARTICLE_DOMAINS = "articles/"
"""Prefix of the article domains: `articles/<slug>` (its files are `articles/<slug>.po`)."""
DOMAIN_PATTERN = r"^(clinic|ui|desk|articles/[a-z0-9]+(?:-[a-z0-9]+)*)$"
"""What a domain name can be, whatever the content: checked before it touches a path."""

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


def article_domain(slug: str) -> str:
    return f"{ARTICLE_DOMAINS}{slug}"


def domain_messages(content: Content, content_dir: Path, *, located: bool = True) -> dict[str, tuple[Message, ...]]:
    """Every domain's messages, in the order of the library: the clinic, each article, the UI.
    Unless `located`, the content's messages have no references (the lines in the files are for
    templates; the server needs the keys and places only, and its msgids are the content's strings)."""
    locator = _LineLocator(content_dir) if located else None
    domains = {CLINIC_DOMAIN: _messages(content.files["clinic"], list(_clinic_strings(content)), locator)}
    for article in content.articles:
        domains[article_domain(article.slug)] = _article_messages(content, article, locator)
    domains[UI_DOMAIN] = ui_messages(content, content_dir)
    if content.desk_strings:
        domains[DESK_DOMAIN] = _desk_messages(content)
    return domains


def messages_of(content: Content, content_dir: Path, domain: str) -> tuple[Message, ...]:
    """One domain's messages, made when asked (the desk shows one domain at a time; a library's
    messages held for it would be 15 MB at 1,000 articles); the content's without references."""
    if domain == CLINIC_DOMAIN:
        return _messages(content.files["clinic"], list(_clinic_strings(content)), None)
    if domain == UI_DOMAIN:
        return ui_messages(content, content_dir)
    if domain == DESK_DOMAIN:
        return _desk_messages(content) if content.desk_strings else ()
    slug = domain.removeprefix(ARTICLE_DOMAINS)
    article = content.article(slug)
    return _article_messages(content, article, None) if article and domain.startswith(ARTICLE_DOMAINS) else ()


def _article_messages(content: Content, article: Article, locator: _LineLocator | None) -> tuple[Message, ...]:
    file_key = f"article:{article.slug}"
    return _messages(content.files[file_key], list(_article_strings(article)), locator)


def _desk_messages(content: Content) -> tuple[Message, ...]:
    return strings_messages(content.desk_strings, DESK_STRINGS.parent, DESK_STRINGS.name, "api/desk/")


def _messages(file: str, strings: list[tuple[str, str]], locator: _LineLocator | None) -> tuple[Message, ...]:
    """One content file's messages, in reading order; a string used twice is one message."""
    merged: dict[MessageKey, Message] = {}
    for place, text in strings:
        references = (_reference(file, place, text, locator),) if locator else ()
        known = merged.get(("", text))
        if known is None:
            merged[("", text)] = Message(msgid=text, places=(place,), references=references)
        else:
            merged[("", text)] = msgspec.structs.replace(
                known,
                places=(*known.places, place),
                references=(*known.references, *references),
            )
    return tuple(merged.values())


def _reference(file: str, place: str, text: str, locator: _LineLocator) -> tuple[str, int | None]:
    field = place.rsplit(": ", 1)[-1]  # a heading is found by its key, not wherever its words first appear
    key_form = f"{field} = {msgspec.json.encode(text).decode()}" if field in ("heading", "title") else None
    return (f"content/{file}", (key_form and locator.line_of(file, key_form)) or locator.line_of(file, text))


def ui_messages(content: Content, content_dir: Path) -> tuple[Message, ...]:
    """The `ui` domain; each string's id is its msgctxt, so short words stay unambiguous."""
    return strings_messages(content.ui_strings, content_dir, content.files["ui"], "content/")


def strings_messages(strings: tuple[UiString, ...], folder: Path, file: str, shown_as: str) -> tuple[Message, ...]:
    """Strings with ids (`ui`, `desk`) as messages, the id as msgctxt; `file` is in `folder`, and
    references name it as `shown_as` + `file` (`content/ui.toml`, `api/desk/strings.toml`)."""
    locator = _LineLocator(folder)
    return tuple(
        Message(
            msgid=string.text,
            msgctxt=string.id,
            msgid_plural=string.plural,
            places=(string.note,),
            references=((f"{shown_as}{file}", locator.line_of(file, f'id = "{string.id}"')),),
        )
        for string in strings
    )


def _article_strings(article: Article) -> Iterator[tuple[str, str]]:
    """(place, text) for every translatable string of an article, in reading order."""
    yield f"Article {article.slug}: title", article.title
    if article.summary:
        yield f"Article {article.slug}: summary", article.summary
    if article.category:
        yield f"Article {article.slug}: category", article.category
    for section in article.sections:
        where = f"Article {article.slug}, section {section.id}"
        yield f"{where}: heading", section.heading
        for number, block in enumerate(section.blocks, start=1):
            if isinstance(block, Paragraph):
                yield f"{where}: paragraph {number}", block.text
                continue
            yield from _list_strings(f"{where}, list {block.id}", block)


def _clinic_strings(content: Content) -> Iterator[tuple[str, str]]:
    """(place, text) for the clinic's details."""
    clinic = content.clinic
    if clinic.name:
        yield "Clinic details: name", clinic.name
    for field in ("location", "licence", "city", "area", "street"):
        yield f"Clinic details: {field}", getattr(clinic, field)


def _list_strings(where: str, block: ListBlock) -> Iterator[tuple[str, str]]:
    if block.intro:
        yield f"{where}: introduction", block.intro
    for item in block.items:
        if item.title:
            yield f"{where}, item {item.id}: title", item.title
        yield f"{where}, item {item.id}: text", item.text
    if block.outro:
        yield f"{where}: closing sentence", block.outro


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
