"""The hot path: a GET of a pre-encoded /v1 resource, answered before Litestar's routing.

Our content is read constantly and changes rarely, so most requests are "which locale, which
bytes". This answers exactly those, with the same `reply` as the handlers, and only for paths
of the resource table the handlers are built from. It hands everything else to Litestar
untouched: other methods and paths, query strings other than `?lang=`, a `?lang=` we do not
serve (Litestar's 400), unknown resources (its 404), and requests with an `Origin` (its CORS).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from litestar import Litestar
from litestar.types import HTTPScope

from api.encoded import Header
from api.http.access_log import logging_send
from api.http.allow import allow_send
from api.http.cors_answers import cors_send
from api.http.delivery import Reply, reply
from api.http.openapi_document import OPENAPI_PATH, CompletedOpenAPI
from api.http.resources import PREFIX, RESOURCES, ResourceMatcher
from api.http.security import SECURITY_HEADERS, HeaderLimit, header_limit
from api.http.snapshot_store import SnapshotStore
from api.http.vary import vary_send
from api.snapshot import Snapshot

logger = logging.getLogger("api.http")
_MATCHER = ResourceMatcher(RESOURCES)


@dataclass(slots=True)
class HotRequest:
    """What a hot reply depends on, read from the ASGI scope in one pass."""

    lang: str | None = None
    accept_language: str | None = None
    if_none_match: str | None = None
    accept_encoding: str | None = None


def read_hot_request(scope: HTTPScope) -> HotRequest | None:
    """The request's locale and caching inputs, or None when it is not a plain GET of /v1."""
    if scope["method"] != "GET" or not (scope["path"].startswith(PREFIX) or scope["path"] == OPENAPI_PATH):
        return None
    hot = HotRequest()
    query: bytes = scope["query_string"]
    if query:
        if not query.startswith(b"lang=") or b"&" in query:
            return None
        hot.lang = unquote_plus(query[5:].decode("latin-1")) or None  # `?lang=` empty: no choice
    for name, value in scope["headers"]:  # a header sent on several lines is one list (RFC 9110 §5.3)
        if name == b"accept-language":
            hot.accept_language = _joined(hot.accept_language, value)
        elif name == b"if-none-match":
            hot.if_none_match = _joined(hot.if_none_match, value)
        elif name == b"accept-encoding":
            hot.accept_encoding = _joined(hot.accept_encoding, value)
        elif name == b"origin":
            return None
    return hot


def _joined(known: str | None, value: bytes) -> str:
    return value.decode("latin-1") if known is None else f"{known}, {value.decode('latin-1')}"


def fast_reply(snapshot: Snapshot, scope: HTTPScope, policy: tuple[Header, ...]) -> Reply | None:
    """The reply for a hot request, or None to let Litestar answer it."""
    hot = read_hot_request(scope)
    if hot is None:
        return None
    key = scope["path"][len(PREFIX) :]
    localized = _MATCHER.match(key)
    if localized is None:
        return None  # no handler serves this path
    chooser = snapshot.chooser
    if hot.lang is not None:
        locale = chooser.for_lang_parameter(hot.lang)
        if locale is None:
            return None
    else:
        locale = chooser.for_accept_language(hot.accept_language) if hot.accept_language else chooser.default
    body = snapshot.body(key, locale) if localized else snapshot.shared_body(key)
    if body is None:
        return None
    return reply(body, hot.if_none_match, hot.accept_encoding, policy, snapshot.made_forms)


class ClinicApp(Litestar):
    """Litestar, with oversized headers refused, HEAD answered as GET without a body, and the hot
    path answered before routing."""

    hot_policy: tuple[Header, ...] = ((b"cache-control", b"no-cache"), *SECURITY_HEADERS)
    """Headers every hot reply carries: Cache-Control (set by `create_app`) and the security headers."""
    access_log: bool = False
    header_limit: HeaderLimit = header_limit(16 * 1024)
    """Set by `create_app` from the settings."""
    complete_vary: bool = False
    """True with CORS configured: every answer's `Vary` is completed (`vary.py`)."""
    snapshots: SnapshotStore
    """The same store as `state.snapshots`, one attribute lookup away (set by `create_app`)."""
    openapi_document: CompletedOpenAPI
    """Serves `/schema/openapi.json` (set by `create_app`)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            if self.complete_vary:  # CORS is on
                send = cors_send(scope, vary_send(send))
            if self.access_log:
                send = logging_send(scope, send)
            if scope["method"] != "GET":  # a 405 to GET lists the others right; the hot path stays as it is
                send = allow_send(self, scope, send)
            if scope["method"] == "HEAD":
                scope, send = {**scope, "method": "GET"}, _without_body(send)
            if self.header_limit.exceeded(scope):
                limit = self.header_limit
                await send({"type": "http.response.start", "status": 431, "headers": limit.headers})
                await send({"type": "http.response.body", "body": limit.body, "more_body": False})
                return
            try:
                answer = (
                    self._openapi_reply(scope)
                    if scope["path"] == OPENAPI_PATH
                    else fast_reply(self.snapshots.current, scope, self.hot_policy)
                )
            except Exception:  # Litestar answers instead, with its own error handling
                logger.exception("fast path failed on %s; Litestar answers instead", scope["path"])
                answer = None
            if answer is not None:
                await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
                await send({"type": "http.response.body", "body": answer.body, "more_body": False})
                return
        await super().__call__(scope, receive, send)

    def _openapi_reply(self, scope: HTTPScope) -> Reply | None:
        hot = read_hot_request(scope)
        if hot is None or hot.lang is not None:
            return None  # Litestar answers, with the same document
        body = self.openapi_document.encoded(self.openapi_schema.to_schema())
        return reply(body, hot.if_none_match, hot.accept_encoding, self.hot_policy)


def _without_body(send: Any) -> Any:
    """HEAD is GET without the body (RFC 9110 §9.3.2): same status and headers, Content-Length kept."""

    async def send_headers_only(message: Any) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers_only
