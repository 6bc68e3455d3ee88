"""Response headers every answer carries, and the limit on request header size.

The hot path sends `SECURITY_HEADERS` with its replies (`ClinicApp.hot_policy`); everything
Litestar answers gets them from the `before_send` hook. The kiosk's own Content-Security-Policy (`kiosk.py`) is kept.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

API_CSP = "default-src 'none'; frame-ancestors 'none'"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", API_CSP.encode()),
)


async def add_security_headers(message: Message, scope: Scope) -> None:  # noqa: ARG001 (before_send's signature)
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    for name, value in SECURITY_HEADERS:
        if name.decode() not in headers:
            headers[name.decode()] = value.decode()


MAX_HEADER_BYTES = 16 * 1024
"""Request headers larger than this in all get 431; nginx and most CDNs cap them lower still."""
HEADERS_TOO_LARGE = msgspec.json.encode(
    {
        "type": "about:blank",
        "title": "Request Header Fields Too Large",
        "status": 431,
        "detail": f"The request headers are larger than {MAX_HEADER_BYTES} bytes in all.",
    }
)
HEADERS_TOO_LARGE_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-type", b"application/problem+json"),
    (b"content-length", str(len(HEADERS_TOO_LARGE)).encode()),
    *SECURITY_HEADERS,
)


def headers_too_large(scope: Any) -> bool:
    return sum(len(name) + len(value) for name, value in scope["headers"]) > MAX_HEADER_BYTES
