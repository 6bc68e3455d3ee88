"""The shape the code keeps: one-way imports, libraries in their one package, modules and functions
small enough to read. Read from the source with `ast`, so a new module is covered without a list."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

API = Path(__file__).resolve().parent.parent / "api"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
CLI_MODULES = {"api.cli", "api.catalogues.operations"}
"""The translators' command and its verbs: serving code never needs them."""


def module_name(path: Path) -> str:
    parts = path.relative_to(API.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> list[Path]:
    return sorted(API.rglob("*.py"))


def imports(path: Path) -> Iterator[str]:
    """Every module `path` imports, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def imported_by(prefixes: tuple[str, ...], allowed: str) -> list[str]:
    """`module imports name` for each import of `prefixes` from outside the `allowed` package."""
    found = []
    for path in modules():
        name = module_name(path)
        if name == allowed or name.startswith(allowed + "."):
            continue
        found += [f"{name} imports {i}" for i in imports(path) if i.startswith(prefixes)]
    return found


def test_only_the_http_package_imports_litestar() -> None:
    assert imported_by(("litestar",), "api.http") == []


def test_only_the_catalogues_package_imports_polib_or_babel_messages() -> None:
    assert imported_by(("polib", "babel.messages"), "api.catalogues") == []


def test_serving_code_never_imports_the_cli_or_its_operations() -> None:
    found = []
    for path in modules():
        name = module_name(path)
        if name in CLI_MODULES or name == "api.__main__":
            continue
        found += [f"{name} imports {i}" for i in imports(path) if i in CLI_MODULES]
    assert found == []


@pytest.mark.parametrize("path", modules(), ids=module_name)
def test_modules_stay_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def test_functions_stay_short() -> None:
    long_ones = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_ones.append(f"{module_name(path)}.{node.name}: {length} lines")
    assert long_ones == []
