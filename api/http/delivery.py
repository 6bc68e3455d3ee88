"""Turning a pre-encoded body into a reply: 304s, gzip and caching headers.

Everything here is a lookup or a comparison; the bodies, ETags and headers were made with the
snapshot. Both the Litestar handlers and the fast path (`fast_path.py`) answer through `reply`,
so a resource gets the same bytes and headers whichever way it is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from litestar import Request, Response

from api.encoded import EncodedBody, Header
from api.made_forms import MadeForms

_ENTITY_HEADERS = frozenset({b"content-type", b"content-length", b"content-encoding"})


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: list[Header]
    body: bytes


def reply(
    body: EncodedBody,
    if_none_match: str | None,
    accept_encoding: str | None,
    policy: tuple[Header, ...],
    made_forms: MadeForms | None = None,
) -> Reply:
    """200 with the body (gzipped when accepted) or 304 when the client's ETag still matches.

    `policy` are the headers the server adds to every such reply (Cache-Control, and on the hot
    path the security headers), built once by the caller; `made_forms` (the snapshot's) makes the
    form of a body it does not hold (without it, a gzip form is not made and an identity one is
    decompressed for each request)."""
    gzipped = accepts_gzip(accept_encoding) if accept_encoding else False
    if made_forms is not None:
        body = made_forms.ready(body, gzipped)
    headers = [*(body.gzip_headers if gzipped else body.identity_headers), *policy]
    if if_none_match is not None and etag_matches(if_none_match, body):
        return Reply(304, [h for h in headers if h[0] not in _ENTITY_HEADERS], b"")
    return Reply(200, headers, body.gzipped if gzipped else body.sent_identity())


def deliver(
    request: Request[Any, Any, Any], body: EncodedBody, cache_control: str, made_forms: MadeForms | None = None
) -> Response[Any]:
    """The reply to `request` as a Litestar response (which sets Content-Type and Content-Length
    itself; the security headers come from the app's `before_send` hook)."""
    headers_in = request.headers
    answer = reply(
        body,
        combined(headers_in, "if-none-match") or None,
        combined(headers_in, "accept-encoding") or None,
        ((b"cache-control", cache_control.encode()),),
        made_forms,
    )
    headers = {
        name.decode(): value.decode("latin-1")
        for name, value in answer.headers
        if name not in (b"content-type", b"content-length")
    }
    return Response(content=answer.body, status_code=answer.status, headers=headers, media_type=body.media_type)


def combined(headers: Any, name: str) -> str:
    """Every line of a request header as one value, as RFC 9110 §5.3 combines them ("" if none)."""
    return ", ".join(headers.getall(name, []))


def etag_matches(if_none_match: str, body: EncodedBody) -> bool:
    """RFC 9110 §13.1.2: weak comparison against either encoding's tag; `*` matches anything."""
    for candidate in if_none_match.split(","):
        tag = candidate.strip().removeprefix("W/")
        if tag in ("*", body.etag, body.gzip_etag):
            return True
    return False


@lru_cache(maxsize=256)
def accepts_gzip(accept_encoding: str) -> bool:
    """True when `gzip` (or `*`) is listed with a non-zero q-value; a few header values repeat a lot."""
    accepted = False
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.partition(";")
        coding = coding.strip()
        if coding in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip()
            positive = not q or _positive(q)
            if coding != "*":
                return positive  # an explicit gzip entry decides
            accepted = positive
    return accepted


def _positive(q: str) -> bool:
    try:
        return float(q) > 0
    except ValueError:
        return False
