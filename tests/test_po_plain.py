"""The whole-entry reader (`po_plain`) against the general one: where it answers, it answers what
the general reader does, entry for entry and line for line; it answers for the shapes catalogues
are written in, and leaves every other shape (and every error) to the general reader."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from api.catalogues.po_grammar import general_entries
from api.catalogues.po_plain import plain_entries
from tests.test_po_syntax_vs_msgfmt import MUTATIONS, SEED

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)

COMMON = {
    "plain": 'msgid "a"\nmsgstr "b"\n',
    "continued": 'msgid ""\n"one "\n"two"\nmsgstr ""\n"ایک "\n"دو"\n',
    "escapes": 'msgid "say \\"hi\\"\\n\\t\\\\"\nmsgstr "کہو \\"hi\\"\\n\\t\\\\"\n',
    "escaped quote before a line end": 'msgid "a \\""\n"b"\nmsgstr "c \\""\n"d"\n',
    "context": 'msgctxt "button"\nmsgid "Back"\nmsgstr "واپس"\n',
    "plural": 'msgid "{n} day"\nmsgid_plural "{n} days"\nmsgstr[0] "{n} دن"\nmsgstr[1] ""\n"{n} دن"\n',
    "comments and flags": (
        '# translator\n#. extracted\n#: a.toml:1 b.toml:2\n#, fuzzy, python-brace-format\nmsgid "a"\nmsgstr "b"\n'
    ),
    "previous": '#, fuzzy\n#| msgctxt "old"\n#| msgid "old "\n#| "text"\nmsgid "new"\nmsgstr "نیا"\n',
    "empty previous": '#| msgid "kept"\n#| msgid ""\nmsgid "new"\nmsgstr ""\n',
    "blank lines, no last newline": '\n\nmsgid "a"\nmsgstr "b"\n\n# end\n#, fuzzy\nmsgid "c"\nmsgstr "d"',
}
OTHER_SHAPES = {
    "crlf": 'msgid "a"\r\nmsgstr "b"\r\n',
    "obsolete": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
    "octal escape": 'msgid "a"\nmsgstr "\\101"\n',
    "two strings on a line": 'msgid "a" "b"\nmsgstr "c"\n',
    "blanks around a keyword": ' msgid "a"\nmsgstr  "b"\n',
    "forms out of order": 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n',
    "continued line": 'msgid "a"\nmsgstr "b\\\nc"\n',
    "domain": 'domain "x"\nmsgid "a"\nmsgstr "b"\n',
    "missing msgstr": 'msgid "a"\n',
    "raw newline in a string": 'msgid "a"\nmsgstr "b\n"\n',
    "context separator": 'msgid "a"\nmsgstr "b\x04c"\n',
}


@pytest.mark.parametrize("text", COMMON.values(), ids=COMMON.keys())
def test_the_common_shapes_are_read_as_the_general_reader_reads_them(text: str) -> None:
    plain = plain_entries(HEADER + text)
    assert plain is not None
    assert plain == general_entries(HEADER + text)


@pytest.mark.parametrize("text", OTHER_SHAPES.values(), ids=OTHER_SHAPES.keys())
def test_other_shapes_are_left_to_the_general_reader(text: str) -> None:
    assert plain_entries(HEADER + text) is None


def test_the_library_and_its_mutants_read_the_same(library: tuple[Path, Path]) -> None:
    """Every catalogue of the tests' library, and hundreds of mutants of them (the msgfmt
    comparison's): where the plain reader answers, the general reader gives the same entries."""
    originals = [path.read_text(encoding="utf-8") for path in sorted(library[1].rglob("*.po"))]
    random_ = random.Random(SEED)  # noqa: S311 (reproducible mutants, not secrets)
    texts = list(originals)
    for mutate in MUTATIONS.values():
        texts += ["\n".join(mutate(text.split("\n"), random_)) for text in originals for _ in range(4)]
    answered = 0
    for text in texts:
        plain = plain_entries(text)
        if plain is None:
            continue
        answered += 1
        assert plain == general_entries(text), text[:400]
    assert all(plain_entries(text) is not None for text in originals)
    assert answered > len(texts) // 3
