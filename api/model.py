"""The source content as typed values: what `content/*.toml` may hold.

These Structs are the schema of the content files: decoding a file into them is the validation,
and msgspec's errors carry the path of the bad field (``$.sections[3].id``).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated

import msgspec

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
"""A stable kebab-case identifier: never derived from translated text."""
Text = Annotated[str, msgspec.Meta(min_length=1)]
UiStringId = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class ContentRecord(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of every content Struct: unknown fields are errors, so typos do not vanish."""


class Paragraph(ContentRecord, tag="paragraph", tag_field="type", frozen=True, kw_only=True):
    text: Text


class ListItem(ContentRecord, frozen=True, kw_only=True):
    id: Slug
    text: Text
    title: Text | None = None


class ListBlock(ContentRecord, tag="list", tag_field="type", frozen=True, kw_only=True):
    """A list inside a section; it is also served as a page of its own (`/v1/lists/{id}`)."""

    id: Slug
    items: Annotated[tuple[ListItem, ...], msgspec.Meta(min_length=1)]
    intro: Text | None = None
    outro: Text | None = None


Block = Paragraph | ListBlock


class Section(ContentRecord, frozen=True, kw_only=True):
    id: Slug
    heading: Text
    blocks: Annotated[tuple[Block, ...], msgspec.Meta(min_length=1)]


class Article(ContentRecord, frozen=True, kw_only=True):
    """One article; the library lists articles by `order` (those without one last), then by slug."""

    slug: Slug
    title: Text
    sections: Annotated[tuple[Section, ...], msgspec.Meta(min_length=1)]
    summary: Text | None = None
    """A sentence or two for the article list: the article's short description."""
    order: Annotated[int, msgspec.Meta(ge=0, le=100_000)] | None = None
    category: Text | None = None
    """A group for the article list (`Skin treatments`), translated like the article."""
    updated: dt.date | None = None
    """When the article's content last changed (a TOML date: `updated = 2026-11-27`)."""


class Clinic(ContentRecord, frozen=True, kw_only=True):
    location: Text
    name: Text | None = None
    """Optional: what a screen's header says the clinic is called (translatable, as a name may be
    written in another script)."""
    licence: Text
    city: Text
    area: Text
    street: Text
    licensed: bool


class UiString(ContentRecord, frozen=True, kw_only=True):
    """A string the clients show themselves; `plural` makes it a plural entry."""

    id: UiStringId
    text: Text
    note: Text
    plural: Text | None = None


class UiStrings(ContentRecord, frozen=True, kw_only=True):
    strings: tuple[UiString, ...]


class Content(msgspec.Struct, frozen=True, kw_only=True, dict=True):
    """Everything read from `content/`, checked and cross-referenced (`dict`: for `_by_slug`)."""

    articles: tuple[Article, ...]
    clinic: Clinic
    ui_strings: tuple[UiString, ...]
    files: dict[str, str]
    """Where each part came from, relative to the content directory: `article:<slug>`, `clinic`, `ui`."""
    desk_strings: tuple[UiString, ...] = ()
    """The translators' desk's own words (`api/desk/strings.toml`: the software's, not the clinic's)."""

    def article(self, slug: str) -> Article | None:
        """The article `slug` names (asked per request by the desk and the previews)."""
        return self._by_slug.get(slug)

    @functools.cached_property
    def _by_slug(self) -> dict[str, Article]:
        """Made once for the content's life (a library of 10,000 was searched one by one)."""
        return {article.slug: article for article in self.articles}
