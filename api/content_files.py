"""Reading `content/`: TOML files decoded straight into the typed model, then cross-checked.

Layout: `articles/*.toml` (one article each), `clinic.toml`, `ui.toml`. Any problem raises
`ContentError` naming the file and the field, so a bad file never half-loads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import msgspec

from api.model import Article, Clinic, Content, ListBlock, UiStrings

T = TypeVar("T")


class ContentError(Exception):
    """A content file that cannot be served, with the file and the field at fault."""

    def __init__(self, file: Path, problem: str) -> None:
        super().__init__(f"{file}: {problem}")
        self.file = file
        self.problem = problem

    def __reduce__(self) -> tuple[type[ContentError], tuple[Path, str]]:
        """Pickled with its fields (a start's first build runs in a child process)."""
        return ContentError, (self.file, self.problem)


DESK_STRINGS = Path(__file__).resolve().parent / "desk" / "strings.toml"
"""The desk's own words ship with the software, like its code."""


def load_content(content_dir: Path) -> Content:
    """Read and check every content file under `content_dir`."""
    article_paths = sorted((content_dir / "articles").glob("*.toml"))
    if not article_paths:
        raise ContentError(content_dir / "articles", "no article files (*.toml) found")
    decoded = sorted(((_decode(path, Article), path) for path in article_paths), key=_library_order)
    articles = tuple(article for article, _ in decoded)
    article_paths = [path for _, path in decoded]
    clinic = _decode(content_dir / "clinic.toml", Clinic)
    ui_strings = _decode(content_dir / "ui.toml", UiStrings).strings

    files = {f"article:{a.slug}": str(p.relative_to(content_dir)) for a, p in zip(articles, article_paths, strict=True)}
    files |= {"clinic": "clinic.toml", "ui": "ui.toml"}
    for article, path in zip(articles, article_paths, strict=True):
        _check_article(article, path)
    _require_unique(content_dir / "articles", "article slug", (a.slug for a in articles))
    _require_unique_lists(articles, article_paths)
    _require_unique(content_dir / "ui.toml", "string id", (s.id for s in ui_strings))
    desk_strings = _decode(DESK_STRINGS, UiStrings).strings
    return Content(articles=articles, clinic=clinic, ui_strings=ui_strings, files=files, desk_strings=desk_strings)


def _library_order(pair: tuple[Article, Path]) -> tuple[bool, int, str]:
    article = pair[0]
    return (article.order is None, article.order or 0, article.slug)


def _require_unique_lists(articles: tuple[Article, ...], paths: list[Path]) -> None:
    """A list id names one list in the whole library (`/v1/lists/{id}`); a clash names both files."""
    first_seen: dict[str, Path] = {}
    for article, path in zip(articles, paths, strict=True):
        for block in (b for s in article.sections for b in s.blocks if isinstance(b, ListBlock)):
            if block.id in first_seen and first_seen[block.id] != path:
                raise ContentError(
                    path,
                    f"list id {block.id!r} is already used in {first_seen[block.id]}; list ids are unique across "
                    f"the library (try {article.slug}-{block.id})",
                )
            first_seen.setdefault(block.id, path)


def _decode(path: Path, model: type[T]) -> T:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(path, f"cannot be read ({error.strerror})") from error
    try:
        return msgspec.toml.decode(raw, type=model)
    except msgspec.ValidationError as error:
        raise ContentError(path, str(error)) from error
    except msgspec.DecodeError as error:
        raise ContentError(path, f"not valid TOML: {error}") from error


def _check_article(article: Article, path: Path) -> None:
    _require_unique(path, "section id", (s.id for s in article.sections))
    for index, section in enumerate(article.sections):
        for block in section.blocks:
            if isinstance(block, ListBlock):
                _require_unique(
                    path,
                    f"item id in list {block.id!r} ($.sections[{index}])",
                    (i.id for i in block.items),
                )


def _require_unique(file: Path, what: str, values: Iterable[str]) -> None:
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ContentError(file, f"{what} used more than once: {', '.join(repeated)}")
