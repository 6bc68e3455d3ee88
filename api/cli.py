"""The `clinic-content` command: serving, and the translators' catalogue tools.

Each subcommand parses its flags, builds `Settings` and calls one function of the library; the
work lives in the modules, not here. The CLI never imports the HTTP layer except to serve.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from api.catalogues import CatalogueError
from api.settings import Settings, SettingsError
from api.sources import ContentError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        settings = Settings.from_environment(
            os.environ,
            content_dir=arguments.content,
            locales_dir=arguments.locales,
            **{name: getattr(arguments, name, None) for name in ("host", "port", "workers", "log_level")},
        )
        status: int = arguments.run(arguments, settings)
        return status
    except (ContentError, CatalogueError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-content",
        description="Serve the clinic's content and keep its translations current.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, help="content directory (default: ./content)")
    common.add_argument("--locales", type=Path, help="catalogue directory (default: ./locales)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[common], help="serve the API with uvicorn")
    serve.add_argument("--host", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default: 1)")
    serve.add_argument("--log-level", dest="log_level", help="uvicorn log level (default: info)")
    serve.set_defaults(run=_serve)

    extract = commands.add_parser("extract", parents=[common], help="content/ → locales/*.pot")
    extract.set_defaults(run=_extract)
    return parser


def _serve(arguments: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.snapshot import build_snapshot

    build_snapshot(settings.content_dir, settings.locales_dir)  # fail here, with a clear message
    os.environ.update(settings.to_environment())  # the workers rebuild the same settings
    uvicorn.run(
        "api.http.app:create_app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        proxy_headers=True,
    )
    return 0


def _extract(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.extract import extract_templates

    for result in extract_templates(settings.content_dir, settings.locales_dir):
        state = "updated" if result.changed else "unchanged"
        print(f"{result.path}: {result.messages} messages, {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
