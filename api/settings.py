"""The one typed settings object, built from command-line flags and `CLINIC_CONTENT_*` variables.

Nothing else reads the environment: the CLI and the app factory receive a `Settings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import msgspec

ENV_PREFIX = "CLINIC_CONTENT_"


class SettingsError(Exception):
    """A setting with a value that cannot be used; the message names the variable."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=0, le=65535)] = 8000
    workers: Annotated[int, msgspec.Meta(ge=1, le=64)] = 1
    content_dir: Path = Path("content")
    locales_dir: Path = Path("locales")
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the API from a browser (the app's and the kiosk's)."""
    cache_max_age: Annotated[int, msgspec.Meta(ge=0)] = 300
    """Seconds a client or CDN may reuse a response before revalidating it with its ETag."""
    admin_token: str | None = None
    """Bearer token for catalogue uploads; without one (and without a translators file), uploads are refused."""
    translators_file: Path | None = None
    """TOML of translators with hashed tokens (`clinic-content translator-token` makes a row)."""
    max_upload_bytes: Annotated[int, msgspec.Meta(ge=1024)] = 2 * 1024 * 1024
    state_dir: Path | None = None
    """Where the service writes besides the catalogues (locks, history); default `state/` beside the locales."""
    cache_dir: Path | None = None
    """The compiled cache (checked catalogues, decoded content, encoded bodies), shared by the
    workers and by replicas that share the folder; default `cache/` in the state folder."""
    history_kept: Annotated[int, msgspec.Meta(ge=1)] = 50
    """Versions kept per catalogue; older ones are removed after a successful upload."""
    failed_auth_per_minute: Annotated[int, msgspec.Meta(ge=1)] = 20
    """Failed authentications allowed per client address and minute, across all workers; more get 429.
    Authorized requests are never limited."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses of reverse proxies whose X-Forwarded-For names the client; from anyone else it is ignored."""
    min_coverage: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.9
    """A language is offered once its UI strings and one article are translated this far
    (`locales/<lang>/language.toml` may set its own `min_coverage`)."""
    reload: bool = True
    """Watch content/ and locales/ and serve changes without a restart."""
    reload_polling: bool = False
    """Poll for changes instead of using inotify (for network file systems)."""
    max_header_bytes: Annotated[int, msgspec.Meta(ge=1024, le=1024 * 1024)] = 16 * 1024
    """Bytes of a request's line and headers; more is a 431, counted as they arrive."""
    header_timeout: Annotated[float, msgspec.Meta(gt=0, le=300)] = 10.0
    """Seconds a client has to send a request's line and headers; then a 408."""
    keep_alive_timeout: Annotated[int, msgspec.Meta(ge=1, le=300)] = 5
    """Seconds an idle keep-alive connection is kept open."""
    max_connections: Annotated[int, msgspec.Meta(ge=1, le=100_000)] = 1000
    """Open connections per worker; one more is answered 503 and closed at once."""
    log_level: str = "info"
    access_log: bool = False
    """One log line per request; off by default (a CDN or load balancer logs requests more cheaply)."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], **overrides: Any) -> Settings:
        """Settings from `CLINIC_CONTENT_*` variables, then `overrides` (flags that were given)."""
        values: dict[str, Any] = {}
        for field in msgspec.structs.fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None and raw != "":
                values[field.name] = (
                    [o.strip() for o in raw.split(",") if o.strip()]
                    if field.name in ("cors_origins", "trusted_proxies")
                    else raw
                )
        values.update({name: value for name, value in overrides.items() if value is not None})
        try:
            return msgspec.convert(values, cls, strict=False, dec_hook=_decode_path)
        except msgspec.ValidationError as error:
            raise SettingsError(f"invalid setting: {error} (flag or {ENV_PREFIX}<NAME> variable)") from error

    def to_environment(self) -> dict[str, str]:
        """The same settings as variables, for worker processes that rebuild them."""
        env: dict[str, str] = {}
        for name, value in msgspec.structs.asdict(self).items():
            if value is None:
                continue
            text = ",".join(value) if isinstance(value, tuple) else str(value)
            env[ENV_PREFIX + name.upper()] = text
        return env


def _decode_path(kind: type, value: Any) -> Any:
    if kind is Path and isinstance(value, str | Path):
        return Path(value)
    raise NotImplementedError


def state_folder(settings: Settings) -> Path:
    """The writable state folder: the setting, or `state/` beside the locales folder."""
    return settings.state_dir or settings.locales_dir.parent / "state"


def cache_folder(settings: Settings) -> Path:
    """The compiled cache's folder: the setting, or `cache/` in the state folder."""
    return settings.cache_dir or state_folder(settings) / "cache"
