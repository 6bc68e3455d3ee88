"""One route, `/v1/catalogues/{name}`, answers a language's status (`ur`) and its catalogue file
(`ur.po`): the one test of which a name is, for the handlers, the upload guard and `Allow`."""

from __future__ import annotations

CATALOGUES = "/v1/catalogues/"


def is_catalogue_file(name: str) -> bool:
    return name.endswith(".po")


def is_status_path(path: str) -> bool:
    """`/v1/catalogues/ur`: a status, which only reads (no upload)."""
    name = path.removeprefix(CATALOGUES)
    return name != path and "/" not in name and not is_catalogue_file(name)
