"""The `clinic-content` command: serving, and the translators' catalogue tools.

Each subcommand parses its flags, builds `Settings` and calls one function of the library; the
work lives in the modules, not here. The CLI never imports the HTTP layer except to serve.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from api.catalogues.files import CatalogueError
from api.catalogues.operations import TaskError
from api.content_files import ContentError
from api.settings import Settings, SettingsError

if TYPE_CHECKING:
    from api.catalogues.operations import LocatedReport


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
    except (ContentError, CatalogueError, SettingsError, TaskError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-content",
        description="Serve the clinic's content and keep its translations current.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('clinic-content-api')}")
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

    _add_catalogue_commands(commands, common)
    return parser


def _add_catalogue_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """The translators' subcommands."""
    extract = commands.add_parser("extract", parents=[common], help="content/ → locales/*.pot")
    extract.set_defaults(run=_extract)

    update = commands.add_parser("update", parents=[common], help="merge the templates into every .po")
    update.add_argument("--locale", action="append", help="only this locale (repeatable)")
    update.set_defaults(run=_update)

    init = commands.add_parser("init", parents=[common], help="start catalogues for a new language")
    init.add_argument("--locale", required=True, help="the new locale's code, e.g. pa or ar")
    init.set_defaults(run=_init)

    check = commands.add_parser("check", parents=[common], help="check catalogues; exit 1 on errors")
    check.add_argument("--locale", action="append", help="only this locale (repeatable)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--quiet", action="store_true", help="errors only, no warnings")
    check.add_argument("--strict", action="store_true", help="warnings fail too (a content gate for what ships)")
    check.set_defaults(run=_check)

    stats = commands.add_parser("stats", parents=[common], help="translated, fuzzy and untranslated counts")
    stats.add_argument("--locale", action="append", help="only this locale (repeatable)")
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.set_defaults(run=_stats)

    schema = commands.add_parser("schema", parents=[common], help="write the content files' JSON Schemas")
    schema.set_defaults(run=_schema)

    validate = commands.add_parser("validate", parents=[common], help="content, schemas and templates are sound")
    validate.set_defaults(run=_validate)

    token = commands.add_parser("translator-token", parents=[common], help="a token for a translator, and its row")
    token.add_argument("--id", required=True, help="short and unique, e.g. amna")
    token.add_argument("--name", required=True, help='as history shows it, e.g. "Amna Khan <amna@example.org>"')
    token.set_defaults(run=_translator_token)


def _require_locales(settings: Settings) -> None:
    """Commands that read catalogues refuse a folder that is not there (a typo would otherwise
    check nothing and say OK, or serve English only)."""
    if not settings.locales_dir.is_dir():
        raise SettingsError(f"no catalogue folder at {settings.locales_dir} (--locales or CLINIC_CONTENT_LOCALES_DIR)")


