"""Clients that try to hold the server (raw sockets against a real server, issue 13 findings 2 and
3): a header that never ends, a head sent slowly, idle and half-sent connections up to the cap.
Each is refused with a problem, bounded in bytes and time, logged once, and the server serves
the next client at once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import Server, server_process
from tests.e2e.test_hostile_requests import served

pytestmark = pytest.mark.e2e

LIMITS = {
    "CLINIC_CONTENT_HEADER_TIMEOUT": "1.5",
    "CLINIC_CONTENT_KEEP_ALIVE_TIMEOUT": "1",
    "CLINIC_CONTENT_MAX_CONNECTIONS": "20",
}
"""Short times and a low cap, so that each limit shows within seconds."""


@pytest.fixture
def server() -> Iterator[Server]:
    with server_process(env=LIMITS) as running:
        yield running


def connect(server: Server, timeout: float = 10) -> socket.socket:
    host, port = server.base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def answer(connection: socket.socket) -> bytes:
    chunks = []
    try:
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    except (ConnectionResetError, TimeoutError):
        pass
    return b"".join(chunks)


def worker_rss_kib(server: Server) -> int:
    return int(Path(f"/proc/{server.process.pid}/status").read_text().split("VmRSS:")[1].split()[0])


def endless_header(server: Server, sent: list[int]) -> bytes:
    """Send one header's value a MiB at a time, up to 64 MiB, until the server stops reading."""
    with connect(server) as connection:
        connection.sendall(b"GET /v1/clinic HTTP/1.1\r\nHost: test\r\nX-Junk: ")
        total = 0
        try:
            for _ in range(64):
                connection.sendall(b"a" * (1 << 20))
                total += 1 << 20
        except (BrokenPipeError, ConnectionResetError):
            pass
        sent.append(total)
        return answer(connection)


def test_a_header_that_never_ends_is_refused_within_its_limit_and_costs_no_memory(server: Server) -> None:
    before = worker_rss_kib(server)
    sent: list[int] = []
    answers: list[bytes] = []
    attackers = [threading.Thread(target=lambda: answers.append(endless_header(server, sent))) for _ in range(4)]
    for attacker in attackers:
        attacker.start()
    for attacker in attackers:
        attacker.join(timeout=60)
    grown = worker_rss_kib(server) - before
    assert len(answers) == 4
    for refused in answers:
        assert refused.startswith(b"HTTP/1.1 431 "), refused[:200]
        assert b'"type":"urn:problem-type:clinic-content:headers-too-large"' in refused
    assert max(sent) < 64 << 20  # the server stopped reading long before
    assert grown < 30 * 1024, f"RSS grew {grown} KiB"  # it was ~600 MiB per worker before the limit
    assert served(server)
    assert server.log().count("431 headers-too-large") == 1  # logged once, then counted


def test_a_head_sent_slowly_gets_408_and_an_idle_connection_is_closed_quietly(server: Server) -> None:
    with connect(server) as slow, connect(server) as idle:
        slow.sendall(b"GET /v1/clinic HTTP/1.1\r\nHost: test\r\n")  # and never the blank line
        started = time.monotonic()
        refused, closed = answer(slow), answer(idle)
        waited = time.monotonic() - started
    assert refused.startswith(b"HTTP/1.1 408 "), refused[:200]
    assert b"headers-too-slow" in refused
    assert closed == b""  # nothing of a request was sent: no answer, and nothing logged
    assert 1.0 < waited < 5.0
    assert served(server)
    assert server.log().count("408 headers-too-slow") == 1


def test_an_idle_keep_alive_connection_is_closed_after_its_timeout(server: Server) -> None:
    with connect(server) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        time.sleep(0.2)
        first = connection.recv(65536)
        assert first.startswith(b"HTTP/1.1 200 ")
        started = time.monotonic()
        assert answer(connection) == b""  # closed by the server
        assert time.monotonic() - started < 4.0


def test_at_the_cap_the_longest_waiting_head_makes_room_for_a_whole_request(server: Server) -> None:
    held = []
    for _ in range(20):  # the cap, all held by half-sent heads, oldest first
        connection = connect(server)
        connection.sendall(b"GET /v1/clinic HTTP/1.1\r\n")
        held.append(connection)
        time.sleep(0.01)
    time.sleep(0.2)
    assert served(server)  # a client that sends its request at once is served at once
    evicted = answer(held[0])
    assert evicted.startswith(b"HTTP/1.1 503 "), evicted[:200]
    assert b"too-many-connections" in evicted
    for connection in held[2:]:  # the others keep their place until the header timeout
        assert answer(connection).startswith(b"HTTP/1.1 408 ")
    for connection in held:
        connection.close()
    log = server.log()
    assert log.count("503 too-many-connections") == 1
    assert "CLINIC_CONTENT_MAX_CONNECTIONS" in log
