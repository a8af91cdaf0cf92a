"""`plans`: the command line. `main(argv) -> int`; tests call it in-process.

Exit codes: 0 everything went well; 1 the run finished but some files failed (see the
`errors` table); 2 the command could not run (bad arguments, missing path, dataset locked).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import commands, review_actions
from pipeline.safe_text import json_line, terminal_text

DEFAULT_DATA = Path("data/parquet")
EXIT_OK, EXIT_FAILED_FILES, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

DESCRIPTION = """\
plans: Vietnamese commune administrative-reform plans (DOCX, typed PDF, text exports)
-> appendix tables, legal references and metadata in Parquet, queryable with DuckDB.
"""
EPILOG = """\
examples:
  plans ingest data/raw                      extract new or changed files into data/parquet
  plans nightly data/raw                     re-extract stale files, drop vanished ones
  plans query "select commune, plan_year, count(*) from plan_items group by all"
  plans compare F3.ONTIME                    one criterion across communes and years
  plans review                               criterion matches to check by hand
  plans report --out report.html             an HTML report with charts
  plans refs data/raw/plan_000.docx          legal references of one file, as JSON lines
  plans schema                               the tables and their columns
  plans serve                                review and correct in the browser
  plans correct DOC_ID 0 3.2.2 task "…"      record a correction (applied by every run)

exit codes: 0 ok, 1 some files failed (see the errors table), 2 the command could not run
(bad arguments, missing path, dataset locked, not a plans dataset, disk full), 130 interrupted
"""


def _data_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        metavar="DIR",
        help="dataset directory (default: %(default)s)",
    )


def _width_option(p: argparse.ArgumentParser, default: int) -> None:
    p.add_argument(
        "--max-width",
        type=int,
        default=default,
        metavar="N",
        help="cut table cells longer than N characters (default: %(default)s)",
    )


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
        default=DEFAULT_DATA,
        metavar="DIR",
        help="dataset directory (default: %(default)s)",
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
    ingest = sub.add_parser(
        "ingest",
        help="extract new or changed plan files into Parquet",
        description="Extract new or changed files (by size, mtime and sha256) and swap the "
        "new dataset in atomically.",
    )
    _add_run_options(ingest)
    nightly = sub.add_parser(
        "nightly",
        help="re-extract stale or failed files; drop vanished ones",
        description="The scheduled job: like ingest, and also re-extract files whose "
        "extractor or code-list version is stale and drop the rows of files no longer under PATH.",
    )
    _add_run_options(nightly)


def _add_analyst_commands(sub: Any) -> None:
    query = sub.add_parser(
        "query",
        help="run SQL over the Parquet tables with DuckDB",
        description="Views: " + ", ".join(commands.view_names()),
    )
    query.add_argument("sql", help='SQL, e.g. "select * from documents"')
    _data_option(query)
    query.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default: %(default)s)",
    )
    query.add_argument(
        "--raw",
        action="store_true",
        help="with --format csv: write text cells exactly as stored, without the leading ' "
        "that keeps a spreadsheet from running cells starting with = + - @ TAB CR as formulas",
    )
    _width_option(query, 60)
    compare = sub.add_parser(
        "compare",
        help="a criterion's targets and scores across communes and years",
        description="Every target (and score, where the plan has one) of a canonical "
        "criterion per commune and year, e.g. `plans compare F3.ONTIME`.",
    )
    compare.add_argument("criterion", help="canonical code from normalize/codes/criteria.csv")
    _data_option(compare)
    _width_option(compare, 60)
    report = sub.add_parser(
        "report",
        help="one self-contained HTML report with charts",
        description="Coverage, targets by criterion, score profiles, year-over-year changes, "
        "most cited legal documents and the review list, as one HTML file (no network).",
    )
    _data_option(report)
    report.add_argument(
        "--out",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="HTML file to write (default: %(default)s)",
    )


def _add_checking_commands(sub: Any) -> None:
    review = sub.add_parser(
        "review",
        help="criterion matches to check by hand, with their best candidates",
        description="Rows whose canonical criterion is missing or below --below.",
    )
    _data_option(review)
    review.add_argument(
        "--below",
        type=float,
        default=0.75,
        metavar="SCORE",
        help="list matches scoring below this (default: %(default)s)",
    )
    review.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="show at most N rows (default: %(default)s)",
    )
    _width_option(review, 50)
    refs = sub.add_parser("refs", help="print the legal references of a file or text as JSON lines")
    source = refs.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="a plan file (any supported format)")
    source.add_argument("--text", help="a text to scan instead of a file")
    _add_limit_options(refs)
    schema = sub.add_parser("schema", help="print the tables and columns (the data dictionary)")
    schema.add_argument("--markdown", action="store_true", help="as Markdown (used in README)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `plans` and all its subcommands."""
    parser = argparse.ArgumentParser(
        prog="plans",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_run_commands(sub)
    _add_analyst_commands(sub)
    _add_checking_commands(sub)
    review_actions.add_commands(sub, _data_option)
    return parser


def _setup_logging(verbose: bool, json_logs: bool) -> None:
    # JSON logs are for machines (the nightly job): one line per document at INFO.
    level = logging.DEBUG if verbose else logging.INFO if json_logs else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    if json_logs:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_TextFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `plans` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose, getattr(args, "log_json", False))
    handlers = {
        "ingest": commands.cmd_run,
        "nightly": commands.cmd_run,
        "query": commands.cmd_query,
        "refs": commands.cmd_refs,
        "compare": commands.cmd_compare,
        "review": commands.cmd_review,
        "report": commands.cmd_report,
        "schema": commands.cmd_schema,
        "correct": review_actions.cmd_correct,
        "serve": review_actions.cmd_serve,
    }
    try:
        return handlers[args.command](args)
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