def _serve(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.server.run import serve

    _require_locales(settings)
    serve(settings)
    return 0


def _extract(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.operations import extract_templates

    for result in extract_templates(settings.content_dir, settings.locales_dir):
        if result.removed:
            print(f"{result.path}: removed (no article of the content has it; translations stay in the catalogues)")
            continue
        state = "updated" if result.changed else "unchanged"
        print(f"{result.path}: {result.messages} messages, {state}")
    return 0


def _update(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.operations import update_locales

    for result in update_locales(settings.locales_dir, arguments.locale):
        state = "created (from the language's other catalogues)" if result.created else None
        print(f"{result.path}: {state or ('updated' if result.changed else 'unchanged')}")
    return 0


def _init(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.operations import init_locale

    for path in init_locale(settings.locales_dir, arguments.locale):
        print(f"{path}: created; translate it, then run `clinic-content check`")
    return 0


def _check(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.operations import check_locales
    from api.catalogues.report import describe

    _require_locales(settings)
    located = check_locales(settings.locales_dir, arguments.locale)
    errors = sum(len(item.report.problems if arguments.strict else item.report.errors) for item in located)
    if arguments.format == "json":
        print(msgspec.json.encode([_report_json(item) for item in located]).decode())
        return 1 if errors else 0
    for item in located:
        report = item.report
        shown = report.errors if arguments.quiet else report.problems
        for line in describe(shown, str(item.path)):
            print(line)
        warnings = len(report.problems) - len(report.errors)
        print(
            f"{item.path}: {report.translated}/{report.total} translated, {report.fuzzy} fuzzy, "
            f"{report.untranslated} untranslated; {len(report.errors)} error(s), {warnings} warning(s)"
        )
    what = "problems" if arguments.strict else "errors"
    print(f"FAILED: fix the {what} above" if errors else f"OK: no {what}")
    return 1 if errors else 0


def _stats(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.operations import check_locales

    _require_locales(settings)
    located = check_locales(settings.locales_dir, arguments.locale)
    rows = [_report_json(item, with_problems=False) for item in located]
    if arguments.format == "json":
        print(msgspec.json.encode(rows).decode())
        return 0
    width = max((len(row["domain"]) for row in rows), default=6) + 2
    print(
        f"{'locale':<8}{'domain':<{width}}{'total':>6}{'translated':>12}{'fuzzy':>7}{'untranslated':>14}{'coverage':>10}"
    )
    for row in rows:
        print(
            f"{row['locale']:<8}{row['domain']:<{width}}{row['total']:>6}{row['translated']:>12}{row['fuzzy']:>7}"
            f"{row['untranslated']:>14}{row['coverage']:>10.1%}"
        )
    return 0


def _schema(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.catalogues.files import write_atomically
    from api.content_schema import MODELS, schema_path, schema_text

    for name in MODELS:
        path = schema_path(settings.content_dir, name)
        write_atomically(path, schema_text(name).encode())
        print(f"{path}: written")
    return 0


def _validate(arguments: argparse.Namespace, settings: Settings) -> int:
    """Exit 1 unless the content loads, its schemas are current, and so are the templates and
    each language's set of catalogues."""
    from api.catalogues.operations import extract_templates, missing_catalogues
    from api.content_files import load_content
    from api.content_schema import stale_schemas

    content = load_content(settings.content_dir)  # a bad file raises ContentError: exit 2 with file and field
    faults = [
        f"{path}: not current with the content model; run `clinic-content schema`"
        for path in stale_schemas(settings.content_dir)
    ]
    faults += [
        f"{result.path}: not current with the content; run `clinic-content extract`, then `update`"
        for result in extract_templates(settings.content_dir, settings.locales_dir, dry_run=True)
        if result.changed
    ]
    faults += [f"{path}: missing; run `clinic-content update`" for path in missing_catalogues(settings.locales_dir)]
    for fault in faults:
        print(fault)
    print("FAILED" if faults else f"OK: {len(content.articles)} article(s), schemas and templates current")
    return 1 if faults else 0


def _translator_token(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.translators import new_token

    if not arguments.id.isidentifier():
        print("error: --id must be letters, digits and underscores", file=sys.stderr)
        return 2
    token, row = new_token(arguments.id, arguments.name)
    # A JSON string is a valid TOML basic string: quoting by msgspec keeps any name intact.
    quoted = {name: msgspec.json.encode(value).decode() for name, value in msgspec.structs.asdict(row).items()}
    print(f"Give {arguments.name} this token (it is shown once): {token}\n")
    print("Add this to the translators file (CLINIC_CONTENT_TRANSLATORS_FILE):\n")
    print("[[translators]]")
    for name, value in quoted.items():
        print(f"{name} = {value}")
    return 0


def _report_json(item: LocatedReport, *, with_problems: bool = True) -> dict[str, Any]:
    report = item.report
    row: dict[str, Any] = {
        "locale": item.locale,
        "domain": item.domain,
        "file": str(item.path),
        "total": report.total,
        "translated": report.translated,
        "fuzzy": report.fuzzy,
        "untranslated": report.untranslated,
        "obsolete": report.obsolete,
        "coverage": report.coverage,
    }
    if with_problems:
        row["errors"] = len(report.errors)
        row["problems"] = msgspec.to_builtins(report.problems)
    return row


if __name__ == "__main__":
    sys.exit(main())
