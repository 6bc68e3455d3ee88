"""Structured access log: one JSON line per request (`api.logs`), with a request id echoed as X-Request-ID.

Off unless `CLINIC_CONTENT_ACCESS_LOG=true`. Headers are never logged, so neither is a token.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from api.logs import FIELDS

logger = logging.getLogger("api.access")
_CLIENT_REQUEST_ID = re.compile(rb"^[A-Za-z0-9._-]{1,128}$")


def request_id(scope: Any) -> bytes:
    """The client's X-Request-ID when it is a sane token, else a new one."""
    for name, value in scope["headers"]:
        if name == b"x-request-id" and _CLIENT_REQUEST_ID.match(value):
            return bytes(value)
    return uuid.uuid4().hex.encode()


def logging_send(scope: Any, send: Any) -> Any:
    """`send`, wrapped to add X-Request-ID and to log the request when its body is sent."""
    started = time.perf_counter()
    identifier = request_id(scope)
    status = 0
    size = 0

    async def send_and_log(message: Any) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
            message["headers"] = [*message.get("headers", []), (b"x-request-id", identifier)]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))
            if not message.get("more_body", False):
                _log(scope, identifier, status, size, started)
        await send(message)

    return send_and_log


def _log(scope: Any, identifier: bytes, status: int, size: int, started: float) -> None:
    client = scope.get("client") or ("", 0)
    fields = {
        "request_id": identifier.decode(),
        "client": client[0],
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode("latin-1")[:256],
        "status": status,
        "bytes": size,
        "ms": round((time.perf_counter() - started) * 1000, 2),
    }
    logger.info("%s %s %d", fields["method"], fields["path"], status, extra={FIELDS: fields})
