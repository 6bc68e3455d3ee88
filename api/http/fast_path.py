"""The hot path: a GET of a pre-encoded /v1 resource, answered before Litestar's routing.

Our content is read constantly and changes rarely, so most requests are "which locale, which
bytes". This answers exactly those, with the same `reply` as the handlers, and hands everything
else to Litestar untouched: other methods and paths, query strings other than `?lang=`, a
`?lang=` we do not serve (Litestar's 400), unknown resources (its 404), and requests with an
`Origin` (its CORS). The handlers stay the documented, tested definition of each endpoint.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from litestar import Litestar
from litestar.types import HTTPScope

from api.http.access_log import logging_send
from api.http.delivery import Reply, reply
from api.http.security import HEADERS_TOO_LARGE, HEADERS_TOO_LARGE_HEADERS, SECURITY_HEADERS, headers_too_large
from api.snapshot import Header, Snapshot

PREFIX = "/v1/"
SHARED_PUBLIC = frozenset({"locales"})
"""Shared (not localized) resources cached like the content; the status documents are not."""


def fast_reply(snapshot: Snapshot, scope: HTTPScope, policy: tuple[Header, ...]) -> Reply | None:
    """The reply for a hot request, or None to let Litestar answer it."""
    path: str = scope["path"]
    if scope["method"] != "GET" or not path.startswith(PREFIX):
        return None
    lang = None
    query: bytes = scope["query_string"]
    if query:
        if not query.startswith(b"lang=") or b"&" in query:
            return None
        lang = unquote_plus(query[5:].decode("latin-1"))
    accept_language = if_none_match = accept_encoding = None
    for name, value in scope["headers"]:
        if name == b"accept-language":
            accept_language = accept_language or value.decode("latin-1")
        elif name == b"if-none-match":
            if_none_match = if_none_match or value.decode("latin-1")
        elif name == b"accept-encoding":
            accept_encoding = accept_encoding or value.decode("latin-1")
        elif name == b"origin":
            return None
    chooser = snapshot.chooser
    if lang is not None:
        locale = chooser.for_lang_parameter(lang)
        if locale is None:
            return None
    elif accept_language:
        locale = chooser.for_accept_language(accept_language)
    else:
        locale = chooser.default
    key = path[len(PREFIX) :]
    body = snapshot.localized.get((key, locale))
    if body is None:
        if key not in SHARED_PUBLIC:
            return None
        body = snapshot.shared[key]
    return reply(body, if_none_match, accept_encoding, policy)


class ClinicApp(Litestar):
    """Litestar, with oversized headers refused, HEAD answered as GET without a body, and the hot
    path answered before routing."""

    hot_policy: tuple[Header, ...] = ((b"cache-control", b"no-cache"), *SECURITY_HEADERS)
    """Headers every hot reply carries: Cache-Control (set by `create_app`) and the security headers."""
    access_log: bool = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            if self.access_log:
                send = logging_send(scope, send)
            if scope["method"] == "HEAD":
                scope, send = {**scope, "method": "GET"}, _without_body(send)
            if headers_too_large(scope):
                await send({"type": "http.response.start", "status": 431, "headers": HEADERS_TOO_LARGE_HEADERS})
                await send({"type": "http.response.body", "body": HEADERS_TOO_LARGE, "more_body": False})
                return
            try:
                answer = fast_reply(self.state.snapshot, scope, self.hot_policy)
            except Exception:  # Litestar answers instead, with its own error handling and logging
                answer = None
            if answer is not None:
                await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
                await send({"type": "http.response.body", "body": answer.body, "more_body": False})
                return
        await super().__call__(scope, receive, send)


def _without_body(send: Any) -> Any:
    """HEAD is GET without the body (RFC 9110 §9.3.2): same status and headers, Content-Length kept."""

    async def send_headers_only(message: Any) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers_only
