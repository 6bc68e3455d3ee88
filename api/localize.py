"""Source content + one locale's catalogues → the localized documents of that locale.

Every string goes through a `_Translator`, which serves the translation when the catalogue has a
usable one and otherwise the English source, noting the JSON Pointer of the fallback.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from babel import Locale

from api import documents as doc
from api import model
from api.catalogues import Catalogue
from api.locales import LocaleFacts
from api.messages import MessageKey

WORDS_PER_MINUTE = 200
_SAMPLE_NUMBERS = range(1001)


class _Translator:
    """Looks strings up in one catalogue and records, per document, where it fell back.

    With no catalogue the locale is the source language: every string is served as written.
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        self._is_source = catalogue is None
        self._translations: dict[MessageKey, tuple[str, ...]] = catalogue.translations if catalogue else {}
        self.fallbacks: list[str] = []

    def text(self, source: str, pointer: str, context: str = "") -> str:
        if self._is_source:
            return source
        forms = self._translations.get((context, source))
        if forms is None:
            self.fallbacks.append(pointer)
            return source
        return forms[0]

    def optional(self, source: str | None, pointer: str) -> str | None:
        return None if source is None else self.text(source, pointer)

    def forms(self, key: MessageKey) -> tuple[str, ...] | None:
        """Plural forms in the catalogue's order; None for the source language or when missing."""
        return self._translations.get(key)

    def take_fallbacks(self) -> list[str]:
        """The pointers noted since the last call: each document gets only its own."""
        taken, self.fallbacks = self.fallbacks, []
        return taken


class LocalizedContent:
    """All documents of one locale, built once; the snapshot encodes them.

    Each builder computes its fields first and then takes the translator's fallbacks, so that
    every document lists exactly the pointers of its own body.
    """

    def __init__(
        self,
        content: model.Content,
        facts: LocaleFacts,
        content_catalogue: Catalogue | None,
        ui_catalogue: Catalogue | None,
    ) -> None:
        self._locale = facts.code
        self._dir: doc.Direction = "rtl" if facts.dir == "rtl" else "ltr"
        self._t = _Translator(content_catalogue)
        self.articles = [self._article(article) for article in content.articles]
        self.sections = {
            (article.slug, section.id): self._section_page(article, index)
            for article in content.articles
            for index, section in enumerate(article.sections)
        }
        self.lists = [
            self._list_page(article, section, block)
            for article in content.articles
            for section in article.sections
            for block in section.blocks
            if isinstance(block, model.ListBlock)
        ]
        self.article_index = self._article_index(content.articles)
        self.list_index = doc.ListIndex(
            locale=self._locale,
            dir=self._dir,
            fallbacks=nest_fallbacks("/lists", self.lists),
            lists=self.lists,
        )
        self.clinic = self._clinic(content.clinic)
        self.strings = _ui_strings(content.ui_strings, self._locale, self._dir, ui_catalogue)

    def _article(self, article: model.Article) -> doc.Article:
        t = self._t
        title = t.text(article.title, "/title")
        summary = t.optional(article.summary, "/summary")
        sections = [
            doc.Section(
                id=section.id,
                heading=t.text(section.heading, f"/sections/{index}/heading"),
                blocks=self._blocks(section.blocks, f"/sections/{index}/blocks"),
            )
            for index, section in enumerate(article.sections)
        ]
        return doc.Article(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            slug=article.slug,
            title=title,
            summary=summary,
            reading_minutes=reading_minutes(article),
            sections=sections,
        )

    def _section_page(self, article: model.Article, index: int) -> doc.SectionPage:
        t = self._t
        section = article.sections[index]
        heading = t.text(section.heading, "/heading")
        blocks = self._blocks(section.blocks, "/blocks")
        siblings = article.sections
        return doc.SectionPage(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            article=article.slug,
            id=section.id,
            heading=heading,
            blocks=blocks,
            position=index + 1,
            total=len(siblings),
            previous=siblings[index - 1].id if index > 0 else None,
            next=siblings[index + 1].id if index + 1 < len(siblings) else None,
        )

    def _blocks(self, blocks: tuple[model.Block, ...], at: str) -> list[doc.Block]:
        t = self._t
        localized: list[doc.Block] = []
        for index, block in enumerate(blocks):
            if isinstance(block, model.Paragraph):
                localized.append(doc.ParagraphBlock(text=t.text(block.text, f"{at}/{index}/text")))
                continue
            localized.append(
                doc.ListBlock(
                    id=block.id,
                    intro=t.optional(block.intro, f"{at}/{index}/intro"),
                    items=self._items(block.items, f"{at}/{index}/items"),
                    outro=t.optional(block.outro, f"{at}/{index}/outro"),
                )
            )
        return localized

    def _items(self, items: tuple[model.ListItem, ...], at: str) -> list[doc.ListItem]:
        t = self._t
        return [
            doc.ListItem(
                id=item.id,
                title=t.optional(item.title, f"{at}/{index}/title"),
                text=t.text(item.text, f"{at}/{index}/text"),
            )
            for index, item in enumerate(items)
        ]

    def _list_page(self, article: model.Article, section: model.Section, block: model.ListBlock) -> doc.ListPage:
        t = self._t
        title = t.text(section.heading, "/title")
        intro = t.optional(block.intro, "/intro")
        items = self._items(block.items, "/items")
        outro = t.optional(block.outro, "/outro")
        return doc.ListPage(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            id=block.id,
            title=title,
            article=article.slug,
            section=section.id,
            intro=intro,
            items=items,
            outro=outro,
        )

    def _article_index(self, articles: tuple[model.Article, ...]) -> doc.ArticleIndex:
        t = self._t
        summaries = [
            doc.ArticleSummary(
                slug=article.slug,
                title=t.text(article.title, f"/articles/{number}/title"),
                summary=t.optional(article.summary, f"/articles/{number}/summary"),
                reading_minutes=reading_minutes(article),
                sections=[
                    doc.SectionHeading(
                        id=section.id,
                        heading=t.text(
                            section.heading,
                            f"/articles/{number}/sections/{index}/heading",
                        ),
                    )
                    for index, section in enumerate(article.sections)
                ],
            )
            for number, article in enumerate(articles)
        ]
        return doc.ArticleIndex(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            articles=summaries,
        )

    def _clinic(self, clinic: model.Clinic) -> doc.Clinic:
        t = self._t
        location = t.text(clinic.location, "/location")
        licence = t.text(clinic.licence, "/licence")
        city = t.text(clinic.city, "/city")
        area = t.text(clinic.area, "/area")
        street = t.text(clinic.street, "/street")
        return doc.Clinic(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            location=location,
            licence=licence,
            city=city,
            area=area,
            street=street,
            licensed=clinic.licensed,
        )


