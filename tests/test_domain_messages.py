"""The server keeps each domain's message keys only; the desk's messages for one domain are made
when asked (issue 16's memory), and must be the very messages the whole-library pass makes."""

from __future__ import annotations

from pathlib import Path

import msgspec

from api.content_files import load_content
from api.loaded_content import loaded_content
from api.messages import domain_messages
from tests.big_library import article_toml
from tests.library import ARTICLE_DOMAIN, write_content


def test_one_domain_s_messages_are_the_library_s(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    write_content(content_dir)
    loaded = loaded_content(content_dir, None, None)
    everything = domain_messages(loaded.content, content_dir, located=False)
    assert ARTICLE_DOMAIN in everything
    for domain, messages in everything.items():
        assert loaded.messages(domain) == messages, domain
        assert loaded.template_keys[domain] == frozenset(message.key for message in messages)


def test_a_domain_the_content_does_not_have_has_no_messages(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    write_content(content_dir)
    loaded = loaded_content(content_dir, None, None)
    assert loaded.messages("articles/no-such-article") == ()
    assert loaded.messages("nonsense") == ()


def test_each_article_of_a_library_has_its_own_messages(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    write_content(content_dir)
    for number in range(1, 6):
        (content_dir / "articles" / f"procedure-{number:02d}.toml").write_text(article_toml(number), encoding="utf-8")
    content = load_content(content_dir)
    everything = domain_messages(content, content_dir, located=False)
    loaded = loaded_content(content_dir, None, None)
    articles = [domain for domain in everything if domain.startswith("articles/")]
    assert len(articles) == 6  # the tests' own article and five more
    assert all(loaded.messages(domain) == everything[domain] for domain in articles)


def test_an_article_is_found_by_its_slug_in_the_content_it_belongs_to(tmp_path: Path) -> None:
    """The slug index is made once per content; a content made from another (a preview's, with one
    article) has its own."""
    content_dir = tmp_path / "content"
    write_content(content_dir)
    content = loaded_content(content_dir, None, None).content
    first = content.articles[0]
    assert content.article(first.slug) is first
    assert content.article("no-such-article") is None
    alone = msgspec.structs.replace(content, articles=())
    assert alone.article(first.slug) is None
    assert content.article(first.slug) is first
