"""The API's documentation page (`/schema`): Swagger UI, installed from npm (`api/docs/package.json`,
`make docs-assets`), served by the API itself under a Content-Security-Policy that allows exactly
its files, so the page works on a clinic's network or an offline laptop, with no CDN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Request, Router, get
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.params import FromPath
from litestar.response import File

from api.http.problems import problem

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"
_VENDOR = DOCS_DIR / "node_modules" / "swagger-ui-dist"
ASSETS = {
    "swagger-ui-bundle.js": (_VENDOR / "swagger-ui-bundle.js", "text/javascript"),
    "swagger-ui.css": (_VENDOR / "swagger-ui.css", "text/css"),
    "docs.js": (DOCS_DIR / "docs.js", "text/javascript"),
}
DOCS_PAGES = frozenset({"/schema", "/schema/", "/schema/swagger"})
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_PAGE = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clinic-content-api</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/schema/static/swagger-ui.css">
<script src="/schema/static/swagger-ui-bundle.js" defer></script>
<script src="/schema/static/docs.js" defer></script>
</head>
<body><main id="docs"></main></body>
</html>
"""


class SelfHostedDocs(OpenAPIRenderPlugin):
    """`/schema` (and `/schema/swagger`): the page above, and its files under `/schema/static/`."""

    def __init__(self) -> None:
        super().__init__(path=["/", "/swagger"])

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:  # noqa: ARG002 (the same page whatever the request: the document is fetched by the page)
        return _PAGE

    def receive_router(self, router: Router) -> None:
        router.register(docs_asset)


@get("/static/{name:str}", include_in_schema=False, sync_to_thread=False)
def docs_asset(name: FromPath[str]) -> File:
    found = ASSETS.get(name)
    if found is None or not found[0].is_file():
        raise problem(404, "not-found", f"No documentation file {name[:64]!r} (make docs-assets installs them).")
    path, media_type = found
    return File(
        path,
        filename=name,
        media_type=media_type,
        content_disposition_type="inline",
        headers={"Cache-Control": "no-cache"},
    )
