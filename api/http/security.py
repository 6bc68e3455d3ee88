"""Response headers every answer carries, and the limit on request header size.

The hot path sends `SECURITY_HEADERS` with its replies (`ClinicApp.hot_policy`); everything
Litestar answers gets them from the `before_send` hook. The kiosk's own Content-Security-Policy (`kiosk.py`) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

from api.http.docs import DOCS_CSP, DOCS_PAGES
from api.problem_types import PROBLEM_MEDIA_TYPE
from api.server.limits import HEADERS_TOO_LARGE

API_CSP = "default-src 'none'; frame-ancestors 'none'"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", API_CSP.encode()),
)


async def add_security_headers(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    if scope["path"] in DOCS_PAGES:
        headers["Content-Security-Policy"] = DOCS_CSP  # its own files, and nothing else
        headers["Cache-Control"] = "no-cache"
    for name, value in SECURITY_HEADERS:
        if name.decode() not in headers:
            headers[name.decode()] = value.decode()


@dataclass(frozen=True, slots=True)
class HeaderLimit:
    """Request headers larger than `max_bytes` in all get a 431 (the server counts them as they
    arrive; this catches what reached the app past it, and any ASGI server's)."""

    max_bytes: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    def exceeded(self, scope: Any) -> bool:
        return sum(len(name) + len(value) for name, value in scope["headers"]) > self.max_bytes


def header_limit(max_bytes: int) -> HeaderLimit:
    body = HEADERS_TOO_LARGE.body(f"The request headers are larger than {max_bytes} bytes in all.")
    headers = ((b"content-type", PROBLEM_MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode()))
    return HeaderLimit(max_bytes=max_bytes, headers=(*headers, *SECURITY_HEADERS), body=body)
