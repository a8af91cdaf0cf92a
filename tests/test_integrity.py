"""Nothing lost, nothing stale, nothing deleted (issue 11): copies, races, readers, names.

Each test reproduces one defect through the entry point where a user meets it (the CLI, or
the runner with the callbacks the CLI uses) and failed before its fix.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
import unicodedata
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.dataset.store import Store
from pipeline.ingest.executors import LocalExecutor
from pipeline.ingest.plan import _same_bytes, plan_run
from pipeline.ingest.runner import run
from pipeline.query.views import connect
from tests.conftest import RAW, ROOT

NO_PROGRESS = ["--progress", "none"]


def _ingest(src: Path, out: Path, *extra: str) -> int:
    return main(["ingest", str(src), "--out", str(out), *NO_PROGRESS, *extra])


def _rows(out: Path, sql: str) -> list[tuple[object, ...]]:
    return connect(out).execute(sql).fetchall()


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file and link of a dataset folder, by relative path."""
    found: dict[str, bytes] = {}
    for dirpath, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(dirpath, d))]:
            path = Path(dirpath) / name
            key = str(path.relative_to(root))
            found[key] = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return found


# --- 1. a failing copy must not cost the good path its rows ------------------------------


def test_a_failing_byte_copy_does_not_erase_the_good_files_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_004.pdf", src / "plan_004.pdf")
    shutil.copy(RAW / "plan_004.pdf", src / "a_copy.docx")  # same bytes, wrong suffix: fails
    out = tmp_path / "out"
    assert _ingest(src, out) == 1
    items = "select count(*) from plan_items"
    assert _rows(out, items)[0][0] == 48
    [(path, status)] = _rows(out, "select source_path, status from documents")
    assert (Path(path).name, status) == ("plan_004.pdf", "ok")
    [(kind, where)] = _rows(out, "select kind, source_path from errors where severity='error'")
    assert Path(where).name == "a_copy.docx"
    # and the next runs keep them (the manifest says ok for plan_004.pdf)
    assert _ingest(src, out) == 1
    assert _rows(out, items)[0][0] == 48


def test_a_good_file_added_after_its_failed_copy_gets_its_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_004.pdf", src / "a_copy.docx")
    out = tmp_path / "out"
    assert _ingest(src, out) == 1
    shutil.copy(RAW / "plan_004.pdf", src / "plan_004.pdf")
    assert _ingest(src, out) == 1  # the copy is still failed
    assert _rows(out, "select count(*) from plan_items")[0][0] == 48


# --- 2. a file replaced while it is extracted -------------------------------------------


def test_a_file_replaced_after_it_was_read_is_extracted_again_next_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    target = src / "plan.txt"
    shutil.copy(RAW / "plan_003.txt", target)
    out = tmp_path / "out"

    def swap(_result: object) -> None:  # the worker has read plan_003; the disk now has 004
        if "Sơn Thượng" in target.read_text(encoding="utf-8"):
            shutil.copy(RAW / "plan_004.txt", target)

    store = Store(out)
    run([src], store, LocalExecutor(1), on_result=swap)
    assert _ingest(src, out) == 0  # sees the new stat, hashes, re-extracts
    [(commune,)] = _rows(out, "select commune from documents")
    assert commune == "Giang Điền"


# --- 3. --out never deletes what plans did not write ------------------------------------


def test_out_folder_with_a_users_table_named_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "mine.xlsx").write_bytes(b"my work")
    (out / "errors").mkdir()
    (out / "errors" / "notes.txt").write_text("keep me")
    assert _ingest(RAW / "plan_003.txt", out) == 2
    assert (out / "documents" / "mine.xlsx").read_bytes() == b"my work"
    assert (out / "errors" / "notes.txt").read_text() == "keep me"


def test_a_plain_file_named_like_a_table_is_refused_not_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert _ingest(RAW / "plan_003.txt", out) == 0
    os.unlink(out / "runs")  # a user replaced the link with a file of their own
    (out / "runs").write_text("my runs")
    capsys.readouterr()
    assert _ingest(RAW / "plan_004.txt", out) == 2
    assert "runs" in capsys.readouterr().err
    assert (out / "runs").read_text() == "my runs"
    assert main(["query", "--data", str(out), "select count(*) from documents"]) == 0


def test_a_folder_that_is_not_a_dataset_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_bytes(b"x")
    assert _ingest(RAW / "plan_003.txt", home) == 2
    err = capsys.readouterr().err
    assert "not a plans dataset" in err and "thesis.docx" in err
    assert sorted(p.name for p in home.iterdir()) == ["thesis.docx"]
    # an empty folder, or one with only a README (data/parquet ships one), is fine
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "README.md").write_text("output goes here")
    assert _ingest(RAW / "plan_003.txt", fresh) == 0


