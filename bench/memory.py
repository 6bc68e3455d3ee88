"""Where a worker's memory goes: a synthetic library built with the compiled cache, then a warm
build under tracemalloc, its live allocations summed by what made them (bodies, catalogue states,
content), and the cold build's time under cProfile by function.

    python -m bench.memory [--articles 1000] [--profile-cold]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from api.compiled.store import CompiledCache
from api.snapshot import build_snapshot, keep_all_bodies
from bench.synthetic import generate

ORIGINS = {
    "locale_bodies.py": "bodies",
    "serving.py": "catalogue states",
    "loaded_content.py": "content and messages",
    "status_bodies.py": "catalogue status",
}


def origin(traceback: tracemalloc.Traceback) -> str:
    """The first of our modules that asked for the memory, in words."""
    for frame in traceback:
        name = frame.filename.rsplit("/", 1)[-1]
        if name in ORIGINS:
            return ORIGINS[name]
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--profile-cold", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        content_dir, locales_dir = generate(arguments.articles, Path(temporary))
        cache = Path(temporary) / "cache"
        profile = cProfile.Profile() if arguments.profile_cold else None
        started = time.perf_counter()
        if profile:
            profile.enable()
        first = build_snapshot(content_dir, locales_dir, cache=CompiledCache(cache))
        if profile:
            profile.disable()
        print(f"cold build {time.perf_counter() - started:.2f} s")
        keep_all_bodies(first.with_gzip(), CompiledCache(cache))  # what a server does once serving
        del first
        tracemalloc.start(25)
        started = time.perf_counter()
        snapshot = build_snapshot(content_dir, locales_dir, cache=CompiledCache(cache))
        print(f"warm build {time.perf_counter() - started:.2f} s (under tracemalloc)")
        sizes: Counter[str] = Counter()
        for statistic in tracemalloc.take_snapshot().statistics("traceback"):
            sizes[origin(statistic.traceback)] += statistic.size
        del snapshot
        for name, size in sizes.most_common():
            print(f"{size / 2**20:8.1f} MiB  {name}")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
