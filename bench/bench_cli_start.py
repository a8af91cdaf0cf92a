"""How fast `plans` starts: `plans --help` and `plans` alone against a bare `python -c pass`.

Prints the median wall time of each over N runs and the ratio to the bare interpreter in the
same run (issue 16: `plans --help` well under 0.5 s; it took 2.5-3.5 s while the CLI imported
pandas, pyarrow and the readers up front).

    python bench/bench_cli_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(argv: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    base = median_seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass        {base:.3f} s")
    for label, extra in (("plans --help", ["--help"]), ("plans (help)", [])):
        t = median_seconds([sys.executable, "-m", "pipeline.cli", *extra], args.runs)
        print(f"{label:<21} {t:.3f} s  ratio {t / base:.1f}x  (+{t - base:.3f} s)")


if __name__ == "__main__":
    main()
