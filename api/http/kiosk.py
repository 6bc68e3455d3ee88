"""The kiosk page (`/kiosk/`): its files read and encoded once, at start-up, like the API's
documents — gzipped when that saves bytes, strong ETags answering `If-None-Match` with 304 — and
served under a strict Content-Security-Policy."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from litestar import Request, Response, Router, get
from litestar.params import FromPath
from litestar.response import Redirect

from api.encoded import EncodedBody, encode_bytes
from api.http.delivery import deliver
from api.http.problems import problem

KIOSK_DIR = Path(__file__).resolve().parent.parent / "kiosk"
KIOSK_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
_MEDIA_TYPES = {".js": "text/javascript", ".woff2": "font/woff2"}  # what `mimetypes` may not know


def encoded_files(folder: Path) -> dict[str, EncodedBody]:
    """Every file under `folder` by its path relative to it (`fonts/…`), ready to send."""
    files: dict[str, EncodedBody] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            media_type = _MEDIA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "text/plain"
            files[path.relative_to(folder).as_posix()] = encode_bytes(path.read_bytes(), None, media_type)
    return files


def kiosk_router() -> Router:
    files = encoded_files(KIOSK_DIR)

    @get("/", include_in_schema=False, sync_to_thread=False)
    def page(request: Request[Any, Any, Any]) -> Response[Any] | Redirect:
        if not request.scope.get("raw_path", b"/").endswith(b"/"):  # relative links (`kiosk.css`) need the slash
            return Redirect("/kiosk/", status_code=308)
        return _send(request, files["index.html"])

    @get("/{name:path}", include_in_schema=False, sync_to_thread=False)
    def kiosk_file(request: Request[Any, Any, Any], name: FromPath[str]) -> Response[Any]:
        found = files.get(name.lstrip("/"))
        if found is None:
            raise problem(404, "not-found", f"The kiosk has no file {name[:64]!r}.")
        return _send(request, found)

    return Router(path="/kiosk", route_handlers=[page, kiosk_file])


def _send(request: Request[Any, Any, Any], body: EncodedBody) -> Response[Any]:
    response = deliver(request, body, "no-cache")  # revalidated each time; the service worker keeps a copy
    response.headers["Content-Security-Policy"] = KIOSK_CSP
    return response
