"""The guard on catalogue writes: the admin token, or a translator's own token, as a bearer token;
failed attempts are limited per client address across every worker (`api/failed_auth.py`).

Who it was goes on the request's state, for history and the `Last-Translator` header.
"""

from __future__ import annotations

import asyncio
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.openapi.spec import SecurityRequirement

from api.failed_auth import FailedAuthentications
from api.http.catalogue_paths import is_catalogue_file
from api.http.problems import problem
from api.settings import Settings, state_folder
from api.translators import Authenticator

BEARER: tuple[SecurityRequirement, ...] = ({"bearer": []},)
"""What the OpenAPI document says of a route behind `require_translator` (the scheme is declared
in `openapi_document.py`)."""


async def require_po_file(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:  # noqa: ARG001 (a guard's signature)
    """`PUT /v1/catalogues/ur` is a method the status resource does not have (405, before any
    authentication); only the file, `ur.po`, takes uploads."""
    if not is_catalogue_file(str(connection.path_params.get("name", ""))):
        error = problem(405, "method-not-allowed", "Upload to /v1/catalogues/<locale>.po; the status only reads.")
        error.headers = {"Allow": "GET, HEAD"}
        raise error


async def require_translator(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:  # noqa: ARG001 (a guard's signature)
    """403 when uploads are disabled (no token configured), 429 after too many failures, 401 for a
    missing or wrong token."""
    authenticator: Authenticator = connection.app.state.authenticator
    if not authenticator.enabled:
        raise problem(403, "uploads-disabled", "Uploads are disabled: the server has no CLINIC_CONTENT_ADMIN_TOKEN.")
    connection.state.who = await identify(connection)


async def identify(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """Who the bearer token names; 429 after too many failures from this address, 401 for a missing
    or wrong token (each failure counted, for all workers together)."""
    settings: Settings = connection.app.state.settings
    authenticator: Authenticator = connection.app.state.authenticator
    failures = FailedAuthentications(state_folder(settings), settings.failed_auth_per_minute)
    client = connection.client.host if connection.client else "unknown"
    wait = failures.wait_seconds(client)
    if wait:
        error = problem(429, "too-many-failures", f"Too many failed attempts from this address; try in {wait} s.")
        error.headers = {"Retry-After": str(wait)}
        raise error
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    who = await asyncio.to_thread(authenticator.who, token.strip()) if scheme.lower() == "bearer" else None
    if who is None:
        await asyncio.to_thread(failures.record, client)
        error = problem(401, "unauthorized", "Send your token (or the admin token) as `Authorization: Bearer <token>`.")
        error.headers = {"WWW-Authenticate": 'Bearer realm="catalogues"'}
        raise error
    return who
