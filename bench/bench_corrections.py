"""What corrections cost a run: a no-op `plans ingest` (nothing changed) over the sample text
exports, without and with a corrections.csv of N lines, as a ratio measured in the same run.

    python bench/bench_corrections.py --copies 40 --corrections 200
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from pipeline.cli import main
from pipeline.dataset.corrections import HEADER, corrections_path
from pipeline.dataset.store import Store

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _ingest(raw: Path, data: Path) -> float:
    started = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        main(["ingest", str(raw), "--out", str(data), "--progress", "none"])
    return time.perf_counter() - started


def _corrections(data: Path, count: int) -> str:
    items = Store(data).read_table("plan_items").to_pylist()[:count]
    lines = [",".join(HEADER)]
    for row in items:
        old = (row["lead"] or "").replace(",", " ")
        lines.append(
            f"{row['doc_id']},,{row['table_index']},{row['code']},lead,{old},{old} (sửa),bench,,"
        )
    return "\n".join(lines) + "\n"


def run(copies: int, count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw, data = Path(tmp) / "raw", Path(tmp) / "pq"
        raw.mkdir()
        for i in range(copies):
            for src in sorted(RAW.glob("plan_*.txt")):
                text = src.read_text(encoding="utf-8") + f"\n<!-- copy {i} -->\n"
                (raw / f"{src.stem}-{i}.txt").write_text(text, encoding="utf-8")
        _ingest(raw, data)
        rows = Store(data).read_table("plan_items").num_rows
        base = min(_ingest(raw, data) for _ in range(repeat))
        corrections_path(data).write_text(_corrections(data, count), encoding="utf-8")
        first = _ingest(raw, data)  # applies them
        again = min(_ingest(raw, data) for _ in range(repeat))
        shutil.rmtree(data)
    print(f"{copies * 5} documents, {rows} plan_items rows, {count} corrections")
    print(f"no-op ingest without corrections: {base:.2f} s")
    print(f"first run applying them:          {first:.2f} s ({first / base:.2f}x)")
    print(f"no-op ingest with corrections:    {again:.2f} s ({again / base:.2f}x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--corrections", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.copies, args.corrections, args.repeat)
