"""Summarize py-spy raw stacks (from bench/profile_requests.sh) as inclusive and self percentages.

python bench/profiles/summarize.py /tmp/raw-8062.txt "title" > bench/profiles/requests-after.txt
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

_LOCATION = re.compile(r"\s*\(.*?/(site-packages/|lib/python3\.11/|main/|old/)?")


def main(path: Path, title: str) -> None:
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        frames = [_LOCATION.sub(" (", frame) for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += samples
        own[frames[-1]] += samples
    print(title)
    print(f"py-spy record of one uvicorn worker under wrk (Urdu article by Accept-Language); {total} samples\n")
    print("inclusive % | frame")
    for frame, samples in inclusive.most_common(30):
        print(f"{100 * samples / total:10.1f}% | {frame}")
    print("\nself % | frame")
    for frame, samples in own.most_common(15):
        print(f"{100 * samples / total:6.1f}% | {frame}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
