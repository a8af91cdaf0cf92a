"""Executors behind one interface: run `process_file` on many files, yield DocResults.

- `LocalExecutor` (default): each document in its own forked child with a wall-clock
  limit and an address-space limit, `jobs` children at a time. A crash, hang or memory
  bomb kills only that child and becomes an `errors` row; the batch goes on.
- `DaskExecutor`: the same isolated function mapped over a Dask distributed cluster
  (`--scheduler tcp://host:8786`, or a LocalCluster when no address is given).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import pickle
import resource
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Protocol

from pipeline.dataset.store import close_inherited_locks
from pipeline.ingest.process import DocResult, crashed, process_file, warm_up

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0  # seconds per document (a scanned plan of 20 pages takes ~80 s)
DEFAULT_MEMORY_MB = 3072  # address-space limit per document
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """Per-document limits for untrusted files."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB


class Executor(Protocol):
    """Runs process_file over paths; yields results as they complete."""

    name: str

    def map_files(self, paths: Sequence[str], run_id: str) -> Iterator[DocResult]: ...


def _child(conn: Connection, path: str, run_id: str, limits: Limits) -> None:
    """Body of the forked child: set limits, process, send the pickled result, exit.

    The memory limit is what the document may add to the address space the child
    inherited at fork time (the parent's imports and heap are not the document's)."""
    close_inherited_locks()
    _die_with_parent()
    limit = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    started = time.monotonic()
    try:
        result = process_file(path, run_id)
    except MemoryError as e:
        result = crashed(
            path,
            run_id,
            MemoryError(f"memory limit {limits.memory_mb} MB exceeded: {e}"),
            kind="limit_exceeded",
            seconds=time.monotonic() - started,
        )
    except Exception as e:  # a bug in one document must not stop the batch
        result = crashed(path, run_id, e, seconds=time.monotonic() - started)
    try:
        conn.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        conn.close()
        os._exit(0)


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when the run that forked it dies (prctl)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the worker finishes its document alone
        pass


def _address_space() -> int:
    """Bytes of virtual memory this process uses now (Linux /proc/self/statm)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def run_isolated(path: str, run_id: str, limits: Limits = Limits()) -> DocResult:
    """process_file in a forked child with limits; what goes wrong comes back as a result."""
    warm_up()  # once per worker process (a Dask worker runs many documents)
    for result in _isolated_many([path], run_id, limits, jobs=1):
        return result
    raise AssertionError("unreachable: one path gives one result")


@dataclass
class _Running:
    path: str
    pid: int
    conn: Connection
    deadline: float
    started: float


def _start(path: str, run_id: str, limits: Limits) -> _Running:
    """Fork a child for one document (plain os.fork: Dask's worker processes are daemonic
    and multiprocessing refuses to start children there)."""
    read_fd, write_fd = os.pipe()
    # The child must never run the parent's garbage through the cycle collector: freeing an
    # inherited object (an open PDF of MuPDF, a DuckDB connection) in a forked child crashes
    # it (SIGSEGV). Frozen objects are ignored by the collector; the parent unfreezes.
    gc.freeze()
    pid = os.fork()
    if pid != 0:
        gc.unfreeze()
    if pid == 0:  # the child never returns
        os.close(read_fd)
        try:
            _child(Connection(write_fd, readable=False), path, run_id, limits)
        finally:
            os._exit(1)
    os.close(write_fd)
    now = time.monotonic()
    return _Running(path, pid, Connection(read_fd, writable=False), now + limits.timeout, now)


def _reap(pid: int) -> int:
    """Wait for a child and return its exit code (negative: killed by that signal)."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _finish(job: _Running, run_id: str, limits: Limits) -> DocResult:
    try:
        payload = job.conn.recv_bytes()
        result: DocResult = pickle.loads(payload)
        job.conn.close()
        _reap(job.pid)
    except (EOFError, OSError):
        job.conn.close()
        code = _reap(job.pid)
        reason = f"worker died (exit code {code})"
        if code < 0:
            reason = f"worker killed by signal {signal.Signals(-code).name}"
        elapsed = time.monotonic() - job.started
        result = crashed(job.path, run_id, RuntimeError(reason), seconds=elapsed)
    return result


def _kill(job: _Running) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(job.pid, signal.SIGKILL)
    _reap(job.pid)
    job.conn.close()


def _timeout(job: _Running, run_id: str, limits: Limits) -> DocResult:
    _kill(job)
    elapsed = time.monotonic() - job.started
    from models.errors import LimitExceeded

    message = f"time limit {limits.timeout:g} s exceeded (killed after {elapsed:.1f} s)"
    error = LimitExceeded(message)
    return crashed(job.path, run_id, error, kind="timeout", seconds=elapsed)


def _isolated_many(
    paths: Sequence[str], run_id: str, limits: Limits, jobs: int
) -> Iterator[DocResult]:
    pending = list(reversed(paths))
    running: list[_Running] = []
    try:
        while pending or running:
            while pending and len(running) < max(jobs, 1):
                running.append(_start(pending.pop(), run_id, limits))
            now = time.monotonic()
            timeout = max(0.0, min(job.deadline for job in running) - now)
            ready = wait([job.conn for job in running], timeout=timeout)
            for job in list(running):
                if job.conn in ready:
                    running.remove(job)
                    yield _finish(job, run_id, limits)
                elif time.monotonic() >= job.deadline:
                    running.remove(job)
                    yield _timeout(job, run_id, limits)
    finally:  # Ctrl-C or a closed generator: no worker outlives the run's loop
        for job in running:
            _kill(job)


class LocalExecutor:
    """Forked, limited children on this machine, `jobs` at a time."""

    def __init__(self, jobs: int = 1, limits: Limits = Limits()) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.name = f"local[{self.jobs}]"

    def map_files(self, paths: Sequence[str], run_id: str) -> Iterator[DocResult]:
        """Results in completion order (caches are built once here, inherited by forks)."""
        if paths:
            warm_up()
        yield from _isolated_many(paths, run_id, self.limits, self.jobs)


class DaskExecutor:
    """The same isolated per-document function on a Dask distributed cluster."""

    def __init__(
        self, scheduler: str | None = None, workers: int = 2, limits: Limits = Limits()
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.limits = limits
        self.name = f"dask[{scheduler or f'LocalCluster:{workers}'}]"

    def map_files(self, paths: Sequence[str], run_id: str) -> Iterator[DocResult]:
        """Submit every file, yield results as workers finish them."""
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError as e:  # pragma: no cover - dask is a declared dependency
            raise RuntimeError("the dask executor needs 'dask[distributed]' installed") from e
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            )
        client = Client(cluster or self.scheduler)
        try:
            futures = client.map(
                run_isolated, list(paths), run_id=run_id, limits=self.limits, pure=False
            )
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
