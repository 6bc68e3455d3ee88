"""How the server grows with the library: issue 16's table, for N articles in three languages.

For each N, synthetic content (bench/synthetic.py: en, ur, and pa-Arab at about half) is written
to a temporary folder and the real `clinic-content serve` is started, pinned to one core (wrk
has the other). Each row, measured in the same run:
- first request: from process start to the first 200 of an Urdu article, with the compiled cache
  absent (cold) and then present (warm);
- RSS after start, then after one pass over every article in every language (that pass's p99, so
  that laziness cannot hide a slow first read); PSS summed over two workers after the same pass;
- reload: from rewriting one article's Urdu catalogue to the first response that shows it, while
  wrk reads (its p99 and failures), and the server's CPU seconds over that time;
- throughput on the Urdu article, and a bare Litestar handler's on the same bytes: the ratio.

    python -m bench.scale [--articles 100 1000 10000] [--seconds 3] [--check]

`--check` (CI) exits non-zero when a request failed, a reload was not seen or a target of
correctness (not of speed) was missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from bench.processes import cpu_seconds, pss_mib, rss_mib, server_pids
from bench.run import Result, free_port, pinned, server, wrk
from bench.synthetic import Realism, generate, realism

SLUG = "how-microneedling-works-0"


@dataclass(frozen=True)
class Row:
    articles: int
    languages: int
    first_cold_s: float
    first_warm_s: float
    rss_start_mib: float
    load_p99_ms: float
    load_failures: int
    rss_load_mib: float
    pss_two_workers_mib: float
    reload_s: float
    reload_failures: int
    reload_p99_ms: float
    reload_cpu_s: float
    requests_per_second: float
    p99_ms: float
    baseline_requests_per_second: float
    realism: Realism

    @property
    def ratio(self) -> float:
        return self.requests_per_second / self.baseline_requests_per_second


class Served:
    """A running `clinic-content serve` over one library, and how long its first answer took."""

    def __init__(self, root: Path, workers: int = 1) -> None:
        self.root, self.port = root, free_port()
        bin_dir = Path(sys.executable).parent
        started = time.monotonic()
        self.process = subprocess.Popen(
            [*pinned(0), str(bin_dir / "clinic-content"), "serve", "--port", str(self.port), "--workers", str(workers)],
            env={
                **os.environ,
                "CLINIC_CONTENT_CONTENT_DIR": str(root / "content"),
                "CLINIC_CONTENT_LOCALES_DIR": str(root / "locales"),
                "CLINIC_CONTENT_STATE_DIR": str(root / "state"),
                "CLINIC_CONTENT_LOG_LEVEL": "warning",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while self.get(f"/v1/articles/{SLUG}?lang=ur") is None:
            if self.process.poll() is not None or time.monotonic() - started > 1800:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        self.first_s = time.monotonic() - started

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> bytes | None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.read() if response.status == 200 else None
        except OSError:
            return None
        finally:
            connection.close()

    def settled(self) -> None:
        """Wait until the server has finished what follows a start or a reload (the library's
        bundle is gzipped once the snapshot is in service), so that nothing else measures it."""
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request("HEAD", "/v1/bundle?lang=ur", headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            connection.close()
            if response.status != 200 or response.getheader("content-encoding") == "gzip":
                return
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def one_pass(served: Served, slugs: list[str], languages: list[str]) -> tuple[float, int]:
    """Every article in every language once, on one keep-alive connection: p99 ms and failures."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    latencies, failures = [], 0
    for language in languages:
        for slug in slugs:
            started = time.perf_counter()
            connection.request("GET", f"/v1/articles/{slug}?lang={language}", headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            failures += response.status != 200
    connection.close()
    latencies.sort()
    return latencies[int(len(latencies) * 0.99)], failures


def reload_under_load(served: Served, root: Path) -> tuple[float, Result, float]:
    """Edit one article's Urdu title on disk while wrk reads; the time until it is served, wrk's
    result over that time, and the server's CPU seconds meanwhile."""
    po_path = root / "locales" / "ur" / "LC_MESSAGES" / "articles" / f"{SLUG}.po"
    po = polib.pofile(str(po_path), wrapwidth=79)
    title = next(entry for entry in po if entry.msgstr and entry.msgid.startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    title.msgstr += " ✓✓"
    results: dict[str, Result] = {}
    url = f"{served.base}/v1/articles/{SLUG}?lang=ur"
    load = threading.Thread(target=lambda: results.update(during=wrk(url, {}, 8, 16)), daemon=True)
    load.start()
    time.sleep(0.5)
    cpu_before, changed_at = cpu_seconds(served.process.pid), time.monotonic()
    po_path.write_text(str(po) + "\n", encoding="utf-8")
    reload_s = float("nan")
    while time.monotonic() - changed_at < 600:
        body = served.get(f"/v1/articles/{SLUG}?lang=ur")
        if body and "✓✓".encode() in body:
            reload_s = time.monotonic() - changed_at
            break
        time.sleep(0.01)
    cpu = cpu_seconds(served.process.pid) - cpu_before
    load.join()
    served.settled()
    return reload_s, results["during"], cpu


def measure(articles: int, seconds: int) -> Row:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        generate(articles, root)
        slugs = sorted(path.stem for path in (root / "content" / "articles").glob("*.toml"))
        cold = Served(root)  # no compiled cache yet: this start fills it
        cold.settled()  # and, serving, gzips the library's large bodies and keeps them, as a deployed one would
        cold.stop()
        served = Served(root)
        try:
            languages = [entry["code"] for entry in json.loads(served.get("/v1/locales") or b"{}")["locales"]]
            rss_start = rss_mib(served.process.pid)
            load_p99, load_failures = one_pass(served, slugs, languages)
            rss_load = rss_mib(served.process.pid)
            reload_s, during, reload_cpu = reload_under_load(served, root)
            ours = wrk(f"{served.base}/v1/articles/{SLUG}?lang=ur", {}, seconds, 32)
            baseline = _baseline(served, seconds)
        finally:
            served.stop()
        return Row(
            articles=articles,
            languages=len(languages),
            first_cold_s=cold.first_s,
            first_warm_s=served.first_s,
            rss_start_mib=rss_start,
            load_p99_ms=load_p99,
            load_failures=load_failures,
            rss_load_mib=rss_load,
            pss_two_workers_mib=_two_workers_pss(root, slugs, languages),
            reload_s=reload_s,
            reload_failures=during.non_2xx_3xx,
            reload_p99_ms=during.p99_ms,
            reload_cpu_s=reload_cpu,
            requests_per_second=ours.requests_per_second,
            p99_ms=ours.p99_ms,
            baseline_requests_per_second=baseline.requests_per_second,
            realism=realism(root / "content", root / "locales"),
        )


def _baseline(served: Served, seconds: int) -> Result:
    """A bare Litestar handler sending the same Urdu article's bytes, on the same core."""
    uvicorn = [sys.executable, "-m", "bench.bounded_uvicorn", "bench.baseline_litestar:app"]
    source = {"BASELINE_SOURCE_URL": f"{served.base}/v1/articles/{SLUG}?lang=ur"}
    with server(uvicorn, f"/v1/articles/{SLUG}", source) as litestar:
        return wrk(f"{litestar}/v1/articles/{SLUG}", {}, seconds, 32)


def _two_workers_pss(root: Path, slugs: list[str], languages: list[str]) -> float:
    """PSS summed over both workers (and their parent) after a pass over every article."""
    served = Served(root, workers=2)
    try:
        for _ in range(2):  # each pass's connection may land on either worker
            one_pass(served, slugs, languages)
        return sum(pss_mib(pid) for pid in server_pids(served.process.pid))
    finally:
        served.stop()


TARGETS = {1000: ("< 2 (cold < 5)", "< 200", "< 1", "< 10"), 10000: ("< 15", "< 1,000", "< 3", "< 20")}
HEADER = (
    "| articles × languages | first request cold / warm s | RSS after start / load MiB | p99 of the pass ms "
    "| PSS of 2 workers MiB | reload s | p99 during reload ms | server CPU in reload s | failed "
    "| req/s | bare Litestar req/s | × bare Litestar |"
)


def table(rows: list[Row]) -> str:
    lines = [HEADER, "|" + "---:|" * 12]
    lines += [
        (
            f"| {r.articles:,} × {r.languages} | {r.first_cold_s:.2f} / {r.first_warm_s:.2f} "
            f"| {r.rss_start_mib:.0f} / {r.rss_load_mib:.0f} | {r.load_p99_ms:.1f} | {r.pss_two_workers_mib:.0f} "
            f"| {r.reload_s:.2f} | {r.reload_p99_ms:.1f} | {r.reload_cpu_s:.2f} "
            f"| {r.load_failures + r.reload_failures} | {r.requests_per_second:,.0f} "
            f"| {r.baseline_requests_per_second:,.0f} | {r.ratio:.2f} |"
        )
        for r in rows
    ]
    lines.append("\nTargets (issue 16): first request s, RSS MiB, reload s, p99 during reload ms; ≥ 2.0× bare Litestar")
    lines += [f"- {n:,} × 3: " + ", ".join(target) for n, target in TARGETS.items()]
    lines += [
        f"- {r.articles:,} articles: {r.realism.distinct:,} distinct strings of {r.realism.strings:,} sampled; "
        f"gzip ratio {r.realism.library_gzip_ratio:.2f} (the seed's {r.realism.seed_gzip_ratio:.2f})"
        for r in rows
    ]
    return "\n".join(lines)


def problems(row: Row) -> list[str]:
    """What `--check` refuses: failures, a reload never seen, fewer than three languages, copies
    that repeat each other. Speed is reported, not asserted (this machine is shared)."""
    found = []
    if row.load_failures or row.reload_failures:
        found.append(f"{row.articles}: {row.load_failures + row.reload_failures} failed requests")
    if row.reload_s != row.reload_s:  # NaN: never seen
        found.append(f"{row.articles}: the edit was never served")
    if row.languages < 3:
        found.append(f"{row.articles}: {row.languages} languages served, not 3")
    if row.realism.distinct != row.realism.strings:
        found.append(f"{row.articles}: equal strings in the synthetic library")
    if abs(row.realism.library_gzip_ratio / row.realism.seed_gzip_ratio - 1) > 0.1:
        found.append(f"{row.articles}: the library's gzip ratio is not within 10 % of the seed's")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--check", action="store_true")
    arguments = parser.parse_args()
    rows = []
    for articles in arguments.articles:
        rows.append(measure(articles, arguments.seconds))
        print(f"{articles} articles measured", file=sys.stderr, flush=True)
    print(table(rows))
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps([asdict(row) for row in rows], indent=2))
    found = [problem for row in rows for problem in problems(row)]
    for problem in found:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if arguments.check and found else 0


if __name__ == "__main__":
    sys.exit(main())
