"""Baseline: a bare Litestar app returning the Urdu article's bytes from a constant.

The article is read once from a running clinic-content-api (its URL in BASELINE_SOURCE_URL),
so both servers send exactly the same body.
"""

from __future__ import annotations

import os
import urllib.request

from litestar import Litestar, Response, get

_request = urllib.request.Request(os.environ["BASELINE_SOURCE_URL"], headers={"Accept-Language": "ur-PK"})
with urllib.request.urlopen(_request, timeout=10) as _response:
    ARTICLE = _response.read()


@get("/v1/articles/{slug:str}")
async def article(slug: str) -> Response[bytes]:
    return Response(content=ARTICLE, media_type="application/json")


app = Litestar([article])
