"""What a process costs, from Linux's /proc: resident and proportional memory, CPU time, children."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def rss_mib(pid: int) -> float:
    """Resident set size: every page the process has in memory, shared or not (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return 0.0


def pss_mib(pid: int) -> float:
    """Proportional set size: a page shared by n processes counts 1/n in each (their sum is real)."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(rollup.split("\nPss:")[1].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """User and system time of the process and of its children so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def server_pids(parent: int) -> list[int]:
    """The server and its children (uvicorn's workers; `taskset` execs, so it is the server itself)."""
    children = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True, check=False).stdout
    return [parent, *(int(pid) for pid in children.split())]
