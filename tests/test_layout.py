"""The top-level packages are this repo's, and the one-way flow holds (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import models

ROOT = Path(__file__).resolve().parent.parent


def test_models_is_this_repos_package() -> None:
    assert Path(models.__file__).resolve().is_relative_to(ROOT)


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("models", {"extract", "normalize", "pipeline"}),
        ("extract", {"normalize", "pipeline"}),
        ("normalize", {"extract", "pipeline"}),
    ],
)
def test_one_way_flow(package: str, forbidden: set[str]) -> None:
    assert not (_imports(package) & forbidden)


def test_no_generated_files_tracked() -> None:
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    bad = [p for p in tracked.splitlines() if p.endswith(".parquet") or "__pycache__" in p]
    assert bad == []


SOURCE_PACKAGES = ("models", "extract", "normalize", "pipeline")
MAX_MODULE_LINES = 400  # STYLE.md convention 9
MAX_FUNCTION_LINES = 40


def _sources() -> list[Path]:
    return sorted(p for pkg in SOURCE_PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_modules_stay_at_or_under_400_lines() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_functions_stay_at_or_under_40_lines() -> None:
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {lines}")
    assert long == []
