"""The versioned store: atomic swap, readable while writing, recovery, one writer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from models.arrow import TABLE_NAMES, to_arrow
from models.records import ErrorRecord, RunRecord
from pipeline.dataset.store import Store, StoreLocked

STAMPS = {"run_id": "r", "extractor_version": "v"}


def _errors(n: int) -> pa.Table:
    rows = [
        ErrorRecord("r", f"id{i}", f"f{i}.pdf", "read", "unreadable_file", "bad") for i in range(n)
    ]
    return to_arrow("errors", rows, STAMPS)


def _snapshot(root: Path) -> dict[str, bytes]:
    out = {}
    for dirpath, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            path = Path(dirpath) / name
            out[str(path.relative_to(root))] = path.read_bytes()
    for path in root.iterdir():
        if path.is_symlink():
            out[path.name + "@"] = os.readlink(path).encode()
    return out


def test_commit_creates_every_table_readable_by_duckdb(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.writer_lock():
        store.commit("20260101T000000Z-aaaaaa", {"errors": _errors(2)})
    for name in TABLE_NAMES:
        assert (tmp_path / name).is_dir(), name
    count = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path}/errors/**/*.parquet')"
    ).fetchall()[0]
    assert count == (2,)
    empty = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path}/plan_items/**/*.parquet', "
        "hive_partitioning=true)"
    ).fetchall()[0]
    assert empty == (0,)
    assert store.read_table("errors").num_rows == 2


def test_new_version_replaces_old_and_old_versions_are_pruned(tmp_path: Path) -> None:
    store = Store(tmp_path, grace_seconds=0)
    with store.writer_lock():
        for i in range(4):
            store.commit(f"20260101T00000{i}Z-aaaaaa", {"errors": _errors(i + 1)})
    assert store.read_table("errors").num_rows == 4
    assert len(list((tmp_path / ".versions").iterdir())) == 2


def test_replaced_versions_stay_readable_for_the_grace_period(tmp_path: Path) -> None:
    store = Store(tmp_path, grace_seconds=3600)
    with store.writer_lock():
        for i in range(4):
            store.commit(f"20260101T00000{i}Z-aaaaaa", {"errors": _errors(i + 1)})
    assert len(list((tmp_path / ".versions").iterdir())) == 4


def test_second_writer_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.writer_lock():
        with pytest.raises(StoreLocked):
            with Store(tmp_path).writer_lock():
                pass


def test_unfinished_version_of_a_killed_run_is_removed(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.writer_lock():
        store.commit("20260101T000000Z-aaaaaa", {"errors": _errors(1)})
    leftover = tmp_path / ".versions" / "20260101T000001Z-bbbbbb.tmp"
    (leftover / "errors").mkdir(parents=True)
    before = _snapshot(tmp_path / "current")
    with store.writer_lock():
        assert not leftover.exists()
    assert _snapshot(tmp_path / "current") == before


def test_sigkill_during_commit_leaves_previous_dataset_byte_identical(tmp_path: Path) -> None:
    """A writer killed while writing its version: the current dataset does not change."""
    store = Store(tmp_path)
    with store.writer_lock():
        store.commit("20260101T000000Z-aaaaaa", {"errors": _errors(3)})
    before = _snapshot(tmp_path)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        import pipeline.dataset.store as store_mod
        from pipeline.dataset.store import Store
        from tests.test_store import _errors
        real = store_mod._write_table
        calls = []
        def dying(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        store_mod._write_table = dying
        s = Store({str(tmp_path)!r})
        with s.writer_lock():
            s.commit("20260101T000009Z-cccccc", {{"errors": _errors(9)}})
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    after = _snapshot(tmp_path)
    unfinished = {k for k in after if ".tmp" in k}
    assert {k: v for k, v in after.items() if k not in unfinished} == before
    assert Store(tmp_path).read_table("errors").num_rows == 3
    with Store(tmp_path).writer_lock():  # the next run recovers
        pass
    assert not [p for p in (tmp_path / ".versions").iterdir() if p.name.endswith(".tmp")]


def test_runs_row_roundtrip(tmp_path: Path) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    run = RunRecord("r", now, now, "ingest", "local[1]", 3, 2, 1, 0, "v", "c")
    store = Store(tmp_path)
    with store.writer_lock():
        store.commit("20260101T000000Z-aaaaaa", {"runs": to_arrow("runs", [run], STAMPS)})
    assert store.read_table("runs").to_pylist()[0]["docs_skipped"] == 1
