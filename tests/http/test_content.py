"""The read endpoints through Litestar's test client: bodies, locale choice and language headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SLUG, Client, ClientFactory
from tests.library import GERMAN, SECTIONS, URDU

LOCALIZED = [
    "/v1/articles",
    f"/v1/articles/{SLUG}",
    f"/v1/articles/{SLUG}/sections/aftercare",
    "/v1/lists",
    "/v1/lists/aftercare",
    "/v1/lists/benefits",
    "/v1/clinic",
    "/v1/strings",
    "/v1/bundle",
]


def test_urdu_article_by_accept_language_is_whole_and_right_to_left(client: Client) -> None:
    response = client.get(f"/v1/articles/{SLUG}", headers={"Accept-Language": "ur-PK"})
    assert response.status_code == 200
    article = response.json()
    assert (article["locale"], article["dir"], article["fallbacks"]) == ("ur", "rtl", [])
    assert article["title"] == URDU[("", "Sample Procedure: What to Expect")]
    assert [section["id"] for section in article["sections"]] == list(SECTIONS)
    assert response.headers["content-language"] == "ur"
    assert "Accept-Language" in response.headers["vary"]


@pytest.mark.parametrize("path", LOCALIZED)
@pytest.mark.parametrize(
    ("query", "locale", "direction"),
    [("?lang=en", "en", "ltr"), ("?lang=UR_pk", "ur", "rtl"), ("?lang=de-AT", "de", "ltr")],
)
def test_every_localized_endpoint_says_its_locale_and_direction(
    client: Client, path: str, query: str, locale: str, direction: str
) -> None:
    response = client.get(path + query)
    assert response.status_code == 200
    body = response.json()
    assert (body["locale"], body["dir"], body["fallbacks"]) == (locale, direction, [])
    assert response.headers["content-language"] == locale
    assert response.headers["content-type"] == "application/json"


def test_lang_parameter_wins_over_accept_language(client: Client) -> None:
    body = client.get("/v1/clinic?lang=en", headers={"Accept-Language": "ur"}).json()
    assert body["locale"] == "en"


def test_default_locale_is_english(client: Client) -> None:
    assert client.get("/v1/clinic").json()["locale"] == "en"
    assert client.get("/v1/clinic", headers={"Accept-Language": "fr, *"}).json()["locale"] == "en"


def test_articles_index_lists_section_headings(client: Client) -> None:
    index = client.get("/v1/articles?lang=ur").json()
    (article,) = index["articles"]
    assert article["slug"] == SLUG
    assert article["reading_minutes"] >= 1
    assert [s["id"] for s in article["sections"]] == list(SECTIONS)
    assert article["sections"][0]["heading"] == URDU[("", "What Is It?")]


def test_aftercare_list_is_a_page_with_intro_items_and_outro(client: Client) -> None:
    page = client.get("/v1/lists/aftercare?lang=en").json()
    assert page["title"] == "Aftercare"
    assert page["intro"] == "After the treatment:"
    assert [i["id"] for i in page["items"]] == ["keep-clean", "avoid-sun", "ask-us"]
    assert all("title" not in item for item in page["items"])
    assert page["outro"] == "Follow these steps for the best results."
    assert (page["article"], page["section"]) == (SLUG, "aftercare")


def test_article_blocks_are_paragraphs_and_lists(client: Client) -> None:
    article = client.get(f"/v1/articles/{SLUG}?lang=en").json()
    benefits = next(s for s in article["sections"] if s["id"] == "benefits")
    (block,) = benefits["blocks"]
    assert block["type"] == "list"
    assert block["id"] == "benefits"
    assert block["items"][0] == {
        "id": "smoother-skin",
        "title": "Smoother Skin",
        "text": "The skin can feel smoother.",
    }
    assert {b["type"] for s in article["sections"] for b in s["blocks"]} == {"paragraph", "list"}


def test_clinic_details(client: Client) -> None:
    clinic = client.get("/v1/clinic?lang=ur").json()
    assert clinic["city"] == "لاہور"
    assert clinic["licensed"] is True
    assert clinic["licence"] == URDU[("", "Licensed clinic.")]
    assert "name" not in clinic  # the clinic gave none


def test_a_clinic_name_is_served_and_falls_back_until_translated(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    clinic_toml = workspace[0] / "clinic.toml"
    clinic_toml.write_text(
        'name = "Main Road Skin Clinic"\n' + clinic_toml.read_text(encoding="utf-8"), encoding="utf-8"
    )
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1])
    assert client.get("/v1/clinic?lang=en").json()["name"] == "Main Road Skin Clinic"
    urdu = client.get("/v1/clinic?lang=ur").json()
    assert urdu["name"] == "Main Road Skin Clinic"
    assert "/name" in urdu["fallbacks"]


def test_strings_carry_cldr_plural_categories(client: Client) -> None:
    strings = client.get("/v1/strings?lang=ur").json()
    assert strings["plural_categories"] == ["one", "other"]
    assert strings["strings"]["next"] == URDU[("next", "Next")]
    assert strings["strings"]["section_position"] == "{total} میں سے حصہ {n}"
    assert strings["plurals"]["section_count"] == {"one": "{n} حصہ", "other": "{n} حصے"}


def test_bundle_has_everything_and_a_version_that_differs_per_locale(client: Client) -> None:
    english = client.get("/v1/bundle?lang=en").json()
    urdu = client.get("/v1/bundle?lang=ur").json()
    assert {"articles", "lists", "clinic", "strings", "version"} <= english.keys()
    assert english["version"] != urdu["version"]
    assert urdu["articles"][0]["locale"] == "ur"


def test_locales_lists_cldr_names_direction_and_coverage(client: Client) -> None:
    response = client.get("/v1/locales")
    body = response.json()
    assert [locale.pop("coverage") for locale in body["locales"]] == [1.0, 1.0, 1.0]
    assert body == {
        "default": "en",
        "locales": [
            {
                "code": "en",
                "english_name": "English",
                "native_name": "English",
                "dir": "ltr",
                "script": "Latn",
                "digits": "latn",
            },
            {
                "code": "de",
                "english_name": "German",
                "native_name": "Deutsch",
                "dir": "ltr",
                "script": "Latn",
                "digits": "latn",
            },
            {
                "code": "ur",
                "english_name": "Urdu",
                "native_name": "اردو",
                "dir": "rtl",
                "script": "Arab",
                "digits": "arabext",
            },
        ],
    }
    assert "content-language" not in response.headers


def test_healthz_reports_the_revision_and_is_not_cached(client: Client) -> None:
    response = client.get("/healthz")
    body = response.json()
    assert body["status"] == "ok"
    assert len(body["revision"]) == 16
    assert body["locales"] == ["en", "de", "ur"]
    assert response.headers["cache-control"] == "no-store"


def test_a_body_gzip_would_only_grow_is_sent_as_it_is(client: Client) -> None:
    """/healthz gzipped was larger than plain (issue 13, finding 8)."""
    plain = client.get("/healthz", headers={"Accept-Encoding": "identity"})
    asked = client.stream("GET", "/healthz", headers={"Accept-Encoding": "gzip"})
    with asked as response:
        sent = b"".join(response.iter_raw())
        assert "content-encoding" not in response.headers
        assert response.headers["etag"] == plain.headers["etag"]
    assert sent == plain.content
    article = client.get(f"/v1/articles/{SLUG}", headers={"Accept-Encoding": "gzip"})
    assert article.headers["content-encoding"] == "gzip"  # a large body still is


def test_german_strings_have_their_own_plural_forms(client: Client) -> None:
    strings = client.get("/v1/strings", headers={"Accept-Language": "de-CH, en;q=0.5"}).json()
    assert (strings["locale"], strings["dir"]) == ("de", "ltr")
    assert strings["plurals"]["reading_time"] == dict(
        zip(("one", "other"), GERMAN[("reading_time", "{n}-minute read")], strict=True)
    )


def test_a_list_is_also_a_resource_of_its_article(client: Client) -> None:
    own = client.get(f"/v1/articles/{SLUG}/lists/aftercare?lang=ur", headers={"Accept-Encoding": "identity"})
    plain = client.get("/v1/lists/aftercare?lang=ur", headers={"Accept-Encoding": "identity"})
    assert own.status_code == 200
    assert (own.content, own.headers["etag"]) == (plain.content, plain.headers["etag"])
    assert client.get(f"/v1/articles/{SLUG}/lists/aftercare?lang=ur&via=router").content == plain.content
    assert client.get(f"/v1/articles/{SLUG}/lists/nope").status_code == 404
    assert client.get("/v1/articles/another/lists/aftercare").status_code == 404


def test_an_app_can_download_one_article_s_bundle(workspace: tuple[Path, Path], make_client: ClientFactory) -> None:
    second = 'slug = "second"\ntitle = "Second"\n[[sections]]\nid = "care"\nheading = "Care"\n'
    second += '[[sections.blocks]]\ntype = "list"\nid = "second-care"\nitems = [{ id = "one", text = "One." }]\n'
    (workspace[0] / "articles" / "second.toml").write_text(second, encoding="utf-8")
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1])
    whole = client.get("/v1/bundle?lang=ur").json()
    one = client.get(f"/v1/bundle?lang=ur&article={SLUG}", headers={"Accept-Encoding": "identity"})
    assert one.status_code == 200
    body = one.json()
    assert [a["slug"] for a in body["articles"]] == [SLUG]
    assert {page["id"] for page in body["lists"]} == {"benefits", "aftercare"}
    assert len(whole["articles"]) == 2
    assert body["version"] != whole["version"]
    by_path = client.get(f"/v1/articles/{SLUG}/bundle?lang=ur", headers={"Accept-Encoding": "identity"})
    assert (by_path.content, by_path.headers["etag"]) == (one.content, one.headers["etag"])
    assert client.get("/v1/bundle?article=nope").status_code == 404
