"""Hostile requests over a real socket (bytes no HTTP client library would send): each gets a clear
4xx, never a 5xx or a hang, and the content served afterwards is byte for byte the same."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import SLUG
from tests.e2e.server import Server, server_process

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with server_process() as running:
        yield running


def raw(server: Server, request: bytes) -> tuple[int, bytes]:
    """Send raw bytes; the status code and the body (0 when the server closed without answering)."""
    status, answer = raw_answer(server, request)
    return (status, answer.partition(b"\r\n\r\n")[2]) if status else (0, answer)


def raw_answer(server: Server, request: bytes) -> tuple[int, bytes]:
    """Send raw bytes; the status code and the whole answer, head and body."""
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
    answer = b"".join(chunks)
    if not answer.startswith(b"HTTP/1."):
        return 0, answer
    return int(answer.split(b" ", 2)[1]), answer


def served(server: Server) -> bytes:
    request = urllib.request.Request(f"{server.base}/v1/articles/{SLUG}", headers={"Accept-Language": "ur"})
    with urllib.request.urlopen(request, timeout=5) as response:
        body: bytes = response.read()
    return body


def get(target: bytes, *headers: bytes) -> bytes:
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: test", b"Connection: close", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (f"/v1/articles/{SLUG}/../../../etc/passwd".encode(), {404}),
        (b"/v1/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", {404}),
        (b"/v1/articles/" + b"%2E" * 50, {404}),
        (b"/v1/articles/abc%00def", {404}),
        (b"/v1/articles/\xff\xfe", {400, 404}),
        (b"/v1/articles/%ff%fe", {404}),
        (b"/v1/articles/" + b"a" * 10_000, {404}),
        (b"/v1/articles/" + SLUG.encode() + b"/sections/" + b"x" * 10_000, {404}),
        (b"/v1/clinic?lang=" + b"x" * 10_000, {400}),
        (b"/v1/clinic?lang=%00", {400}),
        (b"/v1/clinic?lang=%ff", {400}),
        (b"/v1/clinic?lang=ur%00", {400}),
        (b"/kiosk/../content/clinic.toml", {404}),
        (b"/kiosk/%2e%2e/content/clinic.toml", {404}),
        (b"/kiosk/fonts/", {404}),
    ],
)
def test_hostile_paths_and_parameters_get_a_clear_4xx(server: Server, target: bytes, expected: set[int]) -> None:
    before = served(server)
    status, body = raw(server, get(target))
    assert status in expected, body[:300]
    if status in (400, 404):
        assert b'"status":' in body or status == 400  # problem details (or the HTTP parser's own 400)
    assert served(server) == before


@pytest.mark.parametrize(
    "header",
    [
        b"Accept-Language: " + b"ur-PK;q=0.9," * 800,  # 10 KB: overlong, under the 16 KB header limit
        b"Accept-Language: \xff\xfe garbage \x80",
        b"Accept-Language: ;;;;q=====",
        b"If-None-Match: " + b'"' + b"a" * 8000 + b'"',
        b'If-None-Match: W/W/W/"',
        b"Accept-Encoding: " + b"gzip;q=x," * 500,
    ],
)
def test_malformed_and_overlong_headers_never_fail_a_read(server: Server, header: bytes) -> None:
    status, body = raw(server, get(f"/v1/articles/{SLUG}".encode(), header))
    assert status == 200, body[:300]


def test_huge_headers_are_refused_not_served(server: Server) -> None:
    status, body = raw(server, get(b"/v1/clinic", b"X-Junk: " + b"a" * 200_000))
    assert status == 431
    assert b'"status":431' in body
    assert served(server)


def test_nul_in_a_header_is_refused_by_the_http_parser(server: Server) -> None:
    status, _ = raw(server, get(b"/v1/clinic", b"Accept-Language: ur\x00en"))
    assert status == 400
    assert served(server)


@pytest.mark.parametrize("method", [b"BREW", b"DELETE", b"PATCH", b"TRACE", b"POST"])
def test_unknown_and_unsupported_methods(server: Server, method: bytes) -> None:
    request = get(b"/v1/clinic").replace(b"GET", method, 1)
    status, body = raw(server, request)
    assert status in (400, 405), body[:300]
    if status == 405:
        assert b'"status":405' in body


def test_a_slow_client_does_not_block_others(server: Server) -> None:
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as idle:
        idle.sendall(b"GET /v1/clinic HTTP/1.1\r\nHost: test\r\n")  # and never finishes the request
        assert served(server)


@pytest.mark.parametrize("target", [b"/v1/clinic", b"/v1/clinic?via=router"])
def test_a_header_sent_on_two_lines_is_one_list(server: Server, target: bytes) -> None:
    """RFC 9110 §5.3: `Accept-Language` and `If-None-Match` on several lines are combined (the
    second line was ignored: a French-first client holding the Urdu copy got it again)."""
    _, first = raw_answer(server, get(target, b"Accept-Language: ur"))
    etag = next(line for line in first.split(b"\r\n") if line.lower().startswith(b"etag:")).split(b":", 1)[1].strip()
    lines = (b"Accept-Language: fr", b"Accept-Language: ur", b'If-None-Match: "x"', b"If-None-Match: " + etag)
    status, _ = raw(server, get(target, *lines))
    assert status == 304