# --- 4. readers never see errors or mixed versions while a writer runs -------------------


def _reader_loop(out: Path, stop: threading.Event, seen: dict[str, int]) -> None:
    """What an analyst's script does: connect, ask, repeat. Every answer must come from one
    version: the documents of a forced run all carry that run's id, the last in `runs`."""
    while not stop.is_set():
        try:
            con = connect(out)
            (last_run, ids) = con.execute(
                "select (select max(run_id) from runs), "
                "(select list(distinct run_id) from documents)"
            ).fetchone() or (None, None)
            seen["queries"] += 1
            if ids != [last_run]:
                seen["mixed"] += 1
        except (duckdb.Error, OSError, FileNotFoundError) as e:
            seen["errors"] += 1
            seen.setdefault("first", str(e))  # type: ignore[arg-type]


def test_readers_see_one_version_while_nightly_swaps_versions(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("plan_003.txt", "plan_004.txt"):
        shutil.copy(RAW / name, src / name)
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    seen = {"queries": 0, "mixed": 0, "errors": 0}
    stop = threading.Event()
    readers = [threading.Thread(target=_reader_loop, args=(out, stop, seen)) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for _ in range(6):
            args = ["nightly", str(src), "--out", str(out), "--force", *NO_PROGRESS]
            assert main(args) == 0
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert seen["queries"] > 20
    assert (seen["errors"], seen["mixed"]) == (0, 0), seen


def test_a_connection_reads_the_version_it_opened_while_versions_are_swapped(
    tmp_path: Path,
) -> None:
    """A notebook keeps its connection open across nightly runs: every answer it gets comes
    from the version it resolved, whole and readable, however many runs swap in meanwhile."""
    from tests.test_store import _errors

    store = Store(tmp_path)
    with store.writer_lock():
        store.commit("20260101T000000Z-000000", {"errors": _errors(3)})
    seen = {"queries": 0, "changed": 0, "errors": 0}
    stop = threading.Event()

    def reader() -> None:
        con = connect(tmp_path)
        while not stop.is_set():
            try:
                (count,) = con.execute("select count(*) from errors").fetchone() or (0,)
                seen["queries"] += 1
                seen["changed"] += count != 3
            except (duckdb.Error, OSError):
                seen["errors"] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        with store.writer_lock():
            for i in range(1, 41):
                store.commit(f"20260101T0000{i:02d}Z-000000", {"errors": _errors(i % 7 + 4)})
                time.sleep(0.01)
    finally:
        stop.set()
        thread.join()
    assert seen["queries"] > 10
    assert (seen["errors"], seen["changed"]) == (0, 0), seen
    assert connect(tmp_path).execute("select count(*) from errors").fetchone() == (40 % 7 + 4,)


# --- 5. a file deleted between discovery and extraction --------------------------------


def test_a_file_that_vanished_after_discovery_does_not_crash_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("plan_003.txt", "plan_004.txt"):
        shutil.copy(RAW / name, src / name)
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    gone = src / "plan_003.txt"
    gone.unlink()
    store = Store(out)
    with store.writer_lock():
        plan = plan_run(store, [gone, src / "plan_004.txt"], "ingest", force=False)
    assert plan.todo == [gone]  # extracted, which records why it failed
    deleted: list[Path] = []

    def delete_first(p: object) -> None:
        victim = src / "plan_004.txt"
        victim.unlink()
        deleted.append(victim)

    shutil.copy(RAW / "plan_003.txt", gone)
    summary = run([src], store, LocalExecutor(1), mode="ingest", force=True, on_plan=delete_first)
    assert summary.failed == 1 and deleted
    [(path, kind, message)] = _rows(
        out, "select source_path, kind, message from errors where severity = 'error'"
    )
    assert path.endswith("plan_004.txt") and kind == "unreadable_file"
    assert "plan_004.txt" in message and "No such file" in message


# --- 8. disk full -------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 256 KiB tmpfs: room for one small version, not for a larger second one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)  # lazily: a connection may be open


def test_disk_full_is_a_clear_error_and_the_dataset_is_unchanged(
    tiny_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tiny_disk / "out"
    assert _ingest(RAW / "plan_003.txt", out) == 0
    before = _snapshot(out)
    src = tmp_path / "in"
    src.mkdir()
    for name in sorted(RAW.glob("plan_00*.txt")):
        shutil.copy(name, src / name.name)
    capsys.readouterr()
    assert _ingest(src, out) == 2
    err = capsys.readouterr().err
    assert "no space left" in err and "previous version is unchanged" in err
    assert "Traceback" not in err
    after = {k: v for k, v in _snapshot(out).items() if k != ".lock"}
    assert after == {k: v for k, v in before.items() if k != ".lock"}
    assert _rows(out, "select count(*) from documents") == [(1,)]


# --- 10. the smaller ones ------------------------------------------------------------------


def test_identical_files_get_one_deterministic_path_and_no_stale_row(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("b.txt", "a.txt"):
        shutil.copy(RAW / "plan_003.txt", src / name)
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--jobs", "2", *NO_PROGRESS]) == 0
    [(path,)] = _rows(out, "select source_path from documents")
    assert Path(path).name == "a.txt"
    shutil.copy(RAW / "plan_004.txt", src / "a.txt")  # a.txt now holds another plan
    assert _ingest(src, out) == 0
    rows = _rows(out, "select source_path, commune from documents order by 1")
    assert [(Path(p).name, c) for p, c in rows] == [
        ("a.txt", "Giang Điền"),
        ("b.txt", "Sơn Thượng"),
    ]


def test_the_same_folder_relative_then_absolute_is_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_003.txt", src / "plan_003.txt")
    monkeypatch.chdir(tmp_path)
    assert _ingest(Path("in"), Path("out")) == 0
    assert _ingest(src, tmp_path / "out") == 0
    runs = _rows(tmp_path / "out", "select docs_done, docs_skipped from runs order by started_at")
    assert runs[-1] == (0, 1)
    assert _rows(tmp_path / "out", "select count(*) from manifest") == [(1,)]


def test_nfd_file_names_are_stored_nfc(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    nfd = unicodedata.normalize("NFD", "Kế hoạch Sơn Thượng.txt")
    shutil.copy(RAW / "plan_003.txt", src / nfd)
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    for table in ("documents", "manifest"):
        [(path,)] = _rows(out, f"select source_path from {table}")
        assert path == unicodedata.normalize("NFC", path) and path.endswith("Thượng.txt")
    assert _ingest(src, out) == 0  # NFC key, NFD file: still recognised as unchanged
    assert _rows(out, "select docs_skipped from runs order by started_at")[-1] == (1,)


def test_a_dataset_path_with_glob_characters_can_be_read(tmp_path: Path) -> None:
    out = tmp_path / "plans[1]" / "out*?"
    assert _ingest(RAW / "plan_003.txt", out) == 0
    assert main(["query", "--data", str(out), "select count(*) from documents"]) == 0
    assert _rows(out, "select count(*) from plan_items") == [(22,)]


def test_a_fifo_or_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _ingest(fifo, tmp_path / "out") == 2
    assert "not a regular file" in capsys.readouterr().err
    assert _ingest(tmp_path / "missing", tmp_path / "out") == 2
    assert "no such file" in capsys.readouterr().err


def test_reader_warnings_name_their_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    pdf = (RAW / "plan_003.pdf").read_bytes()
    (src / "cut.pdf").write_bytes(pdf[: pdf.rfind(b"%%EOF")])  # no %%EOF: a reader warning
    out = tmp_path / "out"
    _ingest(src, out)
    messages = _rows(out, "select message from errors where kind = 'reader_warning'")
    assert messages and all("cut.pdf" in m for (m,) in messages)


def test_hashing_a_changed_file_streams_it(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.write(os.urandom(1 << 20) * 48)
    tracemalloc.start()
    try:
        assert not _same_bytes(big, "0" * 64)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # well under the file's 48 MiB


def test_refs_of_a_file_runs_under_the_ingest_limits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refs", str(RAW / "plan_003.txt")]) == 0
    out = [line for line in capsys.readouterr().out.splitlines() if line]
    assert out and all('"identity": null' not in line for line in out)
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        line = ("Kế hoạch số 106/KH-UBND ngày 02/8/2023\t" * 20 + "\n").encode()
        handle.write(line * (300 * 1024 * 1024 // len(line)))
    assert main(["refs", str(big), "--memory-mb", "64"]) == 1
    assert "memory limit 64 MB" in capsys.readouterr().err


def test_a_pdf_with_a_broken_xref_table_is_repaired_and_read(tmp_path: Path) -> None:
    data = (RAW / "plan_004.pdf").read_bytes()
    cut = data[: data.rfind(b"\nxref")] + b"\n%%EOF\n"  # the xref table and trailer gone
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.pdf").write_bytes(cut)
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    assert _rows(out, "select page_count, status from documents") == [(21, "ok")]
    assert _rows(out, "select count(*) from plan_items") == [(48,)]
    [(message,)] = _rows(out, "select message from errors where kind = 'reader_warning'")
    assert "repaired" in message and "broken.pdf" in message


def _huge_png(path: Path) -> None:
    from PIL import Image

    Image.new("L", (11_000, 10_000), 255).save(path)  # 110 Mpx of white: a small file


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_a_110_mpx_image_is_limit_exceeded_in_every_executor(tmp_path: Path, executor: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _huge_png(src / "huge.png")
    out = tmp_path / "out"
    assert _ingest(src, out, "--executor", executor) == 1
    [(kind, message)] = _rows(out, "select kind, message from errors where severity = 'error'")
    assert kind == "limit_exceeded" and "huge.png" in message and "110 Mpx" in message


def test_ctrl_c_says_interrupted_exits_130_and_leaves_the_dataset(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest(RAW / "plan_003.txt", out) == 0
    before = _snapshot(out)
    src = tmp_path / "in"
    src.mkdir()
    for name in ("plan_000.pdf", "plan_001.pdf", "plan_002.pdf", "plan_004.pdf"):
        shutil.copy(RAW / name, src / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(out)]
        + ["--progress", "lines"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        start_new_session=True,
        # a terminal's Ctrl-C, whatever the test runner inherited: a run started in the
        # background of a non-interactive shell ignores SIGINT, and an ignored signal stays
        # ignored across exec (Python then installs no KeyboardInterrupt at all)
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _lock_held(out):
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    after = _snapshot(out)
    assert {k: v for k, v in after.items() if k != ".lock"} == {
        k: v for k, v in before.items() if k != ".lock"
    }


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _lock_held(out: Path) -> bool:
    """True while another process holds the dataset's writer lock (flock)."""
    import fcntl

    try:
        with open(out / ".lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


# --- acceptance: a bad-file batch --------------------------------------------------------

IGNORED = {"run_id", "extracted_at", "extractor_version", "source_path"}
RESULT_TABLES = ("documents", "plan_items", "item_scores", "targets", "legal_refs")
HOSTILE = ("line\nbreak", "esc\x1b[2Jcls", "glob[1]*?", "-rf", "quote'\"", "Sơn Thượng")


def _rows_by_doc(out: Path) -> dict[str, dict[str, list[str]]]:
    """Per table, per doc_id: the rows as sorted JSON strings, run stamps and paths left out."""
    import json

    con = connect(out)
    found: dict[str, dict[str, list[str]]] = {}
    for table in RESULT_TABLES:
        cursor = con.execute(f"select * from {table}")
        names = [d[0] for d in cursor.description or []]
        for row in cursor.fetchall():
            data = {k: v for k, v in zip(names, row, strict=True) if k not in IGNORED}
            text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
            found.setdefault(table, {}).setdefault(str(data["doc_id"]), []).append(text)
    for per_doc in found.values():
        for rows in per_doc.values():
            rows.sort()
    return found


def test_a_bad_file_batch_keeps_every_valid_files_rows(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    assert main(["ingest", str(RAW), "--out", str(clean), "--jobs", "2", *NO_PROGRESS]) == 0
    expected = _rows_by_doc(clean)

    src = tmp_path / "messy"
    shutil.copytree(RAW, src)
    shutil.copy(RAW / "plan_001.pdf", src / "copy_of_001.docx")  # PDF bytes, DOCX name
    shutil.copy(RAW / "plan_002.docx", src / "copy_of_002.pdf")  # DOCX bytes, PDF name
    for i, name in enumerate(HOSTILE):
        sample = sorted(RAW.glob("plan_00*.txt"))[i % 5]
        shutil.copy(sample, src / unicodedata.normalize("NFD", f"{name}.txt"))
    swapped, doomed = src / "swapped.txt", src / "doomed.txt"
    shutil.copy(RAW / "plan_003.txt", swapped)
    shutil.copy(RAW / "plan_004.txt", doomed)

    def delete(_plan: object) -> None:
        doomed.unlink()

    def swap(result: object) -> None:
        if getattr(result, "source_path", "").endswith("swapped.txt"):
            swapped.write_bytes(b"not a plan any more\n")

    out = tmp_path / "out"
    summary = run([src], Store(out), LocalExecutor(2), on_plan=delete, on_result=swap)
    assert summary.failed == 3  # the two wrong-suffix copies and the deleted file
    got = _rows_by_doc(out)
    for table in RESULT_TABLES:
        for doc_id, rows in expected.get(table, {}).items():
            assert got[table].get(doc_id) == rows, (table, doc_id)
    failures = _rows(out, "select source_path, kind, message from errors where severity='error'")
    by_name = {Path(p).name: (kind, message) for p, kind, message in failures}
    assert sorted(by_name) == ["copy_of_001.docx", "copy_of_002.pdf", "doomed.txt"]
    for name, (_kind, message) in by_name.items():
        assert name in message
    assert "not a PDF" in by_name["copy_of_002.pdf"][1]
    assert "No such file" in by_name["doomed.txt"][1]
    # the swapped file is read again by the next run, which finds no plan in it
    assert main(["ingest", str(src), "--out", str(out), *NO_PROGRESS]) == 1
    [(path, commune)] = _rows(
        out, "select source_path, commune from documents where source_path like '%swapped%'"
    )
    assert commune is None
