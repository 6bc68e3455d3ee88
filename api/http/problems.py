"""RFC 9457 problem details for every error, via Litestar's problem-details plugin.

Clients get `type`, `title`, `status` and `detail`; tracebacks go to the log only.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import msgspec
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import ResponseSpec
from litestar.plugins.problem_details import (
    ProblemDetailsConfig,
    ProblemDetailsException,
    ProblemDetailsPlugin,
)

from api.problem_types import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_PREFIX

logger = logging.getLogger("api.http")


class Problem(msgspec.Struct, kw_only=True):
    """The shape of every error body (`application/problem+json`), for the OpenAPI document."""

    type: str
    title: str
    status: int
    detail: str
    supported: list[str] | None = None
    errors: list[dict[str, Any]] | None = None


def problem_spec(description: str) -> ResponseSpec:
    """An error answer in the OpenAPI document (no generated examples: they were random strings)."""
    return ResponseSpec(
        data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description=description, generate_examples=False
    )


def problem(status: int, kind: str, detail: str, extra: dict[str, Any] | None = None) -> ProblemDetailsException:
    """A problem of our own kind, e.g. `problem(404, "not-found", "No article 'x'.")`."""
    return ProblemDetailsException(
        status_code=status,
        type_=PROBLEM_TYPE_PREFIX + kind,
        title=HTTPStatus(status).phrase,
        detail=detail,
        extra=extra,
    )


def _from_http_exception(error: HTTPException) -> ProblemDetailsException:
    """Litestar's own errors (no route, wrong method, bad parameter) in the same shape as ours; its
    5xx (such as a dependency that failed) are unexpected errors like any other."""
    if error.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return _from_unexpected(error)
    status = HTTPStatus(error.status_code)
    detail = error.detail if error.detail and error.detail != status.phrase else status.description
    extra: dict[str, Any] = {}
    if isinstance(error, ValidationException) and error.extra:
        extra["errors"] = error.extra
    return ProblemDetailsException(
        status_code=status.value,
        type_="about:blank",
        title=status.phrase,
        detail=detail.rstrip(".") + ".",
        headers=error.headers,
        extra=extra or None,
    )


def _from_unexpected(error: Exception) -> ProblemDetailsException:
    """A 500 that says nothing of the cause; the log gets the one traceback."""
    logger.error("unhandled error: %s", error, exc_info=error)
    return ProblemDetailsException(
        status_code=500,
        type_="about:blank",
        title=HTTPStatus.INTERNAL_SERVER_ERROR.phrase,
        detail="The server could not answer this request. The error has been logged.",
    )


def problem_details_plugin() -> ProblemDetailsPlugin:
    return ProblemDetailsPlugin(
        ProblemDetailsConfig(
            exception_to_problem_detail_map={
                HTTPException: _from_http_exception,
                Exception: _from_unexpected,
            }
        )
    )
