"""Who may upload: the admin token, or a translator's own token from the translators file.

A translator's token is `<id>.<secret>`; the file keeps, per id, a name and the secret's PBKDF2
hash (standard library, a slow hash), so one row is checked, never all. A verified token is
remembered for a minute, so a translator's many uploads do not each pay the slow hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from pathlib import Path

import msgspec

ITERATIONS = 600_000
"""OWASP's 2023 figure for PBKDF2-HMAC-SHA256."""
REMEMBERED_SECONDS = 60.0


class Translator(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: str
    name: str
    """As it goes into history and the `Last-Translator` header: `Amna Khan <amna@example.org>`."""
    token_hash: str
    """`pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`."""


class TranslatorsFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    translators: tuple[Translator, ...] = ()


def hash_secret(secret: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def new_token(translator_id: str, name: str) -> tuple[str, Translator]:
    """A fresh token to hand to the translator, and the row that goes into the file."""
    secret = secrets.token_urlsafe(24)
    return f"{translator_id}.{secret}", Translator(id=translator_id, name=name, token_hash=hash_secret(secret))


def _matches(secret: str, token_hash: str) -> bool:
    try:
        scheme, iterations, salt, expected = token_hash.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


class Authenticator:
    """Answers "whose token is this?" for one app; its memory of verified tokens is its own."""

    def __init__(self, admin_token: str | None, translators_file: Path | None) -> None:
        self._admin = admin_token
        self._file = translators_file
        self._remembered: dict[str, tuple[str, float]] = {}

    @property
    def enabled(self) -> bool:
        return bool(self._admin) or self._file is not None

    def who(self, token: str) -> str | None:
        """`admin`, a translator's name, or None for a token that is nobody's."""
        if self._admin and hmac.compare_digest(token.encode(), self._admin.encode()):
            return "admin"
        key = hashlib.sha256(token.encode()).hexdigest()
        remembered = self._remembered.get(key)
        if remembered and time.monotonic() - remembered[1] < REMEMBERED_SECONDS:
            return remembered[0]
        name = self._translator(token)
        if name is not None:
            self._remembered[key] = (name, time.monotonic())
        return name

    def _translator(self, token: str) -> str | None:
        translator_id, _, secret = token.partition(".")
        if self._file is None or not secret:
            return None
        listed = msgspec.toml.decode(self._file.read_bytes(), type=TranslatorsFile)  # read each time: edits apply
        row = next((t for t in listed.translators if t.id == translator_id), None)
        return row.name if row is not None and _matches(secret, row.token_hash) else None
