"""The translator CLI, run as translators run it: extract → update → check → fix → clean."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from api.cli import main
from tests.conftest import SLUG
from tests.e2e.server import clinic_content_command
from tests.library import ARTICLE_DOMAIN, DESK_STRINGS, GERMAN, UI_STRINGS, URDU, desk_translated
from tests.test_catalogues import msgfmt_check


def run(capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path], *arguments: str) -> tuple[int, str]:
    content_dir, locales_dir = workspace
    status = main([arguments[0], "--content", str(content_dir), "--locales", str(locales_dir), *arguments[1:]])
    return status, capsys.readouterr().out


def test_changed_english_becomes_fuzzy_then_clean_after_the_fix(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    content_dir, locales_dir = workspace
    article = content_dir / "articles" / f"{SLUG}.toml"
    article.write_text(article.read_text().replace('title = "Smoother Skin"', 'title = "Much Smoother Skin"'))

    assert run(capsys, workspace, "extract") == (
        0,
        f"{locales_dir}/clinic.pot: 5 messages, unchanged\n"
        f"{locales_dir}/{ARTICLE_DOMAIN}.pot: 19 messages, updated\n"
        f"{locales_dir}/ui.pot: {len(UI_STRINGS)} messages, unchanged\n"
        f"{locales_dir}/desk.pot: {len(DESK_STRINGS)} messages, unchanged\n",
    )
    status, output = run(capsys, workspace, "update")
    assert status == 0
    assert f"{locales_dir}/ur/LC_MESSAGES/{ARTICLE_DOMAIN}.po: updated" in output
    assert f"{locales_dir}/ur/LC_MESSAGES/clinic.po: unchanged" in output
    assert f"{locales_dir}/ur/LC_MESSAGES/ui.po: unchanged" in output

    po_path = locales_dir / "ur" / "LC_MESSAGES" / f"{ARTICLE_DOMAIN}.po"
    entry = polib.pofile(str(po_path)).find("Much Smoother Skin")
    assert entry is not None
    assert entry.fuzzy
    assert entry.previous_msgid == "Smoother Skin"
    assert entry.msgstr == URDU[("", "Smoother Skin")]
    assert polib.pofile(str(po_path)).find("Smoother Skin") is None  # matched, not duplicated
    assert msgfmt_check(po_path).returncode == 0
    with po_path.open("rb") as handle:
        babel_entry = read_po(handle).get("Much Smoother Skin")
    assert babel_entry is not None
    assert babel_entry.fuzzy

    status, output = run(capsys, workspace, "check")
    assert status == 0  # fuzzy is a warning: English is served meanwhile
    assert f"{ARTICLE_DOMAIN}.po:" in output
    assert "warning [fuzzy]" in output
    assert 'used to be: "Smoother Skin"' in output

    po = polib.pofile(str(po_path))
    fixed = po.find("Much Smoother Skin")
    assert fixed is not None
    fixed.flags.remove("fuzzy")
    fixed.previous_msgid = None
    fixed.msgstr = "کہیں زیادہ ملائم جلد"
    po.save(str(po_path))

    status, output = run(capsys, workspace, "check", "--locale", "ur")  # German is still to review
    assert status == 0
    warnings = [line for line in output.splitlines() if "warning [" in line]
    assert [line for line in warnings if "/desk.po:" not in line] == []  # the library leaves the desk's words
    assert output.strip().endswith("OK: no errors")


def test_update_without_changes_changes_no_byte(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    before = {p: p.read_bytes() for p in workspace[1].rglob("*.po*")}
    assert run(capsys, workspace, "extract")[0] == 0
    assert run(capsys, workspace, "update")[0] == 0
    assert {p: p.read_bytes() for p in workspace[1].rglob("*.po*")} == before


def test_removed_english_becomes_obsolete_and_keeps_its_translation(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    content_dir, locales_dir = workspace
    clinic = content_dir / "clinic.toml"
    clinic.write_text(clinic.read_text().replace('street = "Main Road"', 'street = "Canal Bank"'))
    run(capsys, workspace, "extract")
    run(capsys, workspace, "update")
    po = polib.pofile(str(locales_dir / "ur" / "LC_MESSAGES" / "clinic.po"))
    obsolete = {e.msgid: e.msgstr for e in po.obsolete_entries()}
    assert obsolete.get("Main Road") == URDU[("", "Main Road")]
    new = po.find("Canal Bank")
    assert new is not None
    assert new.msgstr == "" or new.fuzzy


def test_check_fails_with_errors_and_reports_file_and_line(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    po_path = workspace[1] / "ur" / "LC_MESSAGES" / "ui.po"
    po_path.write_text(po_path.read_text().replace('msgstr "{total} میں سے حصہ {n}"', 'msgstr "{total} میں سے حصہ"'))
    status, output = run(capsys, workspace, "check")
    assert status == 1
    line = next(line for line in output.splitlines() if "[parse]" in line)  # msgfmt refuses it too
    assert line.startswith(f"{po_path}:")
    assert "argument 'n' doesn't exist in 'msgstr'" in line
    assert output.strip().endswith("FAILED: fix the errors above")


def test_check_json_output(capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]) -> None:
    status, output = run(capsys, workspace, "check", "--format", "json")
    rows = json.loads(output)
    assert status == 0
    assert [(r["locale"], r["domain"], r["errors"], r["coverage"]) for r in rows if r["domain"] != "desk"] == [
        ("de", ARTICLE_DOMAIN, 0, 1.0),
        ("de", "clinic", 0, 1.0),
        ("de", "ui", 0, 1.0),
        ("ur", ARTICLE_DOMAIN, 0, 1.0),
        ("ur", "clinic", 0, 1.0),
        ("ur", "ui", 0, 1.0),
    ]
    assert [(r["locale"], r["errors"]) for r in rows if r["domain"] == "desk"] == [("de", 0), ("ur", 0)]


def test_stats(capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]) -> None:
    status, output = run(capsys, workspace, "stats", "--format", "json")
    assert status == 0
    rows = [(r["domain"], r["total"], r["translated"], r["fuzzy"]) for r in json.loads(output)]
    desk = len(DESK_STRINGS)
    assert rows == [
        (ARTICLE_DOMAIN, 19, 19, 0),
        ("clinic", 5, 5, 0),
        ("desk", desk, desk_translated(GERMAN), 0),
        ("ui", len(UI_STRINGS), len(UI_STRINGS), 0),
        (ARTICLE_DOMAIN, 19, 19, 0),
        ("clinic", 5, 5, 0),
        ("desk", desk, desk_translated(URDU), 0),
        ("ui", len(UI_STRINGS), len(UI_STRINGS), 0),
    ]
    status, output = run(capsys, workspace, "stats")
    assert f"ur      {ARTICLE_DOMAIN}      19" in output  # the column is as wide as the longest domain
    assert "100.0%" in output


def test_init_starts_a_language_with_cldr_plural_rules(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    status, output = run(capsys, workspace, "init", "--locale", "ar")
    assert status == 0
    for domain in ("clinic", ARTICLE_DOMAIN, "ui"):
        path = workspace[1] / "ar" / "LC_MESSAGES" / f"{domain}.po"
        po = polib.pofile(str(path))
        assert po.metadata["Language"] == "ar"
        assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
        assert msgfmt_check(path).returncode == 0
        with path.open("rb") as handle:
            assert read_po(handle).num_plurals == 6
    ui = polib.pofile(str(workspace[1] / "ar" / "LC_MESSAGES" / "ui.po"))
    plural = next(e for e in ui if e.msgid_plural)
    assert len(plural.msgstr_plural) == 6
    status, output = run(capsys, workspace, "check", "--locale", "ar")
    assert status == 0
    assert "warning [untranslated]" in output


def test_init_refuses_an_existing_or_unknown_locale(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]
) -> None:
    content_dir, locales_dir = workspace
    common = ["--content", str(content_dir), "--locales", str(locales_dir)]
    assert main(["init", *common, "--locale", "ur"]) == 2
    assert "already has catalogues; use `clinic-content update`" in capsys.readouterr().err
    assert main(["init", *common, "--locale", "xx-nope"]) == 2
    assert "not a locale CLDR knows" in capsys.readouterr().err


def test_console_script_is_installed() -> None:
    result = subprocess.run([*clinic_content_command(), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("serve", "extract", "update", "init", "check", "stats"):
        assert command in result.stdout


def test_cli_runs_as_a_module(workspace: tuple[Path, Path]) -> None:
    """`python -m api.cli check` (the `__main__` block once sat mid-file: NameError)."""
    content_dir, locales_dir = workspace
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "check", "--content", str(content_dir), "--locales", str(locales_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Error" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "OK: no errors" in result.stdout


def test_check_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path]) -> None:
    po = workspace[1] / "ur" / "LC_MESSAGES" / "ui.po"
    po.write_text(po.read_text().replace(f'msgstr "{URDU[("next", "Next")]}"', 'msgstr ""'), encoding="utf-8")
    assert run(capsys, workspace, "check")[0] == 0  # untranslated is a warning
    status, output = run(capsys, workspace, "check", "--strict")
    assert status == 1
    assert output.strip().endswith("FAILED: fix the problems above")


@pytest.mark.parametrize("command", ["check", "stats", "serve"])
def test_a_missing_catalogue_folder_is_an_error_not_ok(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path], command: str
) -> None:
    content_dir, locales_dir = workspace
    missing = locales_dir.parent / "nope"
    assert main([command, "--content", str(content_dir), "--locales", str(missing)]) == 2
    captured = capsys.readouterr()
    assert f"error: no catalogue folder at {missing}" in captured.err
    assert "OK" not in captured.out


def test_version_names_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"clinic-content {importlib.metadata.version('clinic-content-api')}"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_content_stops_serve_with_the_file_and_field(
    capsys: pytest.CaptureFixture[str], workspace: tuple[Path, Path], workers: str
) -> None:
    """With several workers the first build runs in a child process; its error is the same."""
    content_dir, _ = workspace
    article = next((content_dir / "articles").glob("*.toml"))
    article.write_text(article.read_text(encoding="utf-8").replace('slug = "', 'slug = "Not A Slug '), encoding="utf-8")
    arguments = ["--content", str(content_dir), "--locales", str(workspace[1]), "--workers", workers]
    assert main(["serve", *arguments]) == 2
    assert f"{article}: " in capsys.readouterr().err
