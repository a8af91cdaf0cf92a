"""A run: decide what to extract, extract it with an executor, merge, swap in atomically.

`ingest` extracts new or changed files (and files that failed before) among the paths it
is given; `nightly` also re-extracts every file whose extractor or code-list version is
stale and drops the rows of files that disappeared from the watched folders.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from models.arrow import PER_PLAN_TABLES, TABLE_NAMES, to_arrow
from models.records import DocChange, ManifestRecord, RunRecord
from pipeline.dataset.corrections import read_learned
from pipeline.dataset.store import Store
from pipeline.ingest.apply_corrections import apply_to_tables, mark_applied
from pipeline.ingest.diff import item_diff
from pipeline.ingest.discover import discover
from pipeline.ingest.executors import Executor
from pipeline.ingest.plan import Mode, Plan, plan_run, read_manifest
from pipeline.ingest.plan_ids import with_plan_ids
from pipeline.ingest.process import DocResult, use_learned_aliases
from pipeline.ingest.versions import code_list_version, extractor_version

log = logging.getLogger(__name__)
# The tables a document's result fills: its per-plan tables and its errors.
RESULT_TABLES = (*PER_PLAN_TABLES, "errors")


@dataclass
class RunSummary:
    """What a run did, for the CLI's summary and the `runs` row."""

    run_id: str
    mode: Mode
    executor: str
    seen: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    partial: int = 0
    removed: int = 0
    by_format: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    # (path, new doc_id, rows added, removed, changed) per re-extracted or dropped file
    diffs: list[tuple[str, str | None, int, int, int]] = field(default_factory=list)


