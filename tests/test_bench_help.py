"""Every bench script documents itself: `--help` prints its usage and runs nothing, and an
unknown option is a usage error (exit 2), not a silent full run (README: every command
documented)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(BENCH.glob("*.py"))


def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=BENCH.parent,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(BENCH.parent)},
    )


def test_there_are_bench_scripts() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_help_prints_usage_and_exits_0(script: Path) -> None:
    done = run(script, "--help")
    assert done.returncode == 0, done.stderr
    assert "usage" in done.stdout.lower() or "python" in done.stdout, done.stdout[:300]
    # a help text, not a measurement's table
    assert len(done.stdout.splitlines()) < 80


@pytest.mark.parametrize("name", ["bench_criteria.py", "bench_legal_cases.py"])
def test_an_unknown_option_is_a_usage_error(name: str) -> None:
    done = run(BENCH / name, "--no-such-option")
    assert done.returncode == 2
    assert "unknown" in done.stderr
