"""`Vary` that names every request header a body depends on, whatever the middleware did.

Litestar 2's CORS middleware replaces `Vary` with `Vary: Origin` on answers to an allowed origin,
and adds nothing to answers without one; a shared cache then hands an Urdu copy to an English
client, or a copy without `Access-Control-Allow-Origin` to the app. With CORS on, every answer is
finished here: the `Vary` it has, plus `Accept-Language` when it says its language, plus
`Accept-Encoding` when it has an ETag (we serve gzip), plus `Origin`.
"""

from __future__ import annotations

from typing import Any


def merged_vary(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` with one `Vary` naming all it must (tokens kept in order, none twice).

    >>> merged_vary([(b"vary", b"Origin"), (b"content-language", b"ur"), (b"etag", b'"x"')])
    [(b'content-language', b'ur'), (b'etag', b'"x"'), (b'vary', b'Origin, Accept-Language, Accept-Encoding')]
    """
    names = {name.lower() for name, _ in headers}
    tokens: list[str] = []
    for name, value in headers:
        if name.lower() == b"vary":
            tokens += [token.strip() for token in value.decode("latin-1").split(",") if token.strip()]
    wanted = [
        *tokens,
        "Accept-Language" if b"content-language" in names else "",
        "Accept-Encoding" if b"etag" in names else "",
        "Origin",
    ]
    merged: list[str] = []
    for token in wanted:
        if token and token.lower() not in {known.lower() for known in merged}:
            merged.append(token)
    return [(name, value) for name, value in headers if name.lower() != b"vary"] + [
        (b"vary", ", ".join(merged).encode())
    ]


def vary_send(send: Any) -> Any:
    """`send`, with the response's `Vary` completed (for an app with CORS configured)."""

    async def send_with_vary(message: Any) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": merged_vary(list(message.get("headers", [])))}
        await send(message)

    return send_with_vary
