"""What changed for a mobile app since the version it has: the resources of one locale, each by
its ETag, remembered per version in the state folder (the last `KEPT` versions, across restarts
and workers), so a sync after one catalogue edit carries only the articles that edit touched.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from pathlib import Path

import msgspec

from api.catalogues.files import write_atomically
from api.encoded import EncodedBody

logger = logging.getLogger("api.sync")
KEPT = 100
SYNC_DIR = "sync"
SYNCED = re.compile(r"^(?:articles|articles/[^/]+|lists|lists/[^/]+|clinic|strings)$")
"""The resources an app keeps: the article list, each article whole, the lists, the clinic and the
UI strings (sections, bundles and article-list aliases are parts or copies of these)."""
_VERSION = re.compile(r"^[0-9a-f]{16}$")


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    """One version of one locale: each synced resource's ETag."""

    version: str
    etags: dict[str, str]


def manifest(locale: str, localized: Mapping[tuple[str, str], EncodedBody]) -> Manifest:
    etags = {
        key: body.etag for (key, body_locale), body in localized.items() if body_locale == locale and SYNCED.match(key)
    }
    digest = hashlib.blake2b(digest_size=8)
    for key in sorted(etags):
        digest.update(f"{key}={etags[key]}\n".encode())
    return Manifest(version=digest.hexdigest(), etags=etags)


def remember_all(state_dir: Path, manifests: Mapping[str, Manifest]) -> None:
    """Best effort: a state folder that cannot be written (full, read-only) costs apps a full
    sync later, never a failed start or reload."""
    try:
        for locale, current in manifests.items():
            remember(state_dir, locale, current)
    except OSError as error:
        logger.warning("sync versions not kept in %s (%s); apps will get full syncs", state_dir, error.strerror)


def remember(state_dir: Path, locale: str, current: Manifest) -> None:
    """Keep `current` (once) and the newest `KEPT` versions of the locale."""
    folder = state_dir / SYNC_DIR / locale
    path = folder / f"{current.version}.json"
    if not path.exists():
        write_atomically(path, msgspec.json.encode(current))
    kept = sorted(folder.glob("*.json"), key=lambda known: known.stat().st_mtime, reverse=True)
    for old in kept[KEPT:]:
        old.unlink(missing_ok=True)


def recalled(state_dir: Path, locale: str, version: str) -> Manifest | None:
    """A version this server has served, or None (unknown, or older than the last `KEPT`)."""
    if not _VERSION.match(version):
        return None
    path = state_dir / SYNC_DIR / locale / f"{version}.json"
    try:
        return msgspec.json.decode(path.read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError):
        return None


class Changes(msgspec.Struct, frozen=True, kw_only=True):
    changed: list[str]
    """Resource keys (paths under /v1) that are new or different."""
    removed: list[str]
    """Keys the client should drop (tombstones)."""


def changes(since: Manifest, current: Manifest) -> Changes:
    return Changes(
        changed=sorted(key for key, etag in current.etags.items() if since.etags.get(key) != etag),
        removed=sorted(key for key in since.etags if key not in current.etags),
    )
