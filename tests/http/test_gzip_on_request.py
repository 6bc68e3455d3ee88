"""Articles and list pages are held once, as written; their gzip form is made when a client that
takes gzip first asks, and kept for the next (issue 16's memory and start time). Whichever way, a
client gets the bytes and headers a body gzipped up front would have given."""

from __future__ import annotations

import gzip
from pathlib import Path

from api.encoded import encode_bytes, on_request
from api.gzip_forms import GzipForms
from tests.conftest import SLUG, ClientFactory

ARTICLE = f"/v1/articles/{SLUG}"


def test_an_article_is_held_once_and_gzipped_when_asked(library: tuple[Path, Path], make_client: ClientFactory) -> None:
    client = make_client(content_dir=library[0], locales_dir=library[1])
    snapshot = client.app.state.snapshots.current
    held = snapshot.localized[(f"articles/{SLUG}", "ur")]
    assert held.gzip_on_request
    assert held.gzipped is held.identity  # one copy held
    assert len(snapshot.gzip_forms) == 0
    zipped = client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] == held.gzip_etag
    assert zipped.headers["content-language"] == "ur"
    expected = encode_bytes(held.identity, "ur", held.media_type)  # what gzipping up front gave
    assert zipped.headers["etag"] == expected.gzip_etag
    assert int(zipped.headers["content-length"]) == len(expected.gzipped)
    assert zipped.content == held.identity  # the test client decompresses
    assert len(snapshot.gzip_forms) == 1
    client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "gzip"})
    assert len(snapshot.gzip_forms) == 1  # kept, not made again
    plain = client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["etag"] == held.etag
    assert plain.content == held.identity


def test_a_gzip_client_revalidates_with_the_gzip_etag(library: tuple[Path, Path], make_client: ClientFactory) -> None:
    client = make_client(content_dir=library[0], locales_dir=library[1])
    first = client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "gzip"})
    again = client.get(
        f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]


def test_a_list_page_is_gzipped_when_asked_through_litestar_too(
    library: tuple[Path, Path], make_client: ClientFactory
) -> None:
    """A query the hot path leaves to Litestar (`via`) gets the same gzip form."""
    client = make_client(content_dir=library[0], locales_dir=library[1])
    snapshot = client.app.state.snapshots.current
    key = next(key for key in snapshot.localized if key[0].startswith("lists/") and key[1] == "ur")
    held = snapshot.localized[key]
    zipped = client.get(f"/v1/{key[0]}?lang=ur&via=litestar", headers={"Accept-Encoding": "gzip"})
    assert zipped.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] == held.gzip_etag
    assert zipped.content == held.identity


def test_the_gzip_forms_kept_are_bounded() -> None:
    forms = GzipForms(kept_bytes=30_000)
    held = [on_request(f'{{"n": {n}, "text": "{"aftercare " * 1000}"}}'.encode(), "ur") for n in range(6)]
    made = [forms.ready(body) for body in held]
    assert all(gzip.decompress(one.gzipped) == body.identity for one, body in zip(made, held, strict=True))
    assert 1 < len(forms) < len(held)  # the oldest dropped
    assert forms.ready(held[-1]) is made[-1]  # the newest kept
    assert forms.ready(held[0]) is not made[0]  # dropped: made again
