"""The seed article is served whole: every sentence in English, every string in Urdu.

The seed is read from `../shared/seed/` when it is there (a developer's checkout), else from the
copy in tests/data, so this test judges the content against the original text, not against itself.
"""

from __future__ import annotations

import hashlib
import itertools
import re

from api.content_files import load_content
from api.model import ListBlock
from tests.conftest import REPO, SHIPPED_CONTENT, Client
from tests.content_gate.conftest import SHIPPED_SLUG as SLUG

SEED_COPY = REPO / "tests" / "data" / "seed.txt"
SEED_SHA256 = "bb369477eab96eef7e4bc720597309e8f244d125a41276c9be52a25a93184448"  # shared/seed/000_861c40bd2a9b4682.txt
DEBRIS = {"What's Your Reaction?"}


def _seed_lines() -> list[str]:
    lines = SEED_COPY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and line.strip() not in DEBRIS | {"-"}]


def _normalized(text: str) -> str:
    """Typography the content cleans: one apostrophe, single spaces."""
    return re.sub(r"\s+", " ", text.replace("'", "’")).strip()


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!:])\s+", _normalized(line)) if s]


def _all_strings(document: object) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [s for key, value in document.items() if key not in {"locale", "dir"} for s in _all_strings(value)]
    if isinstance(document, list):
        return [s for value in document for s in _all_strings(value)]
    return []


def test_seed_copy_is_the_original_seed() -> None:
    """The copy is byte for byte the seed page (and the shared seed, where the checkout has it)."""
    assert hashlib.sha256(SEED_COPY.read_bytes()).hexdigest() == SEED_SHA256
    for shared in (REPO.parent / "shared" / "seed").glob("*.txt"):
        assert shared.read_bytes() == SEED_COPY.read_bytes()


def test_every_seed_sentence_is_served_in_english(shipped_client: Client) -> None:
    article = shipped_client.get(f"/v1/articles/{SLUG}?lang=en").json()
    clinic = shipped_client.get("/v1/clinic?lang=en").json()
    served = " ".join(_all_strings(article) + _all_strings(clinic))
    # A list item's "Title:" is served as the item's title, without the colon.
    missing = [s for line in _seed_lines() for s in _sentences(line) if s not in served and s[:-1] not in served]
    assert missing == []


def test_list_items_keep_their_title_and_text(shipped_client: Client) -> None:
    """In the seed each list item is the line after a lone "-": "Title: text"."""
    served = [
        f"{item['title']}: {item['text']}"
        for page in shipped_client.get(f"/v1/articles/{SLUG}/bundle?lang=en").json()["lists"]
        for item in page["items"]
    ]
    raw = SEED_COPY.read_text(encoding="utf-8").splitlines()
    seed_items = [_normalized(line) for marker, line in itertools.pairwise(raw) if marker.strip() == "-"]
    assert len(seed_items) == 9
    assert sorted(served) == sorted(seed_items)


def test_debris_is_left_out(shipped_client: Client) -> None:
    body = shipped_client.get("/v1/bundle?lang=en").text
    assert "Reaction" not in body


def test_every_string_is_served_in_urdu(shipped_client: Client) -> None:
    """The seed article's bundle: a clinic's further articles may be translated later."""
    bundle = shipped_client.get(f"/v1/articles/{SLUG}/bundle", headers={"Accept-Language": "ur-PK"}).json()
    assert bundle["locale"] == "ur"
    assert bundle["dir"] == "rtl"
    assert bundle["fallbacks"] == []
    ids = {"id", "slug", "article", "section", "version", "fallbacks", "plural_categories", "type"}
    texts = [s for s in _strings_outside(bundle, ids)]
    assert texts
    latin_words = [t for t in texts if re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", t))]
    assert latin_words == []
    assert all(re.search(r"[\u0600-\u06FF]", t) for t in texts)


def _strings_outside(document: object, skipped_keys: set[str]) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [
            s
            for key, value in document.items()
            if key not in skipped_keys | {"locale", "dir"}
            for s in _strings_outside(value, skipped_keys)
        ]
    if isinstance(document, list):
        return [s for value in document for s in _strings_outside(value, skipped_keys)]
    return []


def test_urdu_uses_urdu_punctuation(shipped_client: Client) -> None:
    article = shipped_client.get(f"/v1/articles/{SLUG}?lang=ur").json()
    paragraphs = [b["text"] for s in article["sections"] for b in s["blocks"] if b["type"] == "paragraph"]
    assert all(p.endswith(("۔", "؟")) for p in paragraphs)
    assert not any(re.search(r"[.,?](\s|$)", p) for p in paragraphs)


def test_seed_lines_are_not_invented(shipped_client: Client) -> None:
    """Every English paragraph served comes from the seed (only the 'Conclusion' heading is ours)."""
    seed = _normalized(" ".join(_seed_lines()))
    article = shipped_client.get(f"/v1/articles/{SLUG}?lang=en").json()
    texts = [b["text"] for s in article["sections"] for b in s["blocks"] if b["type"] == "paragraph"]
    texts += [s["heading"] for s in article["sections"] if s["id"] != "conclusion"]
    assert [t for t in texts if t not in seed] == []


def test_shipped_content_has_the_whole_seed_article() -> None:
    content = load_content(SHIPPED_CONTENT)
    (article,) = [article for article in content.articles if article.slug == SLUG]  # a clinic may add more
    assert [s.id for s in article.sections] == [
        "what-is-microneedling",
        "mechanism-of-action",
        "collagen-production",
        "device-types",
        "scar-treatment",
        "anti-aging",
        "benefits",
        "hair-growth",
        "aftercare",
        "how-long-results-last",
        "conclusion",
    ]
    lists = {b.id: b for s in article.sections for b in s.blocks if isinstance(b, ListBlock)}
    assert len(lists["benefits"].items) == 5
    assert len(lists["aftercare"].items) == 4
    assert lists["aftercare"].intro
    assert lists["aftercare"].outro
    assert all(item.title for block in lists.values() for item in block.items)
