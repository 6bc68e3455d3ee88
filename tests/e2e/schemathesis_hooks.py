"""A check of ours for schemathesis: every error answer is RFC 9457 problem details."""

from __future__ import annotations

import json
from typing import Any

import schemathesis


@schemathesis.check
def errors_are_problem_details(ctx: Any, response: Any, case: Any) -> None:
    if response.status_code < 400:
        return
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/problem+json"), f"error answered as {content_type!r}"
    body = json.loads(response.content)
    missing = {"type", "title", "status", "detail"} - body.keys()
    assert not missing, f"problem details without {sorted(missing)}"
    assert body["status"] == response.status_code
    assert "Traceback" not in response.text
