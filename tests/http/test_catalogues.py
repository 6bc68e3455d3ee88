"""Translation status, downloads and uploads: auth, limits, checks, and content that never breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings
from tests.conftest import SLUG, Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_DOMAIN, ARTICLE_PO, UI_STRINGS, URDU, singular

TOKEN = "a-long-random-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/x-gettext-translation", "If-Match": "*"}
HEADING = singular(URDU, "What Is It?")
BETTER_HEADING = "آخر یہ ہے کیا؟"


@pytest.fixture
def admin_client(workspace: tuple[Path, Path], make_client: ClientFactory) -> Client:
    return make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token=TOKEN, max_upload_bytes=200_000)


def served_article(client: Client) -> bytes:
    return client.get(f"/v1/articles/{SLUG}?lang=ur", headers={"Accept-Encoding": "identity"}).content


def urdu_po(client: Client) -> bytes:
    return client.get(ARTICLE_PO, headers={"Accept-Encoding": "identity"}).content


def domain_status(client: Client, domain: str, locale: str = "ur") -> dict[str, Any]:
    """One catalogue's entry in a language's translation status, as a translator sees it (every
    problem listed; anonymous callers get the counts)."""
    headers = {"Authorization": AUTH["Authorization"]}
    domains: list[dict[str, Any]] = client.get(f"/v1/catalogues/{locale}", headers=headers).json()["domains"]
    (status,) = [found for found in domains if found["domain"] == domain]
    return status


def test_status_lists_counts_coverage_revision_and_problems(client: Client) -> None:
    index = client.get("/v1/catalogues").json()
    german, urdu = index["locales"]
    assert (german["locale"], urdu["locale"]) == ("de", "ur")
    assert urdu["served"] is True
    by_domain = {status["domain"]: status for status in urdu["domains"]}
    assert list(by_domain) == ["clinic", ARTICLE_DOMAIN, "ui", "desk"]  # one catalogue per article
    content = by_domain[ARTICLE_DOMAIN]
    assert (content["total"], content["translated"], content["coverage"]) == (19, 19, 1.0)
    assert (by_domain["clinic"]["total"], by_domain["ui"]["total"]) == (5, len(UI_STRINGS))
    assert content["file"] == f"ur/LC_MESSAGES/{ARTICLE_DOMAIN}.po"  # the server's directories stay private
    assert content["serving"] == "file"
    assert (content["errors"], content["warnings"]) == (0, 0)
    assert "problems" not in content  # listed for a translator's token only
    assert content["last_change"]
    assert len(content["revision"]) == 16
    assert client.get("/v1/catalogues/ur").json() == urdu
    assert_problem(client.get("/v1/catalogues/xx"), 404)


def test_download_is_the_po_file_in_service(client: Client, library_settings: Settings) -> None:
    response = client.get("/v1/catalogues/ur.po?domain=ui", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/x-gettext-translation")
    assert 'filename="ur-ui.po"' in response.headers["content-disposition"]
    assert response.content == (library_settings.locales_dir / "ur" / "LC_MESSAGES" / "ui.po").read_bytes()
    assert_problem(client.get(f"/v1/catalogues/fr.po?domain={ARTICLE_DOMAIN}"), 404)
    assert_problem(client.get("/v1/catalogues/ur.po?domain=nope"), 400)
    assert_problem(client.get("/v1/catalogues/ur.po?domain=articles/../ui"), 400)
    assert_problem(client.get("/v1/catalogues/ur.po?domain=articles/no-such-article"), 404)
    assert_problem(client.get("/v1/catalogues/ur.po"), 400)["type"].endswith(":domain-required")


def test_anyone_sees_counts_and_a_translator_every_problem(admin_client: Client, workspace: tuple[Path, Path]) -> None:
    """A file with thousands of problems made the public status megabytes (issue 13, finding 8)."""
    from api.reload import rebuild

    path = workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    path.write_text(path.read_text().replace(f'msgstr "{HEADING}"', 'msgstr ""'), encoding="utf-8")
    app = admin_client.app
    app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
    public = admin_client.get("/v1/catalogues/ur")
    (anonymous,) = [d for d in public.json()["domains"] if d["domain"] == ARTICLE_DOMAIN]
    assert anonymous["warnings"] >= 1
    assert "problems" not in anonymous
    assert public.headers.get_list("vary") == ["Accept-Encoding, Authorization"]  # one line, no duplicates
    translator = domain_status(admin_client, ARTICLE_DOMAIN)
    assert len(translator["problems"]) == translator["warnings"] + translator["errors"]
    every = admin_client.get("/v1/catalogues", headers={"Authorization": AUTH["Authorization"]}).json()
    assert any(d.get("problems") for status in every["locales"] for d in status["domains"])
    assert_problem(admin_client.get("/v1/catalogues/ur", headers={"Authorization": "Bearer wrong"}), 401)


def test_good_upload_is_served_at_once_and_the_previous_file_kept(
    admin_client: Client, workspace: tuple[Path, Path]
) -> None:
    original = urdu_po(admin_client)
    improved = original.replace(HEADING.encode(), BETTER_HEADING.encode())
    response = admin_client.put(ARTICLE_PO, content=improved, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["status"]["serving"] == "file"
    section = admin_client.get(f"/v1/articles/{SLUG}/sections/what-it-is?lang=ur").json()
    assert section["heading"] == BETTER_HEADING
    assert (workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po").read_bytes() == improved
    history = admin_client.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"]
    assert [(v["origin"], v["translated"]) for v in history] == [("upload", 19), ("on-disk", 19)]
    assert response.json()["version"] == history[0]
    kept = admin_client.get(f"/v1/catalogues/ur/history/{history[1]['id']}.po?domain={ARTICLE_DOMAIN}")
    assert kept.content == original
    assert urdu_po(admin_client) == improved
    assert not list((workspace[1] / "ur" / "LC_MESSAGES").glob(".*tmp"))


def _reject(
    client: Client, body: bytes, status: int, headers: dict[str, str] | None = None, path: str = ARTICLE_PO
) -> dict[str, Any]:
    before_article, before_po = served_article(client), urdu_po(client)
    response = client.put(path, content=body, headers=headers if headers is not None else AUTH)
    problem = assert_problem(response, status)
    assert served_article(client) == before_article
    assert urdu_po(client) == before_po
    return problem


def test_bad_upload_is_422_with_every_problem_and_its_line(admin_client: Client, workspace: tuple[Path, Path]) -> None:
    text = urdu_po(admin_client).decode()
    text = text.replace("Language: ur", "Language: ar").replace(HEADING, "یہ کیا ہے?")
    text = text.replace("{total} میں سے حصہ {n}", "حصہ {n}")  # not in this domain: no effect
    file_before = (workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po").read_bytes()
    problem = _reject(admin_client, text.encode(), 422)
    checks = {(e["check"], e["line"]) for e in problem["errors"] if e["severity"] == "error"}
    assert ("header-language", 11) in checks
    assert any(check == "punctuation" and line > 11 for check, line in checks)
    assert (workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po").read_bytes() == file_before
    assert admin_client.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"] == []


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"\x00\x01\x02binary junk\xff\xfe", "parse"),
        ('msgid ""\nmsgstr ""\n'.encode("utf-16"), "parse"),
        (b"\xef\xbb\xbf" + b'msgid ""\nmsgstr ""\n', "parse"),
        (b'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "parse"),
    ],
)
def test_unreadable_uploads_are_422(admin_client: Client, body: bytes, why: str) -> None:
    problem = _reject(admin_client, body, 422)
    assert problem["errors"][0]["check"] == why


def test_duplicate_entries_are_refused(admin_client: Client) -> None:
    po = urdu_po(admin_client)
    duplicate = po + '\nmsgid "Conclusion"\nmsgstr "خلاصہ"\n'.encode()
    problem = _reject(admin_client, duplicate, 422)
    assert [e["check"] for e in problem["errors"] if e["severity"] == "error"] == ["parse"]
    assert "duplicate message definition" in problem["errors"][0]["message"]


def test_upload_needs_the_token(admin_client: Client) -> None:
    po = urdu_po(admin_client)
    for headers in (
        {"Content-Type": "text/plain"},
        {"Content-Type": "text/plain", "Authorization": "Bearer wrong"},
        {"Content-Type": "text/plain", "Authorization": TOKEN},
        {"Content-Type": "text/plain", "Authorization": f"Basic {TOKEN}"},
    ):
        _reject(admin_client, po, 401, headers)


def test_uploads_are_refused_when_no_token_is_configured(client: Client) -> None:
    response = client.put(ARTICLE_PO, content=b"x", headers=AUTH)
    assert_problem(response, 403)


@pytest.mark.parametrize("content_type", ["application/json", "text/html", "", "text/plain; charset=latin-1"])
def test_wrong_content_type_is_415(admin_client: Client, content_type: str) -> None:
    headers = {"Authorization": AUTH["Authorization"], "Content-Type": content_type}
    _reject(admin_client, urdu_po(admin_client), 415, headers)


def test_oversize_upload_is_413(admin_client: Client) -> None:
    _reject(admin_client, urdu_po(admin_client) + b"#" * 300_000, 413)


def test_upload_to_the_source_language_or_a_non_po_path(admin_client: Client) -> None:
    assert_problem(admin_client.put(f"/v1/catalogues/en.po?domain={ARTICLE_DOMAIN}", content=b"x", headers=AUTH), 422)
    not_a_file = assert_problem(admin_client.put(f"/v1/catalogues/ur?domain={ARTICLE_DOMAIN}", content=b"x"), 405)
    assert "<locale>.po" in not_a_file["detail"]  # 405 before authentication: the status takes no upload
    assert_problem(admin_client.put("/v1/catalogues/ur.po?domain=articles/gone", content=b"x", headers=AUTH), 404)


def test_broken_file_on_disk_keeps_the_good_version_and_is_reported(workspace: tuple[Path, Path]) -> None:
    """A file changed on disk is picked up by the reload; a broken one never replaces the good one."""
    from api.reload import rebuild

    settings = Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False, admin_token=TOKEN)
    app = create_app(settings)
    with TestClient(app) as client:
        before = served_article(client)
        path = workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
        path.write_text(path.read_text().replace("Plural-Forms", "Plural-Froms") + '\nmsgid "x"\nmsgstr "y\n')
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        assert served_article(client) == before
        content = domain_status(client, ARTICLE_DOMAIN)
        assert content["serving"] == "previous"
        assert {p["check"] for p in content["refused"]["problems"]} == {"parse"}
        assert client.get("/v1/catalogues").json()["load_problems"]
        path.write_bytes(b"\x00 not a catalogue")
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        assert served_article(client) == before
        refused = domain_status(client, ARTICLE_DOMAIN)["refused"]
        assert refused["problems"][0]["check"] == "parse"
        path.unlink()
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        assert served_article(client) == before
        refused = domain_status(client, ARTICLE_DOMAIN)["refused"]
        assert refused["problems"][0]["message"] == "The file is missing on disk."


def test_broken_content_on_reload_keeps_serving_and_is_reported(workspace: tuple[Path, Path]) -> None:
    from api.reload import rebuild

    app = create_app(Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False))
    with TestClient(app) as client:
        before = served_article(client)
        (workspace[0] / "clinic.toml").write_text("licensed = maybe\n")
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        assert served_article(client) == before
        (problem,) = client.get("/v1/catalogues").json()["load_problems"]
        assert problem["file"].endswith("clinic.toml")


@pytest.mark.parametrize(("name", "hint"), [("UR", "ur"), ("ur_PK", "ur"), ("ur-PK", "ur"), ("ar", "init")])
def test_an_upload_never_starts_a_language_or_a_second_spelling(
    admin_client: Client, workspace: tuple[Path, Path], name: str, hint: str
) -> None:
    """Only a language started with `clinic-content init` takes uploads, under its one tag."""
    before = sorted(p.name for p in workspace[1].iterdir())
    problem = _reject(
        admin_client, urdu_po(admin_client), 404, headers=AUTH, path=f"/v1/catalogues/{name}.po?domain={ARTICLE_DOMAIN}"
    )
    assert hint in problem["detail"]
    assert sorted(p.name for p in workspace[1].iterdir()) == before
    assert [entry["locale"] for entry in admin_client.get("/v1/catalogues").json()["locales"]] == ["de", "ur"]


TITLE = singular(URDU, "Sample Procedure: What to Expect")


@pytest.mark.parametrize(
    ("damage", "line_of"),
    [
        (lambda po: po.replace(f'"{TITLE}"', f'"{TITLE}'), TITLE),  # lost its closing quote
        (lambda po: po.replace("PO-Revision-Date: ", "PO-Revision-\nDate: "), "PO-Revision-"),  # raw newline
        (lambda po: po[: po.index(TITLE) + 5], f'msgstr "{TITLE[:5]}'),  # cut off in the middle of a string
    ],
)
def test_broken_syntax_is_refused_not_repaired(
    admin_client: Client, damage: Callable[[str], str], line_of: str
) -> None:
    """polib once repaired these: the Urdu title was served cut short, the header garbled."""
    damaged = damage(urdu_po(admin_client).decode())
    problem = _reject(admin_client, damaged.encode(), 422)
    (error,) = [e for e in problem["errors"] if e["severity"] == "error"]
    assert error["check"] == "parse"
    assert error["line"] == next(n for n, line in enumerate(damaged.splitlines(), 1) if line_of in line)


def test_a_file_on_disk_with_fewer_translations_is_served_with_a_warning(workspace: tuple[Path, Path]) -> None:
    """A change on disk is a deploy: it is served, and what it took out of service is shown."""
    from api.reload import rebuild

    app = create_app(Settings(content_dir=workspace[0], locales_dir=workspace[1], reload=False, admin_token=TOKEN))
    with TestClient(app) as client:
        path = workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
        path.write_text(path.read_text().replace(f'msgstr "{HEADING}"', 'msgstr ""'), encoding="utf-8")
        app.state.snapshots.current = rebuild(workspace[0], workspace[1], app.state.snapshots.current)
        content = domain_status(client, ARTICLE_DOMAIN)
        assert content["serving"] == "file"
        (lost,) = [p for p in content["problems"] if p["check"] == "lost-translations"]
        assert lost["severity"] == "warning"
        assert "What Is It?" in lost["message"]
