"""The catalogue status documents grow with the library and are asked for now and then: a build
does not make them; the first request does, once per snapshot (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from api import status_bodies
from api.catalogues.serving import LoadProblem
from api.catalogues.status import catalogue_documents
from api.documents import Document
from api.snapshot import build_snapshot, with_load_problem
from tests.library import build_library


def test_the_status_is_made_on_the_first_request_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = catalogue_documents

    def counted(*arguments: Any) -> dict[str, Document]:
        made.append(arguments[0])
        return real(*arguments)

    monkeypatch.setattr(status_bodies, "catalogue_documents", counted)
    content_dir, locales_dir = build_library(tmp_path, ("ur",))
    snapshot = build_snapshot(content_dir, locales_dir)
    assert made == []
    first = snapshot.shared_body("catalogues/ur")
    assert first is not None
    assert snapshot.shared_body("catalogues/ur") is first
    assert snapshot.shared_body("full/catalogues") is not None
    assert made == [snapshot.revision]
    assert snapshot.shared_body("catalogues/fr") is None

    failed = with_load_problem(snapshot, LoadProblem(file="ur/LC_MESSAGES/ui.po", line=3, problem="broken"))
    index = failed.shared_body("catalogues")
    assert index is not None
    assert msgspec.json.decode(index.identity)["load_problems"][-1]["problem"] == "broken"
