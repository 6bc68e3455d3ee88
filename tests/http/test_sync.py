"""`/v1/sync`: an app's first sync is everything; after one catalogue edit, exactly what it
touched; a removed article is a tombstone; versions survive a restart (the state folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib

from api.cli import main
from tests.conftest import SLUG, ClientFactory
from tests.library import translate

SECOND = """slug = "second"
title = "Second Article"
[[sections]]
id = "care"
heading = "Care"
blocks = [{ type = "paragraph", text = "Rest." }]
"""


def _library_with_two_articles(workspace: tuple[Path, Path]) -> tuple[Path, Path]:
    (workspace[0] / "articles" / "second.toml").write_text(SECOND, encoding="utf-8")
    return workspace


def _sync(client: Any, since: str | None = None) -> dict[str, Any]:
    response = client.get("/v1/sync?lang=ur" + (f"&since={since}" if since else ""))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_first_sync_carries_every_resource_as_served(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1])
    first = _sync(client)
    assert (first["full"], first["removed"], first["locale"]) == (True, [], "ur")
    paths = [resource["path"] for resource in first["changed"]]
    assert paths == sorted(paths)
    assert {"/v1/articles", f"/v1/articles/{SLUG}", "/v1/lists/aftercare", "/v1/clinic", "/v1/strings"} <= set(paths)
    for resource in first["changed"]:
        served = client.get(f"{resource['path']}?lang=ur", headers={"Accept-Encoding": "identity"})
        assert (resource["document"], resource["etag"]) == (served.json(), served.headers["etag"])
    assert _sync(client, "0123456789abcdef")["full"] is True  # a version it never served


def test_after_one_catalogue_edit_a_sync_carries_exactly_what_it_touched(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    content_dir, locales_dir = _library_with_two_articles(workspace)
    before = _sync(make_client(content_dir=content_dir, locales_dir=locales_dir))
    assert {"/v1/articles/second", f"/v1/articles/{SLUG}"} <= {r["path"] for r in before["changed"]}

    common = ["--content", str(content_dir), "--locales", str(locales_dir)]
    assert main(["extract", *common]) == main(["update", *common]) == 0  # the new article's strings, untranslated
    po = locales_dir / "ur" / "LC_MESSAGES" / "articles" / "second.po"  # made by `update`
    translate(po, {("", "Second Article"): "دوسرا مضمون"})  # the one edit
    entry = polib.pofile(str(po)).find("Second Article")
    assert entry is not None
    assert entry.msgstr == "دوسرا مضمون"
    restarted = make_client(content_dir=content_dir, locales_dir=locales_dir)  # versions outlive the process
    after = _sync(restarted, before["version"])
    assert after["full"] is False
    assert [r["path"] for r in after["changed"]] == ["/v1/articles", "/v1/articles/second"]
    assert after["removed"] == []
    assert after["version"] != before["version"]
    assert _sync(restarted, after["version"])["changed"] == []


def test_a_removed_article_is_a_tombstone(workspace: tuple[Path, Path], make_client: ClientFactory) -> None:
    content_dir, locales_dir = _library_with_two_articles(workspace)
    before = _sync(make_client(content_dir=content_dir, locales_dir=locales_dir))
    (content_dir / "articles" / "second.toml").unlink()
    after = _sync(make_client(content_dir=content_dir, locales_dir=locales_dir), before["version"])
    assert after["removed"] == ["/v1/articles/second"]
    assert [r["path"] for r in after["changed"]] == ["/v1/articles"]
