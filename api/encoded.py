"""A response body made ready once: both encodings, strong ETags, and the headers that describe it.

Everything per request is then a lookup; gzip is deterministic (no timestamp), so the same content
gives the same bytes and ETags on every start and in every worker.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import msgspec

_encoder = msgspec.json.Encoder()
GZIP_LEVEL = 6
"""zlib's default: within a few per cent of level 9's size on our JSON, at about half the time."""
JSON = "application/json"
PO_MEDIA_TYPE = "text/x-gettext-translation"  # Litestar adds "; charset=utf-8" to text/* types

Header = tuple[bytes, bytes]
K = TypeVar("K")


class EncodedBody(msgspec.Struct, frozen=True, kw_only=True):
    """One response body in both encodings, with a strong ETag for each, and the response headers
    that describe it (all but Cache-Control, which is the server's policy), ready to send."""

    identity: bytes
    gzipped: bytes
    etag: str
    gzip_etag: str
    locale: str | None
    """The body's language (`Content-Language`); None for documents that are not localized."""
    media_type: str = JSON
    identity_headers: tuple[Header, ...] = ()
    gzip_headers: tuple[Header, ...] = ()


def encode(document: msgspec.Struct, locale: str | None) -> EncodedBody:
    return encode_bytes(_encoder.encode(document), locale, JSON)


def body_digest(identity: bytes) -> str:
    """What a body's ETags are made of: `"<digest>"` for identity, `"<digest>-gzip"` gzipped."""
    return hashlib.blake2b(identity, digest_size=16).hexdigest()


def encode_bytes(identity: bytes, locale: str | None, media_type: str, gzipped: bytes | None = None) -> EncodedBody:
    digest = body_digest(identity)
    gzipped = gzip_body(identity) if gzipped is None else gzipped
    etag, gzip_etag = f'"{digest}"', f'"{digest}-gzip"'
    if len(gzipped) >= len(identity):  # a small body: gzip would only add bytes, so it is sent as it is
        gzipped, gzip_etag = identity, etag
    content_type = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    described: list[Header] = [(b"vary", b"Accept-Language, Accept-Encoding" if locale else b"Accept-Encoding")]
    if locale:
        described.append((b"content-language", locale.encode()))
    identity_headers: tuple[Header, ...] = (
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(identity)).encode()),
        (b"etag", etag.encode()),
        *described,
    )
    gzip_headers = (
        identity_headers
        if gzipped is identity
        else (
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(gzipped)).encode()),
            (b"content-encoding", b"gzip"),
            (b"etag", gzip_etag.encode()),
            *described,
        )
    )
    return EncodedBody(
        identity=identity,
        gzipped=gzipped,
        etag=etag,
        gzip_etag=gzip_etag,
        locale=locale,
        media_type=media_type,
        identity_headers=identity_headers,
        gzip_headers=gzip_headers,
    )


def gzip_body(identity: bytes) -> bytes:
    """Deterministic (no timestamp), so the gzip ETag and bytes are the same on every start."""
    return gzip.compress(identity, compresslevel=GZIP_LEVEL, mtime=0)


def encode_all(documents: Iterable[tuple[K, msgspec.Struct, str | None]]) -> dict[K, EncodedBody]:
    """Encode many documents; zlib releases the GIL, so their gzip forms are made on every core."""
    encoded = [(key, _encoder.encode(document), locale) for key, document, locale in documents]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        gzipped = list(pool.map(gzip_body, (identity for _, identity, _ in encoded), chunksize=64))
    return {
        key: encode_bytes(identity, locale, JSON, compressed)
        for (key, identity, locale), compressed in zip(encoded, gzipped, strict=True)
    }
