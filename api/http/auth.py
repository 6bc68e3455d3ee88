"""The guard on catalogue writes: the admin token as a bearer token, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from api.http.problems import problem
from api.settings import Settings


def require_admin_token(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:  # noqa: ARG001 (a guard's signature)
    """403 when uploads are disabled (no token configured), 401 for a missing or wrong token."""
    settings: Settings = connection.app.state.settings
    if not settings.admin_token:
        raise problem(403, "uploads-disabled", "Uploads are disabled: the server has no CLINIC_CONTENT_ADMIN_TOKEN.")
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    expected = settings.admin_token.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        error = problem(401, "unauthorized", "Send the admin token as `Authorization: Bearer <token>`.")
        error.headers = {"WWW-Authenticate": 'Bearer realm="catalogues"'}
        raise error