def _ui_strings(
    strings: tuple[model.UiString, ...],
    locale: str,
    direction: doc.Direction,
    catalogue: Catalogue | None,
) -> doc.UiStrings:
    t = _Translator(catalogue)
    categories = _plural_categories(locale)
    sample_for = _plural_samples(locale, categories)
    form_index: Callable[[int], int] = catalogue.plural_index() if catalogue else _english_index
    singles: dict[str, str] = {}
    plurals: dict[str, dict[str, str]] = {}
    for string in strings:
        if string.plural is None:
            singles[string.id] = t.text(string.text, f"/strings/{string.id}", context=string.id)
            continue
        forms = t.forms((string.id, string.text))
        index_of = form_index
        if forms is None:
            if catalogue is not None:
                t.fallbacks.append(f"/plurals/{string.id}")
            forms, index_of = (string.text, string.plural), _english_index
        plurals[string.id] = {
            category: forms[min(index_of(sample_for[category]), len(forms) - 1)] for category in categories
        }
    return doc.UiStrings(
        locale=locale,
        dir=direction,
        fallbacks=t.take_fallbacks(),
        plural_categories=list(categories),
        strings=singles,
        plurals=plurals,
    )


def _english_index(n: int) -> int:
    return 0 if n == 1 else 1


def _plural_categories(code: str) -> tuple[str, ...]:
    """The CLDR plural categories of a locale for whole numbers, in CLDR's order."""
    rule = Locale.parse(code).plural_form
    order = ("zero", "one", "two", "few", "many", "other")
    seen = {rule(n) for n in _SAMPLE_NUMBERS}
    return tuple(category for category in order if category in seen)


def _plural_samples(code: str, categories: tuple[str, ...]) -> dict[str, int]:
    """A whole number for each category, to find the matching gettext form."""
    rule = Locale.parse(code).plural_form
    samples: dict[str, int] = {}
    for n in _SAMPLE_NUMBERS:
        samples.setdefault(rule(n), n)
    return {category: samples[category] for category in categories}


def reading_minutes(article: model.Article) -> int:
    words = len(article.title.split()) + len((article.summary or "").split())
    for section in article.sections:
        words += len(section.heading.split())
        for block in section.blocks:
            if isinstance(block, model.Paragraph):
                words += len(block.text.split())
            else:
                texts = [block.intro or "", block.outro or ""]
                texts += [f"{item.title or ''} {item.text}" for item in block.items]
                words += sum(len(text.split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def nest_fallbacks(at: str, parts: Sequence[doc.Localized]) -> list[str]:
    """The fallbacks of documents embedded in a list at `at`, as pointers into the outer one."""
    return [f"{at}/{index}{pointer}" for index, part in enumerate(parts) for pointer in part.fallbacks]
