"""What a running server writes to its log: one line per request, one traceback per failure."""

from __future__ import annotations

import json
import time
import urllib.request

from tests.e2e.server import server_process


def test_access_log_has_exactly_one_line_per_request() -> None:
    with server_process(env={"CLINIC_CONTENT_ACCESS_LOG": "true"}) as server:
        with urllib.request.urlopen(f"{server.base}/v1/clinic?lang=ur&probe=once", timeout=5) as response:
            assert response.status == 200
        time.sleep(0.3)  # the log line is written after the body is sent
        lines = [line for line in server.log().splitlines() if "probe=once" in line]
    assert len(lines) == 1, lines
    assert json.loads(lines[0])["status"] == 200
