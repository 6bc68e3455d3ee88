"""A catalogue file read and checked once: the result is kept in the compiled cache under the
file's bytes, its name and what it was checked against, so a restart, a second worker or a
replica sharing the folder does not parse and check it again."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from api.catalogues.checks import check_po_bytes
from api.catalogues.files import Catalogue, servable_catalogue
from api.catalogues.report import CatalogueReport, CheckContext
from api.compiled.store import CompiledCache
from api.messages import MessageKey

KIND = "checks"


class CheckedFile(msgspec.Struct, frozen=True, kw_only=True):
    """What serving needs of a file: its checks, and what it could serve."""

    report: CatalogueReport
    servable: Catalogue | None
    """Its translations that may be served (those with errors withheld); None when the file as a
    whole is at fault (it does not parse, or a header or duplicate is wrong)."""
    last_change: str | None
    """Its `PO-Revision-Date`."""
    kept_as: str | None = None
    """The key of the cache entry that also keeps the file's bytes (see `FileKept`), if one does."""


class _Entry(CheckedFile, frozen=True, kw_only=True):
    """A cache entry: the file checked, and its bytes, which a start reading the entry skips."""

    file: bytes


class FileKept(msgspec.Struct, frozen=True):
    """An entry read for the file's bytes only (`api.catalogues.served_files`)."""

    file: bytes


def checked_file(
    data: bytes, source: str, domain: str, context: CheckContext, cache: CompiledCache | None
) -> CheckedFile:
    """The file at `source` (`data`, a catalogue of `domain`) checked against `context`; with a
    `cache`, its entry keeps the file's bytes too (one file written per catalogue, not two)."""
    if cache is None:
        return _sharing_keys(_check(data, source, domain, context), context)
    key = cache.key(data, source, domain, _fingerprint(context, cache))
    found = cache.get(KIND, key, CheckedFile)
    if found is None:
        found = _check(data, source, domain, context)
        stored = cache.put(KIND, key, _Entry(**msgspec.structs.asdict(found), file=data))
        found = msgspec.structs.replace(found, kept_as=key if stored else None)
    else:
        found = msgspec.structs.replace(found, kept_as=key)
    return _sharing_keys(found, context)


def _fingerprint(context: CheckContext, cache: CompiledCache) -> bytes:
    """`context` as bytes, its template's strings joined into new ones first: a string that
    msgspec (or any caller of the C API) encodes keeps a UTF-8 copy inside it for as long as it
    lives, and these are the library's English, held by the content (3.6 MB at 1,000 articles)."""
    keys = None if context.template_keys is None else sorted(context.template_keys)
    joined = "".join(f"{len(msgctxt)}:{msgctxt}{len(msgid)}:{msgid}" for msgctxt, msgid in keys or ())
    rest = cache.fingerprint(msgspec.structs.replace(context, template_keys=None))
    return b"%d:%s:%s" % (keys is None, rest, joined.encode())


def _sharing_keys(checked: CheckedFile, context: CheckContext) -> CheckedFile:
    """The translations and problems keyed by the template's own objects: the library's English
    held once, not once more per language and per warning (a half-translated language has a
    warning for each message it lacks: 26 MB and 11 MB at 1,000 articles × 3)."""
    if not context.template_keys:
        return checked
    canonical = {key: key for key in context.template_keys}
    servable = checked.servable.with_keys(canonical) if checked.servable else None
    return msgspec.structs.replace(checked, servable=servable, report=_sharing_text(checked.report, canonical))


def _sharing_text(report: CatalogueReport, canonical: Mapping[MessageKey, MessageKey]) -> CatalogueReport:
    """Each problem's msgid the template's own string, and equal messages one string."""
    messages: dict[str, str] = {}
    problems = tuple(
        msgspec.structs.replace(
            problem,
            msgid=canonical.get((problem.msgctxt or "", problem.msgid), ("", problem.msgid))[1],
            message=messages.setdefault(problem.message, problem.message),
        )
        if problem.msgid is not None
        else problem
        for problem in report.problems
    )
    return msgspec.structs.replace(report, problems=problems)


def _check(data: bytes, source: str, domain: str, context: CheckContext) -> CheckedFile:
    parsed, report = check_po_bytes(data, source, context)
    whole = parsed is not None and not report.file_errors
    return CheckedFile(
        report=report,
        servable=servable_catalogue(parsed, context.locale, domain, report.withheld) if whole and parsed else None,
        last_change=parsed.headers.get("PO-Revision-Date") if parsed else None,
    )
