"""Our strict reading of `.po` files against GNU msgfmt, the reference: on hundreds of mutants of a
good catalogue, we refuse a file exactly when `msgfmt --check-format --check-header` refuses it.

The mutants are made from the tests' own library with a fixed seed; the test prints, per kind of
mutation, how many msgfmt accepted and refused and how often we agreed (run with `-s` to see it).
"""

from __future__ import annotations

import gettext
import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from api.catalogues.files import CatalogueError, parse_po
from api.catalogues.po_syntax import _line_tokens, _logical_lines, tokens
from tests.library import ARTICLE_DOMAIN

Mutation = Callable[[list[str], random.Random], list[str]]
STRING_LINE = re.compile(r'^(?:#~ )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)? ?"')
SEED = 20261127
PER_KIND = 40


def _string_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if STRING_LINE.match(line) and line.rstrip().endswith('"')]


def _pick(lines: list[str], random_: random.Random, pattern: str) -> int | None:
    found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    return random_.choice(found) if found else None


def drop_closing_quote(lines: list[str], random_: random.Random) -> list[str]:
    i = random_.choice(_string_lines(lines))
    lines[i] = lines[i].rstrip()[:-1]
    return lines


def raw_newline_in_string(lines: list[str], random_: random.Random) -> list[str]:
    i = random_.choice([i for i in _string_lines(lines) if len(lines[i]) - lines[i].index('"') > 3])
    cut = random_.randrange(lines[i].index('"') + 1, len(lines[i]) - 1)
    lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
    return lines


def truncate(lines: list[str], random_: random.Random) -> list[str]:
    text = "\n".join(lines)
    return text[: random_.randrange(len(text))].split("\n")


def delete_line(lines: list[str], random_: random.Random) -> list[str]:
    del lines[random_.randrange(len(lines))]
    return lines


def duplicate_entry(lines: list[str], random_: random.Random) -> list[str]:
    start = _pick(lines, random_, r"^msgid \"[^\"]")
    assert start is not None
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return [*lines, "", *lines[start:end]]


ESCAPES = ("\\n", "\\t", "\\\\", '\\"', "\\a", "\\q", "\\'", "\\?", "\\x41", "\\101", "\\x", "\\8", "\\x04", "\\004")


def insert_escape(lines: list[str], random_: random.Random) -> list[str]:
    i = random_.choice(_string_lines(lines))
    at = random_.randrange(lines[i].index('"') + 1, len(lines[i]))
    lines[i] = lines[i][:at] + random_.choice(ESCAPES) + lines[i][at:]
    return lines


KEYWORD_SWAPS = (
    ("msgid ", "msgstr "),
    ("msgstr ", "msgid "),
    ("msgstr ", "msgstrr "),
    ("msgid ", "msgid_plural "),
    ("msgstr ", "msgstr[0] "),
    ("msgctxt ", "msgid "),
    ("msgid_plural ", "msgid "),
    ("msgstr[1] ", "msgstr[2] "),
    ("msgstr[0] ", "msgstr[1] "),
    ("msgctxt ", "domain "),
)


def swap_keyword(lines: list[str], random_: random.Random) -> list[str]:
    old, new = random_.choice(KEYWORD_SWAPS)
    i = _pick(lines, random_, "^" + re.escape(old))
    if i is not None:
        lines[i] = new + lines[i][len(old) :]
    return lines


PLACEHOLDER_EDITS = ("{m}", "{n:>3}", "{{n}}", "{n", "", "{n.x}", "{n}{n}", "{0}", "{n!r}", "{n[0]}", "}", "{ n}")


def edit_placeholder(lines: list[str], random_: random.Random) -> list[str]:
    i = _pick(lines, random_, r'^msgstr(\[\d\])? ".*\{n\}')
    if i is not None:
        lines[i] = lines[i].replace("{n}", random_.choice(PLACEHOLDER_EDITS), 1)
    return lines


def newline_edges(lines: list[str], random_: random.Random) -> list[str]:
    i = _pick(lines, random_, r'^(msgstr|msgid)(\[\d\])? "[^"]')
    assert i is not None
    head, _, rest = lines[i].partition('"')
    lines[i] = f'{head}"\\n{rest}' if random_.random() < 0.5 else f'{lines[i][:-1]}\\n"'
    return lines


