"""CORS from configuration, and an OpenAPI document that describes what the handlers return."""

from __future__ import annotations

import json
from importlib.metadata import version

import pytest

from tests.conftest import Client, ClientFactory
from tests.http.test_errors import assert_problem


def test_cors_allows_configured_origins_only(make_client: ClientFactory) -> None:
    client = make_client(cors_origins=("https://kiosk.example",))
    allowed = client.get("/v1/clinic", headers={"Origin": "https://kiosk.example"})
    refused = client.get("/v1/clinic", headers={"Origin": "https://evil.example"})
    preflight = client.options(
        "/v1/clinic", headers={"Origin": "https://kiosk.example", "Access-Control-Request-Method": "GET"}
    )
    assert allowed.headers["access-control-allow-origin"] == "https://kiosk.example"
    assert "ETag" in allowed.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in refused.headers
    assert preflight.status_code == 204


def test_no_cors_headers_without_configuration(client: Client) -> None:
    response = client.get("/v1/clinic", headers={"Origin": "https://kiosk.example"})
    assert "access-control-allow-origin" not in response.headers


def test_openapi_describes_the_response_bodies(client: Client) -> None:
    schema = client.get("/schema/openapi.json").json()
    article = schema["paths"]["/v1/articles/{slug}"]["get"]
    assert article["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Article"
    }
    assert article["responses"]["404"]["content"]["application/problem+json"]["schema"]["$ref"].endswith("Problem")
    components = schema["components"]["schemas"]
    assert {"Article", "SectionPage", "ListPage", "Clinic", "UiStrings", "Bundle", "LocaleIndex", "Problem"} <= set(
        components
    )
    assert set(components["Article"]["required"]) >= {"locale", "dir", "fallbacks", "slug", "title", "sections"}
    parameters = {p["name"] for p in article["parameters"]}
    assert parameters == {"slug", "lang", "Accept-Language", "If-None-Match"}
    expected = {
        "/v1/locales",
        "/v1/articles",
        "/v1/articles/{slug}",
        "/v1/articles/{slug}/sections/{section_id}",
        "/v1/lists",
        "/v1/lists/{list_id}",
        "/v1/clinic",
        "/v1/strings",
        "/v1/bundle",
        "/healthz",
    }
    assert expected <= set(schema["paths"])


def test_openapi_says_what_litestar_cannot_see(client: Client) -> None:
    """Issue 13, finding 7: headers, 304s, the `.po` media type, the upload body, security,
    descriptions from the docstrings, the package's version, no random examples."""
    schema = client.get("/schema/openapi.json").json()
    assert schema["info"]["version"] == version("clinic-content-api")
    assert all("description" in component for component in schema["components"]["schemas"].values())
    assert "examples" not in json.dumps(schema["components"]["schemas"]["Problem"])
    paths = schema["paths"]
    conditional = ("/healthz", "/v1/catalogues", "/v1/catalogues/{lang}", "/v1/catalogues/{lang}.po", "/v1/locales")
    for path in (*conditional, "/v1/articles/{slug}"):
        responses = paths[path]["get"]["responses"]
        assert "304" in responses, path
        assert {"ETag", "Cache-Control", "Vary"} <= set(responses["200"]["headers"]), path
    assert "Content-Language" in paths["/v1/articles/{slug}"]["get"]["responses"]["200"]["headers"]
    status = paths["/v1/catalogues/{lang}"]["get"]["responses"]["200"]["content"]
    assert set(status) == {"application/json"}  # one route answers both; the document gives each its path
    download = paths["/v1/catalogues/{lang}.po"]["get"]
    assert set(download["responses"]["200"]["content"]) == {"text/x-gettext-translation"}
    assert next(p for p in download["parameters"] if p["name"] == "domain")["required"] is True
    upload = paths["/v1/catalogues/{lang}.po"]["put"]
    assert set(upload["requestBody"]["content"]) == {
        "text/x-gettext-translation",
        "text/plain",
        "application/octet-stream",
    }
    assert upload["security"] == [{"bearer": []}]
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_the_openapi_document_is_served_with_an_etag_gzipped_and_revalidated(client: Client) -> None:
    first = client.get("/schema/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    assert first.headers["etag"].endswith('-gzip"')
    assert "max-age" in first.headers["cache-control"]
    again = client.get("/schema/openapi.json", headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert client.get("/schema/openapi.json?via=router").json() == first.json()  # Litestar serves the same


@pytest.mark.parametrize(
    ("headers", "vary"),
    [
        (
            {"Origin": "https://kiosk.example", "Accept-Language": "ur-PK"},
            {"accept-language", "accept-encoding", "origin"},
        ),
        ({"Accept-Language": "ur-PK"}, {"accept-language", "accept-encoding", "origin"}),  # the hot path, no Origin
        ({"Origin": "https://evil.example"}, {"accept-language", "accept-encoding", "origin"}),
    ],
)
def test_with_cors_vary_names_language_encoding_and_origin(
    make_client: ClientFactory, headers: dict[str, str], vary: set[str]
) -> None:
    """Litestar's CORS middleware replaced Vary with Origin: a shared cache served Urdu to English."""
    client = make_client(cors_origins=("https://kiosk.example",))
    for extra in ({}, {"If-None-Match": "*"}):  # the 200 and the 304
        response = client.get("/v1/clinic", headers={**headers, **extra, "Accept-Encoding": "gzip"})
        assert response.status_code in (200, 304)
        assert {token.strip().lower() for token in response.headers["vary"].split(",")} == vary


@pytest.mark.parametrize("path", ["/v1/clinic", "/v1/clinic?via=router", "/v1/catalogues"])
def test_an_ordinary_cors_answer_carries_no_preflight_headers(make_client: ClientFactory, path: str) -> None:
    client = make_client(cors_origins=("https://kiosk.example",))
    response = client.get(path, headers={"Origin": "https://kiosk.example"})
    assert response.headers["access-control-allow-origin"] == "https://kiosk.example"
    assert "access-control-allow-methods" not in response.headers
    assert "access-control-allow-headers" not in response.headers
    preflight = client.options(
        path, headers={"Origin": "https://kiosk.example", "Access-Control-Request-Method": "GET"}
    )
    assert "GET" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
        {"Origin": "https://kiosk.example", "Access-Control-Request-Method": "DELETE"},
    ],
)
def test_a_refused_preflight_is_a_problem_saying_why(make_client: ClientFactory, headers: dict[str, str]) -> None:
    client = make_client(cors_origins=("https://kiosk.example",))
    problem = assert_problem(client.options("/v1/clinic", headers=headers), 400)
    assert problem["type"].endswith(":cors-refused")
    assert "Disallowed CORS" in problem["detail"]
