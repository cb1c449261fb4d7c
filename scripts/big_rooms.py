#!/usr/bin/env python3
"""Modules over 450 lines and functions over 80 lines in reporter/ (the house rules of issue 24).

Why: the limits are a project standard; this lists what breaks them, largest first, so a split can
be planned and a test can hold the line later (`over_limits()` returns the same rows).
Use: python scripts/big_rooms.py [--modules N] [--functions N] [ROOT]; exit 1 if anything is over.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

MODULE_LINES = 450
FUNCTION_LINES = 80


def functions(tree: ast.AST, prefix: str = ""):
    """(qualified name, first line, lines) of every function and method, nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            yield f"{prefix}{node.name}", start, node.end_lineno - start + 1
            yield from functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from functions(node, f"{prefix}{node.name}.")


def over_limits(root: Path, module_lines: int = MODULE_LINES, function_lines: int = FUNCTION_LINES):
    """(kind, path, name, lines) of each module and function over its limit, largest first."""
    rows = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text("utf-8")
        rel = path.relative_to(root.parent).as_posix()
        count = len(text.splitlines())
        if count > module_lines:
            rows.append(("module", rel, "", count))
        for name, start, lines in functions(ast.parse(text, str(path))):
            if lines > function_lines:
                rows.append(("function", f"{rel}:{start}", name, lines))
    return sorted(rows, key=lambda r: (r[0] != "module", -r[3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(Path(__file__).resolve().parent.parent / "reporter"))
    parser.add_argument("--modules", type=int, default=MODULE_LINES, help="module limit in lines")
    parser.add_argument("--functions", type=int, default=FUNCTION_LINES, help="function limit in lines")
    args = parser.parse_args(argv)
    rows = over_limits(Path(args.root), args.modules, args.functions)
    for kind, where, name, lines in rows:
        print(f"{kind:8} {lines:5}  {where} {name}".rstrip())
    print(f"{len(rows)} over the limits ({args.modules} lines a module, {args.functions} a function)")
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main())
