"""A client generated from our OpenAPI document by openapi-python-client, against a real server:
every operation, its 200 parsed into the generated models, its 304 when the ETag matches, an
upload and a restore with the bearer scheme (issue 13, finding 7: 6 of 90 calls failed)."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.e2e.server import Server, server_process
from tests.library import ARTICLE_DOMAIN, SLUG

pytestmark = pytest.mark.e2e
TOKEN = "generated-client-token"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with server_process(env={"CLINIC_CONTENT_ADMIN_TOKEN": TOKEN}) as running:
        yield running


@pytest.fixture(scope="module")
def generated(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The client package, generated from the running server's own document."""
    root = tmp_path_factory.mktemp("client")
    document = root / "openapi.json"
    with urllib.request.urlopen(f"{server.base}/schema/openapi.json", timeout=5) as response:
        document.write_bytes(response.read())
    command = [str(Path(sys.executable).parent / "openapi-python-client"), "generate", "--path", str(document)]
    result = subprocess.run([*command, "--meta", "none"], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    yield "clinic_content_api_client"
    sys.path.remove(str(root))


def module(package: str, name: str) -> ModuleType:
    return importlib.import_module(f"{package}.api.{name}")


def call_and_revalidate(operation: ModuleType, client: Any, *args: Any, **kwargs: Any) -> Any:
    """The 200, parsed; then the same call with its ETag, which must be a 304 the client accepts."""
    first = operation.sync_detailed(*args, client=client, **kwargs)
    assert first.status_code == 200, (operation.__name__, first.content[:200])
    assert first.parsed is not None, operation.__name__
    again = operation.sync_detailed(*args, client=client, if_none_match=first.headers["etag"], **kwargs)
    assert (again.status_code, again.content) == (304, b""), operation.__name__
    return first.parsed


def test_every_read_parses_and_revalidates(server: Server, generated: str) -> None:
    with importlib.import_module(generated).Client(base_url=server.base, raise_on_unexpected_status=True) as client:
        check_reads(generated, client)


def check_reads(generated: str, client: Any) -> None:
    reads: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
        ("content.v1_articles_articles", (), {"lang": "ur"}),
        ("content.v1_articles_slug_article", (SLUG,), {"accept_language": "ur-PK"}),
        ("content.v1_articles_slug_sections_section_id_section", (SLUG, "aftercare"), {"lang": "de"}),
        ("content.v1_articles_slug_lists_list_id_article_list", (SLUG, "aftercare"), {}),
        ("content.v1_articles_slug_bundle_article_bundle", (SLUG,), {"lang": "ur"}),
        ("content.v1_lists_lists", (), {}),
        ("content.v1_lists_list_id_list_page", ("benefits",), {"lang": "ur"}),
        ("content.v1_clinic_clinic", (), {"lang": "ur"}),
        ("content.v1_strings_strings", (), {"lang": "ur"}),
        ("content.v1_bundle_bundle", (), {"lang": "ur", "article": SLUG}),
        ("content.v1_locales_locales", (), {}),
        ("operations.healthz_healthz", (), {}),
        ("translation.v1_catalogues_index", (), {}),
        ("translation.v1_catalogues_lang_status", ("ur",), {}),
        ("translation.v1_catalogues_lang_po", ("ur",), {"domain": ARTICLE_DOMAIN}),
    ]
    parsed = {name: call_and_revalidate(module(generated, name), client, *args, **kw) for name, args, kw in reads}
    assert parsed["content.v1_articles_slug_article"].locale == "ur"
    assert parsed["translation.v1_catalogues_lang_po"].startswith("#")  # the .po file, as text
    synced = module(generated, "content.v1_sync_sync").sync_detailed(client=client, lang="ur")
    assert (synced.status_code, synced.parsed.full) == (200, True)  # no ETag: `since` is its validator
    ready = module(generated, "operations.readyz_readyz").sync_detailed(client=client)
    assert (ready.status_code, ready.parsed.status.value) == (200, "ok")


def test_an_upload_history_and_restore_through_the_generated_client(server: Server, generated: str) -> None:
    package = importlib.import_module(generated)
    with package.AuthenticatedClient(base_url=server.base, token=TOKEN, raise_on_unexpected_status=True) as client:
        check_writes(generated, client)


def check_writes(generated: str, client: Any) -> None:
    download: Callable[..., Any] = module(generated, "translation.v1_catalogues_lang_po").sync_detailed
    current = download("ur", client=client, domain=ARTICLE_DOMAIN)
    edited = current.parsed.replace("یہ کیا ہے؟", "آخر یہ ہے کیا؟").encode()
    body = importlib.import_module(f"{generated}.types").File(
        payload=io.BytesIO(edited), file_name="ur.po", mime_type="application/octet-stream"
    )
    upload = module(generated, "translation.v1_catalogues_lang_po_upload").sync_detailed
    accepted = upload("ur", client=client, body=body, domain=ARTICLE_DOMAIN, if_match=current.headers["etag"])
    assert accepted.status_code == 200, accepted.content[:300]
    assert accepted.parsed.changed is True
    history = module(generated, "translation.v1_catalogues_lang_history_versions").sync_detailed
    versions = history("ur", client=client, domain=ARTICLE_DOMAIN).parsed.versions
    older = versions[1].id
    kept = module(generated, "translation.v1_catalogues_lang_history_version_version_file").sync_detailed
    assert kept("ur", f"{older}.po", client=client, domain=ARTICLE_DOMAIN).parsed == current.parsed
    restore = module(generated, "translation.v1_catalogues_lang_history_version_restore_restore").sync_detailed
    restored = restore("ur", older, client=client, domain=ARTICLE_DOMAIN)
    assert (restored.status_code, restored.parsed.version.origin.value) == (200, "restore")
    assert download("ur", client=client, domain=ARTICLE_DOMAIN).parsed == current.parsed
