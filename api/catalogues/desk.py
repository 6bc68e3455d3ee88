"""A catalogue as the translators' desk sees it: entries with their state and problems, and a
translator's edits applied to the `.po` file here (polib), so the desk never reads or writes PO.

An edited file goes through the same checks as an upload (`check_po_bytes`) before anything is
said about it or saved; saving is the upload's path (`upload.accept`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from api import documents as doc
from api.catalogues.checks import check_po_bytes
from api.catalogues.files import Catalogue, PoEntry, PoFile, plural_index, servable_catalogue
from api.catalogues.glossary import terms_in
from api.catalogues.report import CatalogueReport, CheckContext, GlossaryTerm
from api.catalogues.status import problem_documents
from api.catalogues.templates import parse_text
from api.desk_documents import EntryState
from api.locales import plural_samples
from api.messages import Message, MessageKey

_STATE_CHECKS = frozenset({"untranslated", "fuzzy"})
"""Problems an entry's `state` already says."""


class EditError(Exception):
    """An edit that cannot apply (an unknown entry, forms that do not fit it): nothing is changed."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def entry_id(key: MessageKey) -> str:
    """A short stable id for a message (`msgctxt` and `msgid`): a row's id on the desk."""
    return hashlib.blake2b(f"{key[0]}\x04{key[1]}".encode(), digest_size=6).hexdigest()


def desk_entries(
    parsed: PoFile, report: CatalogueReport, messages: Iterable[Message], context: CheckContext
) -> list[doc.DeskEntry]:
    """Every entry of the file, in its order, with where it appears, its state, its problems and
    the glossary terms its English uses."""
    locale = context.locale
    places = {message.key: list(message.places) for message in messages}
    problems = _problems_by_key(report)
    forms_of = _plural_reader(parsed, locale)
    return [
        doc.DeskEntry(
            id=entry_id(entry.key),
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            places=places.get(entry.key, []),
            state=entry_state(entry, report),
            translation=None if entry.msgid_plural else entry.msgstr,
            plural_forms=forms_of(entry) if entry.msgid_plural else None,
            previous_msgid=entry.previous_msgid if entry.fuzzy else None,
            problems=problems.get(entry.key, []),
            terms=_hints(" ".join(entry.sources), context.glossary),
        )
        for entry in parsed.entries
    ]


def _hints(english: str, glossary: tuple[GlossaryTerm, ...]) -> list[doc.GlossaryHint]:
    return [
        doc.GlossaryHint(
            english=list(term.english),
            translations=list(term.translations),
            rejected=list(term.rejected),
            note=term.note,
        )
        for term in terms_in(english, glossary)
    ]


def entry_state(entry: PoEntry, report: CatalogueReport) -> EntryState:
    if entry.fuzzy:
        return "fuzzy"
    if not entry.translated:
        return "untranslated"
    return "problem" if entry.key in report.withheld else "translated"


def checked_entries(parsed: PoFile, report: CatalogueReport, keys: Iterable[MessageKey]) -> list[doc.CheckedEntry]:
    """The state and problems of the entries `keys` names."""
    wanted = set(keys)
    problems = _problems_by_key(report)
    return [
        doc.CheckedEntry(
            id=entry_id(entry.key),
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            state=entry_state(entry, report),
            problems=problems.get(entry.key, []),
        )
        for entry in parsed.entries
        if entry.key in wanted
    ]


def _problems_by_key(report: CatalogueReport) -> dict[MessageKey, list[doc.CatalogueProblem]]:
    found: dict[MessageKey, list[doc.CatalogueProblem]] = {}
    for problem in problem_documents(report):
        if problem.msgid is not None and problem.check not in _STATE_CHECKS:
            found.setdefault((problem.msgctxt or "", problem.msgid), []).append(problem)
    return found


def _plural_reader(parsed: PoFile, locale: str) -> Callable[[PoEntry], dict[str, str]]:
    form_index = plural_index(parsed.headers.get("Plural-Forms", ""))
    samples = plural_samples(locale)

    def forms(entry: PoEntry) -> dict[str, str]:
        texts = entry.msgstr_plural
        return {category: texts[form_index(n)] if form_index(n) < len(texts) else "" for category, n in samples.items()}

    return forms


def apply_edits(data: bytes, edits: Sequence[doc.EntryEdit], locale: str, now: dt.datetime) -> bytes:
    """The file with each edit written in, as an editor saves it (PO-Revision-Date set); raises
    `EditError` when an edit names no entry or gives forms that do not fit it."""
    po = parse_text(data.decode("utf-8"), f"{locale} catalogue")
    index = {(entry.msgctxt or "", entry.msgid): entry for entry in po if not entry.obsolete}
    plural_forms = po.metadata.get("Plural-Forms", "")
    form_index = plural_index(plural_forms)
    samples = plural_samples(locale)
    for edit in edits:
        entry = index.get((edit.msgctxt or "", edit.msgid))
        if entry is None:
            raise EditError(
                "unknown-entry", f"No entry {edit.msgid[:80]!r} (msgctxt {edit.msgctxt!r}) in this catalogue."
            )
        if entry.msgid_plural:
            entry.msgstr_plural = _gettext_forms(edit, samples, form_index, len(entry.msgstr_plural) or 2)
        elif edit.translation is None or edit.plural_forms is not None:
            raise EditError("translation-required", f"{edit.msgid[:80]!r} has no plural forms: send `translation`.")
        else:
            entry.msgstr = edit.translation
        _set_fuzzy(entry, fuzzy=edit.fuzzy)
    po.metadata["PO-Revision-Date"] = now.strftime("%Y-%m-%d %H:%M+0000")
    return (str(po) + "\n").encode("utf-8")


def _gettext_forms(
    edit: doc.EntryEdit, samples: Mapping[str, int], form_index: Callable[[int], int], count: int
) -> dict[int, str]:
    """CLDR categories → the catalogue's plural forms (the form each category's sample number picks)."""
    given = edit.plural_forms
    if given is None or edit.translation is not None or set(given) != set(samples):
        raise EditError(
            "plural-forms-required",
            f"{edit.msgid[:80]!r} has plural forms: send `plural_forms` with exactly {', '.join(samples)}.",
        )
    forms = dict.fromkeys(range(count), "")
    for category, n in samples.items():
        forms[min(form_index(n), count - 1)] = given[category]
    return forms


def _set_fuzzy(entry: object, *, fuzzy: bool) -> None:
    flags: list[str] = entry.flags  # type: ignore[attr-defined]
    if fuzzy and "fuzzy" not in flags:
        flags.insert(0, "fuzzy")
    elif not fuzzy and "fuzzy" in flags:
        flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None  # type: ignore[attr-defined]


def edited(
    data: bytes, edits: Sequence[doc.EntryEdit], context: CheckContext, now: dt.datetime
) -> tuple[bytes, PoFile | None, CatalogueReport]:
    """The edited file and what the checks say about it (nothing saved)."""
    new = apply_edits(data, edits, context.locale, now)
    parsed, report = check_po_bytes(new, f"{context.locale} catalogue (desk)", context)
    return new, parsed, report


def previewed(parsed: PoFile, report: CatalogueReport, locale: str, domain: str) -> Catalogue:
    """What would be served from the edited file: withheld translations (errors) stay English."""
    return servable_catalogue(parsed, locale, domain, report.withheld)
