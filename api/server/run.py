"""`clinic-content serve`: the snapshot built first (bad content stops the start with a clear
message), then uvicorn with the bounded protocol and the one log format, in one or more workers."""

from __future__ import annotations

import logging
import logging.config
import os
from typing import Any

import uvicorn

from api.catalogues.layout import catalogue_locales
from api.compiled.store import CompiledCache
from api.http.app import create_app
from api.logs import log_config
from api.server.protocol import bounded_protocol
from api.settings import Settings, cache_folder
from api.snapshot import build_snapshot

logger = logging.getLogger("api.cli")


def serve(settings: Settings) -> None:
    cache = CompiledCache(cache_folder(settings))
    snapshot = build_snapshot(
        settings.content_dir, settings.locales_dir, min_coverage=settings.min_coverage, cache=cache
    )
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "access_log": False,  # the app writes its own structured access log (`access_log.py`)
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": ",".join(settings.trusted_proxies) or None,
        "http": bounded_protocol(settings),
        "log_config": log_config(settings.log_level),
        "timeout_keep_alive": settings.keep_alive_timeout,
    }
    base = f"http://{settings.host}:{settings.port}"
    logging.config.dictConfig(options["log_config"])  # the banner in the same format as all that follows
    logger.info(
        "serving %s and %s (revision %s, locales %s): API %s/v1/articles, kiosk %s/kiosk/, docs %s/schema",
        settings.content_dir,
        settings.locales_dir,
        snapshot.revision,
        ", ".join(snapshot.chooser.served),
        base,
        base,
        base,
    )
    _tidy_and_warn(settings, cache)
    if settings.workers == 1:
        uvicorn.run(create_app(settings, snapshot, cache), **options)
        return
    os.environ.update(settings.to_environment())  # each worker process rebuilds the same settings
    uvicorn.run("api.http.app:create_app_from_environment", factory=True, workers=settings.workers, **options)


def _tidy_and_warn(settings: Settings, cache: CompiledCache) -> None:
    """Remove what the compiled cache no longer needs; warn about an empty catalogue folder."""
    if pruned := cache.prune():
        logger.info("compiled cache %s: %d entries no longer in use removed", cache.folder, pruned)
    if not catalogue_locales(settings.locales_dir):
        logger.warning(
            "no catalogues in %s: only English is served (an empty volume? copy the catalogues in, or start "
            "a language with `clinic-content init`)",
            settings.locales_dir,
        )
