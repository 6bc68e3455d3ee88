"""Content gate: the shipped content is served byte for byte as recorded in `golden_responses.json`.

Recorded before the catalogue and HTTP refactoring, so that any change in what a client receives
(body, status, any header) shows here. A deliberate change of the shipped content or of a
response re-records it: `python -m tests.content_gate.golden`, and the diff is reviewed like code.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.content_gate.golden import GOLDEN, REPO, capture


def test_every_response_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    recorded: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    captured = json.loads(json.dumps(capture()))  # the same JSON shapes (lists, not tuples)
    assert [r["request"] for r in captured] == [r["request"] for r in recorded], "the set of requests changed"
    changed = [(old["request"], old, new) for old, new in zip(recorded, captured, strict=True) if old != new]
    assert not changed, f"{len(changed)} response(s) changed; first: {changed[0]}"
