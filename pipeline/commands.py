"""The work behind each `plans` subcommand; printing happens here and in cli.py only."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import ConfigError, data_dir, load_config
from pipeline.output import OutputOptions, emit, format_table
from pipeline.safe_text import terminal_text

if TYPE_CHECKING:  # the heavy modules are imported by the commands that use them
    import duckdb

    from pipeline.ingest.executors import Executor
    from pipeline.ingest.runner import RunSummary

__all__ = [
    "UsageError",
    "cmd_codes",
    "cmd_compare",
    "cmd_doctor",
    "cmd_query",
    "cmd_refs",
    "cmd_review",
    "cmd_run",
    "cmd_schema",
    "format_table",
    "resolve_data",
]

log = logging.getLogger("pipeline.commands")


class UsageError(Exception):
    """The command cannot run as asked (exit code 2)."""

    def __str__(self) -> str:
        # SQL errors quote cells ("Could not convert string '\x1b]0;…'"): shown escaped.
        return terminal_text(super().__str__())


def resolve_data(args: argparse.Namespace) -> None:
    """Set args.data (and args.out of ingest/nightly) from the flags, PLANS_DATA and the
    config file, so every command reads and writes the same dataset."""
    try:
        config = load_config(args.config)
    except ConfigError as e:
        raise UsageError(str(e)) from e
    if args.command in ("ingest", "nightly"):
        args.out = data_dir(args.out or args.data, config)
    args.data = data_dir(args.data, config)


def output_options(args: argparse.Namespace) -> OutputOptions:
    """The --format, --max-rows, --max-width, --raw and --bom of a command."""
    if (args.raw or args.bom) and args.format != "csv":
        raise UsageError("--raw and --bom apply to --format csv only")
    return OutputOptions(args.format, args.max_rows, args.max_width, args.raw, args.bom)


def _executor(args: argparse.Namespace) -> Executor:
    from pipeline.ingest.executors import DaskExecutor, Limits, LocalExecutor

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
    from pipeline.dataset.store import NotADataset, Store, StoreLocked, StoreWriteError
    from pipeline.ingest.discover import NotAPlanPath
    from pipeline.ingest.progress import Progress
    from pipeline.ingest.runner import run

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
    written = _rows_written(out, s.run_id)
    if json_logs:
        fields = _summary_fields(s, out)
        fields.update(rows_written=written)
        log.info("run summary", extra={"fields": fields})
        return
    formats = ", ".join(f"{k} {v}" for k, v in sorted(s.by_format.items())) or "none"
    rows = ", ".join(f"{t} {n}" for t, n in written.items() if t != "warnings")
    lines = [
        f"run {s.run_id} ({s.mode}, {s.executor})",
        f"  files seen {s.seen}: extracted {s.done} ({s.partial} partial), "
        f"skipped unchanged {s.skipped}, failed {s.failed}, removed {s.removed}, "
        f"warnings {written.get('warnings', 0)}",
        f"  by format: {formats}",
        f"  rows written: {rows or 'none'}",
    ]
    for path, doc_id, added, removed, changed in s.diffs:
        if doc_id is None:  # the file is gone: its rows were dropped
            lines.append(f"  removed {path}: its {removed} plan_items rows dropped")
        elif added or removed or changed:
            lines.append(f"  changed {path}: plan_items +{added} -{removed} ~{changed}")
    lines += [f"  FAILED {path}: {message}" for path, message in s.failures]
    lines.append(f"  dataset: {out} (errors table has every problem; `plans query` to explore)")
    # A file name or message with a newline or ESC must not forge or restyle a line.
    print("\n".join(terminal_text(line) for line in lines))


WRITTEN_TABLES = ("documents", "plan_items", "targets", "legal_refs")


def _rows_written(out: Path, run_id: str) -> dict[str, int]:
    """Rows this run wrote per table (every file), and the warnings it recorded."""
    from pipeline.query.views import connect

    try:
        con = connect(out)
    except FileNotFoundError:
        return {}
    try:  # closed at once: a live DuckDB thread pool must not be inherited by later forks
        counts = {
            t: con.execute(f"SELECT count(*) FROM all_{t} WHERE run_id = ?", [run_id]).fetchone()
            for t in WRITTEN_TABLES
        }
        counts["warnings"] = con.execute(
            "SELECT count(*) FROM errors WHERE run_id = ? AND severity = 'warning'", [run_id]
        ).fetchone()
    finally:
        con.close()
    return {t: int(c[0]) if c else 0 for t, c in counts.items()}


def _summary_fields(s: RunSummary, out: Path) -> dict[str, Any]:
    fields = dataclasses.asdict(s)
    fields["failures"] = [{"path": p, "message": m} for p, m in s.failures]
    keys = ("path", "doc_id", "added", "removed", "changed")
    fields["diffs"] = [dict(zip(keys, d, strict=True)) for d in s.diffs]
    fields["dataset"] = str(out)
    return fields


def _sql_of(args: argparse.Namespace) -> str:
    """The SQL of `plans query`: the argument, -f FILE, or stdin for '-'."""
    if args.file is not None and args.sql is not None:
        raise UsageError("give the SQL as an argument or with -f FILE, not both")
    if args.file is not None:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"{args.file}: cannot read the SQL file ({e})") from e
    if args.sql == "-":
        return sys.stdin.read()
    if not args.sql:
        raise UsageError('no SQL: plans query "select …", plans query -f FILE or plans query -')
    return str(args.sql)


def cmd_query(args: argparse.Namespace) -> int:
    """`plans query SQL`: print the result as a table, CSV, JSON or JSON lines."""
    opts = output_options(args)
    sql = _sql_of(args)
    con = _connect(args.data)
    import duckdb

    try:
        result = con.execute(sql)
    except duckdb.Error as e:
        raise UsageError(f"SQL error: {e}") from e
    columns = [d[0] for d in result.description or []]
    emit(columns, result.fetchall(), opts)
    return 0


def _connect(data: Path) -> duckdb.DuckDBPyConnection:
    from pipeline.query.views import connect

    try:
        return connect(data)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from e


def cmd_compare(args: argparse.Namespace) -> int:
    """`plans compare CRITERION`: the criterion's targets and scores per commune and year."""
    from pipeline.query.lookup import CodeNotFound, resolve_codes
    from pipeline.query.views import sql_text

    opts = output_options(args)
    try:
        codes, heading = resolve_codes(args.criterion)
    except CodeNotFound as e:
        raise UsageError(str(e)) from e
    con = _connect(args.data)
    result = con.execute(sql_text("compare_criterion"), {"codes": list(codes)})
    columns = [d[0] for d in result.description or []]
    if opts.format == "table":
        print("\n".join(terminal_text(line) for line in heading.split("\n")))
    emit(columns, result.fetchall(), opts)
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    """`plans codes [PATTERN]`: canonical codes and labels, with the plans that use them."""
    from pipeline.query.lookup import codes_sql

    opts = output_options(args)
    con = _connect(args.data)
    sql, params = codes_sql(args.pattern)
    result = con.execute(sql, params)
    emit([d[0] for d in result.description or []], result.fetchall(), opts)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """`plans review`: items without a canonical criterion, with source, page, candidates."""
    from pipeline.query.lookup import review_rows
    from pipeline.query.views import sql_text

    opts = output_options(args)
    con = _connect(args.data)
    if getattr(args, "agencies", False):
        result = con.execute(sql_text("agencies_to_review"))
        columns, rows = [d[0] for d in result.description or []], result.fetchall()
    else:
        columns, rows = review_rows(con, args.below)
    emit(columns, rows, opts)
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    """`plans refs FILE|--text`: legal references (JSON lines by default). A file goes through
    the same isolated, limited worker as `plans ingest` and gives the rows the dataset stores
    (with their `identity`)."""
    from pipeline.ingest.executors import Limits, run_isolated

    opts = output_options(args)
    if args.text is not None:
        refs = _text_refs(args.text)
    else:
        if not args.file.is_file():
            raise UsageError(f"{args.file}: no such file")
        limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb)
        result = run_isolated(str(args.file), "refs", limits)
        if result.status == "failed":
            for error in result.errors:
                print(f"plans refs: {terminal_text(error.message)}", file=sys.stderr)
            return 1
        refs = list(result.legal_refs)
    records = [dataclasses.asdict(ref) for ref in refs]
    columns = list(records[0]) if records else ["key"]
    emit(columns, [tuple(r.get(c) for c in columns) for r in records], opts)
    return 0


