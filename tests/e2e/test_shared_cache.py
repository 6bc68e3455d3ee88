"""Through Debian's Varnish, a real shared cache, in front of a real server with CORS on (issue 13,
finding 1): every client gets its own language, and the CORS headers of its own origin, whatever
another client's request put in the cache first."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import Server, free_port, server_process

pytestmark = pytest.mark.e2e
ORIGIN = "https://app.example.org"


@pytest.fixture(scope="module")
def cache() -> Iterator[str]:
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    with (
        server_process(env={"CLINIC_CONTENT_CORS_ORIGINS": ORIGIN}) as server,
        tempfile.TemporaryDirectory() as work,
    ):
        yield from _varnish(varnishd, server, Path(work))


def _varnish(varnishd: str, server: Server, work: Path) -> Iterator[str]:
    port = server.base.rsplit(":", 1)[1]
    (work / "default.vcl").write_text(f'vcl 4.1;\nbackend api {{ .host = "127.0.0.1"; .port = "{port}"; }}\n')
    listen = free_port()
    command = [varnishd, "-F", "-j", "none", "-n", str(work / "state"), "-f", str(work / "default.vcl")]
    process = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{listen}", "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, "varnishd stopped"
                assert time.monotonic() < deadline, "varnishd did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(base: str, path: str, **headers: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(f"{base}{path}", headers={"Accept-Encoding": "gzip", **headers})
    with urllib.request.urlopen(request, timeout=5) as response:
        return {name.lower(): value for name, value in response.headers.items()}, response.read()


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/clinic", "/v1/locales"])
def test_a_shared_cache_never_hands_one_client_another_s_language_or_origin(cache: str, path: str) -> None:
    urdu, _ = fetch(cache, path, Origin=ORIGIN, **{"Accept-Language": "ur-PK"})
    english, _ = fetch(cache, path, Origin=ORIGIN, **{"Accept-Language": "en-US"})
    again, _ = fetch(cache, path, Origin=ORIGIN, **{"Accept-Language": "ur-PK"})
    plain, _ = fetch(cache, path, **{"Accept-Language": "en-US"})
    other, _ = fetch(cache, path, Origin="https://elsewhere.example", **{"Accept-Language": "en-US"})
    if path != "/v1/locales":  # the list of languages is the same in every language
        assert (urdu["content-language"], english["content-language"], again["content-language"]) == ("ur", "en", "ur")
        assert plain["content-language"] == "en"
    assert len(again["x-varnish"].split()) == 2  # a hit: the cache did keep the Urdu copy
    assert urdu["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in plain
    assert "access-control-allow-origin" not in other
