"""The work behind each `plans` subcommand; printing happens here and in cli.py only."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import logging
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from models.dictionary import dictionary_markdown, dictionary_text
from pipeline.discover import NotAPlanPath
from pipeline.executors import DaskExecutor, Executor, Limits, LocalExecutor
from pipeline.progress import Progress
from pipeline.runner import RunSummary, run
from pipeline.safe_text import csv_line, json_line, terminal_text
from pipeline.store import NotADataset, Store, StoreLocked, StoreWriteError
from pipeline.views import connect, sql_text, view_names

__all__ = [
    "UsageError",
    "cmd_compare",
    "cmd_query",
    "cmd_refs",
    "cmd_review",
    "cmd_run",
    "cmd_schema",
    "view_names",
]

log = logging.getLogger("pipeline.commands")


class UsageError(Exception):
    """The command cannot run as asked (exit code 2)."""

    def __str__(self) -> str:
        # SQL errors quote cells ("Could not convert string '\x1b]0;…'"): shown escaped.
        return terminal_text(super().__str__())


def _executor(args: argparse.Namespace) -> Executor:
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb)
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.executor == "dask":
        return DaskExecutor(
            args.scheduler, workers=args.jobs if args.jobs > 1 else 2, limits=limits
        )
    if args.scheduler:
        raise UsageError("--scheduler needs --executor dask")
    return LocalExecutor(args.jobs, limits)


def cmd_run(args: argparse.Namespace) -> int:
    """`plans ingest` and `plans nightly`."""
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    store = Store(args.out)
    executor = _executor(args)
    try:
        store.check_writable()
        with Progress(_progress_mode(args)) as progress:
            summary = run(
                args.paths,
                store,
                executor,
                mode=args.command,
                force=args.force,
                on_result=progress.on_result,
                on_plan=progress.on_plan,
            )
    except (StoreLocked, NotADataset, StoreWriteError, NotAPlanPath) as e:
        raise UsageError(str(e)) from e
    _print_summary(summary, args.out, args.log_json)
    return 1 if summary.failed else 0


def _progress_mode(args: argparse.Namespace) -> str:
    """The progress display; with --log-json stderr carries JSON only (a line per document)."""
    if not args.log_json:
        return str(args.progress)
    if args.progress in ("auto", "none"):
        return "none"
    raise UsageError(
        f"--progress {args.progress} would mix plain text into --log-json output "
        "(the JSON log has a line per document); leave --progress out"
    )


def _print_summary(s: RunSummary, out: Path, json_logs: bool = False) -> None:
    """The run summary: text on stdout, or one final 'run summary' JSON log object."""
    if json_logs:
        log.info("run summary", extra={"fields": _summary_fields(s, out)})
        return
    formats = ", ".join(f"{k} {v}" for k, v in sorted(s.by_format.items())) or "none"
    lines = [
        f"run {s.run_id} ({s.mode}, {s.executor})",
        f"  files seen {s.seen}: extracted {s.done} ({s.partial} partial), "
        f"skipped unchanged {s.skipped}, failed {s.failed}, removed {s.removed}",
        f"  by format: {formats}",
    ]
    for path, _doc_id, added, removed, changed in s.diffs:
        if added or removed or changed:
            lines.append(f"  changed {path}: plan_items +{added} -{removed} ~{changed}")
    lines += [f"  FAILED {path}: {message}" for path, message in s.failures]
    lines.append(f"  dataset: {out} (errors table has every problem; `plans query` to explore)")
    # A file name or message with a newline or ESC must not forge or restyle a line.
    print("\n".join(terminal_text(line) for line in lines))


def _summary_fields(s: RunSummary, out: Path) -> dict[str, Any]:
    fields = dataclasses.asdict(s)
    fields["failures"] = [{"path": p, "message": m} for p, m in s.failures]
    keys = ("path", "doc_id", "added", "removed", "changed")
    fields["diffs"] = [dict(zip(keys, d, strict=True)) for d in s.diffs]
    fields["dataset"] = str(out)
    return fields


def cmd_query(args: argparse.Namespace) -> int:
    """`plans query SQL`: print the result as a table, CSV or JSON lines."""
    if args.raw and args.format != "csv":
        raise UsageError("--raw applies to --format csv only (tables are escaped, JSON is exact)")
    con = _connect(args.data)
    import duckdb

    try:
        result = con.execute(args.sql)
    except duckdb.Error as e:
        raise UsageError(f"SQL error: {e}") from e
    columns = [d[0] for d in result.description or []]
    rows = result.fetchall()
    if args.format == "csv":
        write_csv(columns, rows, raw=args.raw)
    elif args.format == "json":
        for row in rows:
            print(json_line(dict(zip(columns, row, strict=True)), _json_default))
    else:
        print(format_table(columns, rows, args.max_width))
    return 0


def write_csv(columns: list[str], rows: list[tuple[Any, ...]], raw: bool = False) -> None:
    """CSV on stdout; text cells neutralised for spreadsheets (OWASP) unless `raw`."""
    if raw:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    sys.stdout.write(csv_line(columns))
    sys.stdout.writelines(csv_line(row) for row in rows)


def format_table(columns: list[str], rows: list[tuple[Any, ...]], max_width: int = 60) -> str:
    """A plain aligned text table; long cells are cut with '…', control characters escaped."""

    def cell(value: Any) -> str:
        text = "NULL" if value is None else str(value)
        text = terminal_text(" ".join(text.split()))
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    columns = [terminal_text(c) for c in columns]
    body = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in body]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def _connect(data: Path):  # type: ignore[no-untyped-def]
    try:
        return connect(data)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from e


def cmd_compare(args: argparse.Namespace) -> int:
    """`plans compare CRITERION`: the criterion's targets and scores per commune and year."""
    from normalize.codelist import load_codelist

    code = args.criterion.strip()
    known = {c.code for c in load_codelist().concepts}
    if code not in known:
        near = sorted(k for k in known if k.startswith(code.split(".")[0] + "."))[:12]
        raise UsageError(
            f"unknown criterion '{code}' (e.g. {', '.join(near) or 'F3.ONTIME'}; "
            "the list is normalize/codes/criteria.csv)"
        )
    result = _connect(args.data).execute(sql_text("compare_criterion"), {"criterion": code})
    columns = [d[0] for d in result.description or []]
    rows = result.fetchall()
    print(f"{code}: {dict((c.code, c.label_vi) for c in load_codelist().concepts)[code]}")
    print(format_table(columns, rows, args.max_width))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """`plans review`: low-confidence criterion matches with their best candidates."""
    from normalize.criteria import match_text

    result = _connect(args.data).execute(sql_text("review"), {"below": args.below})
    columns = [d[0] for d in result.description or []]
    rows = result.fetchall()
    out_rows = []
    for row in rows[: args.limit]:
        label = row[columns.index("label")] or ""
        candidates = match_text(label).candidates[:3]
        best = ", ".join(f"{code} {score:.2f}" for code, score in candidates) or "-"
        out_rows.append((*row, best))
    print(format_table([*columns, "candidates"], out_rows, args.max_width))
    if len(rows) > args.limit:
        print(f"({len(rows) - args.limit} more; --limit to see them)")
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    """`plans refs FILE|--text`: legal references as JSON lines. A file goes through the
    same isolated, limited worker as `plans ingest` and gives the rows the dataset stores."""
    from extract.legal import find_refs_in_text
    from pipeline.executors import run_isolated

    if args.text is not None:
        refs: Sequence[Any] = find_refs_in_text(args.text)
    else:
        if not args.file.is_file():
            raise UsageError(f"{args.file}: no such file")
        limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb)
        result = run_isolated(str(args.file), "refs", limits)
        if result.status == "failed":
            for error in result.errors:
                print(f"plans refs: {terminal_text(error.message)}", file=sys.stderr)
            return 1
        refs = result.legal_refs
    for ref in refs:
        print(json_line(dataclasses.asdict(ref), _json_default))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """`plans report`: one self-contained HTML file with charts."""
    from pipeline.report import build_report

    try:
        charts = build_report(args.data, args.out)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from e
    print(f"{terminal_text(args.out)}: {charts} charts")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """`plans schema`: the data dictionary."""
    print(dictionary_markdown() if args.markdown else dictionary_text())
    return 0
