"""A response body made ready once: both encodings, strong ETags, and the headers that describe it.

Everything per request is then a lookup; gzip is deterministic (no timestamp), so the same content
gives the same bytes and ETags on every start and in every worker.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
from collections.abc import Iterable, Mapping
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
    gzip_pending: bool = False
    """Sent as it is for now (a valid answer to any client): its gzip form is made once the
    snapshot is in service (`compressed`), so that a large body does not hold up a reload."""
    identity_kept: bool = True
    """False for a body held gzipped only (`held`): `identity` is empty, and the rare client that
    does not take gzip gets it decompressed (`sent_identity`, or `api.made_forms`, which keeps it)."""
    gzip_on_request: bool = False
    """Held as it is (`gzipped` is `identity`, and is sent so: a valid answer to any client); its
    gzip form is made when a client that takes gzip asks (`api.made_forms`)."""

    def sent_identity(self) -> bytes:
        return self.identity if self.identity_kept else gzip.decompress(self.gzipped)

    def size(self) -> int:
        """The body's length as written, without decompressing one held gzipped only."""
        if self.identity_kept:
            return len(self.identity)
        return next(int(value) for name, value in self.identity_headers if name == b"content-length")


def encode(document: msgspec.Struct, locale: str | None) -> EncodedBody:
    return encode_bytes(_encoder.encode(document), locale, JSON)


def body_digest(identity: bytes) -> str:
    """What a body's ETags are made of: `"<digest>"` for identity, `"<digest>-gzip"` gzipped."""
    return hashlib.blake2b(identity, digest_size=16).hexdigest()


def encode_bytes(
    identity: bytes, locale: str | None, media_type: str, gzipped: bytes | None = None, digest: str | None = None
) -> EncodedBody:
    """The body with its headers; `gzipped` and `digest` when already known (a kept body)."""
    digest = body_digest(identity) if digest is None else digest
    gzipped = gzip_body(identity) if gzipped is None else gzipped
    return _with_headers(identity, len(identity), gzipped, digest, (locale, media_type))


def gzipped_only(gzipped: bytes, size: int, locale: str | None, digest: str) -> EncodedBody:
    """A JSON body held gzipped only, made again from what was kept of it: its gzip form, its
    length as written (`size`) and its digest — its identity is not decompressed to be dropped."""
    return msgspec.structs.replace(_with_headers(b"", size, gzipped, digest, (locale, JSON)), identity_kept=False)


