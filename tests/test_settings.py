"""Settings: `CLINIC_CONTENT_*` variables, then flags; a bad value names what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import Settings, SettingsError


def test_defaults_serve_the_shipped_directories_on_localhost() -> None:
    settings = Settings.from_environment({})
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)
    assert (settings.content_dir, settings.locales_dir) == (Path("content"), Path("locales"))
    assert settings.admin_token is None
    assert settings.reload is True


def test_variables_are_read_and_flags_win() -> None:
    environ = {
        "CLINIC_CONTENT_PORT": "9000",
        "CLINIC_CONTENT_WORKERS": "4",
        "CLINIC_CONTENT_CORS_ORIGINS": "https://kiosk.example, https://app.example",
        "CLINIC_CONTENT_RELOAD": "false",
        "CLINIC_CONTENT_CONTENT_DIR": "/srv/content",
    }
    settings = Settings.from_environment(environ, port=9100, host=None)
    assert settings.port == 9100
    assert settings.workers == 4
    assert settings.cors_origins == ("https://kiosk.example", "https://app.example")
    assert settings.reload is False
    assert settings.content_dir == Path("/srv/content")


def test_settings_survive_the_trip_to_worker_processes() -> None:
    settings = Settings.from_environment(
        {"CLINIC_CONTENT_ADMIN_TOKEN": "t", "CLINIC_CONTENT_CORS_ORIGINS": "https://a"}
    )
    assert Settings.from_environment(settings.to_environment()) == settings


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [("PORT", "eighty", "port"), ("WORKERS", "0", "workers"), ("RELOAD", "maybe", "reload")],
)
def test_a_bad_value_names_the_setting(name: str, value: str, field: str) -> None:
    with pytest.raises(SettingsError, match=rf"\$\.{field}"):
        Settings.from_environment({f"CLINIC_CONTENT_{name}": value})
