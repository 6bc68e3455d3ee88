"""`clinic-content serve`: the snapshot built first (bad content stops the start with a clear
message), then uvicorn with the bounded protocol and the one log format, in one or more workers.

With several workers, that first build runs in a child process: it stops a bad start and fills
the compiled cache the workers then start from, and the parent, which serves nothing, does not
keep a copy of every body for as long as the service runs."""

from __future__ import annotations

import logging
import logging.config
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, NamedTuple

import uvicorn

from api.catalogues.layout import catalogue_locales
from api.compiled.store import CompiledCache
from api.heap import map_large_blocks
from api.http.app import create_app
from api.logs import log_config
from api.server.protocol import bounded_protocol
from api.settings import Settings, cache_folder
from api.snapshot import Snapshot, build_snapshot, keep_all_bodies

logger = logging.getLogger("api.cli")


class Started(NamedTuple):
    """What the banner says of the first build."""

    revision: str
    served: tuple[str, ...]
    pruned: int
    """Compiled cache entries no longer in use, removed."""


def serve(settings: Settings) -> None:
    map_large_blocks()
    if settings.workers == 1:
        cache = CompiledCache(cache_folder(settings))
        snapshot = _built(settings, cache)
        started = Started(snapshot.revision, tuple(snapshot.chooser.served), cache.prune())
    else:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
            started = child.submit(built_and_kept, settings).result()
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
    logging.config.dictConfig(options["log_config"])  # the banner in the same format as all that follows
    _banner(settings, started)
    if settings.workers == 1:
        uvicorn.run(create_app(settings, snapshot, cache), **options)
        return
    os.environ.update(settings.to_environment())  # each worker process rebuilds the same settings
    uvicorn.run("api.http.app:create_app_from_environment", factory=True, workers=settings.workers, **options)


def _built(settings: Settings, cache: CompiledCache) -> Snapshot:
    return build_snapshot(settings.content_dir, settings.locales_dir, min_coverage=settings.min_coverage, cache=cache)


def built_and_kept(settings: Settings) -> Started:
    """The first build, in a child process: what it made stays in the compiled cache only, its
    large bodies gzipped too (else every worker would gzip them, each for itself)."""
    cache = CompiledCache(cache_folder(settings))
    snapshot = _built(settings, cache)
    finished = snapshot.with_gzip()
    if finished is not snapshot:
        keep_all_bodies(finished, cache)
    return Started(snapshot.revision, tuple(snapshot.chooser.served), cache.prune())


def _banner(settings: Settings, started: Started) -> None:
    base = f"http://{settings.host}:{settings.port}"
    logger.info(
        "serving %s and %s (revision %s, locales %s): API %s/v1/articles, kiosk %s/kiosk/, docs %s/schema",
        settings.content_dir,
        settings.locales_dir,
        started.revision,
        ", ".join(started.served),
        base,
        base,
        base,
    )
    if started.pruned:
        logger.info("compiled cache %s: %d entries no longer in use removed", cache_folder(settings), started.pruned)
    if not catalogue_locales(settings.locales_dir):
        logger.warning(
            "no catalogues in %s: only English is served (an empty volume? copy the catalogues in, or start "
            "a language with `clinic-content init`)",
            settings.locales_dir,
        )
