"""How the server grows with content: start-up, memory, reload and throughput at N articles.

For each N, synthetic content (bench/synthetic.py) is written to a temporary directory, the real
`clinic-content serve` is started with one worker, and this prints:
- start-up: from process start to the first served Urdu article;
- memory: resident set size after start-up and after the load;
- reload: from rewriting the Urdu catalogue on disk to the first response that shows the change,
  measured while wrk keeps reading (its failures are counted);
- throughput: wrk on an Urdu article (the per-request cost should not depend on N).

    python -m bench.scale [--articles 10 100 1000] [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.run import Result, free_port, pinned, wrk
from bench.synthetic import generate

SLUG = "how-microneedling-works-0"


@dataclass(frozen=True)
class Row:
    articles: int
    startup_s: float
    rss_start_mib: float
    reload_s: float
    reload_failures: int
    reload_p99_ms: float
    requests_per_second: float
    p99_ms: float
    rss_end_mib: float


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def get_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            text: str = response.read().decode()
        return text
    except OSError:
        return None


def measure(articles: int, seconds: int) -> Row:
    with tempfile.TemporaryDirectory() as temporary:
        content_dir, locales_dir = generate(articles, Path(temporary))
        port = free_port()
        bin_dir = Path(sys.executable).parent
        started = time.monotonic()
        process = subprocess.Popen(
            [
                *pinned(0),
                str(bin_dir / "clinic-content"),
                "serve",
                "--port",
                str(port),
                "--content",
                str(content_dir),
                "--locales",
                str(locales_dir),
                "--log-level",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        article = f"http://127.0.0.1:{port}/v1/articles/{SLUG}?lang=ur"
        try:
            while get_text(article) is None:
                if process.poll() is not None or time.monotonic() - started > 600:
                    raise RuntimeError("server did not start")
                time.sleep(0.02)
            startup = time.monotonic() - started
            rss_start = rss_mib(process.pid)

            po = locales_dir / "ur" / "LC_MESSAGES" / "articles" / f"{SLUG}.po"  # the one article edited
            text = po.read_text(encoding="utf-8")
            title = "مائیکرونیڈلنگ کیسے کام کرتی ہے: اس طریقۂ علاج کے پیچھے سائنس [0]"
            assert f'msgstr "{title}"' in text
            results: dict[str, Result] = {}
            load = threading.Thread(target=lambda: results.update(during=wrk(article, {}, 8, 16)), daemon=True)
            load.start()
            time.sleep(0.5)
            changed_at = time.monotonic()
            po.write_text(text.replace(f'msgstr "{title}"', f'msgstr "{title} ✓✓"'), encoding="utf-8")
            reload_s = float("nan")
            while time.monotonic() - changed_at < 300:
                body = get_text(article)
                if body and "✓✓" in body:
                    reload_s = time.monotonic() - changed_at
                    break
                time.sleep(0.02)
            load.join()
            during = results["during"]

            throughput = wrk(article, {}, seconds, 32)
            return Row(
                articles=articles,
                startup_s=startup,
                rss_start_mib=rss_start,
                reload_s=reload_s,
                reload_failures=during.non_2xx_3xx,
                reload_p99_ms=during.p99_ms,
                requests_per_second=throughput.requests_per_second,
                p99_ms=throughput.p99_ms,
                rss_end_mib=rss_mib(process.pid),
            )
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    rows = []
    for articles in arguments.articles:
        rows.append(measure(articles, arguments.seconds))
        print(f"{articles} articles measured", file=sys.stderr)
    print(
        "\n| articles | start-up s | RSS after start MiB | reload s | failed during reload | p99 during reload ms "
        "| req/s | p99 ms | RSS after load MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row.articles} | {row.startup_s:.2f} | {row.rss_start_mib:.0f} | {row.reload_s:.2f} | "
            f"{row.reload_failures} | {row.reload_p99_ms:.1f} | {row.requests_per_second:.0f} | {row.p99_ms:.2f} "
            f"| {row.rss_end_mib:.0f} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last.articles / first.articles
        print(
            f"\n{growth:.0f}× the articles: start-up ×{last.startup_s / first.startup_s:.1f}, "
            f"memory ×{last.rss_start_mib / first.rss_start_mib:.1f}, "
            f"throughput ×{last.requests_per_second / first.requests_per_second:.2f}"
        )
    if arguments.json:
        arguments.json.write_text(json.dumps([vars(row) for row in rows], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
