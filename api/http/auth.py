"""The guard on catalogue writes: the admin token as a bearer token, compared in constant time;
failed attempts are limited per client address across every worker (`api/failed_auth.py`)."""

from __future__ import annotations

import hmac
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from api.failed_auth import FailedAuthentications
from api.http.problems import problem
from api.settings import Settings, state_folder


def require_admin_token(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:  # noqa: ARG001 (a guard's signature)
    """403 when uploads are disabled (no token configured), 401 for a missing or wrong token."""
    settings: Settings = connection.app.state.settings
    if not settings.admin_token:
        raise problem(403, "uploads-disabled", "Uploads are disabled: the server has no CLINIC_CONTENT_ADMIN_TOKEN.")
    failures = FailedAuthentications(state_folder(settings), settings.failed_auth_per_minute)
    client = connection.client.host if connection.client else "unknown"
    wait = failures.wait_seconds(client)
    if wait:
        error = problem(429, "too-many-failures", f"Too many failed attempts from this address; try in {wait} s.")
        error.headers = {"Retry-After": str(wait)}
        raise error
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    expected = settings.admin_token.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        failures.record(client)
        error = problem(401, "unauthorized", "Send the admin token as `Authorization: Bearer <token>`.")
        error.headers = {"WWW-Authenticate": 'Bearer realm="catalogues"'}
        raise error
