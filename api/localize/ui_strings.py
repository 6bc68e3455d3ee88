"""The clients' UI strings of one locale, with plural forms by CLDR category.

gettext orders plural forms by the catalogue's `Plural-Forms` expression; clients want them by
CLDR category (`one`, `other`, …), so each category's sample number picks its form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from api import documents as doc
from api import model
from api.catalogues.files import Catalogue
from api.locales import plural_categories, plural_samples
from api.localize.translator import Translator
from api.messages import UI_DOMAIN


def localized_ui_strings(
    strings: tuple[model.UiString, ...],
    locale: str,
    direction: doc.Direction,
    catalogues: Mapping[str, Catalogue] | None,
    domain: str = UI_DOMAIN,
) -> doc.UiStrings:
    """A domain's strings with ids (`ui`, `desk`) in `locale`, plural forms by CLDR category."""
    t = Translator(catalogues, domain)
    catalogue = catalogues.get(domain) if catalogues is not None else None
    categories = plural_categories(locale)
    sample_for = plural_samples(locale)
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
            if catalogues is not None:
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
