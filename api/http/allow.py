"""`Allow` on 405s and OPTIONS answers: every method the path has, and HEAD wherever GET is
(RFC 9110 §9.3.2, and we answer it). Litestar 2's OPTIONS handler lists the methods of one of a
path's handlers only (`GET, OPTIONS` where PUT works too, litestar#4169), and never HEAD."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from litestar import Litestar
from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import MethodNotAllowedException, NotFoundException

from api.http.catalogue_paths import is_status_path

CANDIDATES = ("DELETE", "GET", "PATCH", "POST", "PUT")


def allow_send(app: Litestar, scope: Any, send: Any) -> Any:
    """`send`, with the `Allow` of a 405 or of an OPTIONS answer set from the routes themselves."""
    options = scope["method"] == "OPTIONS"

    async def send_with_allow(message: Any) -> None:
        if message["type"] == "http.response.start":
            status = message["status"]
            if status == 405 or (options and 200 <= status < 300):  # noqa: PLR2004
                MutableScopeHeaders.from_message(message)["allow"] = _allowed(app, scope["path"])
        await send(message)

    return send_with_allow


@lru_cache(maxsize=1024)
def _allowed(app: Litestar, path: str) -> str:
    methods = {"OPTIONS"}
    for method in CANDIDATES:
        try:
            app.asgi_router.handle_routing(path, method)
        except (MethodNotAllowedException, NotFoundException):
            continue
        methods.add(method)
    if "GET" in methods:
        methods.add("HEAD")
    if is_status_path(path):
        methods.discard(
            "PUT"
        )  # one route serves `ur` and `ur.po`; only the file takes uploads (`auth.require_po_file`)
    return ", ".join(sorted(methods))
