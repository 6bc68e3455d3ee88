"""Live reload through a real server with two workers, under concurrent requests."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from api.catalogues.files import write_atomically
from tests.e2e.server import running_server, server_process
from tests.library import build_library

pytestmark = pytest.mark.e2e

OLD = ("لاہور", "گلبرگ")
NEW = ("شہر لاہور", "علاقہ گلبرگ")


CLINIC_PO = "/v1/catalogues/ur.po?domain=clinic"


def _with_city_and_area(po: str, city: str, area: str) -> str:
    return po.replace(f'msgid "Lahore"\nmsgstr "{OLD[0]}"', f'msgid "Lahore"\nmsgstr "{city}"').replace(
        f'msgid "Gulberg"\nmsgstr "{OLD[1]}"', f'msgid "Gulberg"\nmsgstr "{area}"'
    )


class Load:
    """Clients reading the bundle in a loop; each answer's (city, area) must be one version."""

    def __init__(self, base: str, threads: int = 6) -> None:
        self.url = f"{base}/v1/bundle?lang=ur"
        self.stop = threading.Event()
        self.seen: list[tuple[str, str]] = []
        self.failures: list[str] = []
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run) for _ in range(threads)]

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    clinic = json.load(response)["clinic"]
                pair = (clinic["city"], clinic["area"])
                with self._lock:
                    self.seen.append(pair)
            except (OSError, ValueError, KeyError) as error:
                with self._lock:
                    self.failures.append(repr(error))

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join()

    def latest(self, count: int) -> list[tuple[str, str]]:
        with self._lock:
            return self.seen[-count:]


def _wait_for(load: Load, pair: tuple[str, str], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        recent = load.latest(40)
        if len(recent) == 40 and set(recent) == {pair}:
            return
        time.sleep(0.1)
    raise AssertionError(f"not every worker serves {pair}: {set(load.latest(40))}")


def test_catalogue_changes_on_disk_reach_every_worker_without_a_failed_or_mixed_response(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    po_path = locales_dir / "ur" / "LC_MESSAGES" / "clinic.po"  # the city and the area
    original = po_path.read_text(encoding="utf-8")
    arguments = ("--workers", "2", "--content", str(content_dir), "--locales", str(locales_dir))

    with running_server(*arguments) as base, Load(base) as load:
        _wait_for(load, OLD)
        write_atomically(po_path, _with_city_and_area(original, *NEW).encode())  # a deploy: rename into place
        _wait_for(load, NEW)
        po_path.write_text(original.replace("Plural-Forms", "Broken"), encoding="utf-8")  # a bad edit in place
        time.sleep(2)
        assert set(load.latest(40)) == {NEW}
        with urllib.request.urlopen(f"{base}/v1/catalogues/ur", timeout=5) as response:
            status = json.load(response)
        (clinic,) = [domain for domain in status["domains"] if domain["domain"] == "clinic"]
        assert clinic["serving"] == "previous"
        po_path.write_text(original, encoding="utf-8")  # fixed, written in place
        _wait_for(load, OLD)

    assert load.failures == []
    assert set(load.seen) <= {OLD, NEW}, f"mixed responses: {set(load.seen) - {OLD, NEW}}"
    assert len(load.seen) > 100


def test_upload_is_served_by_the_next_request(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    env = {"CLINIC_CONTENT_ADMIN_TOKEN": "t0ken"}
    with running_server("--content", str(content_dir), "--locales", str(locales_dir), env=env) as base:
        with urllib.request.urlopen(f"{base}{CLINIC_PO}", timeout=5) as response:
            po, etag = response.read().decode(), response.headers["ETag"]
        request = urllib.request.Request(
            f"{base}{CLINIC_PO}",
            data=_with_city_and_area(po, *NEW).encode(),
            method="PUT",
            headers={"Authorization": "Bearer t0ken", "Content-Type": "text/x-gettext-translation", "If-Match": etag},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        with urllib.request.urlopen(f"{base}/v1/clinic?lang=ur", timeout=5) as response:
            clinic = json.load(response)
        assert (clinic["city"], clinic["area"]) == NEW
        bad = urllib.request.Request(
            f"{base}{CLINIC_PO}",
            data=b"garbage",
            method="PUT",
            headers={"Authorization": "Bearer t0ken", "Content-Type": "text/plain", "If-Match": "*"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bad, timeout=10)
        refused.value.close()  # an HTTPError holds the connection
        assert refused.value.code == 422
        with urllib.request.urlopen(f"{base}/v1/clinic?lang=ur", timeout=5) as response:
            assert json.load(response)["city"] == NEW[0]


def _get(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def _wait_for_health(base: str, status: str, seconds: float = 15) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while True:
        code, health = _get(f"{base}/healthz")
        assert code == 200, "liveness stays 200 whatever reload does"
        if health["status"] == status or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def test_a_reload_that_fails_for_an_unexpected_reason_is_reported_retried_and_recovers(tmp_path: Path) -> None:
    content_dir, locales_dir = build_library(tmp_path)
    dangling = content_dir / "articles" / "half-copied.toml"
    po_path = locales_dir / "ur" / "LC_MESSAGES" / "clinic.po"  # the city and the area
    original = po_path.read_text(encoding="utf-8")
    arguments = ("--content", str(content_dir), "--locales", str(locales_dir))

    with server_process(*arguments) as server:
        assert _get(f"{server.base}/readyz")[0] == 200
        dangling.symlink_to(tmp_path / "not-there-yet.toml")  # not a content error: it used to end the watcher
        health = _wait_for_health(server.base, "degraded")
        assert health["status"] == "degraded"
        assert "FileNotFoundError" in str(health["reason"])
        code, problem = _get(f"{server.base}/readyz")
        assert code == 503
        assert problem["type"] == "urn:problem-type:clinic-content:reload-failing"
        load_problems = _get(f"{server.base}/v1/catalogues")[1]["load_problems"]
        assert isinstance(load_problems, list)
        assert [p["file"] for p in load_problems] == [str(dangling)], load_problems
        time.sleep(5)  # two retries or more, one log line
        dangling.unlink()
        assert _wait_for_health(server.base, "ok")["status"] == "ok"
        assert _get(f"{server.base}/readyz")[0] == 200
        assert _get(f"{server.base}/v1/catalogues")[1]["load_problems"] == []
        write_atomically(po_path, _with_city_and_area(original, *NEW).encode())  # the watcher is alive again
        deadline = time.monotonic() + 15
        while _get(f"{server.base}/v1/clinic?lang=ur")[1]["city"] != NEW[0]:
            assert time.monotonic() < deadline, "a change after recovery was not served"
            time.sleep(0.2)
        log = server.log()

    assert log.count("live reload failed") == 1, log
    assert "live reload works again" in log
