"""`plans`: the command line. `main(argv) -> int`; tests call it in-process.

Exit codes: 0 everything went well; 1 the run finished but some files failed (see the
`errors` table); 2 the command could not run (bad arguments, missing path, dataset locked).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from pipeline.cli_options import QUERY_VIEWS, common_options, output_options, sub_parser
from pipeline.safe_text import json_line, terminal_text

# Imports stay light here (no pandas, pyarrow, DuckDB or readers): `plans --help` answers
# fast; each command imports what it needs when it runs (bench/bench_cli_start.py).
EXIT_OK, EXIT_FAILED_FILES, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

DESCRIPTION = """\
plans: Vietnamese commune administrative-reform plans (DOCX, typed PDF, text exports)
-> appendix tables, legal references and metadata in Parquet, queryable with DuckDB.
"""
EPILOG = """\
examples:
  plans ingest data/raw                      extract new or changed files into data/parquet
  plans codes ontime                         find criterion codes by code or Vietnamese label
  plans nightly data/raw                     re-extract stale files, drop vanished ones
  plans query "select commune, plan_year, count(*) from plan_items group by all"
  plans compare F3.ONTIME                    one criterion across communes and years
  plans review                               criterion matches to check by hand
  plans report --out report.html             an HTML report with charts
  plans refs data/raw/plan_000.docx          legal references of one file, as JSON lines
  plans schema                               the tables and their columns
  plans doctor                               check Tesseract, LibreOffice and the dataset
  plans serve                                review and correct in the browser
  plans correct DOC_ID 0 3.2.2 task "…"      record a correction (applied by every run)

plain view names (documents, plan_items, item_scores, targets, legal_refs) count each plan
once; all_documents, all_plan_items, ... have the rows of every file.
dataset: --data DIR, else $PLANS_DATA, else `data` in plans.toml or [tool.plans] of
pyproject.toml, else data/parquet. Options go before or after the command.

exit codes: 0 ok, 1 some files failed (see the errors table), 2 the command could not run
(bad arguments, missing path, dataset locked, not a plans dataset, disk full), 130 interrupted
"""


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """Options of `ingest` and `nightly`: what to read, where to write, how to run."""
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="files or folders of plans (folders are walked recursively)",
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="dataset directory (default: --data, $PLANS_DATA, the config file, data/parquet)",
    )
    p.add_argument("--force", action="store_true", help="re-extract every file even when unchanged")
    p.add_argument(
        "--progress",
        choices=("auto", "bar", "lines", "none"),
        default="auto",
        help="progress display on stderr (default: bar on a terminal, else lines)",
    )
    p.add_argument(
        "--log-json",
        action="store_true",
        help="structured logs on stderr: one JSON object per document and event, the run "
        "summary as the last one (nothing else is printed; --progress must be auto or none)",
    )
    _add_executor_options(p)


def _add_executor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="documents processed in parallel (default: 1)",
    )
    p.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local forked workers (default) or a Dask distributed cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://host:8786 (default: a LocalCluster)",
    )
    _add_limit_options(p)


def _add_limit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="time limit per document (default: %(default)s)",
    )
    p.add_argument(
        "--memory-mb",
        type=int,
        default=3072,
        metavar="MB",
        help="memory a document may add to its worker (default: %(default)s)",
    )


def _add_run_commands(sub: Any) -> None:
    ingest = sub_parser(
        sub,
        "ingest",
        help="extract new or changed plan files into Parquet",
        description="Extract new or changed files (by size, mtime and sha256) and swap the "
        "new dataset in atomically.",
    )
    _add_run_options(ingest)
    nightly = sub_parser(
        sub,
        "nightly",
        help="re-extract stale or failed files; drop vanished ones",
        description="The scheduled job: like ingest, and also re-extract files whose "
        "extractor or code-list version is stale and drop the rows of files no longer under PATH.",
    )
    _add_run_options(nightly)


def _add_analyst_commands(sub: Any) -> None:
    query = sub_parser(
        sub,
        "query",
        help="run SQL over the Parquet tables with DuckDB",
        description="Views: " + QUERY_VIEWS,
    )
    query.add_argument(
        "sql", nargs="?", help='SQL, e.g. "select * from documents"; - reads it from stdin'
    )
    query.add_argument("--file", "-f", type=Path, metavar="FILE", help="read the SQL from FILE")
    output_options(query)
    compare = sub_parser(
        sub,
        "compare",
        help="a criterion's targets and scores across communes and years",
        description="Every target (and score, where the plan has one) of a canonical "
        "criterion per commune and year, e.g. `plans compare F3.ONTIME`. Lower case, a "
        "prefix (F8.SIPAS*) or a whole field (F3) work; related criteria of the same topic "
        "(pipeline/query/data/criterion_topics.csv) are included.",
    )
    compare.add_argument("criterion", help="canonical code, a prefix ending in * or a field")
    output_options(compare)
    codes = sub_parser(
        sub,
        "codes",
        help="the canonical criterion codes with their Vietnamese labels",
        description="Criteria and PAR fields whose code or label contains PATTERN "
        "(case and accents ignored), with the plans whose rows or targets use them.",
    )
    codes.add_argument("pattern", nargs="?", default="", help="e.g. ontime, F3, hài lòng")
    output_options(codes)
    _add_report_command(sub)


def _add_report_command(sub: Any) -> None:
    report = sub_parser(
        sub,
        "report",
        help="one self-contained HTML report with charts",
        description="Coverage, targets by criterion, score profiles, year-over-year changes, "
        "most cited legal documents and the review list, as one HTML file (no network).",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="HTML file to write (default: %(default)s)",
    )


def _add_checking_commands(sub: Any) -> None:
    review = sub_parser(
        sub,
        "review",
        help="items without a canonical criterion, with source, page and candidates",
        description="Items (not section rows) with no criterion_code or a match score below "
        "--below: the one definition of 'unmapped' the report uses too.",
    )
    review.add_argument(
        "--below",
        type=float,
        default=0.75,
        metavar="SCORE",
        help="also list matches scoring below this (default: %(default)s)",
    )
    review.add_argument(
        "--agencies",
        action="store_true",
        help="list the agencies of lead/support cells that match no canonical agency instead",
    )
    output_options(review, 50, "table", "--limit")
    refs = sub_parser(sub, "refs", help="print the legal references of a file or text")
    source = refs.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="a plan file (any supported format)")
    source.add_argument("--text", help="a text to scan instead of a file")
    _add_limit_options(refs)
    output_options(refs, fmt="jsonl")
    schema = sub_parser(sub, "schema", help="print the tables and columns (the data dictionary)")
    schema.add_argument("--markdown", action="store_true", help="as Markdown (used in README)")
    doctor = sub_parser(
        sub,
        "doctor",
        help="check Tesseract with Vietnamese, LibreOffice, the dataset and its freshness",
    )
    output_options(doctor)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `plans` and all its subcommands."""
    parser = argparse.ArgumentParser(
        prog="plans",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"plans {_version()}")
    common_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_run_commands(sub)
    _add_analyst_commands(sub)
    _add_checking_commands(sub)
    _add_review_commands(sub)
    return parser