def harmless(lines: list[str], random_: random.Random) -> list[str]:
    choice = random_.randrange(4)
    if choice == 0:  # split a string in two
        i = random_.choice([i for i in _string_lines(lines) if len(lines[i]) - lines[i].index('"') > 4])
        cut = lines[i].index('"') + 2
        lines[i : i + 1] = [lines[i][:cut] + '"', '"' + lines[i][cut:]]
    elif choice == 1:
        lines.insert(random_.randrange(len(lines)), "# a translator's comment")
    elif choice == 2:
        return [line + "\r" for line in lines]
    else:
        lines.insert(random_.randrange(len(lines)), "")
    return lines


def plural_forms(lines: list[str], random_: random.Random) -> list[str]:
    choice = random_.randrange(5)
    if choice == 0:
        i = _pick(lines, random_, r"^msgstr\[1\]")
        if i is not None:
            del lines[i]
    elif choice == 1:
        i = _pick(lines, random_, r"^msgstr\[1\]")
        if i is not None:
            lines.insert(i + 1, 'msgstr[2] "{n} x"')
    elif choice == 2:
        return [line.replace("nplurals=2", "nplurals=3") for line in lines]
    elif choice == 3:
        return [
            line.replace("plural=(n != 1)", random_.choice(["plural=(n !! 1)", "plural=n>", "plural=n%10"]))
            for line in lines
        ]
    else:
        return [line for line in lines if not line.startswith('"Plural-Forms')]
    return lines


def header(lines: list[str], random_: random.Random) -> list[str]:
    choice = random_.randrange(3)
    if choice == 0:  # no header entry at all
        start = lines.index('msgid ""')
        end = next(i for i in range(start, len(lines)) if not lines[i].strip())
        return lines[:start] + lines[end:]
    if choice == 1:  # one header field fewer
        i = _pick(lines, random_, r'^"[A-Z][\w-]+: ')
        assert i is not None
        del lines[i]
        return lines
    return ["#, fuzzy", *lines]


def fuzzy_or_obsolete(lines: list[str], random_: random.Random) -> list[str]:
    i = _pick(lines, random_, r"^msgid \"[^\"]")
    assert i is not None
    if random_.random() < 0.5:
        lines.insert(i, "#, fuzzy")
        return lines
    end = next((j for j in range(i, len(lines)) if not lines[j].strip()), len(lines))
    start = i - 1 if lines[i - 1].startswith("msgctxt") else i
    lines[start:end] = ["#~ " + line for line in lines[start:end]]
    return lines


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        drop_closing_quote,
        raw_newline_in_string,
        truncate,
        delete_line,
        duplicate_entry,
        insert_escape,
        swap_keyword,
        edit_placeholder,
        newline_edges,
        harmless,
        plural_forms,
        header,
        fuzzy_or_obsolete,
    )
}


def msgfmt_verdict(path: Path) -> int | None:
    """None when msgfmt accepts the file, else the line of its first error (0 when it names none)."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (apt-get install gettext)"
    result = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return None
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    found = re.search(r":(\d+):", errors[0]) if errors else None
    return int(found.group(1)) if found else 0


def our_verdict(data: bytes) -> tuple[int, str] | None:
    try:
        parse_po(data, "mutant.po")
    except CatalogueError as refused:
        return refused.line or 0, refused.problem
    return None


def same_line(reference: int | None, ours: tuple[int, str] | None) -> bool:
    """Whether we name msgfmt's line. msgfmt names none for a missing header; for a string left
    open it names the line after, where its lexer stands: we name the string's own line."""
    if reference is None or ours is None:
        return reference is None and ours is None
    line, problem = ours
    return reference in (0, line) or (problem == "end-of-line within string" and reference == line + 1)