def _with_headers(
    identity: bytes, size: int, gzipped: bytes, digest: str, locale_and_type: tuple[str | None, str]
) -> EncodedBody:
    locale, media_type = locale_and_type
    etag, gzip_etag = f'"{digest}"', f'"{digest}-gzip"'
    if len(gzipped) >= size:  # a small body: gzip would only add bytes, so it is sent as it is
        gzipped, gzip_etag = identity, etag
    content_type, described = _described(media_type, locale)
    identity_headers = (
        content_type,
        (b"content-length", str(size).encode()),
        (b"etag", etag.encode()),
        *described,
    )
    gzip_headers = (
        identity_headers
        if gzipped is identity
        else (
            content_type,
            (b"content-length", str(len(gzipped)).encode()),
            _GZIP_ENCODING,
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


_GZIP_ENCODING: Header = (b"content-encoding", b"gzip")


@functools.cache
def _described(media_type: str, locale: str | None) -> tuple[Header, tuple[Header, ...]]:
    """The headers every body of a media type and locale shares, made once (a library has tens of
    thousands of bodies and a handful of these)."""
    content_type = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    vary: Header = (b"vary", b"Accept-Language, Accept-Encoding" if locale else b"Accept-Encoding")
    language: tuple[Header, ...] = ((b"content-language", locale.encode()),) if locale else ()
    return (b"content-type", content_type.encode()), (vary, *language)


def gzip_body(identity: bytes) -> bytes:
    """Deterministic (no timestamp), so the gzip ETag and bytes are the same on every start."""
    return gzip.compress(identity, compresslevel=GZIP_LEVEL, mtime=0)


def encode_all(documents: Iterable[tuple[K, msgspec.Struct | bytes, str | None]]) -> dict[K, EncodedBody]:
    """Encode many documents (or take their JSON as given). Bodies up to `GZIP_ONLY_OVER` are held
    as they are and gzipped on request (`on_request`); larger ones are gzipped now, on every core
    (zlib releases the GIL), and held gzipped only, or, over `DEFER_GZIP_OVER`, left for later
    (`gzip_pending`)."""
    encoded = [
        (key, document if isinstance(document, bytes) else _encoder.encode(document), locale)
        for key, document, locale in documents
    ]
    large = [(key, identity) for key, identity, _ in encoded if len(identity) > GZIP_ONLY_OVER]
    later = {key for key, identity in large if len(identity) > DEFER_GZIP_OVER}
    now = [(key, identity) for key, identity in large if key not in later]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        gzipped = dict(
            zip((key for key, _ in now), pool.map(gzip_body, (identity for _, identity in now)), strict=True)
        )

    def kept(key: K, identity: bytes, locale: str | None) -> EncodedBody:
        if key in later:
            return pending(identity, locale)
        if key in gzipped:
            return held(encode_bytes(identity, locale, JSON, gzipped[key]))
        return on_request(identity, locale)

    return {key: kept(key, identity, locale) for key, identity, locale in encoded}


GZIP_ONLY_OVER = 1024 * 1024
"""Bodies larger than this are held gzipped only: the library's bundle (17 MB per language at
1,000 articles, 5 MB gzipped), its indexes; every browser and mobile HTTP stack takes gzip, and
the rare client that does not gets the body decompressed. Smaller ones (an article, a list page)
are held as they are (see `gzip_on_request`). Not lower: a reload composes the library's bundle
from its articles' bytes, and decompressing 10,000 of them made it 2.75 → 4.5 s, with a p99 of
460 ms (`bench/scale.py`, 10,000 × 3, articles held gzipped only over 8 KiB)."""


DEFER_GZIP_OVER = 1024 * 1024
"""Bodies larger than this (the library's bundle and indexes) are gzipped once the snapshot that
holds them is in service (`Snapshot.with_gzip`), by a start or a reload: the bundle of 1,000
articles takes 0.3 s per language to gzip, and is rarely asked for; until then it is sent as it is."""


def held(body: EncodedBody) -> EncodedBody:
    """`body` as the snapshot keeps it: gzipped only when large (see `GZIP_ONLY_OVER`)."""
    if not body.identity_kept or body.gzip_pending or body.gzip_on_request or body.gzipped is body.identity:
        return body
    if len(body.identity) <= GZIP_ONLY_OVER:
        return body
    return msgspec.structs.replace(body, identity=b"", identity_kept=False)


def on_request(identity: bytes, locale: str | None, digest: str | None = None) -> EncodedBody:
    """A body held as it is, its gzip form made when asked for (see `gzip_on_request`)."""
    digest = body_digest(identity) if digest is None else digest
    body = encode_bytes(identity, locale, JSON, gzipped=identity, digest=digest)
    return msgspec.structs.replace(body, gzip_etag=f'"{digest}-gzip"', gzip_on_request=True)


def pending(identity: bytes, locale: str | None) -> EncodedBody:
    """A body to be sent as it is until `compressed` makes its gzip form."""
    return msgspec.structs.replace(encode_bytes(identity, locale, JSON, gzipped=identity), gzip_pending=True)


def compressed(bodies: Mapping[K, EncodedBody]) -> dict[K, EncodedBody]:
    """The pending ones of `bodies`, gzipped now (on every core)."""
    waiting = [(key, body) for key, body in bodies.items() if body.gzip_pending]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        gzipped = list(pool.map(gzip_body, (body.identity for _, body in waiting)))
    return {
        key: encode_bytes(body.identity, body.locale, body.media_type, done)
        for (key, body), done in zip(waiting, gzipped, strict=True)
    }
