"""The Parquet dataset under data/parquet: versioned, swapped in atomically, one writer.

Layout (analysts only ever see the first level):

    data/parquet/<table>/            -> symlink to current/<table> (fixed, made once)
    data/parquet/current             -> symlink to .versions/<run_id> (swapped atomically)
    data/parquet/.versions/<run_id>/<table>/plan_year=2023/part-0.parquet
    data/parquet/.lock               -> flock held by the one writer
    data/parquet/.plans-dataset      -> marker: this folder is a plans dataset

A run writes a complete new version into .versions/<run_id>.tmp, renames it to
.versions/<run_id> when every file is written and synced, then replaces the `current`
symlink with one rename(2). A run killed at any moment leaves `current` pointing at the
previous, untouched version; the next run deletes the unfinished .tmp directory.

Readers resolve `current` once per connection (`Store.current_dir`) and read every table from
that one version folder; a replaced version stays on disk for a grace period
(`PLANS_GRACE_SECONDS`, default 15 minutes) so a reader that resolved it keeps working.
plans writes only into a folder that is new, empty or already a plans dataset, and it deletes
only what it wrote itself (its own versions and links), never a user's file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import time
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
MARKER = ".plans-dataset"
KEEP_VERSIONS = 2  # the current version and the one before it, at least
GRACE_SECONDS = 900.0  # how long a replaced version stays readable (PLANS_GRACE_SECONDS)
# What a new dataset folder may already hold (data/parquet ships a README in git).
# An analyst's corrections (and what they taught) outlive the dataset: `make clean` keeps them.
FOREIGN_OK = frozenset(
    {"README.md", ".gitkeep", ".gitignore", "corrections.csv", "learned_aliases.csv"}
)


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


class NotADataset(RuntimeError):
    """The output folder holds files plans did not write: plans refuses to write there."""


class StoreWriteError(RuntimeError):
    """Writing a new version failed (disk full, quota, permissions); the dataset is unchanged."""


def _partitioning(table: str) -> pads.Partitioning | None:
    column = TABLES[table][2]
    if column is None:
        return None
    return pads.partitioning(pa.schema([schema_of(table).field(column)]), flavor="hive")


class Store:
    """A dataset directory (default data/parquet) with atomic versioned writes."""

    def __init__(self, root: Path, grace_seconds: float | None = None) -> None:
        self.root = Path(root)
        if grace_seconds is None:
            grace_seconds = float(os.environ.get("PLANS_GRACE_SECONDS", GRACE_SECONDS))
        self.grace_seconds = grace_seconds

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
        return _with_added_columns(dataset.to_table(), schema).select(schema.names).cast(schema)

    # -- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the dataset's single-writer lock; StoreLocked if another run has it,
        NotADataset if the folder holds files plans did not write."""
        self.check_writable()
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).touch()
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

    def check_writable(self) -> None:
        """Refuse a folder that is neither new, empty, nor a plans dataset (e.g. --out ~)."""
        if self.root.exists() and not self.root.is_dir():
            raise NotADataset(f"{self.root}: not a folder")
        if not self.root.is_dir() or (self.root / MARKER).is_file():
            return
        if (self.root / CURRENT).is_symlink() and (self.root / VERSIONS).is_dir():
            return  # a dataset written before the marker existed
        ours = FOREIGN_OK | {LOCK, MARKER, VERSIONS, CURRENT, f".{CURRENT}.new"}
        foreign = sorted(p.name for p in self.root.iterdir() if p.name not in ours)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise NotADataset(
                f"{self.root}: not a plans dataset (it holds {shown}); plans writes only into "
                "a new or empty folder or an existing plans dataset, and deletes nothing it "
                "did not write: choose another --out folder"
            )

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
        try:
            self._check_table_links()
            tmp.mkdir(parents=True)
            self._write_version(tmp, tables, reuse)
            os.rename(tmp, final)
            _fsync_dir(versions)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)  # ours, unfinished: never made current
            raise StoreWriteError(_write_failure(self.root, e)) from e
        try:
            self._point_current(final)
            self._ensure_table_links()
        except OSError as e:
            if self.current_dir() != final.resolve():
                shutil.rmtree(final, ignore_errors=True)
            raise StoreWriteError(_write_failure(self.root, e)) from e
        self._prune(keep=final.name)
        return final

    def _write_version(self, tmp: Path, tables: dict[str, pa.Table], reuse: frozenset[str]) -> None:
        current = self.current_dir()
        for name in TABLE_NAMES:
            if name in reuse and current is not None and (current / name).is_dir():
                shutil.copytree(current / name, tmp / name, copy_function=os.link)
                continue
            _write_table(tmp / name, name, tables.get(name, schema_of(name).empty_table()))
        _fsync_tree(tmp)

    def _point_current(self, target: Path) -> None:
        link = self.root / CURRENT
        staging = self.root / f".{CURRENT}.new"
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        os.symlink(os.path.relpath(target, self.root), staging)
        os.replace(staging, link)  # atomic: readers see the old or the new version
        _fsync_dir(self.root)

    def _check_table_links(self) -> None:
        """A table name taken by something plans did not make is refused, never deleted."""
        for name in TABLE_NAMES:
            link = self.root / name
            if link.exists() and not link.is_symlink():
                kind = "folder" if link.is_dir() else "file"
                raise NotADataset(
                    f"{link}: a {kind} plans did not write stands where the table link "
                    "goes; move it away or choose another --out folder (nothing was deleted)"
                )

    def _ensure_table_links(self) -> None:
        for name in TABLE_NAMES:
            link = self.root / name
            if not link.is_symlink():
                os.symlink(os.path.join(CURRENT, name), link)

    def _prune(self, keep: str) -> None:
        """Delete versions older than the last KEEP_VERSIONS once they have stopped being
        current for the grace period (a reader may still be reading one it resolved before)."""
        # run ids start with a UTC timestamp, so names sort by age
        versions = sorted(
            p for p in (self.root / VERSIONS).iterdir() if not p.name.endswith(".tmp")
        )
        now = time.time()
        for old, successor in zip(versions[:-KEEP_VERSIONS], versions[1:], strict=False):
            if old.name != keep and now - _mtime(successor) >= self.grace_seconds:
                shutil.rmtree(old, ignore_errors=True)


def _with_added_columns(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A version written before a column was added (columns are only ever added) reads with
    that column empty: null, or false / [] where the column is required (plan_items.corrected,
    .cell_boxes)."""
    for field in schema:
        if field.name in table.column_names:
            continue
        if not field.nullable and pa.types.is_boolean(field.type):
            column = pa.array([False] * table.num_rows, field.type)
        elif not field.nullable and pa.types.is_list(field.type):
            column = pa.array([[]] * table.num_rows, field.type)
        else:
            column = pa.nulls(table.num_rows, field.type)
        table = table.append_column(field.name, column)
    return table


def _mtime(path: Path) -> float:
    """When a version was written (its folder's mtime), which is when its predecessor was
    replaced."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write_failure(root: Path, e: OSError) -> str:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "no space left on the device"
    else:
        reason = e.strerror or str(e)
    return (
        f"{root}: could not write the new dataset version ({reason}); "
        "the previous version is unchanged"
    )


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
