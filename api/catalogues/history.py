"""Every accepted version of every catalogue, in the state folder: `history/<locale>/<domain>/`
holds `<id>.po` and `<id>.json` (when, who, revision, counts) for each.

A version is written before the catalogue it records, and old ones are pruned only after a
successful write, so no refused or failed upload ever loses one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import msgspec

from api.catalogues.files import revision_of, write_atomically

HISTORY_DIR = "history"
_VERSION_ID = re.compile(r"^[0-9]{8}T[0-9]{12}Z-[0-9a-f]{16}$")
Origin = Literal["upload", "desk", "restore", "on-disk"]


class Version(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    time: str
    """When it was recorded (ISO 8601, UTC)."""
    who: str | None
    origin: Origin
    """`upload`, `restore`, or `on-disk` (a version found in service, written by a deploy or an editor)."""
    revision: str
    translated: int
    total: int


def history_dir(state_dir: Path, locale: str, domain: str) -> Path:
    return state_dir / HISTORY_DIR / locale / domain


def versions(state_dir: Path, locale: str, domain: str) -> list[Version]:
    """Newest first."""
    folder = history_dir(state_dir, locale, domain)
    found = [msgspec.json.decode(path.read_bytes(), type=Version) for path in folder.glob("*.json")]
    return sorted(found, key=lambda version: version.id, reverse=True)


def version_data(state_dir: Path, locale: str, domain: str, version_id: str) -> bytes | None:
    """The file of one version, or None (an id that is not one never touches the disk)."""
    if not _VERSION_ID.match(version_id):
        return None
    path = history_dir(state_dir, locale, domain) / f"{version_id}.po"
    return path.read_bytes() if path.is_file() else None


class Recorded(msgspec.Struct, frozen=True, kw_only=True):
    version: Version
    created: bool
    """False when this revision was already the newest version (an identical upload adds none)."""


def record(  # noqa: PLR0913 (each is a fact of the version)
    state_dir: Path,
    locale: str,
    domain: str,
    data: bytes,
    counts: tuple[int, int],
    *,
    origin: Origin,
    who: str | None,
    now: dt.datetime,
) -> Recorded:
    """Keep `data` as the newest version, unless it already is. `counts` is (translated, total)."""
    revision = revision_of(data)
    newest = next(iter(versions(state_dir, locale, domain)), None)
    if newest is not None and newest.revision == revision:
        return Recorded(version=newest, created=False)
    version = Version(
        id=f"{now.strftime('%Y%m%dT%H%M%S%f')}Z-{revision}",
        time=now.isoformat(timespec="seconds"),
        who=who,
        origin=origin,
        revision=revision,
        translated=counts[0],
        total=counts[1],
    )
    folder = history_dir(state_dir, locale, domain)
    write_atomically(folder / f"{version.id}.po", data)
    write_atomically(folder / f"{version.id}.json", msgspec.json.encode(version))
    return Recorded(version=version, created=True)


def forget(state_dir: Path, locale: str, domain: str, version: Version) -> None:
    """Take back a version whose catalogue could not be written."""
    folder = history_dir(state_dir, locale, domain)
    for suffix in (".json", ".po"):
        (folder / f"{version.id}{suffix}").unlink(missing_ok=True)


def prune(state_dir: Path, locale: str, domain: str, kept: int) -> None:
    """Keep the newest `kept` versions; called only after a successful write."""
    for old in versions(state_dir, locale, domain)[kept:]:
        forget(state_dir, locale, domain, old)
