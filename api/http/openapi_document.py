"""The OpenAPI document as clients need it: what Litestar generates from the handlers, completed
with what it cannot see — conditional requests and their 304s, the response headers, the `.po`
media type and the upload body, the bearer scheme, and descriptions from the Structs' docstrings.

Built once per process and served pre-encoded (ETag, gzip) like every other body.
"""

from __future__ import annotations

import ast
import copy
import inspect
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import msgspec
from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin

from api import catalogue_documents, desk_documents, documents
from api.encoded import PO_MEDIA_TYPE, EncodedBody, encode_bytes
from api.http import problems

OPENAPI_PATH = "/schema/openapi.json"
OPENAPI_MEDIA_TYPE = "application/vnd.oai.openapi+json"

UPLOAD_MEDIA_TYPES = ("text/x-gettext-translation", "text/plain", "application/octet-stream")
CONDITIONAL = ("/v1/", "/healthz")
"""Paths whose GETs carry a strong ETag and answer a matching `If-None-Match` with 304 (all but
the catalogue history, which is read rarely and never cached)."""
UNCONDITIONAL = frozenset({"/v1/sync"})
"""A sync answers what changed since the app's `since`: the question is the validator."""
STATUS = ("/v1/catalogues", "/v1/catalogues/{lang}")
_CATALOGUE = "/v1/catalogues/{name}"
"""One Litestar route answers `ur` (the status) and `ur.po` (the file); the document gives each its
own path, so that a generated client asks for the right media type and builds the right URL."""
_HEADER = {"schema": {"type": "string"}}
_RESPONSE_HEADERS = {
    "ETag": {**_HEADER, "description": "Strong validator of this body (`-gzip` for the gzipped one)."},
    "Cache-Control": {**_HEADER, "description": "How long a client or a shared cache may reuse the answer."},
    "Vary": {**_HEADER, "description": "The request headers the body depends on."},
}
_CONTENT_LANGUAGE = {**_HEADER, "description": "The BCP 47 tag of the language served."}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETags of copies the client holds; a match is answered 304 without a body.",
    "schema": {"type": "string"},
}


class CompletedOpenAPI(JsonRenderPlugin):
    """`/schema/openapi.json`: the completed document, encoded once (the fast path serves the same
    bytes with their ETag and gzip)."""

    def __init__(self) -> None:
        super().__init__()
        self._encoded: EncodedBody | None = None

    def encoded(self, generated: dict[str, Any]) -> EncodedBody:
        if self._encoded is None:
            self._encoded = encode_bytes(msgspec.json.encode(completed(generated)), None, OPENAPI_MEDIA_TYPE)
        return self._encoded

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:  # noqa: ARG002
        return self.encoded(openapi_schema).identity


def completed(generated: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(generated)
    document.setdefault("components", {})["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "The admin token, or a translator's own (`clinic-content translator-token`).",
        }
    }
    _split_catalogue_path(document["paths"])
    for path, method, operation in _operations(document):
        if method == "get" and path.startswith(CONDITIONAL) and path not in UNCONDITIONAL and "/history" not in path:
            _conditional(operation, localized=any(p["name"] == "lang" for p in operation.get("parameters", [])))
        if path in STATUS and method == "get":
            operation["security"] = [{}, {"bearer": []}]  # anyone; a translator's token lists every problem
            operation["responses"]["401"] = _problem("A token was sent and is not one of ours.")
            operation["responses"]["429"] = _problem("Too many failed authentications from this address.")
    _describe_schemas(document["components"].get("schemas", {}))
    return document


def _split_catalogue_path(paths: dict[str, Any]) -> None:
    route = paths.pop(_CATALOGUE)
    status, download, upload = (copy.deepcopy(route[method]) for method in ("get", "get", "put"))
    for operation in (status, download, upload):
        for parameter in operation["parameters"]:
            if parameter["name"] == "name":
                parameter["name"] = "lang"
                parameter["description"] = "A served or started language, as its BCP 47 tag (`ur`, `pa-Arab`)."
    status["parameters"] = [p for p in status["parameters"] if p["name"] != "domain"]
    status["responses"] = {k: v for k, v in status["responses"].items() if k != "400"}
    status["summary"], status["operationId"] = "A language's translation status", "V1CataloguesLangStatus"
    status.pop("description", None)
    download["summary"], download["operationId"] = "The catalogue file in service, to edit", "V1CataloguesLangPo"
    download["description"] = "The `.po` of one domain (`?domain=`, required), as `text/x-gettext-translation`."
    ok = download["responses"]["200"]
    ok["content"] = {PO_MEDIA_TYPE: {"schema": {"type": "string"}}}
    ok["description"] = "The `.po` file in service."
    for parameter in (*download["parameters"], *upload["parameters"]):
        if parameter["name"] == "domain":
            parameter["required"] = True
            parameter["schema"] = {"type": "string", "pattern": parameter["schema"]["pattern"]}
    upload["requestBody"] = _upload_body()
    upload["operationId"] = "V1CataloguesLangPoUpload"
    paths["/v1/catalogues/{lang}"] = {"get": status}
    paths["/v1/catalogues/{lang}.po"] = {"get": download, "put": upload}


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def _conditional(operation: dict[str, Any], *, localized: bool) -> None:
    parameters = operation.setdefault("parameters", [])
    if not any(p["name"] == "If-None-Match" for p in parameters):
        parameters.append(_IF_NONE_MATCH)
    headers = {**_RESPONSE_HEADERS, **({"Content-Language": _CONTENT_LANGUAGE} if localized else {})}
    ok = operation["responses"].get("200")
    if ok is not None:
        ok.setdefault("headers", {}).update(headers)
    operation["responses"]["304"] = {
        "description": "Not Modified: the client's copy (named by If-None-Match) is current; no body.",
        "headers": headers,
    }


def _problem(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {"application/problem+json": {"schema": schema}}}


def _upload_body() -> dict[str, Any]:
    text = {"schema": {"type": "string"}}
    return {
        "required": True,
        "description": "The whole `.po` file, UTF-8. Generated clients that cannot send text bodies may send "
        "it as `application/octet-stream`.",
        "content": {
            "text/x-gettext-translation": text,
            "text/plain": text,
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }


def _describe_schemas(schemas: dict[str, Any]) -> None:
    """Each schema's description from its Struct's docstring, each property's from the string
    written under the field (which Python keeps only in the source)."""
    modules = (documents, catalogue_documents, desk_documents, problems)
    docs = {name: found for module in modules for name, found in _docstrings(module).items()}
    for name, schema in schemas.items():
        found = docs.get(name)
        if found is None:
            continue
        class_doc, field_docs = found
        if class_doc and "description" not in schema:
            schema["description"] = class_doc
        for field, text in field_docs.items():
            described = schema.get("properties", {}).get(field)
            if described is not None and "description" not in described:
                described["description"] = text


def _docstrings(module: ModuleType) -> dict[str, tuple[str | None, dict[str, str]]]:
    found: dict[str, tuple[str | None, dict[str, str]]] = {}
    for node in ast.parse(inspect.getsource(module)).body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        for before, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.AnnAssign)
                and isinstance(before.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                fields[before.target.id] = inspect.cleandoc(after.value.value)
        found[node.name] = (ast.get_docstring(node), fields)
    return found
