"""A catalogue in service holds its translations packed (issue 16's memory): what it unpacks is
exactly what it was given, contexts and plural forms included."""

from __future__ import annotations

from api.catalogues.files import Catalogue

TRANSLATIONS = {
    ("", "Microneedling"): ("مائیکرونیڈلنگ",),
    ("button", "Back"): ("واپس",),
    ("", "{count} session"): ("{count} سیشن", "{count} سیشنز"),
    ("", "Zero\u200bwidth"): ("صفر\u200cچوڑائی",),
}


def test_a_catalogue_unpacks_what_it_was_given() -> None:
    catalogue = Catalogue.of("ur", "articles-x", TRANSLATIONS, "nplurals=2; plural=(n != 1);")
    assert catalogue.translations == TRANSLATIONS
    assert catalogue.keys == tuple(sorted(TRANSLATIONS))
    assert catalogue.plural_index()(1) == 0
    assert catalogue.plural_index()(2) == 1


def test_an_empty_catalogue_translates_nothing() -> None:
    assert Catalogue.of("ur", "articles-x", {}).translations == {}
    assert Catalogue(locale="ur", domain="articles-x", keys=()).translations == {}


def test_the_texts_are_held_compressed() -> None:
    """The texts of a catalogue of realistic size take less than they do written out."""
    many = {("", f"Sentence {n} about aftercare."): (f"بعد کی دیکھ بھال کے بارے میں جملہ {n}۔",) for n in range(200)}
    catalogue = Catalogue.of("ur", "articles-x", many)
    written = sum(len(form.encode()) for forms in many.values() for form in forms)
    assert len(catalogue.packed_forms) < written / 3
    assert catalogue.translations == many


def test_keys_are_shared_with_the_template() -> None:
    own = ("", "".join(["Micro", "needling"]))  # made at run time: not a constant shared with the next line
    template = {own: own, ("button", "Back"): ("button", "Back")}
    catalogue = Catalogue.of("ur", "articles-x", {("", "Microneedling"): ("مائیکرونیڈلنگ",)})
    assert next(iter(catalogue.keys)) is not own
    assert next(iter(catalogue.with_keys(template).keys)) is own
