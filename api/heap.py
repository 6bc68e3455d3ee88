"""Memory a build freed, given back to the system.

A build allocates far more than the snapshot it leaves (decoded cache entries, documents before
they are encoded); glibc keeps the freed pages for reuse, so a worker would hold them for as long
as it runs. Asking it to trim them once the first snapshot is in place is a few milliseconds.
"""

from __future__ import annotations

import ctypes


def give_back_free_memory() -> bool:
    """Trim the C allocator's free memory (glibc's `malloc_trim`); False where there is no such
    call (musl, macOS), which only means the memory stays with the process."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is None:
        return False
    trim(0)
    return True
