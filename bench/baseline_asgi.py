"""Ceiling: a raw ASGI app returning the same article bytes (what Python can do here at most)."""

from __future__ import annotations

import os
import urllib.request
from typing import Any

_request = urllib.request.Request(os.environ["BASELINE_SOURCE_URL"], headers={"Accept-Language": "ur-PK"})
with urllib.request.urlopen(_request, timeout=10) as _response:
    ARTICLE = _response.read()
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(ARTICLE)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": ARTICLE})
