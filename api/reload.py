"""Live reload: watch content/ and locales/ and say when they changed; `rebuild` makes the next snapshot.

A change that fails to load keeps the snapshot in service and is reported through it. Only the
HTTP layer knows where the snapshot lives, so it passes what to do on a change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import watchfiles

from api.catalogues.files import CatalogueError
from api.catalogues.serving import LoadProblem
from api.compiled.store import CompiledCache
from api.content_files import ContentError
from api.readiness import DEFAULT_MIN_COVERAGE
from api.snapshot import Snapshot, build_snapshot, with_load_problem

logger = logging.getLogger("api.reload")
WATCHED_SUFFIXES = (".toml", ".po", ".pot")


def _relevant(change: watchfiles.Change, path: str) -> bool:  # noqa: ARG001 (watchfiles' filter signature)
    name = Path(path).name
    return name.endswith(WATCHED_SUFFIXES) and not name.startswith(".") and "/history/" not in path


def rebuild(
    content_dir: Path,
    locales_dir: Path,
    current: Snapshot,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    cache: CompiledCache | None = None,
) -> Snapshot:
    """The next snapshot: new content, or the current one with the failure reported."""
    try:
        return build_snapshot(content_dir, locales_dir, previous=current, min_coverage=min_coverage, cache=cache)
    except (ContentError, CatalogueError) as error:
        logger.error("reload failed, still serving revision %s: %s", current.revision, error)  # noqa: TRY400 (the message says it all)
        problem = LoadProblem(file=str(error.file), line=getattr(error, "line", None), problem=error.problem)
        return with_load_problem(current, problem)


RETRY_SECONDS = 2.0


def describe(error: Exception) -> str:
    """One line naming the kind of failure and its message, e.g. `FileNotFoundError: [Errno 2] ...`."""
    return f"{type(error).__name__}: {error}"


async def supervise(
    watching: Callable[[], Awaitable[None]],
    retry: Callable[[], Awaitable[object]],
    on_failure: Callable[[Exception | None], None],
    stop: asyncio.Event,
) -> None:
    """Keep the watcher alive: any failure (of the watcher or of a reload) is logged once per
    distinct reason, reported through `on_failure`, and retried until it works again."""
    last: str | None = None
    while not stop.is_set():
        try:
            if last is not None:
                await retry()  # the change that failed, built again
                on_failure(None)
                logger.warning("live reload works again")
                last = None
            await watching()
        except Exception as error:
            reason = describe(error)
            if reason != last:
                logger.error(  # noqa: TRY400 (one line per distinct failure, not a traceback each retry)
                    "live reload failed, retrying every %.0f s: %s", RETRY_SECONDS, reason
                )
            last = reason
            on_failure(error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), RETRY_SECONDS)


async def watch(
    content_dir: Path,
    locales_dir: Path,
    on_change: Callable[[], Awaitable[object]],
    stop: asyncio.Event,
    force_polling: bool = False,
) -> None:
    """Call `on_change` after each burst of changes until `stop` is set; a failure propagates
    (to `supervise`)."""
    async for changes in watchfiles.awatch(
        content_dir,
        locales_dir,
        watch_filter=_relevant,
        stop_event=stop,
        debounce=300,
        step=100,
        force_polling=force_polling,
        poll_delay_ms=500,
    ):
        logger.info("files changed: %s", ", ".join(sorted({Path(path).name for _, path in changes})))
        await on_change()
