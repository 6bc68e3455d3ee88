"""Publishing safely: the right file, from the version in service, never losing translations or
history unasked; and a way back through the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_DOMAIN, ARTICLE_PO, URDU, singular

TOKEN = "a-long-random-admin-token"
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/x-gettext-translation"}
HEADING = singular(URDU, "What Is It?")


@pytest.fixture
def admin(workspace: tuple[Path, Path], make_client: ClientFactory) -> Client:
    return make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token=TOKEN, history_kept=3)


def download(client: Client, domain: str = ARTICLE_DOMAIN) -> tuple[bytes, str]:
    response = client.get(f"/v1/catalogues/ur.po?domain={domain}", headers={"Accept-Encoding": "identity"})
    return response.content, response.headers["etag"]


def put(client: Client, body: bytes, etag: str | None, query: str = "") -> Any:
    headers = {**WRITE, **({"If-Match": etag} if etag else {})}
    return client.put(f"{ARTICLE_PO}{query}", content=body, headers=headers)


def versions(client: Client, domain: str = ARTICLE_DOMAIN) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get(f"/v1/catalogues/ur/history?domain={domain}").json()["versions"]
    return found


def test_an_upload_without_if_match_is_428_unless_forced(admin: Client) -> None:
    po, _ = download(admin)
    edited = po.replace(HEADING.encode(), "آخر یہ ہے کیا؟".encode())
    assert "If-Match" in assert_problem(put(admin, edited, None), 428)["detail"]
    assert download(admin)[0] == po
    assert put(admin, edited, None, "&force=true").status_code == 200


def test_an_upload_made_from_an_older_download_is_412_and_loses_nothing(admin: Client) -> None:
    po, etag = download(admin)
    first = po.replace(HEADING.encode(), "پہلا ترجمہ؟".encode())
    second = po.replace(HEADING.encode(), "دوسرا ترجمہ؟".encode())
    accepted = put(admin, first, etag)
    assert accepted.status_code == 200
    new_etag = accepted.headers["etag"]
    assert new_etag == download(admin)[1]
    stale = assert_problem(put(admin, second, etag), 412)
    assert stale["current_etag"] == new_etag
    assert stale["current_revision"] == accepted.json()["revision"]
    assert download(admin)[0] == first
    gzip_etag = admin.get(ARTICLE_PO, headers={"Accept-Encoding": "gzip"}).headers["etag"]
    assert put(admin, second, gzip_etag).status_code == 200  # the ETag of either encoding will do


def test_the_ui_catalogue_sent_as_content_is_422_naming_its_domain(admin: Client) -> None:
    ui, _ = download(admin, "ui")
    _, etag = download(admin)
    problem = assert_problem(put(admin, ui, etag), 422)
    assert problem["type"].endswith("wrong-domain")
    assert problem["likely_domain"] == "ui"
    assert "?domain=ui" in problem["detail"]
    assert versions(admin) == []


def _blank(po: bytes) -> bytes:
    lines = po.decode().split("\n")
    header_end = lines.index("")
    body = [
        'msgstr ""' if line.startswith("msgstr ") else line
        for line in lines[header_end:]
        if not line.startswith('"')  # continuation lines of a msgstr go with it
    ]
    return "\n".join(lines[:header_end] + body).encode()


@pytest.mark.parametrize(
    "shrink",
    [
        lambda po: po[: po.index(b"\n\n") + 1],  # only its header
        _blank,  # every msgstr blank
        lambda po: po.replace(HEADING.encode(), b""),  # one translation emptied
    ],
)
def test_an_upload_with_fewer_translations_is_409_listing_them(admin: Client, shrink: Any) -> None:
    po, etag = download(admin)
    smaller = shrink(po)
    problem = assert_problem(put(admin, smaller, etag), 409)
    assert problem["lost_count"] >= 1
    assert problem["lost"][0]["msgid"]
    assert download(admin)[0] == po
    assert put(admin, smaller, etag, "&allow_fewer_translations=true").status_code == 200


def test_refusals_come_in_their_documented_order(admin: Client) -> None:
    po, etag = download(admin)
    ui, _ = download(admin, "ui")
    assert_problem(admin.put(ARTICLE_PO, content=b"x", headers={"If-Match": etag}), 401)
    png = {"Authorization": WRITE["Authorization"], "Content-Type": "image/png"}
    assert_problem(admin.put(ARTICLE_PO, content=b"x", headers=png), 415)  # before 428
    assert_problem(put(admin, b"not a catalogue", None), 428)
    assert_problem(put(admin, b"not a catalogue", '"stale"'), 412)
    assert_problem(put(admin, b"not a catalogue", etag), 422)
    assert_problem(put(admin, ui, etag), 422)
    assert_problem(put(admin, po.replace(HEADING.encode(), b""), etag), 409)


def test_history_lists_downloads_and_restores_versions(admin: Client) -> None:
    original, etag = download(admin)
    edited = original.replace(HEADING.encode(), "آخر یہ ہے کیا؟".encode())
    assert put(admin, edited, etag).status_code == 200
    older, newer = versions(admin)[1], versions(admin)[0]
    assert (older["origin"], newer["origin"]) == ("on-disk", "upload")
    assert admin.get(f"/v1/catalogues/ur/history/{older['id']}.po?domain={ARTICLE_DOMAIN}").content == original
    assert_problem(admin.get(f"/v1/catalogues/ur/history/../../etc/passwd.po?domain={ARTICLE_DOMAIN}"), 404)
    restore = f"/v1/catalogues/ur/history/{older['id']}/restore?domain={ARTICLE_DOMAIN}"
    assert_problem(admin.post(restore), 401)
    restored = admin.post(restore, headers=WRITE)
    assert restored.status_code == 200, restored.text
    assert download(admin)[0] == original
    assert [v["origin"] for v in versions(admin)] == ["restore", "upload", "on-disk"]


def test_an_identical_upload_adds_no_version_and_retention_is_a_setting(admin: Client) -> None:
    po, etag = download(admin)
    unchanged = put(admin, po, etag)
    assert (unchanged.status_code, unchanged.json()["changed"]) == (200, False)
    assert len(versions(admin)) == 1  # the version in service, recorded; nothing new
    heading = HEADING
    for number in range(5):
        current, etag = download(admin)
        new_heading = "سوال" + "ا" * (number + 1) + "؟"  # no digits: the English has no number
        edited = current.replace(heading.encode(), new_heading.encode())
        assert put(admin, edited, etag).json()["changed"] is True
        heading = new_heading
    assert len(versions(admin)) == 3  # history_kept=3
