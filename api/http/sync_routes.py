"""`GET /v1/sync`: what a mobile app must fetch and drop since the version it has."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api import documents as doc
from api.http.content_routes import LANGUAGE_ERRORS
from api.settings import state_folder
from api.snapshot import Snapshot
from api.sync import Manifest, changes, recalled

Since = Annotated[
    str | None,
    QueryParameter(name="since", description="The `version` of the app's last sync; omitted for the first."),
]


@get(
    "/v1/sync",
    tags=["content"],
    summary="What changed since a version: new and changed resources (inline), and removed ones",
    responses=LANGUAGE_ERRORS,  # no 304: `since` is its validator
)
async def sync(
    request: Request[Any, Any, Any],
    snapshot: NamedDependency[Snapshot],
    locale: NamedDependency[str],
    since: Since = None,
) -> Response[doc.Sync]:
    current = snapshot.manifests[locale]
    known = recalled(state_folder(request.app.state.settings), locale, since) if since else None
    if known is None:
        changed, removed = sorted(current.etags), []
    else:
        delta = changes(known, current)
        changed, removed = delta.changed, delta.removed
    answer = doc.Sync(
        locale=locale,
        version=current.version,
        since=since,
        full=known is None,
        changed=[_resource(snapshot, locale, key, current) for key in changed],
        removed=[f"/v1/{key}" for key in removed],
    )
    return Response(answer, headers={"Cache-Control": "no-cache", "Vary": "Accept-Language, Accept-Encoding"})


def _resource(snapshot: Snapshot, locale: str, key: str, current: Manifest) -> doc.SyncedResource:
    body = snapshot.localized[(key, locale)]
    return doc.SyncedResource(path=f"/v1/{key}", etag=current.etags[key], document=msgspec.Raw(body.sent_identity()))
