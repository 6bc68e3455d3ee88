"""A library's bodies are held in one encoding each (issue 16's memory): as written, or gzipped
only over a size. The other form is made when a client first needs it and kept for the next;
whichever way, a client gets the bytes and headers of a body held in both forms."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from api import encoded
from api.encoded import EncodedBody, encode_bytes, on_request
from api.made_forms import MadeForms
from api.snapshot import Snapshot
from tests.conftest import SLUG, Client, ClientFactory

ARTICLE = f"/v1/articles/{SLUG}"


@pytest.fixture(autouse=True)
def article_sized_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit the tests' article is over and its list pages are under, so that both ways are
    exercised on one library (each test builds with its own cache)."""
    monkeypatch.setattr(encoded, "GZIP_ONLY_OVER", 1500)


def _both(held: EncodedBody) -> EncodedBody:
    """What the body held in both forms would be."""
    return encode_bytes(held.sent_identity(), held.locale, held.media_type)


def _urdu_list(snapshot: Snapshot) -> tuple[str, str]:
    return next(key for key in snapshot.localized if key[0].startswith("lists/") and key[1] == "ur")


@pytest.fixture
def served(library: tuple[Path, Path], make_client: ClientFactory, tmp_path: Path) -> tuple[Client, Snapshot]:
    """A client of the tests' library built with a cache of its own, and the snapshot it serves."""
    client = make_client(content_dir=library[0], locales_dir=library[1], cache_dir=tmp_path / "cache")
    return client, client.app.state.snapshots.current


def test_a_body_over_the_limit_is_held_gzipped_and_decompressed_for_a_client_that_asks(
    served: tuple[Client, Snapshot],
) -> None:
    client, snapshot = served
    held = snapshot.localized[(f"articles/{SLUG}", "ur")]
    assert len(held.sent_identity()) > encoded.GZIP_ONLY_OVER
    assert not held.identity_kept
    assert held.identity == b""
    expected = _both(held)
    zipped = client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "gzip"})
    assert (zipped.headers["content-encoding"], zipped.headers["etag"]) == ("gzip", expected.gzip_etag)
    assert len(snapshot.made_forms) == 0  # sent as held
    plain = client.get(f"{ARTICLE}?lang=ur", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["etag"] == expected.etag
    assert plain.headers["content-language"] == "ur"
    assert int(plain.headers["content-length"]) == len(expected.identity)
    assert plain.content == expected.identity == zipped.content  # the test client decompresses
    assert len(snapshot.made_forms) == 1
    client.get(f"{ARTICLE}?lang=ur")
    assert len(snapshot.made_forms) == 1  # kept, not made again


def test_a_list_page_is_held_as_written_and_gzipped_for_a_client_that_asks(served: tuple[Client, Snapshot]) -> None:
    client, snapshot = served
    key = _urdu_list(snapshot)
    held = snapshot.localized[key]
    assert len(held.identity) <= encoded.GZIP_ONLY_OVER
    assert held.gzip_on_request
    assert held.gzipped is held.identity  # one copy held
    expected = _both(held)
    zipped = client.get(f"/v1/{key[0]}?lang=ur", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] == expected.gzip_etag == held.gzip_etag
    assert int(zipped.headers["content-length"]) == len(expected.gzipped)
    assert zipped.content == held.identity
    assert len(snapshot.made_forms) == 1


def test_a_gzip_client_revalidates_with_the_gzip_etag(served: tuple[Client, Snapshot]) -> None:
    client, snapshot = served
    key = _urdu_list(snapshot)
    for path in (ARTICLE, f"/v1/{key[0]}"):
        first = client.get(f"{path}?lang=ur", headers={"Accept-Encoding": "gzip"})
        again = client.get(
            f"{path}?lang=ur", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304, path
        assert again.headers["etag"] == first.headers["etag"]


def test_litestar_answers_with_the_same_forms(served: tuple[Client, Snapshot]) -> None:
    """A query the hot path leaves to Litestar (`via`) gets the same bytes and headers."""
    client, snapshot = served
    key = _urdu_list(snapshot)
    for path, encoding in ((ARTICLE, "identity"), (f"/v1/{key[0]}", "gzip")):
        hot = client.get(f"{path}?lang=ur", headers={"Accept-Encoding": encoding})
        routed = client.get(f"{path}?lang=ur&via=litestar", headers={"Accept-Encoding": encoding})
        assert routed.status_code == hot.status_code == 200
        assert routed.content == hot.content
        for name in ("etag", "content-length", "content-encoding"):
            assert routed.headers.get(name) == hot.headers.get(name), (path, name)


def test_the_forms_kept_are_bounded() -> None:
    forms = MadeForms(kept_bytes=100_000)
    held = [on_request(f'{{"n": {n}, "text": "{"aftercare " * 1000}"}}'.encode(), "ur") for n in range(12)]
    made = [forms.ready(body, gzipped=True) for body in held]
    assert all(gzip.decompress(one.gzipped) == body.identity for one, body in zip(made, held, strict=True))
    assert 1 < len(forms) < len(held)  # the oldest dropped
    assert forms.ready(held[-1], gzipped=True) is made[-1]  # the newest kept
    assert forms.ready(held[0], gzipped=True) is not made[0]  # dropped: made again
    assert forms.ready(held[0], gzipped=False) is held[0]  # held as written: nothing to make


def test_a_form_too_large_to_keep_is_made_each_time() -> None:
    """One client without gzip asking for the library's bundle must not push out every kept form."""
    forms = MadeForms(kept_bytes=80_000)
    small = forms.ready(on_request(b'{"text": "' + b"keep the area clean " * 200 + b'"}', "ur"), gzipped=True)
    large = encoded.held(encode_bytes(b'{"text": "' + bytes(range(256)) * 400 + b'"}', "ur", "application/json"))
    assert not large.identity_kept
    assert forms.ready(large, gzipped=False).identity == gzip.decompress(large.gzipped)
    assert len(forms) == 1
    assert forms.ready(small, gzipped=True) is small
