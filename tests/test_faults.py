"""Faults: a crash mid-write, a full disk, a read-only disk, files broken or deleted while running,
a restart with a broken catalogue. The served content stays whole; the status says what broke.

The disk faults use real file systems (a small tmpfs, remounted read-only), which needs root: CI
runs as root here, and there these tests must run, so they only skip on a developer's machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.catalogues.files import write_atomically
from api.http.app import create_app
from api.reload import rebuild
from api.settings import Settings
from tests.conftest import SLUG, Client
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_DOMAIN, ARTICLE_PO, URDU, singular

TOKEN = "fault-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/x-gettext-translation", "If-Match": "*"}


def served(client: Client) -> bytes:
    return client.get(f"/v1/articles/{SLUG}?lang=ur", headers={"Accept-Encoding": "identity"}).content


def test_a_crash_between_write_and_rename_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "content.po"
    target.write_bytes(b"old version")
    crash = (
        "import os, sys; from pathlib import Path; from api.catalogues.files import write_atomically\n"
        "os.replace = lambda *a: os._exit(9)  # the process dies just before the rename\n"
        f"write_atomically(Path({str(target)!r}), b'new version' * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", crash], cwd=Path(__file__).parent.parent, check=False)
    assert result.returncode == 9
    assert target.read_bytes() == b"old version"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "content.po"]
    assert all(name.startswith(".content.po.") and name.endswith(".tmp") for name in leftovers)


@pytest.fixture
def small_disk(tmp_path: Path, library: tuple[Path, Path]) -> Iterator[Path]:
    """A 400 KiB tmpfs holding a copy of the library's locales/ (and its content/ beside it)."""
    if os.geteuid() != 0 and not os.environ.get("CI"):
        pytest.skip("mounting a tmpfs needs root (CI runs these)")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount_point)], check=True)
    try:
        shutil.copytree(library[1], mount_point / "locales")
        shutil.copytree(library[0], tmp_path / "content")
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _admin(locales_dir: Path) -> Client:
    content_dir = locales_dir.parent.parent / "content"  # beside the mount point (see `small_disk`)
    settings = Settings(
        content_dir=content_dir, locales_dir=locales_dir, admin_token=TOKEN, reload=False, history_kept=2
    )
    return TestClient(create_app(settings))


def test_full_disk_refuses_the_upload_and_keeps_serving(small_disk: Path) -> None:
    locales_dir = small_disk / "locales"
    po_path = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    with _admin(locales_dir) as client:
        heading = singular(URDU, "What Is It?")
        edited = po_path.read_bytes().replace(heading.encode(), "آخر یہ ہے کیا؟".encode())
        assert client.put(ARTICLE_PO, content=edited, headers=HEADERS).status_code == 200
        history_before = client.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"]
        assert len(history_before) == 2  # as many as are kept: a careless prune would drop one
    original = po_path.read_bytes()
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(free - 20_000, 0))  # leave less room than a catalogue needs
    with _admin(locales_dir) as client:
        before = served(client)
        bigger = original + b"\n#. padding\n" + b"# " + b"x" * 60_000 + b"\n"
        response = client.put(ARTICLE_PO, content=bigger, headers=HEADERS)
        problem = assert_problem(response, 507)
        assert "Nothing was changed" in problem["detail"]
        assert served(client) == before
        assert client.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"] == history_before
    assert po_path.read_bytes() == original
    assert not [p for p in po_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_read_only_disk_refuses_the_upload_and_keeps_serving(small_disk: Path) -> None:
    locales_dir = small_disk / "locales"
    po_path = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    original = po_path.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with _admin(locales_dir) as client:
        before = served(client)
        edited = original.replace(singular(URDU, "What Is It?").encode(), "آخر یہ ہے کیا؟".encode())
        assert edited != original
        problem = assert_problem(client.put(ARTICLE_PO, content=edited, headers=HEADERS), 500)
        assert "Read-only" in problem["detail"]
        assert served(client) == before
    assert po_path.read_bytes() == original


def test_content_deleted_while_running_keeps_the_last_good_snapshot(workspace: tuple[Path, Path]) -> None:
    app = create_app(Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False))
    with TestClient(app) as client:
        before = served(client)
        shutil.rmtree(workspace[0] / "articles")
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        assert served(client) == before
        problems = client.get("/v1/catalogues").json()["load_problems"]
        assert "no article files" in problems[-1]["problem"]


def test_restart_with_a_broken_catalogue_serves_the_rest_and_reports_it(workspace: tuple[Path, Path]) -> None:
    po_path = workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    po_path.write_bytes(b"\x00\x01 not a catalogue")
    settings = Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False, admin_token="t0ken")
    with TestClient(create_app(settings)) as client:
        assert client.get(f"/v1/articles/{SLUG}").json()["locale"] == "en"
        assert [locale["code"] for locale in client.get("/v1/locales").json()["locales"]] == ["en", "de"]
        assert client.get(f"/v1/articles/{SLUG}", headers={"Accept-Language": "ur"}).json()["locale"] == "en"
        urdu = client.get("/v1/catalogues/ur", headers={"Authorization": "Bearer t0ken"}).json()
        assert urdu["served"] is False
        (article,) = [status for status in urdu["domains"] if status["domain"] == ARTICLE_DOMAIN]
        assert article["serving"] == "none"
        assert article["refused"]["problems"][0]["check"] == "parse"


def test_a_replaced_file_keeps_its_mode_and_a_new_one_is_world_readable(tmp_path: Path) -> None:
    kept = tmp_path / "kept.po"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomically(kept, b"new")
    fresh = tmp_path / "history" / "fresh.po"
    write_atomically(fresh, b"first")
    assert (kept.stat().st_mode & 0o777, fresh.stat().st_mode & 0o777) == (0o640, 0o644)
