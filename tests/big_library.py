"""A clinic's real library for tests: the tests' own article and 50 generated ones (each with an
aftercare list of its own), Urdu and German complete for the first article, Shahmukhi Punjabi
published in part by a threshold of its own, and Pashto untranslated (below its threshold).

Built as a clinic builds it: `extract`, `update`, `init`, then a translator's edits.
"""

from __future__ import annotations

from pathlib import Path

from api.catalogues.operations import extract_templates, init_locale, update_locales
from tests.library import build_library, short_article, translate

ARTICLES = 50
SHAHMUKHI = {("next", "Next"): "اگلا", ("", "Procedure 01"): "طریقہ ۰۱"}


def article_toml(number: int) -> str:
    name = f"Procedure {number:02d}"
    return short_article(
        f"procedure-{number:02d}",
        name,
        f"Aftercare for {name}",
        ("rest", f"Rest after procedure {number:02d}."),
        about=f"What procedure {number:02d} is.",
    )


def build_big_library(root: Path) -> tuple[Path, Path]:
    content_dir, locales_dir = build_library(root)
    for number in range(1, ARTICLES + 1):
        (content_dir / "articles" / f"procedure-{number:02d}.toml").write_text(article_toml(number), encoding="utf-8")
    extract_templates(content_dir, locales_dir)
    update_locales(locales_dir)
    for locale in ("pa-Arab", "ps"):
        init_locale(locales_dir, locale)
    for path in (locales_dir / "pa_Arab" / "LC_MESSAGES").rglob("*.po"):
        translate(path, SHAHMUKHI)
    (locales_dir / "pa_Arab" / "language.toml").write_text("min_coverage = 0.05\n", encoding="utf-8")
    return content_dir, locales_dir
