"""uvicorn's httptools protocol, bounded: httptools keeps a header it has not finished in memory
however long it grows, and uvicorn waits for it however long it takes. This subclass counts the
bytes and the time of each request's head as they arrive, and caps a worker's connections, so one
client can hold neither memory nor sockets (uvicorn's h11 protocol has a size limit but serves a
third as many requests a second here).
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.utils import get_remote_addr

from api.server.limits import (
    HEADERS_TOO_LARGE,
    HEADERS_TOO_SLOW,
    TOO_MANY_CONNECTIONS,
    ConnectionLimits,
    Refusal,
    RefusalLog,
)
from api.settings import Settings


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """A request's head (line and headers) must arrive within `max_header_bytes` and
    `header_timeout`; a worker holds at most `max_connections`. Each refusal is an HTTP answer
    with problem details, then the connection is closed.

    One timer per connection, re-armed only when it fires during a head that is still in time, so
    that a keep-alive connection's many requests cost a clock reading each, not a timer."""

    def __init__(self, *args: Any, limits: ConnectionLimits, refusals: RefusalLog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = limits
        self._refusals = refusals
        self._awaiting_head = True
        self._head_bytes = 0
        self._head_started: float | None = None
        """When the head now awaited began (the connection, or its first byte); None when idle."""
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.connections) >= self._limits.max_connections and not self._evict_one():
            self.transport, self.client = transport, get_remote_addr(transport)  # connection_lost runs all the same
            self._refuse(TOO_MANY_CONNECTIONS, f"This server holds {self._limits.max_connections} connections.")
            return
        super().connection_made(transport)
        self._head_started = self.loop.time()
        self._arm(self._limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._awaiting_head:
            super().data_received(data)
            return
        if self.transport.is_closing():  # refused or evicted: what it still sends is not read
            return
        if self._head_started is None:
            self._head_started = self.loop.time()
            if self._head_timer is None:
                self._arm(self._limits.header_timeout)
        allowed = self._limits.max_header_bytes - self._head_bytes
        if len(data) <= allowed:  # the usual case: the whole head in one read, well within bounds
            self._head_bytes += len(data)
            super().data_received(data)
            return
        self._head_bytes += allowed
        super().data_received(data[:allowed])
        if self.transport.is_closing():
            return
        if self._awaiting_head:  # the head goes on past the limit
            limit = self._limits.max_header_bytes
            self._refuse(HEADERS_TOO_LARGE, f"The request line and headers are larger than {limit} bytes.")
            return
        super().data_received(data[allowed:])

    def on_headers_complete(self) -> None:
        self._awaiting_head, self._head_started = False, None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._awaiting_head, self._head_bytes = True, 0  # the next request's head is counted anew

    def _evict_one(self) -> bool:
        """At the cap, make room by closing the connection that has waited longest without a whole
        request (idle ones first): a client that sends its head at once is served, and connections
        held open by half-sent heads cannot lock it out. False when every one is busy."""
        waiting = [c for c in self.connections if isinstance(c, BoundedHttpToolsProtocol) and c._awaiting_head]
        if not waiting:
            return False
        oldest = min(waiting, key=lambda c: (c._head_bytes > 0, c._head_started or 0.0))
        if oldest._head_bytes == 0:
            oldest.transport.close()
        else:
            oldest._refuse(TOO_MANY_CONNECTIONS, "This server is at its connection limit; this one waited longest.")
        self.connections.discard(oldest)
        return True

    def _arm(self, seconds: float) -> None:
        self._head_timer = self.loop.call_later(seconds, self._check_head)

    def _check_head(self) -> None:
        self._head_timer = None
        started = self._head_started
        if started is None or not self._awaiting_head or self.transport.is_closing():
            return  # no head under way: an idle keep-alive connection is uvicorn's to close
        remaining = started + self._limits.header_timeout - self.loop.time()
        if remaining > 0:
            self._arm(remaining)
        elif self._head_bytes == 0:  # idle, nothing of a request sent (a browser's spare connection)
            self.transport.close()
        else:
            timeout = self._limits.header_timeout
            self._refuse(HEADERS_TOO_SLOW, f"The request line and headers did not arrive within {timeout:g} s.")

    def _refuse(self, refusal: Refusal, detail: str) -> None:
        client = "%s:%d" % self.client if self.client else "unknown"  # noqa: UP031 (uvicorn's form)
        self._refusals.refused(refusal, client)
        self.transport.write(refusal.response(detail))
        self.transport.close()


def bounded_protocol(settings: Settings) -> Any:
    """What uvicorn's `http` option takes: the protocol with this server's limits bound (a partial
    of a module-level class, so that worker processes receive it pickled), and one refusal log per
    worker."""
    limits = ConnectionLimits(
        max_header_bytes=settings.max_header_bytes,
        header_timeout=settings.header_timeout,
        max_connections=settings.max_connections,
    )
    return functools.partial(BoundedHttpToolsProtocol, limits=limits, refusals=RefusalLog())
