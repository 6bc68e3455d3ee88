"""The pages the API serves (the kiosk, the translators' desk) are served like its documents:
compressed, strong ETags answering `If-None-Match` with 304, each under its own Content-Security-Policy."""

from __future__ import annotations

import gzip

import pytest

from api.http.pages import DESK_DIR, KIOSK_DIR
from tests.conftest import Client


@pytest.mark.parametrize(("path", "media_type"), [("kiosk.js", "text/javascript"), ("kiosk.css", "text/css")])
def test_script_and_style_are_gzipped_with_etags(client: Client, path: str, media_type: str) -> None:
    response = client.get(f"/kiosk/{path}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.content == (KIOSK_DIR / path).read_bytes()  # httpx decodes the gzip
    assert int(response.headers["content-length"]) < len(gzip.compress(response.content)) + 64


def test_a_kept_copy_is_revalidated_with_304(client: Client) -> None:
    first = client.get("/kiosk/kiosk.js")
    etag = first.headers["etag"]
    again = client.get("/kiosk/kiosk.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert "script-src 'self'" in again.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/kiosk/", "/kiosk/?lang=ur&idle=60", "/kiosk/index.html"])
def test_the_page_is_the_index(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.content == (KIOSK_DIR / "index.html").read_bytes()


def test_without_the_slash_the_page_redirects_so_its_relative_links_resolve(client: Client) -> None:
    response = client.get("/kiosk", follow_redirects=False)
    assert response.status_code in (301, 308)
    assert response.headers["location"] == "/kiosk/"


def test_fonts_are_sent_as_they_are(client: Client) -> None:
    response = client.get("/kiosk/fonts/noto-sans-latin-400-normal.woff2", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "font/woff2"
    assert "content-encoding" not in response.headers  # already compressed: gzip would only add bytes


def test_head_answers_like_get_without_a_body(client: Client) -> None:
    response = client.head("/kiosk/kiosk.css")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["etag"]


def test_the_desk_is_a_page_of_its_own_that_no_one_may_frame(client: Client) -> None:
    page = client.get("/translate/")
    assert page.status_code == 200
    assert page.content == (DESK_DIR / "index.html").read_bytes()
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert client.get("/translate", follow_redirects=False).headers["location"] == "/translate/"
    assert client.get("/translate/desk.js").headers["content-type"].startswith("text/javascript")
