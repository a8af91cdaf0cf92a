"""Batch and nightly runs: incremental, crash-safe, the same on Dask as locally."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

from models.arrow import TABLE_NAMES
from pipeline.cli import main
from pipeline.dataset.store import Store
from pipeline.query.views import connect
from tests.conftest import RAW

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"run_id", "extracted_at", "started_at", "finished_at", "executor", "mtime_ns"}


def _copy_samples(dst: Path, names: list[str]) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(RAW / name, dst / name)
    return dst


def _stable(table: pa.Table) -> list[dict[str, object]]:
    keep = [c for c in table.column_names if c not in VOLATILE]
    rows = table.select(keep).to_pylist()
    return sorted(rows, key=lambda r: repr(sorted(r.items())))


def _snapshot(root: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            if name != ".lock":
                out[str(path.relative_to(root))] = path.read_bytes()
    for path in root.iterdir():
        if path.is_symlink():
            out[path.name + "@"] = os.readlink(path).encode()
    return out


def test_dask_local_cluster_gives_the_same_parquet_as_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    src = _copy_samples(tmp_path / "in", ["plan_000.txt", "plan_001.docx", "plan_004.pdf"])
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["ingest", str(src), "--out", str(local), "--progress", "none"]) == 0
    assert (
        main(
            [
                "ingest",
                str(src),
                "--out",
                str(dask),
                "--executor",
                "dask",
                "--jobs",
                "2",
                "--progress",
                "none",
            ]
        )
        == 0
    )
    for table in TABLE_NAMES:
        if table in ("runs", "doc_changes"):
            continue
        assert _stable(Store(local).read_table(table)) == _stable(Store(dask).read_table(table)), (
            table
        )
    executors = connect(dask).execute("select executor from runs").fetchall()
    assert executors == [("dask[LocalCluster:2]",)]


def test_nightly_reextracts_stale_and_drops_vanished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _copy_samples(tmp_path / "in", ["plan_000.txt", "plan_003.txt"])
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    (src / "plan_003.txt").unlink()
    text = (src / "plan_000.txt").read_text(encoding="utf-8")
    (src / "plan_000.txt").write_text(text.replace("3.2.4\t", "3.2.5\t"), encoding="utf-8")
    capsys.readouterr()
    assert main(["nightly", str(src), "--out", str(out), "--progress", "none"]) == 0
    printed = capsys.readouterr().out
    assert "removed 1" in printed and "plan_000.txt: plan_items +1 -1 ~0" in printed
    con = connect(out)
    assert con.execute("select count(*) from documents").fetchall() == [(1,)]
    changes = con.execute(
        "select source_path, added, removed, changed from doc_changes order by source_path"
    ).fetchall()
    assert [(Path(p).name, a, r, c) for p, a, r, c in changes] == [
        ("plan_000.txt", 1, 1, 0),
        ("plan_003.txt", 0, 22, 0),
    ]


def test_nightly_reextracts_when_the_extractor_version_changes(tmp_path: Path) -> None:
    src = _copy_samples(tmp_path / "in", ["plan_003.txt"])
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    store = Store(out)
    manifest = store.read_table("manifest")
    stale = manifest.set_column(
        manifest.schema.get_field_index("extractor_version"),
        "extractor_version",
        pa.array(["0.0.0+old"] * manifest.num_rows),
    )
    tables = {t: store.read_table(t) for t in TABLE_NAMES}
    tables["manifest"] = stale
    with store.writer_lock():
        store.commit("20000101T000000Z-000000", tables)
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    runs = (
        connect(out)
        .execute("select mode, docs_done, docs_skipped from runs order by started_at")
        .fetchall()
    )
    assert runs[-1] == ("ingest", 0, 1)  # ingest keeps what is merely stale
    assert main(["nightly", str(src), "--out", str(out), "--progress", "none"]) == 0
    runs = (
        connect(out)
        .execute("select mode, docs_done, docs_skipped from runs order by started_at")
        .fetchall()
    )
    assert runs[-1] == ("nightly", 1, 0)


@pytest.mark.parametrize(
    ("delay", "whole_group"), [(0.3, True), (0.9, True), (1.6, False), (2.4, False)]
)
def test_sigkill_during_nightly_leaves_the_dataset_byte_identical(
    tmp_path: Path, delay: float, whole_group: bool
) -> None:
    """Killing the run (alone: its workers die with it) never changes the dataset."""
    src = _copy_samples(tmp_path / "in", ["plan_000.docx", "plan_001.txt", "plan_002.pdf"])
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    before = _snapshot(out)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "nightly",
            str(src),
            "--out",
            str(out),
            "--force",
            "--progress",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = {k: v for k, v in _snapshot(out).items() if ".tmp" not in k}
    if after != before:
        # Killed after its atomic swap (or finished): then the new version must be whole.
        assert connect(out).execute("select count(*) from runs").fetchall() == [(2,)]
        return
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0  # recovers
    assert not [p for p in (out / ".versions").iterdir() if p.name.endswith(".tmp")]


def test_a_touched_file_with_the_same_bytes_is_skipped(tmp_path: Path) -> None:
    src = _copy_samples(tmp_path / "in", ["plan_003.txt", "plan_004.txt"])
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    os.utime(src / "plan_003.txt", ns=(1, 1))  # new mtime, same bytes
    (src / "plan_004.txt").write_text(
        (src / "plan_004.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    con = connect(out)
    runs = con.execute("select docs_done, docs_skipped from runs order by started_at").fetchall()
    assert runs[-1] == (1, 1)
    mtimes = con.execute("select mtime_ns from manifest where source_path like '%plan_003%'")
    assert mtimes.fetchall() == [(1,)]
    # and the third run skips both by size and mtime alone (a connection reads the version
    # it resolved when it opened: a new one sees the new run)
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    runs = (
        connect(out)
        .execute("select docs_done, docs_skipped from runs order by started_at")
        .fetchall()
    )
    assert runs[-1] == (0, 2)


def test_run_ids_sort_in_the_order_the_runs_started() -> None:
    # Two runs within one second got ids that sorted by their random suffix, so `max(run_id)`
    # (the report's 'latest run', the readers' check) was sometimes the earlier run.
    from pipeline.ingest.runner import new_run_id

    ids = []
    for _ in range(20):
        ids.append(new_run_id())
        time.sleep(0.002)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
