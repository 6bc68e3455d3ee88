"""The attacks of issue 13 (findings 2 and 3) against a real server with two workers, with numbers.

1. Endless headers: four connections each send a header value of up to 200 MiB. Printed: bytes
   the server took before refusing, each worker's memory before and after, the answer.
2. Held connections: thousands of connections that send half a request head and stop. Printed:
   how many the server held and how many it refused at once, whether 13 ordinary clients were
   served meanwhile, and how long until the held ones were let go.

    python -m bench.hostile [--connections 6000]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench.processes import rss_mib, server_pids
from bench.run import free_port, wait_ready

REPO = Path(__file__).resolve().parent.parent


def workers(parent: int) -> list[int]:
    """The worker processes (not the supervisor, not multiprocessing's resource tracker)."""
    children = server_pids(parent)[1:]
    return [pid for pid in children if "resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_text()]


def endless_header(port: int, results: list[tuple[int, bytes]]) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(b"GET /v1/clinic HTTP/1.1\r\nHost: x\r\nX-Junk: ")
        sent = 0
        try:
            while sent < 200 << 20:
                connection.sendall(b"a" * (1 << 20))
                sent += 1 << 20
        except OSError:
            pass
        try:
            answer = connection.recv(200)
        except OSError:
            answer = b""
        results.append((sent, answer.split(b"\r\n", 1)[0]))


def ordinary_clients(base: str, count: int) -> int:
    served = 0
    for _ in range(count):
        try:
            with urllib.request.urlopen(f"{base}/v1/clinic", timeout=5) as response:
                served += response.status == 200
        except OSError:
            pass
    return served


def held_connections(port: int, count: int) -> tuple[list[socket.socket], int]:
    held, refused = [], 0
    for _ in range(count):
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"GET /v1/clinic HTTP/1.1\r\nHost: x\r\n")
            held.append(connection)
        except OSError:
            refused += 1
    return held, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=6000)
    arguments = parser.parse_args()
    port = free_port()
    command = [str(Path(sys.executable).parent / "clinic-content"), "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/healthz")
        time.sleep(1)
        pids = workers(server.pid)
        before = [rss_mib(pid) for pid in pids]
        results: list[tuple[int, bytes]] = []
        attackers = [threading.Thread(target=endless_header, args=(port, results)) for _ in range(4)]
        started = time.monotonic()
        for attacker in attackers:
            attacker.start()
        for attacker in attackers:
            attacker.join()
        print(f"1. endless headers: {len(results)} connections, {time.monotonic() - started:.2f} s")
        for sent, status in results:
            print(f"   sent {sent / (1 << 20):.0f} MiB before the server stopped reading; answer {status.decode()}")
        print(f"   worker RSS MiB before {[round(m) for m in before]}, after {[round(rss_mib(p)) for p in pids]}")

        held, refused = held_connections(port, arguments.connections)
        answered = sum(1 for connection in held if _answered_at_once(connection))
        print(f"2. held connections: {arguments.connections} opened with half a head; {refused} failed to connect,")
        print(f"   {answered} answered at once (503: the longest-waiting made room), {len(held) - answered} held")
        print(f"   ordinary clients served during the attack: {ordinary_clients(base, 13)} of 13")
        print(f"   worker RSS MiB with the attack on: {[round(rss_mib(p)) for p in pids]}")
        started = time.monotonic()
        still = [c for c in held if not _closed_by_server(c, deadline=started + 30)]
        print(f"   all let go after {time.monotonic() - started:.1f} s ({len(still)} still open)")
        for connection in held:
            connection.close()
        print(f"   ordinary clients served after: {ordinary_clients(base, 13)} of 13")
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    warnings = [line for line in log.splitlines() if "refusal" in line or "the limit is" in line]
    print("log lines about the limits:", *warnings, sep="\n   ")


def _answered_at_once(connection: socket.socket) -> bool:
    connection.settimeout(0.001)
    try:
        return connection.recv(12).startswith(b"HTTP/1.1 503")
    except OSError:
        return False


def _closed_by_server(connection: socket.socket, deadline: float) -> bool:
    connection.settimeout(max(deadline - time.monotonic(), 0.01))
    try:
        while connection.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
