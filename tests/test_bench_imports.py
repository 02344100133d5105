"""The benchmarks are not run by the tests (they take minutes), so a name they import from our own code,
at the top or inside a function, is checked here: one renamed in annotator/ or bench/ once broke the
memory benchmark with nothing else failing."""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def own_imports() -> list[tuple[str, int, str, str]]:
    found = []
    for path in sorted(BENCH.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                    and node.module.split(".")[0] in ("annotator", "bench"):
                found += [(path.relative_to(BENCH.parent).as_posix(), node.lineno, node.module, alias.name)
                          for alias in node.names]
    return found


def test_the_benchmarks_import_names_of_our_own() -> None:
    assert len(own_imports()) > 50  # the walk finds the benchmarks' imports, nested ones included


@pytest.mark.parametrize(("where", "line", "module", "name"), own_imports(),
                         ids=lambda value: str(value))
def test_each_name_a_benchmark_imports_exists(where: str, line: int, module: str, name: str) -> None:
    imported = importlib.import_module(module)
    assert hasattr(imported, name) or importlib.util.find_spec(f"{module}.{name}") is not None, \
        f"{where}:{line}: from {module} import {name}: no such name"
