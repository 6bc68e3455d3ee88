"""Soak: a real server with several workers, read constantly while catalogues change.

Readers fetch the Urdu clinic details over keep-alive connections; writers alternately upload a
new Urdu clinic catalogue through the API and rewrite it on disk (in place, as an editor would). Each
version sets the city and the area to the same number, so a response holding two different
numbers would be a mixed-version response. Prints requests, failures, mixed responses, p50/p99
latency, and each server process's memory before and after.

    python -m bench.soak [--seconds 30] [--workers 2] [--readers 8] [--change-every 1.0]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.processes import rss_mib, server_pids
from bench.run import free_port, wait_ready

REPO = Path(__file__).resolve().parent.parent
TOKEN = "soak-token"
CITY, AREA = "لاہور", "گلبرگ"


_LETTERS = "ابجدہوزحطی"


def version_of(po: str, number: int) -> str:
    """The catalogue with `number` spelled in Urdu letters after the city and the area (digits would
    be refused: the numbers check keeps a translation's numbers those of the English)."""
    mark = "".join(_LETTERS[int(digit)] for digit in str(number))
    return po.replace(f'msgid "Lahore"\nmsgstr "{CITY}"', f'msgid "Lahore"\nmsgstr "{CITY} {mark}"').replace(
        f'msgid "Gulberg"\nmsgstr "{AREA}"', f'msgid "Gulberg"\nmsgstr "{AREA} {mark}"'
    )


class Readers:
    def __init__(self, port: int, count: int) -> None:
        self.port = port
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.mixed: list[tuple[str, str]] = []
        self.versions: set[str] = set()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(count)]

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                connection.request("GET", "/v1/clinic", headers={"Accept-Language": "ur-PK"})
                response = connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
                clinic = json.loads(body)
                city = clinic["city"].removeprefix(CITY).strip()
                area = clinic["area"].removeprefix(AREA).strip()
                with self.lock:
                    self.latencies.append(elapsed)
                    self.versions.add(city)
                    if city != area:
                        self.mixed.append((clinic["city"], clinic["area"]))
            except (OSError, RuntimeError, ValueError, http.client.HTTPException) as error:
                with self.lock:
                    self.failures.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.close()


def upload(port: int, data: bytes) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/catalogues/ur.po?domain=clinic",
        data=data,
        method="PUT",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/x-gettext-translation", "If-Match": "*"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        status: int = response.status
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--change-every", type=float, default=1.0)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        content_dir, locales_dir = Path(temporary) / "content", Path(temporary) / "locales"
        shutil.copytree(REPO / "content", content_dir)
        shutil.copytree(REPO / "locales", locales_dir)
        po_path = locales_dir / "ur" / "LC_MESSAGES" / "clinic.po"  # the city and the area
        original = po_path.read_text(encoding="utf-8")
        port = free_port()
        env = {**os.environ, "CLINIC_CONTENT_ADMIN_TOKEN": TOKEN, "CLINIC_CONTENT_FAILED_AUTH_PER_MINUTE": "100000"}
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "clinic-content"),
                "serve",
                *("--port", str(port), "--workers", str(arguments.workers)),
                *("--content", str(content_dir), "--locales", str(locales_dir), "--log-level", "warning"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_ready(f"http://127.0.0.1:{port}/healthz")
            time.sleep(1)
            before = {pid: rss_mib(pid) for pid in server_pids(process.pid)}
            readers = Readers(port, arguments.readers)
            for thread in readers.threads:
                thread.start()
            changes = {"uploaded": 0, "edited on disk": 0, "upload failures": 0}
            deadline = time.monotonic() + arguments.seconds
            number = 0
            while time.monotonic() < deadline:
                number += 1
                text = version_of(original, number)
                if number % 2:
                    try:
                        upload(port, text.encode())
                        changes["uploaded"] += 1
                    except OSError:
                        changes["upload failures"] += 1
                else:
                    po_path.write_text(text, encoding="utf-8")  # in place: readers of the file may see it half-written
                    changes["edited on disk"] += 1
                time.sleep(arguments.change_every)
            readers.stop.set()
            for thread in readers.threads:
                thread.join()
            after = {pid: rss_mib(pid) for pid in server_pids(process.pid)}
        finally:
            process.terminate()
            process.wait(timeout=30)

    latencies = sorted(readers.latencies)

    def p(quantile: float) -> float:
        return latencies[min(len(latencies) - 1, int(quantile * len(latencies)))] * 1000

    print(f"duration {arguments.seconds:.0f} s, {arguments.workers} workers, {arguments.readers} readers")
    print(f"catalogue changes: {changes}")
    print(f"requests: {len(latencies) + len(readers.failures)}")
    print(f"failures: {len(readers.failures)}" + (f"  e.g. {readers.failures[:3]}" if readers.failures else ""))
    print(f"mixed-version responses: {len(readers.mixed)}" + (f"  e.g. {readers.mixed[:3]}" if readers.mixed else ""))
    print(f"versions seen: {len(readers.versions)} of {number + 1}")
    print(f"latency: p50 {p(0.50):.2f} ms, p99 {p(0.99):.2f} ms, mean {statistics.fmean(latencies) * 1000:.2f} ms")
    for pid in before:
        print(f"memory pid {pid}: {before[pid]:.1f} MiB before, {after.get(pid, 0):.1f} MiB after")
    return 1 if readers.failures or readers.mixed else 0


if __name__ == "__main__":
    sys.exit(main())
