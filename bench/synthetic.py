"""Synthetic content of the seed's shape: N articles in English with complete Urdu catalogues
and a third language (`pa-Arab`, Shahmukhi Punjabi) translated in part.

Each copy k of the seed article gets slug `<seed>-k`, a catalogue of its own
(`articles/<seed>-k.po`), as a real library has, and text of its own: every string, English and
Urdu alike, goes through copy k's letter substitution (each script's letters permuted among
themselves, the same permutation for a msgid and its msgstr) and gets a ` [k]` suffix. A copy so
keeps the seed's sizes, shape and gzip ratio, while no two copies share a word, so the library as a
whole compresses like one of distinct articles (`realism` measures both). The third language has
every other entry of each catalogue (the Urdu text stands in: the same script and size, for
measuring only) and a threshold that publishes it. Written to a directory of the caller's (never
committed).

    python -m bench.synthetic --articles 1000 --out /tmp/synthetic
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import shutil
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import msgspec
import polib

from api.catalogues.files import write_atomically
from api.catalogues.layout import catalogue_path, template_path
from api.catalogues.operations import init_locale
from api.catalogues.templates import template_text
from api.content_files import load_content
from api.locales import catalogue_folder
from api.messages import ARTICLE_DOMAINS, article_domain, domain_messages
from api.model import Article, ListBlock, ListItem, Paragraph, Section

REPO = Path(__file__).resolve().parent.parent


def letter_substitution(k: int, urdu_letters: str) -> dict[int, int]:
    """Copy k's cipher: Latin lower and upper case, and the seed's Urdu letters, each permuted."""
    table: dict[int, int] = {}
    shuffle = random.Random(k).sample  # noqa: S311 (a repeatable test cipher, not a secret)
    for letters in (string.ascii_lowercase, string.ascii_uppercase, urdu_letters):
        table |= dict(zip(map(ord, letters), map(ord, shuffle(letters, len(letters))), strict=True))
    return table


def _letters(text: str) -> str:
    """The Arabic-script letters of `text` (not its punctuation, digits or marks)."""
    return "".join(sorted({c for c in text if "\u0600" <= c <= "\u06ff" and unicodedata.category(c) == "Lo"}))


def _copy(article: Article, k: int, cipher: dict[int, int]) -> Article:
    def text(value: str) -> str:
        return f"{value.translate(cipher)} [{k}]"

    def block(source: Paragraph | ListBlock) -> Paragraph | ListBlock:
        if isinstance(source, Paragraph):
            return Paragraph(text=text(source.text))
        return ListBlock(
            id=f"{source.id}-{k}",  # list ids are global: /v1/lists/{id}
            intro=text(source.intro) if source.intro else None,
            outro=text(source.outro) if source.outro else None,
            items=tuple(
                ListItem(id=item.id, title=text(item.title) if item.title else None, text=text(item.text))
                for item in source.items
            ),
        )

    return Article(
        slug=f"{article.slug}-{k}",
        title=text(article.title),
        summary=text(article.summary) if article.summary else None,
        sections=tuple(
            Section(id=s.id, heading=text(s.heading), blocks=tuple(block(b) for b in s.blocks))
            for s in article.sections
        ),
    )


def _without_none(value: object) -> object:
    """TOML has no null: absent optional fields are left out."""
    if isinstance(value, msgspec.Struct):
        value = msgspec.to_builtins(value)
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_without_none(v) for v in value]
    return value


def generate(articles: int, out: Path) -> tuple[Path, Path]:
    """Write `out/content` and `out/locales` with `articles` articles; return both directories."""
    content_dir, locales_dir = out / "content", out / "locales"
    shutil.rmtree(out, ignore_errors=True)
    (content_dir / "articles").mkdir(parents=True)
    for name in ("clinic.toml", "ui.toml"):
        shutil.copy(REPO / "content" / name, content_dir / name)
    shutil.copytree(REPO / "locales", locales_dir)
    seed = load_content(REPO / "content").articles[0]
    shipped = polib.pofile(str(catalogue_path(REPO / "locales", "ur", article_domain(seed.slug))))
    urdu_letters = _letters(" ".join(entry.msgstr for entry in shipped))
    ciphers = [letter_substitution(k, urdu_letters) for k in range(articles)]
    for k, cipher in enumerate(ciphers):
        copy = _copy(seed, k, cipher)
        (content_dir / "articles" / f"{copy.slug}.toml").write_bytes(msgspec.toml.encode(_without_none(copy)))

    for domain, messages in domain_messages(load_content(content_dir), content_dir).items():
        if not domain.startswith(ARTICLE_DOMAINS):
            continue  # the clinic's and the UI's catalogues are the shipped ones
        k = int(domain.rsplit("-", 1)[1])
        urdu = {
            f"{e.msgid.translate(ciphers[k])} [{k}]": f"{e.msgstr.translate(ciphers[k])} [{k}]"
            for e in shipped
            if e.msgstr
        }
        po = polib.POFile(wrapwidth=79)
        po.metadata = dict(shipped.metadata)
        for message in messages:
            po.append(
                polib.POEntry(
                    msgid=message.msgid,
                    msgstr=urdu.get(message.msgid, ""),
                    occurrences=[(f, str(line) if line else "") for f, line in message.references],
                )
            )
        write_atomically(catalogue_path(locales_dir, "ur", domain), (str(po) + "\n").encode())
        template = template_text(domain, messages, "2026-01-01 00:00+0000").encode()
        write_atomically(template_path(locales_dir, domain), template)
    for path in (
        catalogue_path(locales_dir, "ur", article_domain(seed.slug)),
        template_path(locales_dir, article_domain(seed.slug)),
    ):
        path.unlink()  # the seed itself is not among the copies
    _partly_translated(locales_dir, THIRD_LANGUAGE)
    return content_dir, locales_dir


THIRD_LANGUAGE = "pa-Arab"


def _partly_translated(locales_dir: Path, locale: str) -> None:
    """`locale` started by `init`, then every other entry of each catalogue filled from the Urdu."""
    for path in init_locale(locales_dir, locale, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        urdu_path = locales_dir / "ur" / path.relative_to(locales_dir / catalogue_folder(locale))
        if not urdu_path.exists():
            continue
        urdu = {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(urdu_path))}
        po = polib.pofile(str(path), wrapwidth=79)
        for number, entry in enumerate(po):
            found = urdu.get((entry.msgctxt, entry.msgid))
            if number % 2 == 0 and found is not None:
                entry.msgstr, entry.msgstr_plural = found.msgstr, dict(found.msgstr_plural)
        write_atomically(path, (str(po) + "\n").encode())
    (locales_dir / catalogue_folder(locale) / "language.toml").write_text("min_coverage = 0.3\n", encoding="utf-8")


@dataclass(frozen=True)
class Realism:
    """How like a real library the synthetic one is, over a sample of its articles."""

    strings: int
    distinct: int
    seed_gzip_ratio: float
    """The seed article's files (its TOML and Urdu catalogue), raw bytes over gzipped bytes."""
    library_gzip_ratio: float
    """The same for the sample's files in one stream: copies that repeated each other would
    compress far better than one article does."""


