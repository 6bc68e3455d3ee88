"""When a language is ready for patients: its UI strings and at least one article translated to
a threshold (`CLINIC_CONTENT_MIN_COVERAGE`, or `min_coverage` in `locales/<lang>/language.toml`).

Before that it is not offered: a patient choosing "Punjabi" must not get an English page.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import msgspec

from api.catalogues.files import Catalogue
from api.messages import ARTICLE_DOMAINS, UI_DOMAIN, MessageKey

DEFAULT_MIN_COVERAGE = 0.9
LANGUAGE_FILE = "language.toml"
Fraction = Annotated[float, msgspec.Meta(ge=0, le=1)]


class LanguageSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """`locales/<lang>/language.toml`: what a clinic sets for one language."""

    min_coverage: Fraction | None = None


class Readiness(msgspec.Struct, frozen=True, kw_only=True):
    ui_coverage: float
    article_coverage: Mapping[str, float]
    """Each article's share of translated messages, by slug."""
    min_coverage: float

    @property
    def published(self) -> bool:
        return self.ui_coverage >= self.min_coverage and any(
            share >= self.min_coverage for share in self.article_coverage.values()
        )

    def translated(self, slug: str) -> bool:
        return self.article_coverage.get(slug, 0.0) >= self.min_coverage


def language_min_coverage(locales_dir: Path, folder: str, default: float) -> float:
    """The language's own threshold, if its `language.toml` sets one (a bad file keeps the default)."""
    path = locales_dir / folder / LANGUAGE_FILE
    try:
        found = msgspec.toml.decode(path.read_bytes(), type=LanguageSettings).min_coverage
    except (OSError, msgspec.DecodeError):
        return default
    return default if found is None else found


def readiness(
    catalogues: Mapping[str, Catalogue],
    template_keys: Mapping[str, frozenset[MessageKey]],
    min_coverage: float,
) -> Readiness:
    """`catalogues` and `template_keys` by domain: an article's coverage is its own catalogue's."""
    return Readiness(
        ui_coverage=_share(template_keys, catalogues, UI_DOMAIN),
        article_coverage={
            domain.removeprefix(ARTICLE_DOMAINS): _share(template_keys, catalogues, domain)
            for domain in template_keys
            if domain.startswith(ARTICLE_DOMAINS)
        },
        min_coverage=min_coverage,
    )


def _share(
    template_keys: Mapping[str, frozenset[MessageKey]], catalogues: Mapping[str, Catalogue], domain: str
) -> float:
    keys = template_keys.get(domain, frozenset())
    catalogue = catalogues.get(domain)
    translated = len(keys.intersection(catalogue.keys)) if catalogue else 0  # a set operation, in C
    return round(translated / len(keys), 4) if keys else 1.0
