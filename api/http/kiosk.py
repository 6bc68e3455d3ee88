"""The kiosk page (`/kiosk/`): static files served with a strict Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

from litestar import Response, Router
from litestar.static_files import create_static_files_router

KIOSK_DIR = Path(__file__).resolve().parent.parent / "kiosk"
KIOSK_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)


def _secure(response: Response) -> Response:  # type: ignore[type-arg]
    response.headers["Content-Security-Policy"] = KIOSK_CSP
    response.headers["Cache-Control"] = "no-cache"  # revalidated each time; the service worker keeps a copy
    return response


def kiosk_router() -> Router:
    return create_static_files_router(
        path="/kiosk",
        directories=[KIOSK_DIR],
        html_mode=True,
        name="kiosk",
        after_request=_secure,
        include_in_schema=False,
    )
