"""`extract`: the content's strings → `locales/<domain>.pot`, rewritten only when they changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from api.catalogues import read_template_date, template_path, template_text, write_atomically
from api.messages import CONTENT_DOMAIN, UI_DOMAIN, content_messages, ui_messages
from api.sources import load_content


class ExtractResult(msgspec.Struct, frozen=True, kw_only=True):
    path: Path
    messages: int
    changed: bool


def extract_templates(content_dir: Path, locales_dir: Path, now: dt.datetime | None = None) -> list[ExtractResult]:
    """Write one template per domain. A template whose messages did not change keeps its bytes
    (and its POT-Creation-Date), so extracting twice makes no diff."""
    content = load_content(content_dir)
    by_domain = {
        CONTENT_DOMAIN: content_messages(content, content_dir),
        UI_DOMAIN: ui_messages(content, content_dir),
    }
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M%z")
    results = []
    for domain, messages in by_domain.items():
        path = template_path(locales_dir, domain)
        previous = path.read_text(encoding="utf-8") if path.exists() else None
        kept_date = read_template_date(path) if previous is not None else None
        text = template_text(domain, messages, kept_date or stamp)
        changed = text != previous
        if changed:
            text = template_text(domain, messages, stamp)
            write_atomically(path, text.encode("utf-8"))
        results.append(ExtractResult(path=path, messages=len(messages), changed=changed))
    return results
