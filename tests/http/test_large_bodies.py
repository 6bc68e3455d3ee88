"""Large bodies (the library's bundle, the article and list indexes of a big library) are held
gzipped only (issue 16's memory): a client that takes gzip gets the held bytes, one that does
not gets them decompressed, with the same headers as before; a sync carries them whole."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from api import encoded
from tests.conftest import ClientFactory


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A limit the shared library's compiled cache was not built with: tests that use it build
    with a cache of their own (in service the limit is part of the code the cache is keyed by)."""
    monkeypatch.setattr(encoded, "GZIP_ONLY_OVER", 1000)
    return 1000


def test_a_body_held_gzipped_only_is_served_whole_either_way(
    library: tuple[Path, Path], make_client: ClientFactory, small_limit: int, tmp_path: Path
) -> None:
    client = make_client(content_dir=library[0], locales_dir=library[1], cache_dir=tmp_path / "cache")
    held = client.app.state.snapshots.current.localized[("bundle", "ur")]
    assert not held.identity_kept
    assert held.identity == b""
    plain = client.get("/v1/bundle?lang=ur", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert "content-encoding" not in plain.headers
    assert len(plain.content) > small_limit
    assert int(plain.headers["content-length"]) == len(plain.content)
    assert plain.headers["etag"] == held.etag
    assert plain.json()["locale"] == "ur"
    zipped = client.get("/v1/bundle?lang=ur", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] == held.gzip_etag
    assert zipped.content == plain.content  # the test client decompresses: the same document
    assert gzip.decompress(held.gzipped) == plain.content
    again = client.get("/v1/bundle?lang=ur", headers={"If-None-Match": held.etag, "Accept-Encoding": "identity"})
    assert again.status_code == 304


def test_a_sync_carries_a_held_resource_whole(
    library: tuple[Path, Path], make_client: ClientFactory, small_limit: int, tmp_path: Path
) -> None:
    client = make_client(content_dir=library[0], locales_dir=library[1], cache_dir=tmp_path / "cache")
    localized = client.app.state.snapshots.current.localized
    synced = {item["path"]: item["document"] for item in client.get("/v1/sync?lang=ur").json()["changed"]}
    held = [path for path in synced if not localized[(path.removeprefix("/v1/"), "ur")].identity_kept]
    assert held
    for path in held:
        assert synced[path] == client.get(f"{path}?lang=ur").json()
