"""The snapshot in service, and the one way to replace it (after an upload or a change on disk)."""

from __future__ import annotations

import asyncio
import gc
import logging

from api.catalogues.serving import LoadProblem
from api.compiled.store import CompiledCache
from api.heap import give_back_free_memory
from api.reload import describe, rebuild
from api.settings import Settings, state_folder
from api.snapshot import Snapshot, keep_all_bodies, with_load_problem
from api.sync import remember_all

logger = logging.getLogger("api.reload")


class SnapshotStore:
    """Holds the current snapshot; readers take `current` once per request and keep that reference."""

    def __init__(self, snapshot: Snapshot, settings: Settings, cache: CompiledCache | None = None) -> None:
        self.current = snapshot
        gc.freeze()  # as `_settled`, without a full collection first: at start it walks everything
        give_back_free_memory()  # what building it freed
        self._cache = cache
        self._state_dir = state_folder(settings)
        remember_all(self._state_dir, snapshot.manifests)
        self._content_dir = settings.content_dir
        self._locales_dir = settings.locales_dir
        self._min_coverage = settings.min_coverage
        self._refreshing = asyncio.Lock()
        self.reload_failure: str | None = None
        """Why live reload is not working, while it is not (`/healthz` says degraded, `/readyz` 503)."""
        self.write_lock = asyncio.Lock()
        """Held by an upload from its checks to its publication, so uploads in this process queue."""

    def report_reload_failure(self, error: Exception | None) -> None:
        """Record why reload fails (None: it works again) and list it among `/v1/catalogues`' load
        problems until the next good reload builds a snapshot without it."""
        reason = None if error is None else describe(error)
        if error is not None and reason != self.reload_failure:
            where = getattr(error, "filename", None) or self._locales_dir
            problem = f"live reload is failing ({reason}); the last good version is served"
            self.current = with_load_problem(self.current, LoadProblem(file=str(where), line=None, problem=problem))
        self.reload_failure = reason

    async def finish_start(self) -> None:
        """Make the gzip forms the first build left for later (the library's bundle and indexes:
        a second per language at 1,000 articles, not worth a client's wait for its first answer)
        while it serves, and keep them in the compiled cache for the next start (first: a client
        that gets the gzip form knows that a restart will find it)."""
        async with self._refreshing:
            before = self.current
            finished = await asyncio.to_thread(before.with_gzip)
            if finished is before:
                return
            await asyncio.to_thread(keep_all_bodies, finished, self._cache)
            if self.current is before:
                self.current = finished
            del before, finished  # the large bodies as written go with the snapshot that held them
            await _settled()

    async def refresh(self) -> Snapshot:
        """Build the next snapshot from disk (reusing what did not change) and publish it.

        Refreshes run one at a time, so an older build can never replace a newer one."""
        async with self._refreshing:
            before = self.current
            after = await asyncio.to_thread(
                rebuild, self._content_dir, self._locales_dir, before, self._min_coverage, self._cache
            )
            if after.manifests is not before.manifests:
                await asyncio.to_thread(remember_all, self._state_dir, after.manifests)
            self.current = after
            finished = await asyncio.to_thread(after.with_gzip)  # large bodies' gzip, made while `after` serves
            if self.current is after:
                self.current = finished
            revisions = (before.revision, finished.revision)
            del before, after  # the previous snapshot, and the large bodies as written, go now
            await _settled()
        if revisions[0] != revisions[1]:
            logger.info("reloaded: revision %s → %s", *revisions)
        return finished


async def _settled() -> None:
    """Move what the snapshot holds (millions of objects in a large library, none in a cycle) out
    of the cyclic garbage collector's reach: otherwise each of its full passes walks all of them
    while holding the GIL, and requests wait (a p99 of 84 ms during a reload at 3,000 articles, 9.7
    with this). They are still freed by reference counting when a newer snapshot replaces them;
    the garbage cycles made meanwhile (a caught exception's traceback) are collected first, and
    the collection only walks what is new since the last freeze (at start, a collection would walk
    everything: 3 s at 10,000 articles; the first build's few cycles are left)."""
    gc.collect()
    gc.freeze()
    # What the snapshot replaced, freed by now (its callers hold no reference to it), given back
    # (else kept by the process: 50 MiB after a reload at 1,000 articles); off the event loop, as
    # the trim walks the whole heap.
    await asyncio.to_thread(give_back_free_memory)