def _text_refs(text: str) -> Sequence[Any]:
    """The references of a text as the dataset stores them: canonical, with identity."""
    from pipeline.query.lookup import refs_of_text

    return refs_of_text(text)


def cmd_report(args: argparse.Namespace) -> int:
    """`plans report`: one self-contained HTML file with charts."""
    from pipeline.report.build import build_report

    try:
        charts = build_report(args.data, args.out)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from e
    print(f"{terminal_text(args.out)}: {charts} charts")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """`plans schema`: the data dictionary."""
    from models.dictionary import dictionary_markdown, dictionary_text

    print(dictionary_markdown() if args.markdown else dictionary_text())
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """`plans doctor`: what plans needs, checked; exit 1 when something is missing."""
    from pipeline.doctor import run_checks

    opts = output_options(args)
    checks = run_checks(args.data)
    emit(["check", "status", "detail"], [(c.name, c.status, c.detail) for c in checks], opts)
    return 1 if any(c.status == "FAIL" for c in checks) else 0


def cmd_correct(args: argparse.Namespace) -> int:
    """`plans correct DOC_ID TABLE_INDEX CODE COLUMN VALUE [--note TEXT]`."""
    from pipeline.dataset.corrections import BadCorrection
    from pipeline.review.record import record_correction

    target = (args.doc_id, args.table_index, args.code, args.column)
    try:
        c = record_correction(args.data, target, args.value, args.note)
    except BadCorrection as e:
        raise UsageError(str(e)) from e
    print(
        terminal_text(
            f"recorded: {c.doc_id[:12]} table {c.table_index} row {c.code} {c.column}: "
            f"{c.old_value!r} -> {c.new_value!r}; the next `plans ingest` or `plans nightly` "
            "applies it"
        )
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """`plans serve`: the review web app until Ctrl-C."""
    from pipeline.dataset.store import Store
    from pipeline.review.serve import serve

    if Store(args.data).current_dir() is None:
        raise UsageError(f"{args.data}: no dataset here (run `plans ingest` first)")
    serve(args.data, args.host, args.port)
    return 0
