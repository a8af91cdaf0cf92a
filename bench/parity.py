"""Parity check for refactors: the Parquet of a run made before a change against one made now.

    plans ingest data/raw --out /tmp/parity-before        # with the code before the change
    python bench/parity.py /tmp/parity-before              # ingests data/raw again, compares
    python bench/parity.py /tmp/parity-before --after DIR  # compares two existing datasets
    python bench/parity.py /tmp/scans-before --raw tests/fixtures/scans

Every table is compared row by row (rows as sorted multisets, so the order files finished in
does not matter), ignoring the stamps that differ between any two runs: run_id, extracted_at,
extractor_version (and the run's own clock columns in `runs`). Prints one line per table,
identical or different with the first differing rows, and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IGNORED = frozenset(
    {"run_id", "extracted_at", "extractor_version", "started_at", "finished_at", "mtime_ns"}
)
SHOWN = 3  # differing rows printed per side


def read_rows(dataset: Path, table: str) -> Counter[tuple[tuple[str, str], ...]]:
    """Rows of one table as a multiset of (column, repr(value)) tuples, stamps left out."""
    from pipeline.dataset.store import Store

    rows = Store(dataset).read_table(table).to_pylist()
    return Counter(_key(row) for row in rows)


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items() if k not in IGNORED))


def compare(before: Path, after: Path, tables: list[str]) -> bool:
    """Print identical/different per table; True when every table is identical."""
    same = True
    for table in tables:
        old, new = read_rows(before, table), read_rows(after, table)
        if old == new:
            print(f"{table:<12} identical ({sum(new.values())} rows)")
            continue
        same = False
        gone, added = old - new, new - old
        print(
            f"{table:<12} DIFFERENT: {sum(gone.values())} rows only before, "
            f"{sum(added.values())} only after"
        )
        for label, rows in (("-", gone), ("+", added)):
            for row in list(rows)[:SHOWN]:
                print(f"  {label} {dict(row)}")
    return same


def ingest(raw: Path, out: Path) -> None:
    """`plans ingest RAW --out OUT` in this process, with this checkout's code."""
    from pipeline.cli import main

    code = main(["ingest", str(raw), "--out", str(out), "--jobs", "2", "--progress", "none"])
    if code != 0:
        raise SystemExit(f"plans ingest {raw} exited with {code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="dataset written before the change")
    parser.add_argument("--after", type=Path, help="dataset to compare (default: ingest now)")
    parser.add_argument(
        "--raw", type=Path, default=Path("data/raw"), help="input folder, relative to the repo"
    )
    args = parser.parse_args()
    os.chdir(ROOT)  # source_path is stored as given: ingest the same relative paths as before
    from models.arrow import TABLE_NAMES

    tables = [t for t in TABLE_NAMES if t != "doc_changes"]  # per-run deltas, not content
    if args.after is not None:
        return 0 if compare(args.before, args.after, tables) else 1
    with tempfile.TemporaryDirectory(prefix="parity-after-") as tmp:
        ingest(args.raw, Path(tmp))
        return 0 if compare(args.before, Path(tmp), tables) else 1


if __name__ == "__main__":
    sys.exit(main())
