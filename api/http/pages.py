"""The pages the API serves — the kiosk (`/kiosk/`) and the translators' desk (`/translate/`):
their files read and encoded once, at start-up, like the API's documents (gzipped when that saves
bytes, strong ETags answering `If-None-Match` with 304), under a strict Content-Security-Policy."""

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

PAGES_DIR = Path(__file__).resolve().parent.parent
KIOSK_DIR = PAGES_DIR / "kiosk"
DESK_DIR = PAGES_DIR / "desk"
KIOSK_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
DESK_CSP = (  # the desk draws previews with the kiosk's renderer and fonts (same origin)
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"
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
    return page_router("/kiosk", KIOSK_DIR, KIOSK_CSP)


def desk_router() -> Router:
    return page_router("/translate", DESK_DIR, DESK_CSP)


def page_router(path: str, folder: Path, policy: str) -> Router:
    """`path/` serves `folder/index.html`, `path/<file>` the file; `path` alone redirects to `path/`."""
    files = encoded_files(folder)

    @get("/", include_in_schema=False, sync_to_thread=False)
    def page(request: Request[Any, Any, Any]) -> Response[Any] | Redirect:
        if not request.scope.get("raw_path", b"/").endswith(b"/"):  # relative links (`kiosk.css`) need the slash
            return Redirect(f"{path}/", status_code=308)
        return _send(request, files["index.html"], policy)

    @get("/{name:path}", include_in_schema=False, sync_to_thread=False)
    def page_file(request: Request[Any, Any, Any], name: FromPath[str]) -> Response[Any]:
        found = files.get(name.lstrip("/"))
        if found is None:
            raise problem(404, "not-found", f"There is no file {name[:64]!r} under {path}/.")
        return _send(request, found, policy)

    return Router(path=path, route_handlers=[page, page_file])


def _send(request: Request[Any, Any, Any], body: EncodedBody, policy: str) -> Response[Any]:
    response = deliver(request, body, "no-cache")  # revalidated each time; the kiosk's service worker keeps a copy
    response.headers["Content-Security-Policy"] = policy
    return response
