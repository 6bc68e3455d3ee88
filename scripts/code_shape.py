"""Lines per module and the longest functions of `api/`: the numbers a structure review starts from.

`python scripts/code_shape.py [--top N]`; functions are measured from `def` to their last line.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def function_lengths(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=10)
    arguments = parser.parse_args()
    modules = sorted((ROOT / "api").rglob("*.py"))
    total = 0
    for module in modules:
        lines = len(module.read_text(encoding="utf-8").splitlines())
        total += lines
        print(f"{lines:6} {module.relative_to(ROOT)}")
    print(f"{total:6} in {len(modules)} modules")
    print("longest functions:")
    for length, name in sorted((f for m in modules for f in function_lengths(m)), reverse=True)[: arguments.top]:
        print(f"{length:6} {name}")


if __name__ == "__main__":
    main()
