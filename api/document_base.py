"""The base of every response body (its own module, so that the body modules can share it)."""

from __future__ import annotations

import msgspec


class Document(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Base of every response body."""
