"""A clinic's real library: 50 generated articles (each with its own aftercare list) and four
languages beside English, one below its threshold. Every path answers, negotiation follows CLDR's
likely subtags, and a sync after one catalogue edit carries exactly the article it touched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.settings import Settings
from tests.big_library import ARTICLES, build_big_library
from tests.conftest import SLUG, Client, ClientFactory
from tests.library import translate


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_big_library(tmp_path_factory.mktemp("big"))


@pytest.fixture
def client(big_library: tuple[Path, Path], make_client: ClientFactory, tmp_path: Path) -> Client:
    return make_client(content_dir=big_library[0], locales_dir=big_library[1], state_dir=tmp_path / "state")


def test_every_path_of_every_published_language_answers(client: Client) -> None:
    snapshot = client.app.state.snapshots.current
    assert snapshot.chooser.served == ("en", "de", "pa-Arab", "ur")
    assert set(snapshot.unpublished) == {"ps"}
    keys = sorted(snapshot.localized)
    assert len({key for key, _ in keys if key.startswith("articles/") and key.count("/") == 1}) == ARTICLES + 1
    for key, locale in keys:
        response = client.get(f"/v1/{key}?lang={locale}&via=router")
        assert response.status_code == 200, (key, locale)


@pytest.mark.parametrize(
    ("accept_language", "locale"),
    [("pa-PK", "pa-Arab"), ("ur-Arab-PK", "ur"), ("pa", "en"), ("ps-AF, de;q=0.5", "de")],
)
def test_negotiation_in_a_big_library(client: Client, accept_language: str, locale: str) -> None:
    assert client.get("/v1/clinic", headers={"Accept-Language": accept_language}).json()["locale"] == locale


def test_the_language_below_its_threshold_says_how_far_it_is(client: Client) -> None:
    problem: dict[str, Any] = client.get("/v1/clinic?lang=ps").json()
    assert problem["status"] == 404
    assert problem["type"].endswith("language-not-published")


def test_each_article_has_catalogues_of_its_own_in_every_language(big_library: tuple[Path, Path]) -> None:
    """An upload, a check and a reload cost in proportion to one article, not to the library."""
    locales_dir = big_library[1]
    for folder in ("ur", "de", "pa_Arab", "ps"):
        articles = sorted(p.stem for p in (locales_dir / folder / "LC_MESSAGES" / "articles").glob("*.po"))
        assert articles == sorted([SLUG, *(f"procedure-{n:02d}" for n in range(1, ARTICLES + 1))])
    sizes = [path.stat().st_size for path in locales_dir.rglob("*.po")]
    assert max(sizes) < Settings().max_upload_bytes / 20


def test_one_catalogue_edit_syncs_one_article(
    big_library: tuple[Path, Path], make_client: ClientFactory, tmp_path: Path
) -> None:
    content_dir, locales_dir = big_library
    state = tmp_path / "state"
    before = make_client(content_dir=content_dir, locales_dir=locales_dir, state_dir=state)
    version = before.get("/v1/sync?lang=ur").json()["version"]
    po = locales_dir / "ur" / "LC_MESSAGES" / "articles" / "procedure-17.po"
    original = po.read_bytes()
    try:
        translate(po, {("", "Procedure 17"): "طریقۂ علاج ۱۷"})
        after = make_client(content_dir=content_dir, locales_dir=locales_dir, state_dir=state)
        changed = after.get(f"/v1/sync?lang=ur&since={version}").json()["changed"]
        assert [resource["path"] for resource in changed] == ["/v1/articles", "/v1/articles/procedure-17"]
    finally:
        po.write_bytes(original)  # the library is shared by this module's tests
