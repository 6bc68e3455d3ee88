"""The Dockerfile, judged without a Docker engine: hadolint is clean, the image would run as an
unprivileged user, the wheel it installs carries the kiosk, and its entry command and health check
work when run as written (with /app mapped to a temporary directory)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO
from tests.e2e.server import free_port, wait_until_healthy

DOCKERFILE = REPO / "Dockerfile"
BIN = Path(sys.executable).parent


def final_stage() -> list[str]:
    """The instructions of the last stage, with continuation lines joined."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    stages = re.split(r"^FROM ", text, flags=re.MULTILINE)
    return [line.strip() for line in stages[-1].splitlines() if line.strip() and not line.startswith("#")]


def instruction(name: str) -> list[str]:
    return [line[len(name) + 1 :] for line in final_stage() if line.startswith(name + " ")]


def test_hadolint_is_clean() -> None:
    result = subprocess.run([str(BIN / "hadolint"), str(DOCKERFILE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_runs_as_an_unprivileged_user_with_a_health_check() -> None:
    (user,) = instruction("USER")
    assert user.split(":")[0] not in ("0", "root")
    assert instruction("HEALTHCHECK")
    assert len(re.findall(r"^FROM ", DOCKERFILE.read_text(), flags=re.MULTILINE)) >= 2  # multi-stage


def test_the_wheel_the_image_installs_carries_the_kiosk(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(REPO)],
        check=True,
    )
    (wheel,) = tmp_path.glob("clinic_content_api-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "api/kiosk/index.html",
        "api/kiosk/kiosk.js",
        "api/kiosk/sw.js",
        "api/kiosk/render.js",
        "api/kiosk/screens.js",
        "api/kiosk/fonts/noto-nastaliq-urdu-arabic-400-normal.woff2",
        "api/kiosk/fonts/OFL-NotoNastaliqUrdu.txt",
    ):
        assert required in names


def test_entry_command_and_health_check_work_as_written(tmp_path: Path) -> None:
    app_dir = tmp_path / "app"
    shutil.copytree(REPO / "content", app_dir / "content")
    shutil.copytree(REPO / "locales", app_dir / "locales")
    env = dict(os.environ)
    for line in instruction("ENV"):
        for name, value in re.findall(r"(\w+)=(\S+)", line):
            env[name] = value.replace("/app", str(app_dir))
    port = free_port()
    env["CLINIC_CONTENT_PORT"] = str(port)
    env["CLINIC_CONTENT_HOST"] = "127.0.0.1"
    (command,) = instruction("CMD")
    argv = json.loads(command)
    healthcheck = json.loads(instruction("HEALTHCHECK")[0].split("CMD ", 1)[1])
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    with (tmp_path / "log").open("w+") as log:
        process = subprocess.Popen(argv, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
            health = subprocess.run(
                [sys.executable if arg == "python" else arg for arg in healthcheck], env=env, check=False, timeout=10
            )
            assert health.returncode == 0
        finally:
            process.terminate()
            process.wait(timeout=10)
