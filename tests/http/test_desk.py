"""The translators' desk's API (issue 15): entries as JSON, checks and previews of unsaved edits,
and saving them through the upload's path — judged by GNU msgfmt and by what is then served."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from api.catalogues.operations import init_locale
from tests.conftest import Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_DOMAIN, URDU, singular

TOKEN = "a-long-random-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENTRIES = f"/v1/catalogues/ur/entries?domain={ARTICLE_DOMAIN}"
KEEP_CLEAN = "Keep the area clean."


@pytest.fixture
def admin(workspace: tuple[Path, Path], make_client: ClientFactory) -> Client:
    return make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token=TOKEN)


def entries(client: Client, domain: str = ARTICLE_DOMAIN) -> dict[str, Any]:
    response = client.get(f"/v1/catalogues/ur/entries?domain={domain}", headers=AUTH)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def entry(body: dict[str, Any], msgid: str) -> dict[str, Any]:
    return next(found for found in body["entries"] if found["msgid"] == msgid)


def edit(msgid: str, translation: str, **more: Any) -> dict[str, Any]:
    return {"entries": [{"msgid": msgid, "translation": translation, **more}]}


def test_entries_are_json_with_places_states_and_the_download_s_etag(admin: Client) -> None:
    body = entries(admin)
    download = admin.get(f"/v1/catalogues/ur.po?domain={ARTICLE_DOMAIN}", headers={"Accept-Encoding": "identity"})
    assert body["etag"] == download.headers["etag"]
    assert body["plural_categories"] == ["one", "other"]
    assert (body["dir"], body["script"], body["digits"]) == ("rtl", "Arab", "arabext")
    found = entry(body, KEEP_CLEAN)
    assert found["translation"] == singular(URDU, KEEP_CLEAN)
    assert found["state"] == "translated"
    assert found["places"] == ["Article sample-procedure, section aftercare, list aftercare, item keep-clean: text"]
    assert len({row["id"] for row in body["entries"]}) == len(body["entries"])


def test_plural_forms_are_given_by_cldr_category(admin: Client) -> None:
    reading = next(row for row in entries(admin, "ui")["entries"] if row["msgctxt"] == "reading_time")
    assert reading["plural_forms"] == dict(
        zip(("one", "other"), URDU[("reading_time", "{n}-minute read")], strict=True)
    )
    assert "translation" not in reading


def test_entries_need_a_translator_s_token(admin: Client) -> None:
    assert_problem(admin.get(ENTRIES), 401)
    assert_problem(admin.get(ENTRIES, headers={"Authorization": "Bearer wrong"}), 401)


def test_check_runs_the_server_s_checks_and_saves_nothing(admin: Client) -> None:
    before = entries(admin)
    checked = admin.post(
        f"/v1/catalogues/ur/check?domain={ARTICLE_DOMAIN}", json=edit(KEEP_CLEAN, "اس حصے کو صاف رکھیں."), headers=AUTH
    )
    assert checked.status_code == 200, checked.text
    [result] = checked.json()["entries"]
    assert result["msgid"] == KEEP_CLEAN
    assert "punctuation" in {problem["check"] for problem in result["problems"]}  # a Latin full stop
    assert entries(admin) == before


def test_an_unknown_entry_or_misfit_forms_are_422(admin: Client) -> None:
    unknown = admin.post(f"/v1/catalogues/ur/check?domain={ARTICLE_DOMAIN}", json=edit("Nope.", "نہیں"), headers=AUTH)
    assert assert_problem(unknown, 422)["type"].endswith("unknown-entry")
    plural = {"entries": [{"msgctxt": "reading_time", "msgid": "{n}-minute read", "translation": "x"}]}
    misfit = admin.post("/v1/catalogues/ur/check?domain=ui", json=plural, headers=AUTH)
    assert "one, other" in assert_problem(misfit, 422)["detail"]


def test_preview_shows_the_unsaved_translation_where_a_patient_sees_it(admin: Client) -> None:
    changed = "علاقے کو صاف ستھرا رکھیں۔"
    response = admin.post(
        f"/v1/catalogues/ur/preview?domain={ARTICLE_DOMAIN}", json=edit(KEEP_CLEAN, changed), headers=AUTH
    )
    assert response.status_code == 200, response.text
    bundle = response.json()
    aftercare = next(page for page in bundle["lists"] if page["id"] == "aftercare")
    assert aftercare["items"][0]["text"] == changed
    assert bundle["locale"] == "ur"
    assert [article["slug"] for article in bundle["articles"]] == ["sample-procedure"]
    served = admin.get("/v1/lists/aftercare?lang=ur").json()
    assert served["items"][0]["text"] == singular(URDU, KEEP_CLEAN)  # nothing was saved


def test_a_preview_shows_a_failing_translation_in_english_as_it_would_be_served(admin: Client) -> None:
    broken = edit("The procedure takes about 30 minutes.", "یہ طریقۂ علاج تقریباً 40 منٹ لیتا ہے۔")
    bundle = admin.post(f"/v1/catalogues/ur/preview?domain={ARTICLE_DOMAIN}", json=broken, headers=AUTH).json()
    assert bundle["articles"][0]["sections"][0]["blocks"][0]["text"] == "The procedure takes about 30 minutes."


def test_save_writes_through_the_upload_path_and_msgfmt_accepts_the_file(
    admin: Client, workspace: tuple[Path, Path]
) -> None:
    body = entries(admin)
    changed = "علاقے کو صاف ستھرا رکھیں۔"
    saved = admin.patch(ENTRIES, json=edit(KEEP_CLEAN, changed), headers={**AUTH, "If-Match": body["etag"]})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"]["origin"] == "desk"
    assert admin.get("/v1/lists/aftercare?lang=ur").json()["items"][0]["text"] == changed
    path = workspace[1] / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    assert entry(entries(admin), KEEP_CLEAN)["translation"] == changed
    assert entries(admin)["etag"] == saved.headers["etag"]


def test_save_from_an_older_version_is_412_and_a_failing_edit_is_422(admin: Client) -> None:
    etag = entries(admin)["etag"]
    first = admin.patch(ENTRIES, json=edit(KEEP_CLEAN, "پہلا۔"), headers={**AUTH, "If-Match": etag})
    assert first.status_code == 200
    stale = admin.patch(ENTRIES, json=edit(KEEP_CLEAN, "دوسرا۔"), headers={**AUTH, "If-Match": etag})
    assert assert_problem(stale, 412)["current_etag"] == first.headers["etag"]
    failing = admin.patch(
        ENTRIES, json=edit(KEEP_CLEAN, "{n} صاف رکھیں۔"), headers={**AUTH, "If-Match": first.headers["etag"]}
    )
    assert_problem(failing, 422)
    assert entry(entries(admin), KEEP_CLEAN)["translation"] == "پہلا۔"


def test_saving_a_fuzzy_entry_clears_its_flag_unless_kept(admin: Client) -> None:
    etag = entries(admin)["etag"]
    marked = edit(KEEP_CLEAN, "صاف رکھیں۔", fuzzy=True)
    saved = admin.patch(ENTRIES, json=marked, headers={**AUTH, "If-Match": etag})
    assert saved.status_code == 409  # it would take a translation out of service
    kept = admin.patch(f"{ENTRIES}&allow_fewer_translations=true", json=marked, headers={**AUTH, "If-Match": etag})
    assert kept.status_code == 200, kept.text
    assert entry(entries(admin), KEEP_CLEAN)["state"] == "fuzzy"
    cleared = admin.patch(
        ENTRIES, json=edit(KEEP_CLEAN, "صاف رکھیں۔"), headers={**AUTH, "If-Match": kept.headers["etag"]}
    )
    assert entry(entries(admin), KEEP_CLEAN)["state"] == "translated", cleared.text


def test_an_entry_carries_the_glossary_terms_its_english_uses(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    (workspace[1] / "ur" / "glossary.toml").write_text(
        '[[terms]]\nenglish = ["area"]\ntranslations = ["حصہ", "حصے"]\n'
        'rejected = ["علاقہ"]\nnote = "the treated skin"\n\n'
        '[[terms]]\nenglish = ["sun"]\ntranslations = ["دھوپ"]\n',
        encoding="utf-8",
    )
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token=TOKEN)
    body = entries(client)
    assert entry(body, KEEP_CLEAN)["terms"] == [
        {"english": ["area"], "translations": ["حصہ", "حصے"], "rejected": ["علاقہ"], "note": "the treated skin"}
    ]
    assert [term["english"] for term in entry(body, "Avoid direct sun for a week.")["terms"]] == [["sun"]]
    assert "terms" not in entry(body, "Conclusion")  # whole words only: no term in it


def test_the_server_says_what_each_version_changed_entry_by_entry(admin: Client) -> None:
    first = admin.patch(ENTRIES, json=edit(KEEP_CLEAN, "پہلا۔"), headers={**AUTH, "If-Match": entries(admin)["etag"]})
    second = admin.patch(
        ENTRIES,
        json={"entries": [edit(KEEP_CLEAN, "دوسرا۔")["entries"][0], edit("Conclusion", "نتیجہ")["entries"][0]]},
        headers={**AUTH, "If-Match": first.headers["etag"]},
    )
    newest = second.json()["version"]["id"]
    history = f"/v1/catalogues/ur/history/{newest}/changes?domain={ARTICLE_DOMAIN}"
    body = admin.get(history, headers=AUTH).json()
    assert body["against"] == first.json()["version"]["id"]
    assert [(c["msgid"], c["before"]["translation"], c["after"]["translation"]) for c in body["changes"]] == [
        (KEEP_CLEAN, "پہلا۔", "دوسرا۔"),
        ("Conclusion", singular(URDU, "Conclusion"), "نتیجہ"),
    ]
    oldest = admin.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"][-1]["id"]
    across = admin.get(f"{history}&against={oldest}", headers=AUTH).json()
    assert {c["msgid"] for c in across["changes"]} == {KEEP_CLEAN, "Conclusion"}
    assert_problem(admin.get(f"{history}&against=20260101T000000000000Z-0000000000000000", headers=AUTH), 404)
    assert_problem(admin.get(history), 401)


def test_a_language_not_yet_published_can_be_edited_and_previewed(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    init_locale(workspace[1], "pa-Arab")  # nothing translated: far below any threshold
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1], admin_token=TOKEN)
    assert "pa-Arab" not in [locale["code"] for locale in client.get("/v1/locales").json()["locales"]]
    listed = client.get(f"/v1/catalogues/pa-Arab/entries?domain={ARTICLE_DOMAIN}", headers=AUTH).json()
    assert (listed["locale"], listed["dir"], listed["script"]) == ("pa-Arab", "rtl", "Arab")
    assert entry(listed, KEEP_CLEAN)["state"] == "untranslated"
    shown = client.post(
        f"/v1/catalogues/pa-Arab/preview?domain={ARTICLE_DOMAIN}", json=edit(KEEP_CLEAN, "تھاں صاف رکھو۔"), headers=AUTH
    ).json()
    assert shown["locale"] == "pa-Arab"
    assert next(page for page in shown["lists"] if page["id"] == "aftercare")["items"][0]["text"] == "تھاں صاف رکھو۔"


def test_changes_of_a_language_without_catalogues_or_a_strange_name_are_404(admin: Client) -> None:
    for lang in ("fr", "..", "ur%2F.."):
        assert_problem(admin.get(f"/v1/catalogues/{lang}/history/x/changes?domain={ARTICLE_DOMAIN}", headers=AUTH), 404)
