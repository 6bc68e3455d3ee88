"""Summarize py-spy raw stacks (bench/profile_requests.sh) into inclusive and self percentages."""

import sys, collections, re

path, title = sys.argv[1], sys.argv[2]
incl = collections.Counter()
own = collections.Counter()
total = 0
for line in open(path):
    stack, _, count = line.rstrip().rpartition(" ")
    n = int(count)
    total += n
    frames = [re.sub(r"\s*\(.*?/(site-packages/|lib/python3\.11/|main/|old/)?", " (", f) for f in stack.split(";")]
    for f in set(frames):
        incl[f] += n
    own[frames[-1]] += n
print(
    f"{title}\npy-spy record, 8 s of one uvicorn worker under wrk -c32 (Urdu article by Accept-Language); {total} samples\n"
)
print("inclusive % | frame")
for f, n in incl.most_common(30):
    print(f"{100 * n / total:10.1f}% | {f}")
print("\nself % | frame")
for f, n in own.most_common(15):
    print(f"{100 * n / total:6.1f}% | {f}")
