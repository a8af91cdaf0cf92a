"""What a run will do: which files to extract, which to skip as unchanged, which to drop.

A file is skipped when the manifest's versions match and its size and mtime, or else its
sha256, are unchanged, and the file it depends on (an appendix file's body) too;
`nightly` also re-extracts stale versions and drops the rows of files that disappeared.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from pipeline.dataset.store import Store
from pipeline.ingest.process import path_key
from pipeline.ingest.versions import code_list_version, extractor_version

Mode = Literal["ingest", "nightly"]


@dataclass(frozen=True)
class Plan:
    """Which files to extract and which stored files to drop."""

    todo: list[Path]
    skipped: list[Path]
    dropped_paths: set[str]
    touched: dict[str, tuple[int, int]] = field(default_factory=dict)  # same bytes, new stat


def _same_bytes(path: Path, doc_id: str | None) -> bool:
    """A file whose size or mtime changed may still hold the same bytes (a copy, a touch).
    The file is hashed as a stream: a large file never sits whole in the parent's memory."""
    if doc_id is None:
        return False
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest() == doc_id


def read_manifest(store: Store) -> pa.Table:
    """The manifest with every source_path as runs store it now: absolute and NFC (rows of
    a dataset written with relative paths are resolved against the working folder)."""
    manifest = store.read_table("manifest")
    paths = manifest["source_path"].to_pylist()
    fixed = [path_key(p if os.path.isabs(p) else str(Path(p).absolute())) for p in paths]
    if fixed == paths:
        return manifest
    index = manifest.schema.get_field_index("source_path")
    return manifest.set_column(index, "source_path", pa.array(fixed, pa.string()))


def _dependency_changed(row: dict[str, Any], manifest: dict[str, dict[str, Any]]) -> bool:
    """The file a stored file depends on (a sheet's body document) changed, vanished or was
    never read: its size and mtime as the manifest has them for its own row, else its sha256."""
    dependency = row.get("depends_on_path")
    if not dependency:
        return False
    try:
        stat = os.stat(dependency)
    except OSError:
        return True
    own = manifest.get(dependency)
    if own is not None and own["doc_id"] == row["depends_on_doc_id"]:
        if (own["size"], own["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
            return False
    return not _same_bytes(Path(dependency), row["depends_on_doc_id"])


def _skip_or_do(
    plan: Plan, path: Path, row: dict[str, Any], manifest: dict[str, dict[str, Any]]
) -> None:
    """Unchanged size and mtime, or else unchanged sha256: skip; otherwise extract. A file
    that vanished or cannot be read since discovery is extracted, which records why; so is
    one whose dependency changed."""
    try:
        if _dependency_changed(row, manifest):
            plan.todo.append(path)
            return
        stat = path.stat()
        if row["size"] == stat.st_size and row["mtime_ns"] == stat.st_mtime_ns:
            plan.skipped.append(path)
        elif _same_bytes(path, row["doc_id"]):
            plan.skipped.append(path)
            plan.touched[path_key(str(path))] = (stat.st_size, stat.st_mtime_ns)
        else:
            plan.todo.append(path)
    except OSError:
        plan.todo.append(path)


def plan_run(store: Store, files: Sequence[Path], mode: Mode, force: bool) -> Plan:
    """Skip files whose versions match the manifest and whose size and mtime, or else
    whose sha256, are unchanged (the sha256 is only computed when the stat differs)."""
    manifest = {row["source_path"]: row for row in read_manifest(store).to_pylist()}
    versions = (extractor_version(), code_list_version())
    plan = Plan([], [], set())
    for path in files:
        row = manifest.get(path_key(str(path)))
        stale = row is not None and (
            (row["extractor_version"], row["code_list_version"]) != versions
        )
        if force or row is None or row["status"] == "failed" or (stale and mode == "nightly"):
            plan.todo.append(path)
        else:
            _skip_or_do(plan, path, row, manifest)
    if mode == "nightly":
        present = {path_key(str(p)) for p in files}
        plan.dropped_paths.update(p for p in manifest if p not in present)
    return plan