def test_we_refuse_exactly_what_msgfmt_refuses(library: tuple[Path, Path], tmp_path: Path) -> None:
    random_ = random.Random(SEED)  # noqa: S311 (reproducible mutants, not secrets)
    sources = [library[1] / "ur" / "LC_MESSAGES" / f"{domain}.po" for domain in ("clinic", ARTICLE_DOMAIN, "ui")]
    originals = [path.read_text(encoding="utf-8").split("\n") for path in sources]
    tally: Counter[tuple[str, bool, bool]] = Counter()
    same_line_count: Counter[str] = Counter()
    disagreements: list[str] = []
    other_lines: list[str] = []
    for kind, mutate in MUTATIONS.items():
        for number in range(PER_KIND):
            text = "\n".join(mutate(list(originals[number % 2]), random_))
            path = tmp_path / f"{kind}-{number}.po"
            path.write_text(text, encoding="utf-8")
            reference_line, our_line = msgfmt_verdict(path), our_verdict(text.encode())
            reference, ours = reference_line is None, our_line is None
            tally[(kind, reference, ours)] += 1
            same_line_count[kind] += same_line(reference_line, our_line)
            if not same_line(reference_line, our_line) and reference == ours:
                other_lines.append(f"{path.name}: msgfmt names line {reference_line}, we {our_line}")
            if reference != ours:
                disagreements.append(f"{path.name}: msgfmt {'accepts' if reference else 'refuses'}")
    print(f"\n{'mutation':<24}{'msgfmt accepts':>16}{'msgfmt refuses':>16}{'we agree':>10}{'same line':>11}")
    for kind in MUTATIONS:
        accepted = sum(n for (k, ref, _), n in tally.items() if k == kind and ref)
        refused = sum(n for (k, ref, _), n in tally.items() if k == kind and not ref)
        agreed = sum(n for (k, ref, ours), n in tally.items() if k == kind and ref == ours)
        print(
            f"{kind:<24}{accepted:>16}{refused:>16}{agreed / PER_KIND:>10.0%}{same_line_count[kind] / PER_KIND:>11.0%}"
        )
    total_accepted = sum(n for (_, ref, _), n in tally.items() if ref)
    assert sum(tally.values()) >= 500
    assert total_accepted >= 150
    assert sum(tally.values()) - total_accepted >= 150
    assert disagreements == [], disagreements[:20]
    assert other_lines == [], other_lines[:20]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', 7, "end-of-line within string"),
        ('msgid "a"\nmsgstr "b\\q"\n', 7, "invalid control sequence"),
        ('msgid "a"\n', 6, "missing 'msgstr' section"),
        ('msgid "a"\nmsgstr "b"\nfoo "c"\n', 8, 'keyword "foo" unknown'),
        ('msgid "a"\nmsgstr "b\\\\\nc"\n', 8, "invalid control sequence"),  # `\\` + newline: `\c`
    ],
)
def test_errors_name_the_line_msgfmt_names(text: str, line: int, message: str) -> None:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ur\\n"\n\n'
    with pytest.raises(CatalogueError) as refused:
        parse_po((header + text).encode(), "x.po")
    assert (refused.value.line, refused.value.problem) == (line, message)


@pytest.mark.parametrize(
    ("text", "msgstr"),
    [
        ('msgid "a"\nmsgstr "Lang\\\nuage"\n', "Language"),  # inside a string
        ('msgid "a"\nmsg\\\nstr "b"\n', "b"),  # inside a keyword
    ],
)
def test_a_backslash_newline_is_dropped_as_msgfmt_drops_it(tmp_path: Path, text: str, msgstr: str) -> None:
    """GNU's lexer drops every backslash-newline pair; we refused such a header line msgfmt accepts."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ur\\n"\n\n'
    path = tmp_path / "continued.po"
    path.write_text(header + text, encoding="utf-8")
    assert msgfmt_verdict(path) is None
    (entry,) = parse_po((header + text).encode(), "x.po").entries
    assert entry.msgstr == msgstr
    compiled = tmp_path / "continued.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(path)], check=True)
    with compiled.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("a") == msgstr


TRICKY_LINES = """msgid "plain"
msgid"no space"
\t msgstr \f "tabs and feeds" \v
"a \\"quoted\\" word"
"an escape\\n"
msgstr[0] "indexed"
msgid "two" "strings"
#~ msgid "obsolete"
#| msgid "previous"
#, fuzzy
"continued \\
line"
"unicode space after" \u00a0
keyword_only
"x\\101"
"""


def test_plain_lines_give_the_tokens_of_the_general_loop(library: tuple[Path, Path]) -> None:
    """`tokens` reads most lines with one regular expression; the tokens must be the same."""
    texts = [path.read_text(encoding="utf-8") for path in library[1].rglob("*.po")] + [TRICKY_LINES]
    for text in texts:
        general = [token for line in _logical_lines(text) for token in _line_tokens(line)]
        assert list(tokens(text)) == general
