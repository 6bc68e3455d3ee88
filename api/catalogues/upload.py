"""Accepting an uploaded catalogue: every check first, then an atomic write that keeps the previous file.

Nothing here knows HTTP; the route maps `UploadError` to 422 and the report to the response.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from api.catalogues.checks import check_po_bytes
from api.catalogues.files import write_atomically
from api.catalogues.layout import catalogue_path, check_context
from api.catalogues.report import CatalogueReport

HISTORY_DIR = "history"
HISTORY_KEPT = 10
"""Earlier versions kept per catalogue, newest first; older ones are removed."""


class UploadError(Exception):
    """The upload failed its checks; nothing was written."""

    def __init__(self, report: CatalogueReport) -> None:
        super().__init__(f"{len(report.errors)} error(s) in the uploaded catalogue")
        self.report = report


def accept_upload(
    locales_dir: Path, locale: str, domain: str, data: bytes, now: dt.datetime | None = None
) -> CatalogueReport:
    """Check `data` as the `domain` catalogue of `locale`; if it passes, keep the current file in
    `<locale>/history/` and replace it atomically. Raises `UploadError` with every problem."""
    source = f"{locale}/{domain}.po (upload)"
    _, report = check_po_bytes(data, source, check_context(locales_dir, locale, domain))
    if report.errors:
        raise UploadError(report)
    path = catalogue_path(locales_dir, locale, domain)
    if path.exists():
        _keep_previous(path, locales_dir / locale / HISTORY_DIR, domain, now or dt.datetime.now(dt.UTC))
    write_atomically(path, data)
    return report


def _keep_previous(path: Path, history: Path, domain: str, now: dt.datetime) -> None:
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    write_atomically(history / f"{domain}-{stamp}.po", path.read_bytes())  # never a partial copy
    kept = sorted(history.glob(f"{domain}-*.po"), reverse=True)
    for old in kept[HISTORY_KEPT:]:
        old.unlink(missing_ok=True)
