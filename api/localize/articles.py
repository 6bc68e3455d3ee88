"""The content + one locale's catalogues → that locale's articles, lists and clinic (a section is a
part of its article: `section_page`).

Every string goes through a `Translator`, which serves the translation when the catalogue has a
usable one and otherwise the English source, noting the JSON Pointer of the fallback.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from api import documents as doc
from api import model
from api.catalogues.files import Catalogue
from api.locales import LocaleFacts
from api.localize.translator import Translator
from api.localize.ui_strings import localized_ui_strings
from api.messages import CLINIC_DOMAIN, DESK_DOMAIN, article_domain

WORDS_PER_MINUTE = 200


class LocalizedContent:
    """All documents of one locale, built once; the snapshot encodes them.

    `catalogues` are by domain (None for the source language): an article's strings come from its
    own catalogue. Each builder computes its fields first and then takes the translator's
    fallbacks, so that every document lists exactly the pointers of its own body.
    """

    def __init__(
        self,
        content: model.Content,
        facts: LocaleFacts,
        catalogues: Mapping[str, Catalogue] | None,
    ) -> None:
        self._locale = facts.code
        self._dir: doc.Direction = "rtl" if facts.dir == "rtl" else "ltr"
        self._t = Translator(catalogues, CLINIC_DOMAIN)
        self.articles = [self._article(article) for article in content.articles]
        self.lists = [
            self._list_page(article, section, block)
            for article in content.articles
            for section in article.sections
            for block in section.blocks
            if isinstance(block, model.ListBlock)
        ]
        self.article_index = article_index(self._locale, self._dir, [summary_of(a) for a in self.articles])
        self.list_index = list_index(self._locale, self._dir, self.lists)
        self.clinic = self._clinic(content.clinic)
        self.strings = localized_ui_strings(content.ui_strings, self._locale, self._dir, catalogues)
        self.desk_strings = localized_ui_strings(content.desk_strings, self._locale, self._dir, catalogues, DESK_DOMAIN)

    def _article(self, article: model.Article) -> doc.Article:
        t = self._t.use(article_domain(article.slug))
        title = t.text(article.title, "/title")
        summary = t.optional(article.summary, "/summary")
        category = t.optional(article.category, "/category")
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
            category=category,
            updated=article.updated,
            reading_minutes=reading_minutes(article),
            sections=sections,
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
        t = self._t.use(article_domain(article.slug))
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

    def _clinic(self, clinic: model.Clinic) -> doc.Clinic:
        t = self._t.use(CLINIC_DOMAIN)
        name = t.text(clinic.name, "/name") if clinic.name else None
        location = t.text(clinic.location, "/location")
        licence = t.text(clinic.licence, "/licence")
        city = t.text(clinic.city, "/city")
        area = t.text(clinic.area, "/area")
        street = t.text(clinic.street, "/street")
        return doc.Clinic(
            locale=self._locale,
            dir=self._dir,
            fallbacks=t.take_fallbacks(),
            name=name,
            location=location,
            licence=licence,
            city=city,
            area=area,
            street=street,
            licensed=clinic.licensed,
        )


_INDEXED = re.compile(r"^/(?:title|summary|category|sections/\d+/heading)$")
"""The pointers of an article that its entry in the article list repeats."""


def section_page(article: doc.Article, index: int) -> doc.SectionPage:
    """One section of a localized article, with its place among the others; its fallbacks are the
    article's under `/sections/<index>` (so a section is made from the article's body alone)."""
    section, siblings = article.sections[index], article.sections
    prefix = f"/sections/{index}/"
    return doc.SectionPage(
        locale=article.locale,
        dir=article.dir,
        fallbacks=[pointer[len(prefix) - 1 :] for pointer in article.fallbacks if pointer.startswith(prefix)],
        article=article.slug,
        id=section.id,
        heading=section.heading,
        blocks=section.blocks,
        position=index + 1,
        total=len(siblings),
        previous=siblings[index - 1].id if index > 0 else None,
        next=siblings[index + 1].id if index + 1 < len(siblings) else None,
    )


def summary_of(article: doc.Article) -> tuple[doc.ArticleSummary, list[str]]:
    """An article's entry in the article list, and the article's fallbacks."""
    summary = doc.ArticleSummary(
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        category=article.category,
        updated=article.updated,
        reading_minutes=article.reading_minutes,
        sections=[doc.SectionHeading(id=section.id, heading=section.heading) for section in article.sections],
    )
    return summary, article.fallbacks


def article_index(
    locale: str, direction: doc.Direction, entries: Sequence[tuple[doc.ArticleSummary, Sequence[str]]]
) -> doc.ArticleIndex:
    """The article list, made from each article's entry and fallbacks (so that a reload after one
    article's catalogue changed makes it from the others' kept bodies, translating nothing)."""
    fallbacks = [
        f"/articles/{number}{pointer}"
        for number, (_, article_fallbacks) in enumerate(entries)
        for pointer in article_fallbacks
        if _INDEXED.match(pointer)
    ]
    return doc.ArticleIndex(
        locale=locale, dir=direction, fallbacks=fallbacks, articles=[summary for summary, _ in entries]
    )


def list_index(locale: str, direction: doc.Direction, lists: Sequence[doc.ListPage]) -> doc.ListIndex:
    return doc.ListIndex(locale=locale, dir=direction, fallbacks=nest_fallbacks("/lists", lists), lists=list(lists))


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
