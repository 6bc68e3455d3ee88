"""A language's glossary (`locales/<lang>/glossary.toml`) and the check that holds translations to
it: an English term in the source means one of its glossary renderings in the translation.

The format, shared with the translators' desk:

    [[terms]]
    english = ["scar", "scars"]         # every form the English uses (words, matched whole)
    translations = ["داغ", "داغوں"]     # every inflected form: singular, plural, oblique
    rejected = ["نشان"]                 # renderings not to use (GLOSSARY.md says why)
    note = "acne scars: مہاسوں کے داغ"

Matching is by whole words, never substrings, in both languages.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import msgspec

from api.catalogues.check_support import entry_problem, translated_pairs
from api.catalogues.files import PoEntry
from api.catalogues.report import CheckContext, CheckProblem, GlossaryTerm

logger = logging.getLogger("api.catalogues")
GLOSSARY_FILE = "glossary.toml"
_NOT_A_LETTER = re.compile(r"[^\w\u064B-\u065F\u0670\u06D6-\u06ED-]+")
"""Everything between words: spaces and punctuation of any script (، ۔ ؟ too); letters, digits,
Arabic-script marks and the hyphen of `anti-aging` stay."""


class Glossary(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    terms: tuple[GlossaryTerm, ...] = ()


def read_glossary(locales_dir: Path, locale: str) -> tuple[GlossaryTerm, ...]:
    """The locale's terms; none when it has no glossary file, or one that does not decode (the
    check is advice: a broken glossary is logged, never a reason to stop serving)."""
    path = locales_dir / locale / GLOSSARY_FILE
    try:
        return msgspec.toml.decode(path.read_bytes(), type=Glossary).terms
    except FileNotFoundError:
        return ()
    except (OSError, msgspec.DecodeError) as error:
        logger.warning("%s is not used: %s", path, error)
        return ()


def _words(text: str) -> str:
    """`text` as space-separated words with a space at each end, for whole-word matching."""
    return f" {_NOT_A_LETTER.sub(' ', text.lower()).strip()} "


def _has(words: str, forms: tuple[str, ...]) -> bool:
    return any(_form(form) in words for form in forms)


@functools.lru_cache(maxsize=4096)
def _form(form: str) -> str:
    """A glossary form as `_words` writes it (asked for every entry of every catalogue: made once)."""
    return f" {_words(form).strip()} "


@functools.lru_cache(maxsize=16)
def _any_english(glossary: tuple[GlossaryTerm, ...]) -> re.Pattern[str]:
    """One search that tells whether a text has any of the glossary's English forms: most strings
    have none, and are then done with instead of asked about each term (half of the check's time)."""
    forms = sorted({_form(form) for term in glossary for form in term.english}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


@functools.lru_cache(maxsize=16)
def _any_first_word(glossary: tuple[GlossaryTerm, ...]) -> re.Pattern[str]:
    """A search that a text (lower-cased) must pass to have any of the glossary's English forms:
    `_words` only turns what is not a letter into spaces, so a form's first word is in the text as
    written. Cheaper than `_words` on every string; a form without a word makes it match anything."""
    firsts = {_form(form).split()[0] if _form(form).split() else "" for term in glossary for form in term.english}
    return re.compile("|".join(map(re.escape, sorted(firsts, key=len, reverse=True))))


def terms_in(text: str, glossary: tuple[GlossaryTerm, ...]) -> list[GlossaryTerm]:
    """The glossary's terms that `text` (English) uses, in the glossary's order: the desk shows
    each beside the string, with the rendering to use."""
    words = _words(text)
    return [term for term in glossary if _has(words, term.english)]


def check_glossary(entry: PoEntry, context: CheckContext) -> Iterator[CheckProblem]:
    if not context.glossary:
        return
    for source, translation in translated_pairs(entry):
        if not _any_first_word(context.glossary).search(source.lower()):  # most strings: no normalizing
            continue
        english = _words(source)
        if not _any_english(context.glossary).search(english):
            continue
        translated = _words(translation)
        for term in context.glossary:
            if not _has(english, term.english):
                continue
            if not _has(translated, term.translations):
                yield entry_problem(
                    "glossary",
                    "warning",
                    entry,
                    f"«{term.english[0]}» is rendered without the glossary's {' / '.join(term.translations[:3])} "
                    "(locales/GLOSSARY.md); use it, or propose a change to the glossary.",
                )
            elif term.rejected and _has(translated, term.rejected):
                yield entry_problem(
                    "glossary",
                    "warning",
                    entry,
                    f"«{term.english[0]}» is also rendered as {' / '.join(term.rejected)}, which the glossary rejects.",
                )
