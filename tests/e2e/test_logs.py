"""What a running server writes to its log: one line per request, one traceback per failure."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from tests.e2e.server import server_process
from tests.e2e.test_hostile_requests import get, raw


def test_access_log_has_exactly_one_line_per_request() -> None:
    with server_process(env={"CLINIC_CONTENT_ACCESS_LOG": "true"}) as server:
        with urllib.request.urlopen(f"{server.base}/v1/clinic?lang=ur&probe=once", timeout=5) as response:
            assert response.status == 200
        time.sleep(0.3)  # the log line is written after the body is sent
        lines = [line for line in server.log().splitlines() if "probe=once" in line]
    assert len(lines) == 1, lines
    assert json.loads(lines[0])["status"] == 200


def test_every_line_the_server_writes_is_one_json_object_of_one_shape() -> None:
    """uvicorn's lines, the app's, the access log and the server's limits: one format (issue 13, 5)."""
    with server_process(env={"CLINIC_CONTENT_ACCESS_LOG": "true"}) as server:
        for path in ("/v1/clinic", "/v1/no-such-thing"):
            try:
                urllib.request.urlopen(f"{server.base}{path}", timeout=5).close()
            except urllib.error.HTTPError as error:
                error.close()
        status, _ = raw(server, get(b"/v1/clinic", b"X-Junk: " + b"a" * 40_000))  # refused by the server layer
        assert status == 431
        time.sleep(0.3)
        lines = server.log().splitlines()
    records = [json.loads(line) for line in lines]  # a line that is not JSON fails here
    assert all({"ts", "level", "logger", "message"} <= record.keys() for record in records)
    loggers = {record["logger"] for record in records}
    assert {"api.cli", "uvicorn.error", "api.access", "api.server"} <= loggers
    assert [r["status"] for r in records if r["logger"] == "api.access" and r["path"] != "/healthz"] == [200, 404]