def realism(content_dir: Path, locales_dir: Path, sample: int = 200) -> Realism:
    seed = sorted((REPO / "content" / "articles").glob("*.toml"))[0]
    seed_files = [seed, catalogue_path(REPO / "locales", "ur", article_domain(seed.stem))]
    copies = sorted((content_dir / "articles").glob("*.toml"))[:sample]
    files = [p for c in copies for p in (c, catalogue_path(locales_dir, "ur", article_domain(c.stem)))]
    strings = [text for path in files[1::2] for e in polib.pofile(str(path)) for text in (e.msgid, e.msgstr)]
    return Realism(
        strings=len(strings),
        distinct=len(set(strings)),
        seed_gzip_ratio=_gzip_ratio(seed_files),
        library_gzip_ratio=_gzip_ratio(files),
    )


def _gzip_ratio(paths: list[Path]) -> float:
    data = b"".join(path.read_bytes() for path in paths)
    return len(data) / len(gzip.compress(data, compresslevel=6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    content_dir, locales_dir = generate(arguments.articles, arguments.out)
    print(f"{arguments.articles} articles: {content_dir}, {locales_dir}")
    found = realism(content_dir, locales_dir)
    print(
        f"{found.distinct} distinct strings of {found.strings}; gzip ratio {found.library_gzip_ratio:.2f} "
        f"(the seed's {found.seed_gzip_ratio:.2f})"
    )


if __name__ == "__main__":
    main()
