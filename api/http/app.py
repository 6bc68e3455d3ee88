"""The app factory: settings in, a configured Litestar app out, with the snapshot on `app.state`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from importlib.metadata import version

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.logging.config import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.types import ControllerRouterHandler

from api.compiled.store import CompiledCache
from api.heap import map_large_blocks
from api.http.catalogue_routes import CatalogueController
from api.http.content_routes import PROBES, content_router
from api.http.dependencies import DEPENDENCIES
from api.http.desk_routes import DESK_HANDLERS
from api.http.docs import SelfHostedDocs
from api.http.fast_path import ClinicApp
from api.http.openapi_document import CompletedOpenAPI
from api.http.pages import desk_router, kiosk_router
from api.http.problems import problem_details_plugin
from api.http.publishing_routes import PUBLISHING_HANDLERS
from api.http.security import SECURITY_HEADERS, add_security_headers, header_limit
from api.http.snapshot_store import SnapshotStore
from api.http.sync_routes import sync
from api.logs import log_config
from api.reload import supervise, watch
from api.settings import Settings, cache_folder
from api.snapshot import Snapshot, build_snapshot
from api.translators import Authenticator

HANDLERS: tuple[ControllerRouterHandler, ...] = (
    CatalogueController,
    *PUBLISHING_HANDLERS,
    *DESK_HANDLERS,
    sync,
    *PROBES,
)
"""Every route handler but the routers made per app (content, kiosk)."""


def create_app(settings: Settings, snapshot: Snapshot | None = None, cache: CompiledCache | None = None) -> Litestar:
    """Build the app; the snapshot is built from the settings' directories unless given, taking
    from the compiled cache what another worker (or an earlier start) made from the same files."""
    cache = cache or CompiledCache(cache_folder(settings))
    snapshot = snapshot or build_snapshot(
        settings.content_dir, settings.locales_dir, min_coverage=settings.min_coverage, cache=cache
    )
    store = SnapshotStore(snapshot, settings, cache)
    openapi_document = CompletedOpenAPI()
    app = ClinicApp(
        route_handlers=[content_router(), *HANDLERS, kiosk_router(), desk_router()],
        dependencies=DEPENDENCIES,
        lifespan=[finishing_start, live_reload] if settings.reload else [finishing_start],
        state=State(
            {
                "snapshots": store,
                "authenticator": Authenticator(settings.admin_token, settings.translators_file),
                "settings": settings,
                "cache_control": f"public, max-age={settings.cache_max_age}",
            }
        ),
        request_max_body_size=settings.max_upload_bytes,
        plugins=[problem_details_plugin()],
        before_send=[add_security_headers],
        cors_config=_cors(settings),
        openapi_config=_openapi_config(openapi_document),
        logging_config=_logging_config(settings.log_level),
        debug=False,
    )
    app.hot_policy = ((b"cache-control", app.state.cache_control.encode()), *SECURITY_HEADERS)
    app.access_log = settings.access_log
    logging.getLogger("api").setLevel(settings.log_level.upper())
    logging.getLogger("api.access").setLevel(logging.INFO)  # whatever the level, when the access log is on
    app.header_limit = header_limit(settings.max_header_bytes)
    app.complete_vary = bool(settings.cors_origins)
    app.snapshots = store
    app.openapi_document = openapi_document
    return app


def _cors(settings: Settings) -> CORSConfig | None:
    if not settings.cors_origins:
        return None
    return CORSConfig(
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "HEAD", "OPTIONS", "PUT"],
        allow_headers=["Accept-Language", "If-None-Match", "Authorization", "Content-Type"],
        expose_headers=["ETag", "Content-Language"],
    )


def _openapi_config(document: CompletedOpenAPI) -> OpenAPIConfig:
    """`/schema`: the completed document (`openapi.json`) and the self-hosted docs page."""
    return OpenAPIConfig(
        title="clinic-content-api",
        version=version("clinic-content-api"),
        description="A clinic's patient-information content in English and Urdu.",
        path="/schema",
        render_plugins=[document, SelfHostedDocs()],
    )


def _logging_config(level: str) -> LoggingConfig:
    """The process's one log format (`api.logs`) for Litestar too; its own exception logging off,
    since `problems.py` logs each unexpected error once and a 4xx is not one. The `api` loggers
    are left to propagate to the root handler (their levels are set by `create_app`)."""
    config = log_config(level)
    stdout = config["handlers"]["stdout"]
    loggers = {name: value for name, value in config["loggers"].items() if not name.startswith("api")}
    return LoggingConfig(
        formatters=config["formatters"],
        handlers={"stdout": stdout, "console": stdout, "queue_listener": stdout},  # no default handlers of its own
        loggers={**loggers, "litestar": {"handlers": ["stdout"], "level": "WARNING", "propagate": False}},
        root=config["root"],
        log_exceptions="never",
    )


@asynccontextmanager
async def finishing_start(app: Litestar) -> AsyncIterator[None]:
    """What the first build left for later (`SnapshotStore.finish_start`), done while serving."""
    store: SnapshotStore = app.state.snapshots
    finishing = asyncio.create_task(store.finish_start())
    try:
        yield
    finally:
        finishing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await finishing


@asynccontextmanager
async def live_reload(app: Litestar) -> AsyncIterator[None]:
    """Watch the settings' directories for as long as the app runs; each change refreshes the store."""
    settings: Settings = app.state.settings
    store: SnapshotStore = app.state.snapshots
    stop = asyncio.Event()

    def watching() -> Awaitable[None]:
        return watch(
            settings.content_dir,
            settings.locales_dir,
            on_change=store.refresh,
            stop=stop,
            force_polling=settings.reload_polling,
        )

    watcher = asyncio.create_task(supervise(watching, store.refresh, store.report_reload_failure, stop))
    try:
        yield
    finally:
        stop.set()
        await watcher


def create_app_from_environment() -> Litestar:
    """Entry point for uvicorn's `--factory` (and its worker processes)."""
    map_large_blocks()
    return create_app(Settings.from_environment(os.environ))
