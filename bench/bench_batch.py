"""Batch benchmark: a no-op `plans ingest` over 1,000 unchanged files, and throughput with
1 and 2 local workers and a 2-worker Dask LocalCluster, as one table of ratios.

    python bench/bench_batch.py [--files 1000] [--mixed 30]

Targets (DESIGN.md): the no-op ingest of 1,000 unchanged files in ≤ 3 s. Throughput is
reported relative to 1 local worker measured in the same run (no absolute timings are
asserted anywhere).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT))


def make_unique_texts(dst: Path, count: int) -> None:
    """`count` distinct text plans: the five exports, each copy with its own last line."""
    samples = sorted(RAW.glob("plan_*.txt"))
    for i in range(count):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (dst / f"copy_{i:05d}.txt").write_text(text + f"\nBản sao số {i}\n", encoding="utf-8")


def make_mixed(dst: Path, count: int) -> None:
    files = sorted(p for p in RAW.iterdir() if p.suffix in (".docx", ".pdf", ".txt"))
    for i in range(count):
        src = files[i % len(files)]
        shutil.copy(src, dst / f"m{i:04d}{src.suffix}")


def timed_cli(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args, "--progress", "none"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000, help="files for the no-op ingest")
    parser.add_argument("--mixed", type=int, default=30, help="files for the throughput runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        texts, out = base / "texts", base / "out"
        texts.mkdir()
        make_unique_texts(texts, args.files)
        first = timed_cli(["ingest", str(texts), "--out", str(out), "--jobs", "2"])
        noop = timed_cli(["ingest", str(texts), "--out", str(out)])
        mixed = base / "mixed"
        mixed.mkdir()
        make_mixed(mixed, args.mixed)
        runs = {
            "local, 1 worker": ["--jobs", "1"],
            "local, 2 workers": ["--jobs", "2"],
            "dask LocalCluster, 2 workers": ["--executor", "dask", "--jobs", "2"],
        }
        seconds = {}
        for label, extra in runs.items():
            seconds[label] = timed_cli(
                ["ingest", str(mixed), "--out", str(base / label.replace(" ", "_")), *extra]
            )
    base_rate = args.mixed / seconds["local, 1 worker"]
    print(
        f"no-op ingest of {args.files} unchanged files: {noop:.2f} s (target ≤ 3 s); "
        f"first ingest {first:.1f} s ({args.files / first:.0f} files/s with 2 workers)"
    )
    print(f"\nthroughput on {args.mixed} mixed files (docx/pdf/txt samples), whole CLI runs:")
    print(f"{'executor':<30} {'seconds':>8} {'files/s':>8} {'vs 1 worker':>12}")
    for label, secs in seconds.items():
        rate = args.mixed / secs
        print(f"{label:<30} {secs:>8.1f} {rate:>8.1f} {rate / base_rate:>11.2f}x")


if __name__ == "__main__":
    main()
