"""Accepting a new version of a catalogue (an upload or a restore): one writer at a time, from the
version it was made from, through every check, never losing translations or history unasked.

Nothing here knows HTTP: a refusal is an `UploadError` with the status the route answers.
"""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus
from pathlib import Path
from typing import Any

import msgspec

from api.catalogues import history
from api.catalogues.checks import check_po_bytes
from api.catalogues.files import CatalogueError, PoFile, parse_po, revision_of, write_atomically
from api.catalogues.layout import catalogue_path, check_context, domain_keys, template_domains
from api.catalogues.report import CatalogueReport
from api.encoded import body_digest
from api.locking import exclusive
from api.messages import MessageKey

LOST_LISTED = 20
"""How many lost translations a 409 names (it counts them all)."""


class UploadError(Exception):
    """Nothing was written; `status` and `kind` say why, `report` lists the checks' problems."""

    def __init__(
        self, status: HTTPStatus, kind: str, detail: str, report: CatalogueReport | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.report, self.extra = status, kind, detail, report, extra


class NewVersion(msgspec.Struct, frozen=True, kw_only=True):
    """A proposed catalogue and how it may replace the one in place."""

    locale: str
    domain: str
    data: bytes
    if_match: str | None
    """The ETag of the download it was made from; None only with `force`."""
    force: bool = False
    allow_fewer: bool = False
    who: str | None = None
    origin: history.Origin = "upload"


class Accepted(msgspec.Struct, frozen=True, kw_only=True):
    report: CatalogueReport
    revision: str
    etag: str
    version: history.Version
    changed: bool
    """False for a version identical to the one in place (nothing written, no history entry)."""


def accept(locales_dir: Path, state_dir: Path, new: NewVersion, kept: int, now: dt.datetime | None = None) -> Accepted:
    """Check `new` against the catalogue on disk and replace it, keeping both in history.

    Refusals, in order: 428 (no If-Match), 412 (made from another version), 422 (fails a check
    or belongs to another domain), 409 (would take translations out of service)."""
    if new.if_match is None and not new.force:
        raise UploadError(
            HTTPStatus.PRECONDITION_REQUIRED,
            "if-match-required",
            "Send the ETag of the catalogue you downloaded as If-Match, so that no one else's newer upload is "
            "overwritten (a script that means to overwrite says ?force=true).",
        )
    if new.who and new.who != "admin":
        new = msgspec.structs.replace(new, data=signed(new.data, new.who))
    path = catalogue_path(locales_dir, new.locale, new.domain)
    with exclusive(state_dir, "catalogues"):
        current = path.read_bytes() if path.exists() else None
        _require_match(new, current)
        parsed, report = _checked(locales_dir, new)
        if current is not None and revision_of(current) == revision_of(new.data):
            version = history.record(
                state_dir,
                new.locale,
                new.domain,
                current,
                _counts(report),
                origin="on-disk",
                who=None,
                now=now or dt.datetime.now(dt.UTC),
            ).version
            return Accepted(
                report=report, revision=version.revision, etag=_etag(new.data), version=version, changed=False
            )
        if current is not None and not new.allow_fewer:
            _require_no_loss(current, parsed)
        version = _write(
            locales_dir, state_dir, new, current=current, report=report, now=now or dt.datetime.now(dt.UTC)
        )
        history.prune(state_dir, new.locale, new.domain, kept)
    return Accepted(report=report, revision=version.revision, etag=_etag(new.data), version=version, changed=True)


_LAST_TRANSLATOR = re.compile(rb'^"Last-Translator: [^"\n]*\\n"$', re.MULTILINE)


def signed(data: bytes, who: str) -> bytes:
    """The file with its `Last-Translator` header naming who uploaded it (as history does)."""
    escaped = who.replace("\\", "\\\\").replace('"', '\\"').encode()
    return _LAST_TRANSLATOR.sub(lambda _: b'"Last-Translator: ' + escaped + b'\\n"', data, count=1)


def _etag(data: bytes) -> str:
    return f'"{body_digest(data)}"'


def _require_match(new: NewVersion, current: bytes | None) -> None:
    """If-Match with the ETag of either encoding of the download (strong comparison, RFC 9110)."""
    if new.if_match is None:
        return
    digest = body_digest(current) if current is not None else None
    wanted = {f'"{digest}"', f'"{digest}-gzip"'} if digest else set()
    tags = {tag.strip() for tag in new.if_match.split(",")}
    if (current is not None and "*" in tags) or tags & wanted:
        return
    revision = revision_of(current) if current is not None else None
    raise UploadError(
        HTTPStatus.PRECONDITION_FAILED,
        "stale-upload",
        "The catalogue changed since the version you edited was downloaded (someone else uploaded). Nothing "
        "was changed: download the current version, bring your changes over, and upload it with its ETag.",
        current_revision=revision,
        current_etag=_etag(current) if current is not None else None,
    )


def _checked(locales_dir: Path, new: NewVersion) -> tuple[PoFile, CatalogueReport]:
    source = f"{new.locale}/{new.domain}.po ({new.origin})"
    parsed, report = check_po_bytes(new.data, source, check_context(locales_dir, new.locale, new.domain))
    if parsed is None or report.errors:
        raise UploadError(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "catalogue-rejected",
            f"The {new.locale} {new.domain} catalogue was not accepted: {len(report.errors)} error(s). "
            "Nothing was changed; fix each problem listed in `errors` and upload again.",
            report,
        )
    _require_its_domain(locales_dir, new, parsed)
    return parsed, report


def _require_its_domain(locales_dir: Path, new: NewVersion, parsed: PoFile) -> None:
    """Fewer than half of its messages in this domain's template: it is another domain's file
    (the other templates are read only then, to name the likely one)."""
    keys = {entry.key for entry in parsed.entries}
    own = len(keys & (domain_keys(locales_dir, new.domain) or frozenset()))
    if not keys or own * 2 >= len(keys):
        return
    overlap = {
        domain: len(keys & (domain_keys(locales_dir, domain) or frozenset()))
        for domain in template_domains(locales_dir)
    }
    likely = max(overlap, key=lambda domain: overlap[domain], default=None)
    found = likely is not None and overlap[likely] > own
    hint = f"it looks like the {likely!r} catalogue (send it with ?domain={likely})" if found else ""
    raise UploadError(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "wrong-domain",
        f"Only {own} of its {len(keys)} messages belong to the {new.domain!r} catalogue; "
        f"{hint or 'it matches no catalogue of this project'}. Nothing was changed.",
        likely_domain=likely if found else None,
    )


def _translated(parsed: PoFile) -> set[MessageKey]:
    return {entry.key for entry in parsed.entries if entry.servable}


def _require_no_loss(current: bytes, parsed: PoFile) -> None:
    try:
        before = _translated(parse_po(current, "in place"))
    except CatalogueError:
        return  # the file in place does not parse: nothing in it is served, so nothing is lost
    lost = sorted(before - _translated(parsed))
    if lost:
        raise UploadError(
            HTTPStatus.CONFLICT,
            "translations-lost",
            f"This version would take {len(lost)} translation(s) out of service (listed in `lost`). Nothing was "
            "changed. If that is meant (an entry retranslated later, say), upload again with "
            "?allow_fewer_translations=true.",
            lost=[{"msgctxt": context or None, "msgid": msgid} for context, msgid in lost[:LOST_LISTED]],
            lost_count=len(lost),
        )


def _counts(report: CatalogueReport) -> tuple[int, int]:
    return report.translated, report.total


def _write(  # noqa: PLR0913 (the facts of one write)
    locales_dir: Path,
    state_dir: Path,
    new: NewVersion,
    *,
    current: bytes | None,
    report: CatalogueReport,
    now: dt.datetime,
) -> history.Version:
    """History first (the version in place, then the new one), then the catalogue; a failed write
    takes the new history entry back, so history and the catalogue never disagree."""
    path = catalogue_path(locales_dir, new.locale, new.domain)
    if current is not None:
        counts = _counts(check_po_bytes(current, "in place", check_context(locales_dir, new.locale, new.domain))[1])
        written = min(dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC), now - dt.timedelta(microseconds=1))
        history.record(state_dir, new.locale, new.domain, current, counts, origin="on-disk", who=None, now=written)
    recorded = history.record(
        state_dir, new.locale, new.domain, new.data, _counts(report), origin=new.origin, who=new.who, now=now
    )
    try:
        write_atomically(path, new.data)
    except OSError:
        if recorded.created:
            history.forget(state_dir, new.locale, new.domain, recorded.version)
        raise
    return recorded.version
