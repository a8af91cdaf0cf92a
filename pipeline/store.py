"""The Parquet dataset under data/parquet: versioned, swapped in atomically, one writer.

Layout (analysts only ever see the first level):

    data/parquet/<table>/            -> symlink to current/<table> (fixed, made once)
    data/parquet/current             -> symlink to .versions/<run_id> (swapped atomically)
    data/parquet/.versions/<run_id>/<table>/plan_year=2023/part-0.parquet
    data/parquet/.lock               -> flock held by the one writer

A run writes a complete new version into .versions/<run_id>.tmp, renames it to
.versions/<run_id> when every file is written and synced, then replaces the `current`
symlink with one rename(2). A run killed at any moment leaves `current` pointing at the
previous, untouched version; the next run deletes the unfinished .tmp directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from models.arrow import TABLE_NAMES, TABLES, schema_of

log = logging.getLogger(__name__)

VERSIONS = ".versions"
CURRENT = "current"
LOCK = ".lock"
KEEP_VERSIONS = 2  # the current version and the one before it


_HELD_LOCK_FDS: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked worker: drop the copy of the writer lock's descriptor (a worker that
    outlives a killed run must not keep the dataset locked)."""
    for fd in list(_HELD_LOCK_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCK_FDS.clear()


class StoreLocked(RuntimeError):
    """Another run holds the writer lock of this dataset."""


def _partitioning(table: str) -> pads.Partitioning | None:
    column = TABLES[table][2]
    if column is None:
        return None
    return pads.partitioning(pa.schema([schema_of(table).field(column)]), flavor="hive")


class Store:
    """A dataset directory (default data/parquet) with atomic versioned writes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # -- reading -------------------------------------------------------------------------
    def current_dir(self) -> Path | None:
        """The directory of the current version, or None before the first run."""
        link = self.root / CURRENT
        return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None

    def read_table(self, table: str) -> pa.Table:
        """The current rows of a table (empty with its schema before the first run)."""
        base = self.current_dir()
        schema = schema_of(table)
        if base is None or not (base / table).is_dir():
            return schema.empty_table()
        dataset = pads.dataset(base / table, format="parquet", partitioning=_partitioning(table))
        return dataset.to_table().select(schema.names).cast(schema)

    # -- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the dataset's single-writer lock; StoreLocked if another run has it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as e:
                raise StoreLocked(f"{self.root}: another run is writing this dataset") from e
            _HELD_LOCK_FDS.add(handle.fileno())
            try:
                self.recover()
                yield
            finally:
                _HELD_LOCK_FDS.discard(handle.fileno())
                fcntl.flock(handle, fcntl.LOCK_UN)

    def recover(self) -> None:
        """Delete what a killed run left behind (unfinished .tmp versions); keep the rest."""
        versions = self.root / VERSIONS
        if not versions.is_dir():
            return
        for path in versions.iterdir():
            if path.name.endswith(".tmp"):
                log.warning("removing unfinished version %s left by a killed run", path.name)
                shutil.rmtree(path, ignore_errors=True)

    def commit(
        self, run_id: str, tables: dict[str, pa.Table], reuse: frozenset[str] = frozenset()
    ) -> Path:
        """Write a full new version of every table and make it current in one rename.

        Tables named in `reuse` are unchanged: their files are hard-linked from the current
        version instead of rewritten (files are never modified in place, so sharing is safe).
        """
        versions = self.root / VERSIONS
        tmp = versions / f"{run_id}.tmp"
        final = versions / run_id
        tmp.mkdir(parents=True)
        current = self.current_dir()
        for name in TABLE_NAMES:
            if name in reuse and current is not None and (current / name).is_dir():
                shutil.copytree(current / name, tmp / name, copy_function=os.link)
                continue
            _write_table(tmp / name, name, tables.get(name, schema_of(name).empty_table()))
        _fsync_tree(tmp)
        os.rename(tmp, final)
        _fsync_dir(versions)
        self._point_current(final)
        self._ensure_table_links()
        self._prune(keep=final.name)
        return final

    def _point_current(self, target: Path) -> None:
        link = self.root / CURRENT
        staging = self.root / f".{CURRENT}.new"
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        os.symlink(os.path.relpath(target, self.root), staging)
        os.replace(staging, link)  # atomic: readers see the old or the new version
        _fsync_dir(self.root)

    def _ensure_table_links(self) -> None:
        for name in TABLE_NAMES:
            link = self.root / name
            if link.is_symlink():
                continue
            if link.exists():  # a plain directory from an older layout: move it aside
                shutil.rmtree(link)
            os.symlink(os.path.join(CURRENT, name), link)

    def _prune(self, keep: str) -> None:
        # run ids start with a UTC timestamp, so names sort by age
        versions = sorted(
            p for p in (self.root / VERSIONS).iterdir() if not p.name.endswith(".tmp")
        )
        for old in versions[:-KEEP_VERSIONS]:
            if old.name != keep:
                shutil.rmtree(old, ignore_errors=True)


def _write_table(directory: Path, name: str, table: pa.Table) -> None:
    schema = schema_of(name)
    table = table.select(schema.names).cast(schema)
    partitioning = _partitioning(name)
    directory.mkdir(parents=True)
    if partitioning is None:
        pq.write_table(table, directory / "part-0.parquet")
        return
    column = TABLES[name][2] or ""
    if table.num_rows == 0:
        # An empty partition keeps the schema readable by DuckDB's hive globbing.
        empty = directory / f"{column}=__HIVE_DEFAULT_PARTITION__"
        empty.mkdir()
        pq.write_table(table.drop_columns([column]), empty / "part-0.parquet")
        return
    pads.write_dataset(
        table,
        directory,
        format="parquet",
        partitioning=partitioning,
        basename_template="part-{i}.parquet",
        existing_data_behavior="error",
    )


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
