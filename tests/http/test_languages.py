"""Any CLDR language, under one canonical BCP 47 tag, negotiated through CLDR's likely subtags:
Punjabi in Shahmukhi (`pa-Arab`) beside Urdu and German."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from api.cli import main
from tests.conftest import SLUG, Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import Translations, translate

SHAHMUKHI: Translations = {
    ("next", "Next"): "اگلا",
    ("back", "Back"): "پچھے",
    ("", "What Is It?"): "ایہہ کیہ اے؟",
    ("", "Lahore"): "لہور",
    ("", "Aftercare"): "بعد دی دیکھ بھال",
}
TOKEN = "languages-token"


@pytest.fixture
def with_shahmukhi(workspace: tuple[Path, Path]) -> tuple[Path, Path]:
    content_dir, locales_dir = workspace
    common = ["--content", str(content_dir), "--locales", str(locales_dir)]
    assert main(["init", *common, "--locale", "pa-Arab"]) == 0  # refused before: not a locale CLDR knows
    for path in (locales_dir / "pa_Arab" / "LC_MESSAGES").rglob("*.po"):
        translate(path, SHAHMUKHI)
    # Partly translated: published by a threshold of its own (the default, 0.9, would hold it back).
    (locales_dir / "pa_Arab" / "language.toml").write_text("min_coverage = 0.1\n", encoding="utf-8")
    return workspace


@pytest.fixture
def client_with_shahmukhi(with_shahmukhi: tuple[Path, Path], make_client: ClientFactory) -> Client:
    return make_client(content_dir=with_shahmukhi[0], locales_dir=with_shahmukhi[1], admin_token=TOKEN)


def test_init_takes_a_script_subtag_and_cldr_plural_rules(with_shahmukhi: tuple[Path, Path]) -> None:
    po = polib.pofile(str(with_shahmukhi[1] / "pa_Arab" / "LC_MESSAGES" / "ui.po"))
    assert po.metadata["Language"] == "pa_Arab"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize("lang", ["pa-Arab", "pa_Arab", "PA-arab", "pa-Arab-PK"])
def test_the_lang_parameter_takes_any_spelling_and_answers_the_canonical_tag(
    client_with_shahmukhi: Client, lang: str
) -> None:
    response = client_with_shahmukhi.get(f"/v1/articles/{SLUG}/sections/what-it-is?lang={lang}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["locale"], body["dir"], body["heading"]) == ("pa-Arab", "rtl", "ایہہ کیہ اے؟")
    assert response.headers["content-language"] == "pa-Arab"
    assert "/blocks/0/text" in body["fallbacks"]  # partly translated: English where it is not


@pytest.mark.parametrize(
    ("accept_language", "locale"),
    [
        ("pa-PK", "pa-Arab"),  # Punjabi in Pakistan is written in Shahmukhi (CLDR likely subtags)
        ("pa", "en"),  # Punjabi alone is Gurmukhi, which is not served
        ("pa-Guru-IN, ur;q=0.5", "ur"),
        ("ur-Arab-PK", "ur"),
        ("de-AT", "de"),
    ],
)
def test_negotiation_goes_through_likely_subtags(
    client_with_shahmukhi: Client, accept_language: str, locale: str
) -> None:
    body = client_with_shahmukhi.get("/v1/clinic", headers={"Accept-Language": accept_language}).json()
    assert body["locale"] == locale


def test_the_language_is_listed_named_in_itself(client_with_shahmukhi: Client) -> None:
    listed = {entry["code"]: entry for entry in client_with_shahmukhi.get("/v1/locales").json()["locales"]}
    assert listed["pa-Arab"]["native_name"] == "پنجابی (عربی)"
    assert listed["pa-Arab"]["dir"] == "rtl"
    assert 0 < listed["pa-Arab"]["coverage"] < 1
    scripts = {code: entry["script"] for code, entry in listed.items()}  # CLDR's, for a client's choice of font
    assert scripts == {"en": "Latn", "de": "Latn", "pa-Arab": "Arab", "ur": "Arab"}
    digits = {code: entry["digits"] for code, entry in listed.items()}  # CLDR's native numbering system
    assert digits == {"en": "latn", "de": "latn", "pa-Arab": "arabext", "ur": "arabext"}
    assert client_with_shahmukhi.get("/v1/catalogues/pa-Arab").json()["locale"] == "pa-Arab"


def test_its_catalogue_downloads_and_uploads_under_the_canonical_tag(client_with_shahmukhi: Client) -> None:
    download = client_with_shahmukhi.get("/v1/catalogues/pa-Arab.po?domain=ui", headers={"Accept-Encoding": "identity"})
    assert download.status_code == 200
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain", "If-Match": download.headers["etag"]}
    edited = download.content.replace("پچھے".encode(), "پچھاں".encode())
    assert (
        client_with_shahmukhi.put("/v1/catalogues/pa-Arab.po?domain=ui", content=edited, headers=headers).status_code
        == 200
    )
    problem = assert_problem(
        client_with_shahmukhi.put("/v1/catalogues/pa_Arab.po?domain=ui", content=edited, headers=headers), 404
    )
    assert "pa-Arab.po" in problem["detail"]


@pytest.fixture
def unpublished_shahmukhi(with_shahmukhi: tuple[Path, Path], make_client: ClientFactory) -> Client:
    (with_shahmukhi[1] / "pa_Arab" / "language.toml").unlink()  # back to the default threshold, 0.9
    return make_client(content_dir=with_shahmukhi[0], locales_dir=with_shahmukhi[1])


def test_a_language_below_its_threshold_is_not_offered(unpublished_shahmukhi: Client) -> None:
    client = unpublished_shahmukhi
    assert [entry["code"] for entry in client.get("/v1/locales").json()["locales"]] == ["en", "de", "ur"]
    assert client.get("/v1/clinic", headers={"Accept-Language": "pa-PK, en;q=0.1"}).json()["locale"] == "en"
    problem = assert_problem(client.get("/v1/clinic?lang=pa-Arab"), 404)
    assert problem["type"].endswith("language-not-published")
    assert problem["min_coverage"] == 0.9
    assert 0 < problem["ui_coverage"] < 0.9
    status = client.get("/v1/catalogues/pa-Arab").json()
    assert status["served"] is False
    assert status["not_published"]["min_coverage"] == 0.9
    assert_problem(client.get("/v1/clinic?lang=fr"), 400)  # a language with no catalogues is still a 400


SECOND_ARTICLE = """slug = "second-procedure"
title = "A Second Procedure"
[[sections]]
id = "overview"
heading = "Overview"
blocks = [{ type = "paragraph", text = "Nothing is translated here yet." }]
"""


def test_a_new_untranslated_article_never_hides_a_published_language(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    (workspace[0] / "articles" / "second-procedure.toml").write_text(SECOND_ARTICLE, encoding="utf-8")
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1])
    assert "ur" in [entry["code"] for entry in client.get("/v1/locales").json()["locales"]]
    listed = {a["slug"]: a for a in client.get("/v1/articles?lang=ur").json()["articles"]}
    assert listed["second-procedure"]["translated"] is False
    assert "translated" not in listed[SLUG]  # only the exception is written
    second = client.get("/v1/articles/second-procedure?lang=ur").json()
    assert (second["locale"], second["title"]) == ("ur", "A Second Procedure")
    assert "/title" in second["fallbacks"]
