"""Progress on long runs: a rich bar with per-format counts and an ETA, or plain lines."""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from typing import Any, TextIO

from pipeline.ingest.plan import Plan
from pipeline.ingest.process import DocResult
from pipeline.safe_text import terminal_text

log = logging.getLogger("pipeline.ingest.progress")


class Progress:
    """Shows progress of a run on stderr; `mode` is bar, lines or none."""

    def __init__(self, mode: str = "auto", stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        self.total = 0
        self.done = 0
        self.counts: Counter[str] = Counter()
        self.failed = 0
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def on_plan(self, plan: Plan) -> None:
        """Called once the run knows how many files it will extract."""
        self.total = len(plan.todo)
        if self.mode == "lines":
            print(
                f"extracting {self.total} file(s), {len(plan.skipped)} unchanged skipped",
                file=self.stream,
                flush=True,
            )
        elif self.mode == "bar" and self.total:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as Bar,
            )

            self._bar = Bar(
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[formats]}"),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("extract", total=self.total, formats="")

    def on_result(self, result: DocResult) -> None:
        """Called for every finished file."""
        self.done += 1
        self.counts[result.source_format or "?"] += 1
        self.failed += result.status == "failed"
        formats = " ".join(f"{k}:{v}" for k, v in sorted(self.counts.items()))
        if self.failed:
            formats += f" failed:{self.failed}"
        if self._bar is not None:
            self._bar.update(self._task, advance=1, formats=formats)
        elif self.mode == "lines":
            # A file name holding '\n' or ESC must not forge a line or drive the terminal.
            path = terminal_text(result.source_path)
            print(
                f"[{self.done}/{self.total}] {result.status:7} {path} "
                f"({result.seconds:.2f} s){self._eta()}",
                file=self.stream,
                flush=True,
            )
        log.info(
            "extracted",
            extra={
                "fields": {
                    "path": result.source_path,
                    "status": result.status,
                    "seconds": result.seconds,
                    "format": result.source_format,
                    "done": self.done,
                    "total": self.total,
                }
            },
        )

    def _eta(self) -> str:
        if not self.done or self.done >= self.total:
            return ""
        rate = (time.monotonic() - self.started) / self.done
        return f", eta {rate * (self.total - self.done):.0f} s"
