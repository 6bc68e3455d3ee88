"""Starting the real `clinic-content serve` process for end-to-end tests."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO

from tests.conftest import REPO
from tests.library import LOCALES, build_library


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def clinic_content_command() -> list[str]:
    """The installed console script, next to this Python."""
    script = Path(sys.executable).parent / "clinic-content"
    assert script.exists(), "install the project first (pip install -e '.[test]')"
    return [str(script)]


class Server:
    """A running `clinic-content serve` process."""

    def __init__(
        self, base: str, process: subprocess.Popen[str], log: IO[str], launch: Callable[[], subprocess.Popen[str]]
    ) -> None:
        self.base = base
        self.process = process
        self._log = log
        self._launch = launch

    def restart(self) -> None:
        """Start it again, on the same port, with the same files (after `stop`: the network is back)."""
        self.stop()
        self.process = self._launch()
        wait_until_healthy(self.base, self.process, self._log)

    def log(self) -> str:
        """Everything the server has printed so far (stdout and stderr)."""
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def server_process(
    *arguments: str, env: Mapping[str, str] | None = None, cwd: Path = REPO, locales: tuple[str, ...] = LOCALES
) -> Iterator[Server]:
    """Start `clinic-content serve` on a free port and wait until /healthz answers; it serves the
    tests' library (built afresh, translated into `locales`) unless `arguments` name `--content`."""
    port = free_port()
    # The log goes to a file, not a pipe: a pipe nobody reads fills up and stalls the server.
    with tempfile.TemporaryFile(mode="w+") as log, tempfile.TemporaryDirectory() as scratch:
        if "--content" not in arguments:
            content_dir, locales_dir = build_library(Path(scratch), locales)
            arguments = ("--content", str(content_dir), "--locales", str(locales_dir), *arguments)
        command = [*clinic_content_command(), "serve", "--port", str(port), *arguments]

        def launch() -> subprocess.Popen[str]:
            environment = {**os.environ, **(env or {})}
            return subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT, text=True)

        process = launch()
        server = Server(f"http://127.0.0.1:{port}", process, log, launch)
        try:
            wait_until_healthy(server.base, process, log)
            yield server
        finally:
            server.stop()


@contextlib.contextmanager
def serving(build: Callable[[Path], tuple[Path, Path]], *arguments: str) -> Iterator[Server]:
    """`clinic-content serve` of a library that `build` writes into a scratch folder (its content
    and locales folders)."""
    with tempfile.TemporaryDirectory() as scratch:
        content_dir, locales_dir = build(Path(scratch))
        with server_process("--content", str(content_dir), "--locales", str(locales_dir), *arguments) as running:
            yield running


@contextlib.contextmanager
def running_server(*arguments: str, env: Mapping[str, str] | None = None, cwd: Path = REPO) -> Iterator[str]:
    """The base URL of a running server, for tests that only make requests."""
    with server_process(*arguments, env=env, cwd=cwd) as server:
        yield server.base


def wait_until_healthy(base: str, process: subprocess.Popen[str], log: IO[str]) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                json.load(response)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise AssertionError(f"server did not start:\n{log.read()}") from None
            time.sleep(0.1)
        else:
            return
