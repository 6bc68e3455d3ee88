"""Every response the shipped content gives, as a comparable record: the refactoring guard.

`python -m tests.content_gate.golden` writes `golden_responses.json` beside this file, with the
revision of the content and catalogues it was recorded from; `test_golden.py` compares a fresh
capture with it while the shipped content is that revision. Bodies are kept as their length and SHA-256, headers whole
(but `date`), so a change of one byte or one header shows. Run from the repository root with
relative directories, so that no absolute path enters a body.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from litestar.testing import TestClient

from api.http.app import create_app
from api.settings import Settings

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden_responses.json")
Request = tuple[str, str, dict[str, str]]
"""(method, path with query, request headers)"""

ENCODINGS = ({"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip"})
SHARED_PATHS = (
    "/v1/locales",
    "/healthz",
    "/v1/catalogues",
)
ERROR_REQUESTS: tuple[Request, ...] = (
    ("GET", "/v1/articles/no-such-article", {}),
    ("GET", "/v1/articles/no-such-article/sections/x", {}),
    ("GET", "/v1/lists/no-such-list", {}),
    ("GET", "/v1/clinic?lang=fr", {}),
    ("GET", "/v1/clinic?lang=fr&via=router", {}),
    ("GET", "/v1/catalogues/xx", {}),
    ("GET", "/v1/catalogues/xx.po?domain=ui", {}),
    ("GET", "/v1/catalogues/ur.po?domain=nope", {}),
    ("GET", "/v1/catalogues/ur.po", {}),
    ("PUT", "/v1/catalogues/ur.po?domain=ui", {"Content-Type": "text/plain"}),
    ("POST", "/v1/clinic", {}),
    ("GET", "/v1/nothing-here", {}),
)


def requests(keys: list[tuple[str, str]], shared: list[str]) -> Iterator[Request]:
    """Every snapshot key × locale × encoding, hot and routed, plus a 304 and the errors."""
    for resource, locale in keys:
        path = f"/v1/{resource}"
        for encoding in ENCODINGS:
            yield "GET", f"{path}?lang={locale}", encoding
            yield "GET", f"{path}?lang={locale}&via=router", encoding
            yield "GET", path, {"Accept-Language": locale, **encoding}
            yield "GET", f"{path}?via=router", {"Accept-Language": locale, **encoding}
        yield "GET", f"{path}?lang={locale}", {"If-None-Match": "*"}
    for path in (*SHARED_PATHS, *(f"/v1/{key}" for key in shared if key.startswith("catalogues/"))):
        for encoding in ENCODINGS:
            yield "GET", path, encoding
    for locale in sorted({locale for _, locale in keys} - {"en"}):
        for domain in ("clinic", "articles/how-microneedling-works", "ui"):
            for encoding in ENCODINGS:
                yield "GET", f"/v1/catalogues/{locale}.po?domain={domain}", encoding
    yield from ERROR_REQUESTS


def record(client: TestClient[Any], request: Request) -> dict[str, Any]:
    method, path, headers = request
    with client.stream(method, path, headers=headers) as response:
        raw = b"".join(response.iter_raw())  # the bytes as sent (httpx would decode gzip)
    return {
        "request": [method, path, sorted(headers.items())],
        "status": response.status_code,
        "headers": sorted(_comparable(k, v) for k, v in response.headers.multi_items() if k != "date"),
        "body_length": len(raw),
        "body_sha256": hashlib.sha256(raw).hexdigest(),
    }


def _comparable(name: str, value: str) -> tuple[str, str]:
    """Litestar lists a 405's Allow methods in set order, which changes with the hash seed; the order
    carries no meaning (RFC 9110 §10.2.1), so it is compared sorted."""
    if name == "allow":
        return name, ", ".join(sorted(method.strip() for method in value.split(",")))
    return name, value


def capture() -> tuple[str, list[dict[str, Any]]]:
    """The revision of the shipped content and catalogues, and the records of every response;
    the working directory must be the repository."""
    settings = Settings(content_dir=Path("content"), locales_dir=Path("locales"), reload=False)
    with TestClient(create_app(settings)) as client:
        snapshot = client.app.state.snapshots.current
        keys = sorted([*snapshot.localized, *snapshot.derived.keys()])  # sections and bundles made on request
        shared = sorted([*snapshot.shared, *snapshot.status.keys()])  # the status: made on request
        return snapshot.revision, [record(client, request) for request in requests(keys, shared)]


def main() -> None:
    os.chdir(REPO)
    revision, records = capture()
    recorded = {"revision": revision, "responses": records}
    GOLDEN.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {len(records)} responses of revision {revision}")


if __name__ == "__main__":
    main()
