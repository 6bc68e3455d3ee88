"""The bounds on one worker's connections, and how a refusal is answered and logged.

A limit that triggers is logged once at WARNING with the setting that sets it; later refusals of
the same kind are counted and summed up at most once a minute, so an attack cannot flood the log.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import msgspec

from api.problem_types import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_PREFIX

logger = logging.getLogger("api.server")


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    max_header_bytes: int = 16 * 1024
    """Bytes of a request's line and headers; more is a 431 and the connection is closed."""
    header_timeout: float = 10.0
    """Seconds from a connection (or a request's first byte) to the end of its headers; then 408."""
    max_connections: int = 1000
    """Open connections per worker; one more is answered 503 and closed at once."""


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    kind: str
    title: str
    setting: str
    """The variable that sets the limit, named in the log."""

    def body(self, detail: str) -> bytes:
        """The problem details."""
        problem = {
            "type": PROBLEM_TYPE_PREFIX + self.kind,
            "title": self.title,
            "status": self.status,
            "detail": detail,
        }
        return msgspec.json.encode(problem)

    def response(self, detail: str) -> bytes:
        """A whole HTTP/1.1 answer: problem details, and the connection closed."""
        body = self.body(detail)
        head = (
            f"HTTP/1.1 {self.status} {self.title}\r\ncontent-type: {PROBLEM_MEDIA_TYPE}\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\ncache-control: no-store\r\n"
            "x-content-type-options: nosniff\r\n\r\n"
        )
        return head.encode("ascii") + body


HEADERS_TOO_LARGE = Refusal(431, "headers-too-large", "Request Header Fields Too Large", "MAX_HEADER_BYTES")
HEADERS_TOO_SLOW = Refusal(408, "headers-too-slow", "Request Timeout", "HEADER_TIMEOUT")
TOO_MANY_CONNECTIONS = Refusal(503, "too-many-connections", "Service Unavailable", "MAX_CONNECTIONS")
SUMMARY_SECONDS = 60.0


@dataclass(slots=True)
class RefusalLog:
    """One worker's log of refusals: the first of each kind at once, then a count a minute."""

    counts: dict[str, int] = field(default_factory=dict)
    last_logged: dict[str, float] = field(default_factory=dict)

    def refused(self, refusal: Refusal, client: str) -> None:
        kind = refusal.kind
        self.counts[kind] = self.counts.get(kind, 0) + 1
        now = time.monotonic()
        last = self.last_logged.get(kind)
        if last is None:
            logger.warning(
                "%s %s from %s; the limit is CLINIC_CONTENT_%s (further ones are counted, logged once a minute)",
                refusal.status,
                kind,
                client,
                refusal.setting,
            )
        elif now - last >= SUMMARY_SECONDS:
            logger.warning("%d more %s refusal(s) in the last %.0f s", self.counts[kind], kind, now - last)
        else:
            return
        self.last_logged[kind] = now
        self.counts[kind] = 0
