"""Lighthouse 12.2.3 (pinned in tests/e2e/judges; Debian's Chromium) on the kiosk's start screen
and a section, in English and Urdu, mobile settings: accessibility and best practices 100, and
performance at least 90 — the median of three runs when one falls short, since two shared cores
are noisy. Reports go to artifacts/kiosk/lighthouse/."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import Server, server_process
from tests.e2e.test_kiosk import ARTIFACTS, chromium_path
from tests.library import SLUG

pytestmark = pytest.mark.e2e

LIGHTHOUSE = Path(__file__).resolve().parent / "judges" / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ARTIFACTS / "lighthouse"
PAGES = {
    "start-en": "/kiosk/",
    "start-ur": "/kiosk/?lang=ur",
    "section-en": f"/kiosk/#/{SLUG}/2",
    "section-ur": f"/kiosk/?lang=ur#/{SLUG}/2",
}
PERFORMANCE_GATE = 0.90


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with server_process(locales=("ur",)) as running:
        yield running


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run: each category's score (0–1)."""
    assert LIGHTHOUSE.is_file(), f"{LIGHTHOUSE} is missing: run `make test` (it installs tests/e2e/judges)"
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--only-categories=accessibility,best-practices,performance",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": chromium_path()},
        timeout=180,
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: category["score"] for name, category in categories.items()}


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores(server: Server, name: str) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    runs = [lighthouse(server.base + PAGES[name], REPORTS / f"{name}-1.json")]
    if runs[0]["performance"] < PERFORMANCE_GATE:
        runs += [lighthouse(server.base + PAGES[name], REPORTS / f"{name}-{n}.json") for n in (2, 3)]
    performance = statistics.median(run["performance"] for run in runs)
    (REPORTS / f"{name}.summary.json").write_text(json.dumps({"runs": runs, "median_performance": performance}))
    assert [run["accessibility"] for run in runs] == [1.0] * len(runs)
    assert [run["best-practices"] for run in runs] == [1.0] * len(runs)
    assert performance >= PERFORMANCE_GATE, runs
