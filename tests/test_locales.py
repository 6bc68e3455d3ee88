"""Choosing the locale: Accept-Language with q-values never fails; ?lang= is strict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.locales import LocaleChooser, locale_facts, parse_accept_language


@pytest.fixture
def chooser() -> LocaleChooser:
    return LocaleChooser(["en", "ur"], "en")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ur-PK,ur;q=0.9", "ur"),
        ("ur", "ur"),
        ("UR-pk", "ur"),
        ("ur_PK", "ur"),
        ("en;q=0.5, ur", "ur"),
        ("fr, ur;q=0.1, en;q=0.05", "ur"),
        ("ur;q=0, en", "en"),
        ("ur;q=0", "en"),
        ("*", "en"),
        ("*, ur;q=0.5", "en"),  # any language is preferred to Urdu: the default's turn (issue 13)
        ("ur;q=0.8, *;q=0.5", "ur"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE", "en"),
        ("", "en"),
        ("garbage!!", "en"),
        (";;;,,,q=", "en"),
        ("ur;q=abc", "en"),
        ("ur;q=1.5", "en"),
        ("x" * 10_000, "en"),
        ("en;q=0.1, " * 2000 + "ur", "en"),
    ],
)
def test_accept_language_negotiation(chooser: LocaleChooser, header: str, expected: str) -> None:
    assert chooser.for_accept_language(header) == expected


def test_q_values_order_ranges_and_ties_keep_header_order() -> None:
    assert parse_accept_language("a;q=0.2, b, c;q=0.8, d") == ("b", "d", "c", "a")


def test_overlong_headers_are_cut_not_parsed_whole() -> None:
    assert len(parse_accept_language(", ".join(["ur"] * 5000))) <= 32


@given(st.text(max_size=300))
def test_parsing_any_header_never_raises(header: str) -> None:
    parse_accept_language(header)


@given(st.text(max_size=300))
def test_any_header_gets_a_served_locale(header: str) -> None:
    assert LocaleChooser(["en", "ur"], "en").for_accept_language(header) in {"en", "ur"}


@pytest.mark.parametrize(("value", "expected"), [("ur", "ur"), ("UR_pk", "ur"), ("ur-PK", "ur"), ("EN", "en")])
def test_lang_parameter_accepts_any_case_and_separator(chooser: LocaleChooser, value: str, expected: str) -> None:
    assert chooser.for_lang_parameter(value) == expected


@pytest.mark.parametrize("value", ["fr", "", "*", "!!", "u", "ur/../en", "ur\x00", "x" * 10_000])
def test_lang_parameter_rejects_what_is_not_served(chooser: LocaleChooser, value: str) -> None:
    assert chooser.for_lang_parameter(value) is None


def test_locale_facts_come_from_cldr() -> None:
    urdu = locale_facts("ur")
    assert (urdu.english_name, urdu.native_name, urdu.dir) == ("Urdu", "اردو", "rtl")
    assert locale_facts("en").dir == "ltr"
