"""Content gate: the shipped content is served byte for byte as recorded in `golden_responses.json`.

Recorded before the catalogue and HTTP refactoring, so that any change in what a client receives
(body, status, any header) shows here. A deliberate change of a response re-records it:
`python -m tests.content_gate.golden`, and the diff is reviewed like code. It guards the code
against the content it was recorded from: once a clinic changes its content, it is skipped (saying
so) until re-recorded, and the other content gate tests judge the content.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.content_gate.golden import GOLDEN, REPO, capture


def test_every_response_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    recorded: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    revision, records = capture()
    if revision != recorded["revision"]:
        pytest.skip(
            f"the shipped content is revision {revision}, not {recorded['revision']} as recorded: a clinic's own "
            "change of content is checked by the other content gate tests; re-record with "
            "`python -m tests.content_gate.golden` to guard a refactoring again"
        )
    captured = json.loads(json.dumps(records))  # the same JSON shapes (lists, not tuples)
    expected = recorded["responses"]
    assert [r["request"] for r in captured] == [r["request"] for r in expected], "the set of requests changed"
    changed = [(old["request"], old, new) for old, new in zip(expected, captured, strict=True) if old != new]
    assert not changed, f"{len(changed)} response(s) changed; first: {changed[0]}"
