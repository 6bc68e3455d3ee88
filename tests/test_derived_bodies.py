"""An article's sections and its own bundle are made on request from the article's kept body
(issue 16: each article held once): the same bytes a full localization gives, kept in a cache
bounded in bytes, and nothing for what is not a part of an article."""

from __future__ import annotations

from pathlib import Path

import msgspec

from api import documents as doc
from api.derived_bodies import DerivedBodies
from api.encoded import encode
from api.locales import locale_facts
from api.localize.articles import LocalizedContent
from api.localize.resources import bundle
from api.snapshot import build_snapshot
from tests.library import ARTICLE_DOMAIN, SECTIONS, SLUG, build_library, translate


def test_sections_and_bundles_are_made_from_the_article_as_a_full_localization_makes_them(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    translate(locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po", {("", "What Is It?"): ""})  # a fallback
    snapshot = build_snapshot(content_dir, locales_dir)
    assert not [key for key in snapshot.localized if "/sections/" in key[0] or key[0].endswith("/bundle")]
    catalogues = {domain: state.catalogue for (_, domain), state in snapshot.catalogues.items() if state.catalogue}
    full = LocalizedContent(snapshot.loaded.content, locale_facts("ur"), catalogues)
    article = next(a for a in full.articles if a.slug == SLUG)
    assert article.fallbacks  # the untranslated heading: the section's fallbacks come from the article's
    for index, section_id in enumerate(SECTIONS):
        made = snapshot.body(f"articles/{SLUG}/sections/{section_id}", "ur")
        assert made is not None
        page = msgspec.json.decode(made.identity, type=doc.SectionPage)
        assert (page.position, page.total, page.heading) == (index + 1, len(SECTIONS), article.sections[index].heading)
        assert page.fallbacks == (["/heading"] if section_id == "what-it-is" else [])
    own_lists = [page for page in full.lists if page.article == SLUG]
    expected = encode(bundle(full.clinic, full.strings, [article], own_lists), "ur")
    made_bundle = snapshot.body(f"articles/{SLUG}/bundle", "ur")
    assert made_bundle is not None
    assert (made_bundle.identity, made_bundle.gzipped, made_bundle.etag) == (
        expected.identity,
        expected.gzipped,
        expected.etag,
    )
    assert set(snapshot.derived.keys()) >= {(f"articles/{SLUG}/sections/{s}", "en") for s in SECTIONS}


def test_what_is_not_a_part_of_an_article_is_not_made(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    snapshot = build_snapshot(content_dir, locales_dir)
    for resource, locale in [
        (f"articles/{SLUG}/sections/no-such-section", "ur"),
        ("articles/no-such-article/sections/what-it-is", "ur"),
        ("articles/no-such-article/bundle", "ur"),
        (f"articles/{SLUG}/sections/what-it-is", "fr"),
        (f"articles/{SLUG}/lists", "ur"),
    ]:
        assert snapshot.body(resource, locale) is None, resource


def test_the_cache_of_made_bodies_is_bounded_in_bytes(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    snapshot = build_snapshot(content_dir, locales_dir)
    first = snapshot.body(f"articles/{SLUG}/sections/{SECTIONS[0]}", "ur")
    assert first is not None
    derived = DerivedBodies(snapshot.localized, snapshot.loaded.content, kept_bytes=len(first.identity) * 3)
    made = [derived.get(f"articles/{SLUG}/sections/{section}", "ur") for section in SECTIONS]
    assert derived.get(f"articles/{SLUG}/sections/{SECTIONS[-1]}", "ur") is made[-1]  # the latest: kept
    again = derived.get(f"articles/{SLUG}/sections/{SECTIONS[0]}", "ur")
    assert again is not made[0]  # the oldest went, and is made again the same
    assert again == made[0] == first
