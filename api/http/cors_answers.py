"""What Litestar 2's CORS middleware sends, made right: the preflight-only headers
(`Access-Control-Allow-Methods`, `…-Allow-Headers`) left off ordinary answers, and a refused
preflight answered with problem details instead of a `text/plain` line."""

from __future__ import annotations

from typing import Any

import msgspec

from api.http.security import SECURITY_HEADERS
from api.problem_types import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_PREFIX

_PREFLIGHT_ONLY = frozenset(
    {b"access-control-allow-methods", b"access-control-allow-headers", b"access-control-max-age"}
)


def cors_send(scope: Any, send: Any) -> Any:
    """`send` for an app with CORS on."""
    preflight = scope["method"] == "OPTIONS" and any(
        name == b"access-control-request-method" for name, _ in scope["headers"]
    )
    refused = False

    async def send_corrected(message: Any) -> None:
        nonlocal refused
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not preflight:
                headers = [(name, value) for name, value in headers if name.lower() not in _PREFLIGHT_ONLY]
            refused = preflight and message["status"] == 400  # noqa: PLR2004 (the middleware's refusal)
            message = {**message, "headers": headers}
            if refused:
                return  # sent with its body, once the body says why
        elif refused and message["type"] == "http.response.body":
            await _send_refusal(send, message.get("body", b""))
            return
        await send(message)

    return send_corrected


async def _send_refusal(send: Any, reason: bytes) -> None:
    body = msgspec.json.encode(
        {
            "type": PROBLEM_TYPE_PREFIX + "cors-refused",
            "title": "Bad Request",
            "status": 400,
            "detail": f"{reason.decode('utf-8', 'replace')}: this API answers browsers from the origins, with the "
            "methods and headers, it is configured for.",
        }
    )
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