def _add_review_commands(sub: Any) -> None:
    """`plans correct` and `plans serve` (their work: pipeline.review)."""
    correct = sub_parser(
        sub,
        "correct",
        help="record a correction of one cell, applied by every later ingest and nightly",
        description="Append to <DIR>/corrections.csv: the row's current value is the old "
        "value; every later `plans ingest` and `plans nightly` applies it, or reports it as "
        "stale when the freshly extracted cell differs.",
    )
    correct.add_argument("doc_id", metavar="DOC_ID", help="the document (a unique prefix will do)")
    correct.add_argument("table_index", metavar="TABLE_INDEX", type=int, help="table of the row")
    correct.add_argument("code", metavar="CODE", help="the row's code, e.g. 3.2.2")
    correct.add_argument(
        "column", metavar="COLUMN", help="column to fix, e.g. task or criterion_code"
    )
    correct.add_argument("value", metavar="VALUE", help="the right value ('' to empty it)")
    correct.add_argument("--note", default="", metavar="TEXT", help="why, for the reviewers")
    serve = sub_parser(
        sub,
        "serve",
        help="review and correct in the browser (local web app)",
        description="Plans, their rows beside the source page, the review queue, and "
        "corrections, on http://127.0.0.1:8765 by default.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8765, help="port (default: %(default)s)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plans")
    except PackageNotFoundError:
        return "unknown (not installed)"


OWN_LOGGERS = ("pipeline", "extract", "normalize", "models")


def _setup_logging(verbose: bool, json_logs: bool) -> None:
    # JSON logs are for machines (the nightly job): one line per document at INFO. -v gives
    # the debug lines of plans' own packages; pdfminer and the other libraries stay at WARNING.
    level = logging.INFO if json_logs else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    if json_logs:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_TextFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.NOTSET)
    # Library warnings would print plain text on stderr; route them through the handler.
    logging.captureWarnings(True)


class _TextFormatter(logging.Formatter):
    """One line per message: a file name holding '\n' or ESC is shown escaped."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return terminal_text(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return "\n".join(terminal_text(line) for line in super().formatException(ei).split("\n"))


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json_line(data, default=str)


HANDLERS = {
    "ingest": "cmd_run",
    "nightly": "cmd_run",
    "query": "cmd_query",
    "refs": "cmd_refs",
    "compare": "cmd_compare",
    "codes": "cmd_codes",
    "review": "cmd_review",
    "report": "cmd_report",
    "schema": "cmd_schema",
    "doctor": "cmd_doctor",
    "correct": "cmd_correct",
    "serve": "cmd_serve",
}


def _handler(commands: Any, name: str) -> Any:
    """'cmd_run' of pipeline.commands, or 'module:function' elsewhere (imported now)."""
    module, _, function = name.rpartition(":")
    return getattr(import_module(module) if module else commands, function)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `plans` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # `plans` alone
        parser.print_help()
        return EXIT_OK
    _setup_logging(args.verbose, getattr(args, "log_json", False))
    commands = import_module("pipeline.commands")
    try:
        commands.resolve_data(args)
        return int(_handler(commands, HANDLERS[args.command])(args))
    except commands.UsageError as e:
        return _fail(args, str(e), EXIT_USAGE)
    except KeyboardInterrupt:
        message = "interrupted; nothing was written, the dataset is as it was"
        return _fail(args, message, EXIT_INTERRUPTED)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    """Why the command stopped, on stderr: a JSON object under --log-json, else a line."""
    if getattr(args, "log_json", False):
        logging.getLogger("pipeline.cli").error(message, extra={"fields": {"exit_code": code}})
    else:
        print(f"plans {args.command}: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
