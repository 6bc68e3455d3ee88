"""What handlers receive from Litestar's dependency injection: the snapshot and the chosen locale.

The locale's parameters (`lang`, `Accept-Language`) are declared here once, and Litestar lists
them in the OpenAPI document of every handler that depends on the locale.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import HeaderParameter, QueryParameter

from api.http.delivery import combined
from api.http.problems import problem
from api.http.snapshot_store import SnapshotStore
from api.locales import closest_locale
from api.snapshot import Snapshot

Lang = Annotated[
    str | None,
    QueryParameter(
        name="lang",
        description="BCP 47 language tag (`ur`, `ur-PK`, `UR_pk`); wins over Accept-Language. "
        "A language that is not served gives 400; an empty one is no choice.",
    ),
]
AcceptLanguage = Annotated[
    str | None,
    HeaderParameter(name="Accept-Language", description="Negotiated with q-values; never causes an error."),
]


def provide_store(state: State) -> SnapshotStore:
    store: NamedDependency[SnapshotStore] = state.snapshots
    return store


def provide_snapshot(state: State) -> Snapshot:
    """The snapshot in service; one reference per request, so the request sees one version."""
    snapshot: Snapshot = state.snapshots.current
    return snapshot


def provide_locale(
    request: Request[Any, Any, Any],
    snapshot: NamedDependency[Snapshot],
    lang: Lang = None,
    accept_language: AcceptLanguage = None,
) -> str:
    """`?lang=` wins (unknown → 400; empty is no choice); else `Accept-Language`, all its lines
    as one (never an error); else the default."""
    chooser = snapshot.chooser
    if lang:
        chosen = chooser.for_lang_parameter(lang)
        if chosen is None:
            _refuse_unpublished(snapshot, lang)
            raise problem(
                400,
                "unsupported-language",
                f"The language {lang[:64]!r} is not served. Supported: {', '.join(chooser.served)}.",
                {"supported": list(chooser.served)},
            )
        return chosen
    if accept_language:
        return chooser.for_accept_language(combined(request.headers, "accept-language"))
    return chooser.default


def _refuse_unpublished(snapshot: Snapshot, lang: str) -> None:
    """A language that has catalogues but is not ready yet: 404 saying how far it is."""
    tag = closest_locale(lang, list(snapshot.unpublished))
    if tag is None:
        return
    ready = snapshot.unpublished[tag]
    best = max(ready.article_coverage.values(), default=0.0)
    raise problem(
        404,
        "language-not-published",
        f"{tag} is not published yet: its UI strings are {ready.ui_coverage:.0%} translated and its best article "
        f"{best:.0%}; both must reach {ready.min_coverage:.0%}.",
        {"ui_coverage": ready.ui_coverage, "best_article_coverage": best, "min_coverage": ready.min_coverage},
    )


DEPENDENCIES = {
    "store": Provide(provide_store, sync_to_thread=False),
    "snapshot": Provide(provide_snapshot, sync_to_thread=False),
    "locale": Provide(provide_locale, sync_to_thread=False),
}
"""Registered on the app; a handler names what it needs (`snapshot`, `locale`) as parameters."""
