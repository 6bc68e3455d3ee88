"""ETags, 304s, Cache-Control and gzip: identical bytes while the content is unchanged."""

from __future__ import annotations

from tests.conftest import SLUG, Client, ClientFactory

ARTICLE = f"/v1/articles/{SLUG}?lang=ur"


def test_strong_etag_and_cache_control_on_every_200(client: Client) -> None:
    response = client.get(ARTICLE, headers={"Accept-Encoding": "identity"})
    etag = response.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert response.headers["cache-control"] == "public, max-age=300"


def test_matching_if_none_match_gets_304_without_body(client: Client) -> None:
    etag = client.get(ARTICLE, headers={"Accept-Encoding": "identity"}).headers["etag"]
    response = client.get(ARTICLE, headers={"If-None-Match": etag, "Accept-Encoding": "identity"})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag


def test_if_none_match_lists_weak_tags_and_star(client: Client) -> None:
    etag = client.get(ARTICLE, headers={"Accept-Encoding": "identity"}).headers["etag"]
    assert client.get(ARTICLE, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get(ARTICLE, headers={"If-None-Match": "*"}).status_code == 304


def test_stale_or_bogus_if_none_match_gets_the_full_body(client: Client) -> None:
    for bogus in ['"0000"', "garbage", "", '"' + "x" * 5000 + '"']:
        response = client.get(ARTICLE, headers={"If-None-Match": bogus})
        assert response.status_code == 200
        assert response.json()["locale"] == "ur"


def test_etag_differs_between_locales_and_is_stable_across_app_instances(make_client: ClientFactory) -> None:
    first, second = make_client(), make_client()
    ur_one = first.get(ARTICLE)
    ur_two = second.get(ARTICLE)
    en = first.get(f"/v1/articles/{SLUG}?lang=en")
    assert ur_one.headers["etag"] == ur_two.headers["etag"]
    assert ur_one.content == ur_two.content
    assert ur_one.headers["etag"] != en.headers["etag"]


def test_gzip_when_accepted_with_its_own_etag(client: Client) -> None:
    plain = client.get(ARTICLE, headers={"Accept-Encoding": "identity"})
    response = client.get(ARTICLE, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["etag"] != plain.headers["etag"]
    assert "Accept-Encoding" in response.headers["vary"]
    assert response.json() == plain.json()  # httpx decodes gzip
    assert int(response.headers["content-length"]) < len(plain.content) / 1.5


def test_gzip_refused_with_q_zero(client: Client) -> None:
    response = client.get(ARTICLE, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in response.headers


def test_cache_max_age_comes_from_settings(make_client: ClientFactory) -> None:
    assert make_client(cache_max_age=60).get("/v1/clinic").headers["cache-control"] == "public, max-age=60"
