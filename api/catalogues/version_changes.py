"""What a kept version changed, entry by entry: the translators' desk shows it in the history,
and a translator decides from it what to restore. Computed here, never in a browser."""

from __future__ import annotations

from api import documents as doc
from api.catalogues.files import PoEntry, parse_po
from api.messages import MessageKey


def entry_changes(before: bytes | None, after: bytes) -> list[doc.EntryChange]:
    """Every entry whose translation or fuzzy flag differs, in `after`'s order, then the entries
    only `before` had."""
    old = _texts(before) if before is not None else {}
    new = _texts(after)
    changed = [
        doc.EntryChange(msgid=key[1], msgctxt=key[0] or None, before=old.get(key), after=text)
        for key, text in new.items()
        if old.get(key) != text
    ]
    gone = [
        doc.EntryChange(msgid=key[1], msgctxt=key[0] or None, before=text)
        for key, text in old.items()
        if key not in new
    ]
    return changed + gone


def _texts(data: bytes) -> dict[MessageKey, doc.EntryText]:
    return {entry.key: _text(entry) for entry in parse_po(data, "kept version").entries}


def _text(entry: PoEntry) -> doc.EntryText:
    if entry.msgid_plural:
        return doc.EntryText(plural_forms=list(entry.msgstr_plural), fuzzy=entry.fuzzy)
    return doc.EntryText(translation=entry.msgstr, fuzzy=entry.fuzzy)
