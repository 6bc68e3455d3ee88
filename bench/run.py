"""Side-by-side HTTP benchmark: our server against a bare Litestar handler and raw ASGI.

Each server runs under uvicorn with one worker pinned to CPU 0; wrk runs pinned to CPU 1. The
scenarios run interleaved for several rounds and the medians are printed, with our requests/s as
a ratio of the bare-Litestar baseline measured in the same run.

    python -m bench.run [--seconds 5] [--rounds 3] [--connections 32]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SLUG = "how-microneedling-works"
URDU = {"Accept-Language": "ur-PK,ur;q=0.9"}


@dataclass(frozen=True)
class Scenario:
    name: str
    server: str
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def pinned(cpu: int) -> list[str]:
    """`taskset -c N` where the OS allows pinning, else nothing."""
    return ["taskset", "-c", str(cpu)] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []


def wait_ready(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def server(command: list[str], ready_path: str, env: dict[str, str] | None = None) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [*pinned(0), *command, "--port", str(port)],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + ready_path)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def rss_kib(port_base: str) -> int:
    """Resident memory of the process listening behind `port_base` (Linux /proc)."""
    port = port_base.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=False).stdout
    pid = re.search(r"pid=(\d+)", out)
    if not pid:
        return 0
    status = Path(f"/proc/{pid.group(1)}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+)", status)
    return int(match.group(1)) if match else 0


def wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> Result:
    command = [*pinned(1), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        p50_ms=_latency(out, "50%"),
        p99_ms=_latency(out, "99%"),
        non_2xx_3xx=int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
    )


def _latency(out: str, percentile: str) -> float:
    match = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def etag_of(url: str, headers: dict[str, str]) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
        etag: str = response.headers["ETag"]
    return etag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--json", type=Path, help="also write the medians here")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is required: apt-get install wrk", file=sys.stderr)
        return 2

    bin_dir = Path(sys.executable).parent
    ours_env = {"CLINIC_CONTENT_LOG_LEVEL": "warning"}
    with server([str(bin_dir / "clinic-content"), "serve"], "/healthz", ours_env) as ours:
        article = f"{ours}/v1/articles/{SLUG}"
        baseline_env = {"BASELINE_SOURCE_URL": article}
        uvicorn = [sys.executable, "-m", "bench.bounded_uvicorn"]  # our protocol and limits, as `serve` runs
        with (
            server([*uvicorn, "bench.baseline_litestar:app"], f"/v1/articles/{SLUG}", baseline_env) as litestar,
            server([*uvicorn, "bench.baseline_asgi:app"], "/", baseline_env) as raw,
        ):
            scenarios = [
                Scenario("baseline: bare Litestar handler, constant bytes", "litestar", f"/v1/articles/{SLUG}", {}),
                Scenario("ceiling: raw ASGI, constant bytes", "raw", "/", {}),
                Scenario("Urdu article by Accept-Language", "ours", f"/v1/articles/{SLUG}", URDU),
                Scenario("English article by ?lang=en", "ours", f"/v1/articles/{SLUG}?lang=en", {}),
                Scenario("a section (Urdu)", "ours", f"/v1/articles/{SLUG}/sections/aftercare", URDU),
                Scenario("the bundle (Urdu)", "ours", "/v1/bundle", URDU),
                Scenario(
                    "304 revalidation (Urdu article)",
                    "ours",
                    f"/v1/articles/{SLUG}",
                    {**URDU, "If-None-Match": etag_of(article, URDU)},
                ),
                Scenario("gzip (Urdu article)", "ours", f"/v1/articles/{SLUG}", {**URDU, "Accept-Encoding": "gzip"}),
                Scenario(
                    "Urdu article, Accept-Encoding: identity",
                    "ours",
                    f"/v1/articles/{SLUG}",
                    {**URDU, "Accept-Encoding": "identity"},
                ),
            ]
            bases = {"ours": ours, "litestar": litestar, "raw": raw}
            for scenario in scenarios:  # warm up every server and path
                wrk(bases[scenario.server] + scenario.path, scenario.headers, 1, arguments.connections)
            samples: dict[str, list[Result]] = {s.name: [] for s in scenarios}
            for round_number in range(1, arguments.rounds + 1):
                for scenario in scenarios:
                    result = wrk(
                        bases[scenario.server] + scenario.path,
                        scenario.headers,
                        arguments.seconds,
                        arguments.connections,
                    )
                    samples[scenario.name].append(result)
                print(f"round {round_number}/{arguments.rounds} done", file=sys.stderr)
            memory = {"ours": rss_kib(ours), "litestar": rss_kib(litestar), "raw": rss_kib(raw)}

    medians = {
        name: Result(
            requests_per_second=statistics.median(r.requests_per_second for r in results),
            p50_ms=statistics.median(r.p50_ms for r in results),
            p99_ms=statistics.median(r.p99_ms for r in results),
            non_2xx_3xx=sum(r.non_2xx_3xx for r in results),
        )
        for name, results in samples.items()
    }
    baseline = medians[scenarios[0].name]
    ceiling = medians[scenarios[1].name]
    print(
        f"\n{arguments.rounds} rounds × {arguments.seconds}s, wrk -t1 -c{arguments.connections}, "
        f"server on CPU 0, wrk on CPU 1; medians\n"
    )
    print(
        f"| {'scenario':<48} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'× baseline':>10} | {'of ceiling':>10} |"
    )
    print(f"|{'-' * 50}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 12}|{'-' * 12}|")
    for scenario in scenarios:
        m = medians[scenario.name]
        ratio = m.requests_per_second / baseline.requests_per_second
        share = m.requests_per_second / ceiling.requests_per_second
        errors = f"  ({m.non_2xx_3xx} errors)" if m.non_2xx_3xx else ""
        print(
            f"| {scenario.name:<48} | {m.requests_per_second:>8.0f} | {m.p50_ms:>7.2f} | {m.p99_ms:>7.2f} | "
            f"{ratio:>9.2f}× | {share:>9.0%} |{errors}"
        )
    print(f"\nresident memory after the run (KiB): {memory}")
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {name: vars(result) for name, result in medians.items()} | {"memory_kib": memory}
        arguments.json.write_text(json.dumps(payload, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
