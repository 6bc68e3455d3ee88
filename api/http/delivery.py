"""Turning a pre-encoded body into a response: locale choice, 304s, gzip and caching headers.

Everything here is a lookup or a comparison; the bodies and ETags were made with the snapshot.
"""

from __future__ import annotations

from typing import Any

from litestar import Response

from api.http.problems import problem
from api.snapshot import EncodedBody, Snapshot


def choose_locale(snapshot: Snapshot, lang: str | None, accept_language: str | None) -> str:
    """`?lang=` wins (unknown → 400); else `Accept-Language` (never an error); else the default."""
    chooser = snapshot.chooser
    if lang is not None:
        chosen = chooser.for_lang_parameter(lang)
        if chosen is None:
            raise problem(
                400,
                "unsupported-language",
                f"The language {lang[:64]!r} is not served. Supported: {', '.join(chooser.served)}.",
                {"supported": list(chooser.served)},
            )
        return chosen
    if accept_language:
        return chooser.for_accept_language(accept_language)
    return chooser.default


def deliver(
    body: EncodedBody,
    *,
    if_none_match: str | None,
    accept_encoding: str | None,
    cache_control: str,
) -> Response[Any]:
    """200 with the body (gzipped when accepted) or 304 when the client's ETag still matches."""
    gzipped = accepts_gzip(accept_encoding)
    etag = body.gzip_etag if gzipped else body.etag
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if body.locale is not None:
        headers["Content-Language"] = body.locale
        headers["Vary"] = "Accept-Language, Accept-Encoding"
    else:
        headers["Vary"] = "Accept-Encoding"
    if if_none_match is not None and etag_matches(if_none_match, body):
        return Response(content=b"", status_code=304, headers=headers, media_type=body.media_type)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
        return Response(content=body.gzipped, headers=headers, media_type=body.media_type)
    return Response(content=body.identity, headers=headers, media_type=body.media_type)


def etag_matches(if_none_match: str, body: EncodedBody) -> bool:
    """RFC 9110 §13.1.2: weak comparison against either encoding's tag; `*` matches anything."""
    for candidate in if_none_match.split(","):
        tag = candidate.strip().removeprefix("W/")
        if tag == "*" or tag == body.etag or tag == body.gzip_etag:
            return True
    return False


def accepts_gzip(accept_encoding: str | None) -> bool:
    """True when `gzip` (or `*`) is listed with a non-zero q-value."""
    if not accept_encoding:
        return False
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip()
            return not q or _positive(q)
    return False


def _positive(q: str) -> bool:
    try:
        return float(q) > 0
    except ValueError:
        return False
