"""The content as read from `content/`, with the messages each catalogue domain holds: read again
only when a content file changed, and kept in the compiled cache under the hash of every content
file, so that a restart or another worker decodes it instead of parsing a library of TOML."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from api.catalogues.serving import FileSeen
from api.compiled.store import CompiledCache
from api.content_files import load_content
from api.messages import Message, MessageKey, domain_messages, messages_of
from api.model import Content

KIND = "content"


@dataclass(frozen=True, slots=True)
class LoadedContent:
    """The content, kept so that a reload after a catalogue change reuses it."""

    revision: str
    """A hash of every content file."""
    content: Content
    content_dir: Path
    template_keys: Mapping[str, frozenset[MessageKey]]
    """Each domain's message keys: the clinic, each article (`articles/<slug>`), the UI."""
    seen: Mapping[Path, FileSeen] = field(default_factory=dict)
    """Each content file's stat when it was last read: a reload whose stats all match reads none."""

    def messages(self, domain: str) -> tuple[Message, ...]:
        """One domain's messages, made when asked (the desk shows one domain at a time)."""
        return messages_of(self.content, self.content_dir, domain)


def loaded_content(content_dir: Path, previous: LoadedContent | None, cache: CompiledCache | None) -> LoadedContent:
    """`previous` when no content file changed, else the content from the cache or the files.
    Raises `ContentError` for bad content (which is never cached)."""
    stats = {path: path.stat() for path in sorted(content_dir.rglob("*.toml"))}  # before any read
    unchanged = previous is not None and previous.seen.keys() == stats.keys()
    if previous is not None and unchanged and all(previous.seen[p].unchanged(s) for p, s in stats.items()):
        return previous  # the same files (git's rule for racy stats applies): none read
    read_ns = time.time_ns()
    seen = {path: FileSeen.of(stat, read_ns) for path, stat in stats.items()}
    revision = content_revision(content_dir, list(stats))
    if previous is not None and previous.revision == revision:
        return replace(previous, seen=seen)
    key = cache.key(KIND, revision) if cache else ""
    content = cache.get(KIND, key, Content) if cache else None
    if content is None:
        content = load_content(content_dir)
        if cache:
            cache.put(KIND, key, content)
    messages = domain_messages(content, content_dir, located=False)  # msgids: the content's own strings
    return LoadedContent(
        revision=revision,
        content=content,
        content_dir=content_dir,
        template_keys={domain: frozenset(m.key for m in found) for domain, found in messages.items()},
        seen=seen,
    )


def content_revision(content_dir: Path, paths: list[Path]) -> str:
    """A hash of every content file's path and bytes (`paths`: the files, sorted, as just listed)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in paths:
        digest.update(str(path.relative_to(content_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
