"""The article list a clinic arranges: its own order, a translated category, an updated date."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from api.cli import main
from tests.conftest import SLUG, ClientFactory
from tests.library import short_article


def _articles(content_dir: Path, **first_fields: str) -> None:
    """Three articles: `zinc-peel` and `acne-care` added, the library's own article given `first_fields`."""
    (content_dir / "articles" / "zinc-peel.toml").write_text(
        'order = 1\ncategory = "Peels"\n' + short_article("zinc-peel", "Zinc Peel", "Aftercare", ("rest", "Rest.")),
        encoding="utf-8",
    )
    (content_dir / "articles" / "acne-care.toml").write_text(
        short_article("acne-care", "Acne Care", "Aftercare", ("wash", "Wash gently.")), encoding="utf-8"
    )
    path = content_dir / "articles" / f"{SLUG}.toml"
    lines = "".join(f"{name} = {value}\n" for name, value in first_fields.items())
    path.write_text(lines + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_articles_come_in_the_clinic_s_order_then_by_slug(
    workspace: tuple[Path, Path], make_client: ClientFactory
) -> None:
    _articles(workspace[0], order="0", updated="2026-11-20")
    client = make_client(content_dir=workspace[0], locales_dir=workspace[1])
    listed = client.get("/v1/articles").json()["articles"]
    assert [a["slug"] for a in listed] == [SLUG, "zinc-peel", "acne-care"]  # 0, 1, then no order
    assert listed[0]["updated"] == "2026-11-20"
    assert "updated" not in listed[1]
    assert client.get(f"/v1/articles/{SLUG}").json()["updated"] == "2026-11-20"
    assert [a["slug"] for a in client.get("/v1/bundle").json()["articles"]] == [SLUG, "zinc-peel", "acne-care"]


def test_a_category_is_translated_with_its_article(workspace: tuple[Path, Path], make_client: ClientFactory) -> None:
    content_dir, locales_dir = workspace
    _articles(content_dir)
    common = ["--content", str(content_dir), "--locales", str(locales_dir)]
    assert main(["extract", *common]) == main(["update", *common]) == 0
    path = locales_dir / "ur" / "LC_MESSAGES" / "articles" / "zinc-peel.po"
    po = polib.pofile(str(path))
    entry = po.find("Peels")
    assert entry is not None
    assert entry.comment == "Article zinc-peel: category"
    entry.msgstr = "چھلکے"
    po.save(str(path))
    client = make_client(content_dir=content_dir, locales_dir=locales_dir)
    (peel,) = [a for a in client.get("/v1/articles?lang=ur").json()["articles"] if a["slug"] == "zinc-peel"]
    assert peel["category"] == "چھلکے"
    german = client.get("/v1/articles/zinc-peel?lang=de").json()
    assert (german["category"], "/category" in german["fallbacks"]) == ("Peels", True)


@pytest.mark.parametrize(("field", "value"), [("order", "-1"), ("updated", '"last week"'), ("category", '""')])
def test_a_bad_order_date_or_category_names_the_file_and_field(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str], field: str, value: str
) -> None:
    _articles(workspace[0], **{field: value})
    assert main(["validate", "--content", str(workspace[0]), "--locales", str(workspace[1])]) == 2
    error = capsys.readouterr().err
    assert f"{SLUG}.toml" in error
    assert f"$.{field}" in error
