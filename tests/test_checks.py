"""Each translator check, on a crafted catalogue with one problem of every kind."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from babel.messages.plurals import get_plural

from api.catalogues.checks import TRANSLATION_CHECKS, check_po_bytes
from api.catalogues.files import parse_po
from api.catalogues.report import CatalogueReport, CheckContext, CheckProblem, GlossaryTerm

HEADER = """\
msgid ""
msgstr ""
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"
{plural}
"""
GOOD_PLURAL = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'


def catalogue(entries: str, *, language: str = "ur", charset: str = "UTF-8", plural: str = GOOD_PLURAL) -> bytes:
    return (HEADER.format(language=language, charset=charset, plural=plural) + "\n" + entries).encode("utf-8")


def report(data: bytes, **context: object) -> CatalogueReport:
    _, result = check_po_bytes(data, "test.po", CheckContext(locale="ur", **context))  # type: ignore[arg-type]
    return result


def only(result: CatalogueReport, check: str) -> list[CheckProblem]:
    return [p for p in result.problems if p.check == check]


def test_clean_catalogue_has_no_problems() -> None:
    result = report(catalogue('msgid "Next"\nmsgstr "آگے"\n'))
    assert result.problems == ()
    assert (result.total, result.translated, result.coverage) == (1, 1, 1.0)


def test_parse_error_is_reported_with_its_line() -> None:
    result = report(catalogue('msgid "a"\nmsgstr "ب"\nmsgstr "ج"\n'))
    (problem,) = result.problems
    assert (problem.check, problem.severity, problem.line) == ("parse", "error", 11)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xef\xbb\xbf" + catalogue(""), "byte-order mark"),
        ('msgid ""\nmsgstr ""\n'.encode("utf-16"), "not UTF-8"),
        (bytes(range(256)) * 4, "not UTF-8"),
        (b"", "empty"),
        (b'msgid "a"\x00\nmsgstr "b"\n', "NUL"),
    ],
)
def test_files_that_are_not_utf8_po_text_are_parse_errors(data: bytes, why: str) -> None:
    (problem,) = report(data).problems
    assert problem.check == "parse"
    assert why in problem.message


def test_wrong_language_header_names_both_languages_and_its_line() -> None:
    (problem,) = only(report(catalogue("", language="fr")), "header-language")
    assert problem.severity == "error"
    assert problem.line == 3
    assert "fr" in problem.message
    assert "ur" in problem.message


def test_missing_language_header() -> None:
    data = catalogue("").replace(b'"Language: ur\\n"\n', b"")
    (problem,) = only(report(data), "header-language")
    assert 'no "Language"' in problem.message


@pytest.mark.parametrize("plural", ["", '"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : n ? 1 : 2);\\n"'])
def test_wrong_or_missing_plural_forms_header(plural: str) -> None:
    (problem,) = only(report(catalogue("", plural=plural)), "header-plural-forms")
    assert "nplurals=2; plural=(n != 1);" in problem.message


def test_charset_must_be_utf8() -> None:
    (problem,) = only(report(catalogue("", charset="ISO-8859-1")), "header-charset")
    assert problem.line == 5


def test_placeholder_mismatch_is_an_error_naming_the_placeholder() -> None:
    entries = (
        'msgid "Section {n} of {total}"\nmsgstr "حصہ {n} از {کل}"\n\nmsgid "Hello %(name)s, %s"\nmsgstr "سلام %s"\n'
    )
    problems = only(report(catalogue(entries)), "placeholders")
    assert [p.line for p in problems] == [9, 12]
    assert "missing {total}" in problems[0].message
    assert "missing %(name)s" in problems[1].message


def test_markup_newline_and_whitespace_mismatches() -> None:
    entries = 'msgid "<b>Note</b>"\nmsgstr "نوٹ"\n\nmsgid "one\\ntwo"\nmsgstr "ایک دو"\n\nmsgid "Next "\nmsgstr "آگے"\n'
    result = report(catalogue(entries))
    assert [p.line for p in only(result, "markup")] == [9]
    assert [p.line for p in only(result, "newlines")] == [12]
    assert [(p.line, p.severity) for p in only(result, "whitespace")] == [(15, "warning")]


def test_plural_entry_with_the_wrong_number_of_forms() -> None:
    translated = 'msgid "{n} section"\nmsgid_plural "{n} sections"\nmsgstr[0] "{n} حصہ"\n'
    (refused,) = only(report(catalogue(translated)), "parse")  # msgfmt refuses it too
    assert "nplurals = 2" in refused.message
    untranslated = 'msgid "{n} section"\nmsgid_plural "{n} sections"\nmsgstr[0] ""\n'  # msgfmt lets it pass
    (problem,) = only(report(catalogue(untranslated)), "plural-count")
    assert problem.severity == "error"
    assert "needs 2" in problem.message


def test_untranslated_and_fuzzy_are_counted_and_warned() -> None:
    entries = 'msgid "Next"\nmsgstr ""\n\n#, fuzzy\n#| msgid "Back"\nmsgid "Go back"\nmsgstr "پیچھے"\n'
    result = report(catalogue(entries))
    assert (result.total, result.translated, result.fuzzy, result.untranslated) == (2, 0, 1, 1)
    assert [p.check for p in result.problems] == ["untranslated", "fuzzy"]
    assert "Back" in result.problems[1].message
    assert result.errors == ()


def test_translation_identical_to_source() -> None:
    (problem,) = only(report(catalogue('msgid "Aftercare"\nmsgstr "Aftercare"\n')), "same-as-source")
    assert problem.severity == "warning"


def test_urdu_latin_punctuation_is_an_error() -> None:
    entries = (
        'msgid "Stay Hydrated."\nmsgstr "پانی پیئیں."\n\n'
        'msgid "Why?"\nmsgstr "کیوں?"\n\n'
        'msgid "A, B"\nmsgstr "الف, ب"\n'
    )
    problems = only(report(catalogue(entries)), "punctuation")
    assert [p.line for p in problems] == [9, 12, 15]
    assert "۔" in problems[0].message


def test_urdu_punctuation_allows_decimal_points_and_placeholders() -> None:
    entries = 'msgid "3.5 {n}"\nmsgstr "3.5 {n}۔"\n'
    assert only(report(catalogue(entries)), "punctuation") == []


def test_latin_words_in_urdu_are_warned_outside_the_allow_list() -> None:
    entries = 'msgid "Use SPF sunscreen"\nmsgstr "SPF والی sunscreen لگائیں"\n'
    (problem,) = only(report(catalogue(entries), allowed_latin=frozenset({"SPF"})), "latin-script")
    assert "sunscreen" in problem.message
    assert "SPF" not in problem.message


def test_duplicate_entries_are_errors_with_both_lines() -> None:
    entries = 'msgid "Next"\nmsgstr "آگے"\n\nmsgid "Next"\nmsgstr "اگلا"\n'
    (problem,) = only(report(catalogue(entries)), "parse")  # msgfmt refuses it: the parse stage does
    assert problem.line == 12
    assert "line 9" in problem.message


def test_messages_not_in_the_template_and_missing_ones() -> None:
    entries = 'msgid "Old"\nmsgstr "پرانا"\n'
    result = report(catalogue(entries), template_keys=frozenset({("", "New"), ("", "Other")}))
    assert [p.check for p in result.problems] == ["missing-messages", "unknown-message"]
    assert "2 message(s)" in result.problems[0].message


def test_errors_in_one_message_withhold_only_that_message() -> None:
    entries = 'msgid "Next"\nmsgstr "آگے"\n\nmsgid "{n} of {total}"\nmsgstr "{n} از"\n'
    result = report(catalogue(entries))
    assert result.withheld == frozenset({("", "{n} of {total}")})
    assert result.file_errors == ()


def _best_of_five(function: Callable[[], object]) -> float:
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: "%" + "0" * n,  # a printf flag run with no conversion: backtracked quadratically
        lambda n: "%(" + "a" * n,
        lambda n: "<a" + " x" * (n // 2),
        lambda n: "{" * n,
        lambda n: "%" * n,
        lambda n: "۔." * (n // 2),
    ],
)
def test_every_check_is_linear_in_its_input(adversarial: Callable[[int], str]) -> None:
    """Doubling the input at most about doubles the work of all the checks (best of five each)."""

    def run(n: int) -> Callable[[], object]:
        data = catalogue(f'msgid "a {{n}} %d <b>x</b>"\nmsgstr "{adversarial(n)}"\n')
        return lambda: report(data)

    small, large = _best_of_five(run(4_000)), _best_of_five(run(8_000))
    assert large < small * 3, (small, large)


def errors_of(entries: str, language: str = "ur") -> set[str]:
    plural = f'"Plural-Forms: {get_plural(language).plural_forms}\\n"'
    data = catalogue(entries, language=language, plural=plural)
    _, result = check_po_bytes(data, "test.po", CheckContext(locale=language))
    return {p.check for p in result.errors}


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("نتائج 30 سے 60 مہینے تک رہ سکتے ہیں۔", {"numbers"}),  # "3 to 6" became "30 to 60"
        ("نتائج 3 سے 6 مہینے تک رہ سکتے ہیں۔", set()),
        ("نتائج ۳ سے ۶ مہینے تک رہ سکتے ہیں۔", set()),  # Urdu digits are the same numbers
        ("نتائج 3 سے مہینے تک رہ سکتے ہیں۔", {"numbers"}),
    ],
)
def test_a_number_must_survive_translation(translation: str, expected: set[str]) -> None:
    assert errors_of(f'msgid "Results last 3 to 6 months."\nmsgstr "{translation}"\n') == expected


@pytest.mark.parametrize("blank", ["   ", "\u200b", "\u200c\u200f", " \t "])
def test_whitespace_or_invisible_only_counts_as_untranslated(blank: str) -> None:
    result = report(catalogue(f'msgid "Next"\nmsgstr "{blank}"\n'))
    assert (result.translated, result.untranslated) == (0, 1)
    assert [p.check for p in result.problems] == ["untranslated"]


@pytest.mark.parametrize(
    ("translation", "language", "expected"),
    [
        ("آگے\u202e", "ur", {"invisible-characters"}),  # right-to-left override
        ("\u2066آگے\u2069", "ur", {"invisible-characters"}),  # isolates
        ("آگے\u0007", "ur", {"invisible-characters"}),  # a control character
        ("آ\u200bگے", "ur", {"invisible-characters"}),  # zero-width space
        ("می\u200cخواهم", "ur", set()),  # ZWNJ is how right-to-left scripts write
        ("آگے\u200f", "ur", set()),  # RLM too
        ("Weiter\u200e", "de", {"invisible-characters"}),  # but not in a left-to-right language
    ],
)
def test_invisible_and_control_characters(translation: str, language: str, expected: set[str]) -> None:
    assert errors_of(f'msgid "Next"\nmsgstr "{translation}"\n', language) == expected


@pytest.mark.parametrize(
    ("translation", "language", "expected"),
    [
        ("आगे", "ur", {"script"}),  # Hindi (Devanagari) given as Urdu
        ("آگے", "ur", set()),
        ("Weiter", "de", set()),
        ("وائیٹر", "de", {"script"}),
    ],
)
def test_the_script_comes_from_cldr_likely_subtags(translation: str, language: str, expected: set[str]) -> None:
    assert errors_of(f'msgid "Next"\nmsgstr "{translation}"\n', language) == expected


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("آگے <img src=x onerror=alert(1)", {"markup-like"}),  # unclosed: the old check saw closed tags only
        ("آگے </b", {"markup-like"}),
        ("آگے <b>", {"markup-like", "markup"}),
        ("آگے < 3", set()),  # a less-than sign is not markup
    ],
)
def test_markup_like_text_must_match_the_source(translation: str, expected: set[str]) -> None:
    assert errors_of(f'msgid "Next 3"\nmsgstr "{translation}"\n'.replace("آگے", "آگے 3")) - {"numbers"} == expected


@pytest.mark.parametrize("placeholder", ["{n:>999999999}", "{n.__class__}", "{{n}}", "{n} }", "{0}"])
def test_placeholders_are_plain_names_of_the_source(placeholder: str) -> None:
    assert "placeholder-syntax" in errors_of(f'msgid "{{n}} items"\nmsgstr "{placeholder} چیزیں"\n')


def test_a_plain_placeholder_passes() -> None:
    assert errors_of('msgid "{n} items"\nmsgstr "{n} چیزیں"\n') == set()


@pytest.mark.parametrize(
    ("language", "translation", "expected"),
    [
        ("ps", "ولې?", {"punctuation"}),  # Pashto with a Latin question mark (it passed when only Urdu was checked)
        ("ps", "ولې؟", set()),
        ("ps", "دا ښه دی.", set()),  # Pashto ends a sentence with `.`
        ("pa_Arab", "ایہہ چنگا اے.", {"punctuation"}),  # Shahmukhi ends it with ۔
        ("pa_Arab", "ایہہ چنگا اے۔", set()),
        ("sd", "ڇو?", {"punctuation"}),
        ("de", "Warum?", set()),
    ],
)
def test_punctuation_follows_the_script_of_every_language(language: str, translation: str, expected: set[str]) -> None:
    assert errors_of(f'msgid "Why?"\nmsgstr "{translation}"\n', language) == expected


GLOSSARY = (
    GlossaryTerm(english=("scar", "scars"), translations=("داغ", "داغوں"), rejected=("نشان",)),
    GlossaryTerm(english=("non-invasive",), translations=("غیر مداخلتی",), rejected=("غیر جراحی",)),
)


@pytest.mark.parametrize(
    ("english", "translation", "expected"),
    [
        ("Acne scars fade.", "مہاسوں کے داغ مدھم ہو جاتے ہیں۔", []),
        ("Acne scars fade.", "مہاسوں کے نشان مدھم ہو جاتے ہیں۔", ["glossary"]),  # another word for scar
        ("Scars and marks.", "داغ اور نشان۔", ["glossary"]),  # the glossary's word, and a rejected one beside it
        ("It is non-invasive.", "یہ غیر جراحی ہے۔", ["glossary"]),
        ("It is non-invasive.", "یہ غیر مداخلتی ہے۔", []),
        ("A scary story.", "ایک ڈراؤنی کہانی۔", []),  # words, not substrings: "scary" is not "scar"
        ("Surgical scars, too.", "آپریشن کے داغوں، بھی۔", []),  # an inflected form, then Urdu punctuation
        ("NON-INVASIVE, says the leaflet.", "یہ غیر جراحی ہے۔", ["glossary"]),  # capitals, punctuation after
        ("(Scars)", "(نشان)", ["glossary"]),  # punctuation before
    ],
)
def test_glossary_terms_keep_their_rendering(english: str, translation: str, expected: list[str]) -> None:
    data = catalogue(f'msgid "{english}"\nmsgstr "{translation}"\n')
    _, result = check_po_bytes(data, "test.po", CheckContext(locale="ur", glossary=GLOSSARY))
    assert [p.check for p in result.problems] == expected


def test_every_term_a_string_uses_is_checked_when_terms_overlap() -> None:
    """Strings are first searched for any of the glossary's English at once; terms that start at
    the same word (one inside another) are still each checked."""
    overlapping = (
        GlossaryTerm(english=("acne",), translations=("مہاسے", "مہاسوں")),
        GlossaryTerm(english=("acne scars",), translations=("مہاسوں کے داغ",)),
        *GLOSSARY,
    )
    data = catalogue('msgid "Acne scars fade."\nmsgstr "دانوں کے نشان مدھم ہو جاتے ہیں۔"\n')
    _, result = check_po_bytes(data, "test.po", CheckContext(locale="ur", glossary=overlapping))
    assert sorted(p.message.split("»")[0] for p in result.problems) == ["«acne", "«acne scars", "«scar"]


def test_the_translation_checks_look_only_at_translated_pairs() -> None:
    """`check_catalogue` skips them for an entry with no (English, translation) pair to check: each
    must find nothing in such an entry, however wrong its text, and find the faults once it counts."""
    faulty = 'msgid "Wait {n} days, then 2 more."\nmsgstr "Latin words, 3 دن {m}. <b>"\n'
    context = CheckContext(locale="ur", glossary=(GlossaryTerm(english=("days",), translations=("دن",)),))
    (fuzzy,) = parse_po(catalogue("#, fuzzy\n" + faulty), "f.po").entries
    (translated,) = parse_po(catalogue(faulty), "t.po").entries
    (untranslated,) = parse_po(catalogue('msgid "Wait {n} days."\nmsgstr ""\n'), "u.po").entries
    for check in TRANSLATION_CHECKS:
        assert list(check(fuzzy, context)) == [], check.__name__
        assert list(check(untranslated, context)) == [], check.__name__
    assert len({p.check for check in TRANSLATION_CHECKS for p in check(translated, context)}) >= 5