def new_run_id() -> str:
    """'20261122T044301.482Z-3fa9c1': sortable by time (to the millisecond: two runs in one
    second sorted by their random suffix, so `max(run_id)` was not always the last run),
    unique across machines."""
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S") + f".{now.microsecond // 1000:03d}Z"
    return stamp + "-" + secrets.token_hex(3)


def run(
    paths: Iterable[Path],
    store: Store,
    executor: Executor,
    mode: Mode = "ingest",
    force: bool = False,
    on_result: Callable[[DocResult], None] | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> RunSummary:
    """Extract what is new or stale under `paths` and swap the new dataset in."""
    run_id = new_run_id()
    started = datetime.now(UTC)
    summary = RunSummary(run_id, mode, executor.name)
    files = discover(paths)
    with store.writer_lock():
        plan = plan_run(store, files, mode, force)
        if on_plan:
            on_plan(plan)
        summary.seen, summary.skipped = len(files), len(plan.skipped)
        use_learned_aliases(read_learned(store.root))
        results: list[DocResult] = []
        for result in executor.map_files([str(p) for p in plan.todo], run_id):
            results.append(result)
            _count(summary, result)
            if on_result:
                on_result(result)
        summary.removed = len(plan.dropped_paths)
        tables, reuse = _new_tables(store, plan, results, run_id, summary)
        # analyst corrections (corrections.csv) go on top of every run's rows (issue 18)
        applied = apply_to_tables(store.root, tables, store.read_table, run_id, store.current_dir())
        reuse = reuse - applied.replaced
        tables["runs"] = _runs_table(store, summary, started, run_id)
        if "doc_changes" not in reuse:
            tables["doc_changes"] = _changes_table(store, summary, run_id)
        store.commit(run_id, tables, reuse)
        mark_applied(store.root, run_id, applied.digest)
    return summary


def _count(summary: RunSummary, result: DocResult) -> None:
    fmt = result.source_format or "?"
    summary.by_format[fmt] = summary.by_format.get(fmt, 0) + 1
    if result.status == "failed":
        summary.failed += 1
        message = result.errors[0].message if result.errors else "failed"
        summary.failures.append((result.source_path, message))
    else:
        summary.done += 1
        summary.partial += result.status == "partial"


def _new_tables(
    store: Store, plan: Plan, results: list[DocResult], run_id: str, summary: RunSummary
) -> tuple[dict[str, pa.Table], frozenset[str]]:
    """The tables this run writes, and those it links unchanged from the current version."""
    reuse: frozenset[str] = frozenset()
    if results or plan.dropped_paths:
        tables = _merge(store, results, plan.dropped_paths, run_id, summary)
    else:  # nothing changed: only the runs table gets a row, the rest is linked
        tables, reuse = {}, frozenset(TABLE_NAMES) - {"runs"}
    if plan.touched:
        manifest = tables.get("manifest", read_manifest(store))
        tables["manifest"] = _restat(manifest, plan.touched)
        reuse = reuse - {"manifest"}
    return tables, reuse


def _stamps(run_id: str) -> dict[str, str]:
    return {"run_id": run_id, "extractor_version": extractor_version()}


def _stat_of(result: DocResult) -> tuple[int, int] | None:
    """Size and mtime of the bytes the worker read; a file never read (vanished, a crash
    before reading) is stat'ed now, and has no manifest row if it is gone."""
    if result.size >= 0:
        return result.size, result.mtime_ns
    try:
        stat = os.stat(result.source_path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _manifest_rows(results: Sequence[DocResult]) -> list[ManifestRecord]:
    rows = []
    for result in results:
        stat = _stat_of(result)
        if stat is None:
            continue
        rows.append(
            ManifestRecord(
                source_path=result.source_path,
                doc_id=result.doc_id,
                size=stat[0],
                mtime_ns=stat[1],
                source_format=result.source_format,
                status=result.status,
                extractor_version=extractor_version(),
                code_list_version=code_list_version(),
                extracted_at=datetime.now(UTC),
                depends_on_path=result.depends_on[0] if result.depends_on else None,
                depends_on_doc_id=result.depends_on[1] if result.depends_on else None,
            )
        )
    return rows


def _merge(
    store: Store,
    results: Sequence[DocResult],
    dropped_paths: set[str],
    run_id: str,
    summary: RunSummary,
) -> dict[str, pa.Table]:
    """Previous rows of untouched files + the new rows of every extracted file.

    doc_id is the sha256 of the bytes, so two identical files share it: rows of a doc_id
    are kept while any file still maps to it, and a doc_id's rows are added once.
    """
    replaced_paths = {r.source_path for r in results} | dropped_paths
    stamps = _stamps(run_id)
    manifest = read_manifest(store)
    kept_manifest = manifest.filter(pc.invert(_in(manifest["source_path"], replaced_paths)))
    new_manifest = to_arrow("manifest", _manifest_rows(results), stamps)
    # a doc_id's rows are stored by a file that extracted them; a failed copy stores none
    ok_rows = kept_manifest.filter(pc.not_equal(kept_manifest["status"], "failed"))
    surviving = set(ok_rows["doc_id"].to_pylist())
    fresh = _best_per_doc(results, surviving)
    all_manifest = pa.concat_tables([kept_manifest, new_manifest])
    merged: dict[str, pa.Table] = {"manifest": all_manifest}
    previous = {name: store.read_table(name) for name in RESULT_TABLES}
    for name, old in previous.items():
        keep = _in(old["doc_id"], surviving)
        if name == "errors":  # errors of a file go with the file, whatever its doc_id
            keep = pc.and_(
                pc.invert(_in(old["source_path"], replaced_paths)),
                _in(old["source_path"], set(kept_manifest["source_path"].to_pylist())),
            )
        new = to_arrow(name, (rec for r in fresh[name] for rec in getattr(r, name)), stamps)
        merged[name] = pa.concat_tables([old.filter(keep), new])
    merged["documents"] = _canonical_paths(merged["documents"], all_manifest)
    merged = with_plan_ids(merged)  # which plan each row is, and the one file to count
    summary.diffs = _diffs(previous["plan_items"], manifest, results, dropped_paths)
    return merged


def _in(column: pa.ChunkedArray, values: AbstractSet[str | None]) -> pa.ChunkedArray:
    """Boolean mask: column value in values (nulls are never in)."""
    array = pa.array(sorted(v for v in values if v is not None), pa.string())
    return pc.fill_null(pc.is_in(column, value_set=array), False)


def _restat(manifest: pa.Table, touched: dict[str, tuple[int, int]]) -> pa.Table:
    """The manifest with the new size and mtime of files whose bytes did not change."""
    rows = manifest.to_pylist()
    for row in rows:
        if row["source_path"] in touched:
            row["size"], row["mtime_ns"] = touched[row["source_path"]]
    return pa.Table.from_pylist(rows, schema=manifest.schema)


def _rank(result: DocResult) -> tuple[bool, str]:
    """Which of several files with the same bytes gives a doc_id its rows: one that did not
    fail (a copy under a wrong suffix fails), then the first path in sort order."""
    return (result.status == "failed", result.source_path)


def _best_per_doc(results: Sequence[DocResult], surviving: set[str]) -> dict[str, list[DocResult]]:
    """Per table, the results whose rows to add: the best one per doc_id not already
    stored (whatever order the workers finished in)."""
    best: dict[str, DocResult] = {}
    for result in results:
        if result.doc_id is None or result.doc_id in surviving:
            continue
        if result.doc_id not in best or _rank(result) < _rank(best[result.doc_id]):
            best[result.doc_id] = result
    chosen = sorted(best.values(), key=_rank)
    out = {name: chosen for name in RESULT_TABLES}
    out["errors"] = sorted(results, key=lambda r: r.source_path)  # each file's own problems
    return out


def _canonical_paths(documents: pa.Table, manifest: pa.Table) -> pa.Table:
    """documents.source_path of a doc_id stored under several paths: the first path in sort
    order that holds those bytes and did not fail, the same whatever order files arrived in,
    and never a path whose bytes have changed since."""
    canonical: dict[str, str] = {}
    for row in manifest.select(["source_path", "doc_id", "status"]).to_pylist():
        doc_id, path = row["doc_id"], row["source_path"]
        if doc_id is None or row["status"] == "failed":
            continue
        if doc_id not in canonical or path < canonical[doc_id]:
            canonical[doc_id] = path
    ids, paths = documents["doc_id"].to_pylist(), documents["source_path"].to_pylist()
    fixed = [canonical.get(i, p) for i, p in zip(ids, paths, strict=True)]
    if fixed == paths:
        return documents
    index = documents.schema.get_field_index("source_path")
    return documents.set_column(index, "source_path", pa.array(fixed, pa.string()))


def _diffs(
    old_items: pa.Table,
    manifest: pa.Table,
    results: Sequence[DocResult],
    dropped_paths: set[str],
) -> list[tuple[str, str | None, int, int, int]]:
    """Per re-extracted or dropped document: plan_items rows added, removed and changed
    (against the previous version's tables, already read for the merge)."""
    id_by_path = dict(
        zip(manifest["source_path"].to_pylist(), manifest["doc_id"].to_pylist(), strict=True)
    )
    out: list[tuple[str, str | None, int, int, int]] = []
    changes = [(r.source_path, r.doc_id, r.plan_items) for r in results]
    changes += [(path, None, ()) for path in sorted(dropped_paths)]
    for path, doc_id, items in changes:
        old_id = id_by_path.get(path)
        if old_id is None:
            continue
        before = old_items.filter(pc.equal(old_items["doc_id"], old_id)).to_pylist()
        out.append((path, doc_id, *item_diff(before, items)))
    return out


def _changes_table(store: Store, summary: RunSummary, run_id: str) -> pa.Table:
    rows = [DocChange(run_id, path, doc_id, a, r, c) for path, doc_id, a, r, c in summary.diffs]
    return pa.concat_tables(
        [store.read_table("doc_changes"), to_arrow("doc_changes", rows, _stamps(run_id))]
    )


def _runs_table(store: Store, summary: RunSummary, started: datetime, run_id: str) -> pa.Table:
    record = RunRecord(
        run_id=run_id,
        started_at=started,
        finished_at=datetime.now(UTC),
        mode=summary.mode,
        executor=summary.executor,
        docs_seen=summary.seen,
        docs_done=summary.done,
        docs_skipped=summary.skipped,
        docs_failed=summary.failed,
        extractor_version=extractor_version(),
        code_list_version=code_list_version(),
    )
    new = to_arrow("runs", [record], _stamps(run_id))
    return pa.concat_tables([store.read_table("runs"), new])
