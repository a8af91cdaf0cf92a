"""Options shared by the `plans` subcommands: the common ones (before or after the command)
and the output ones of every command that prints rows. Imports stay light (`--help` speed)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline.output import FORMATS

__all__ = ["QUERY_VIEWS", "common_options", "output_options", "sub_parser"]


# Views of `plans query` (pipeline.query.views.view_names(); a test keeps the two equal), listed
# here so that --help does not import DuckDB.
QUERY_VIEWS = (
    "documents, plan_items, item_scores, targets, legal_refs, item_agencies, tables (each plan "
    "once); all_documents, all_plan_items, all_item_scores, all_targets, all_legal_refs, "
    "all_item_agencies, all_tables (every file); document_plans, errors, runs, manifest, "
    "doc_changes, corrections, chosen_documents, plans, items_canonical, citations, criteria, "
    "fields, metrics, leaf_scores, score_subtotals, score_years, targets_by_metric, who_leads, "
    "targets_wide"
)


def common_options(p: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after its name (`plans query -v` and
    `plans -v query`): on a subcommand their default is SUPPRESS so the main one stays."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        default=default(False),
        help="debug lines of plans itself (not of the PDF libraries)",
    )
    p.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        default=default(None),
        help="dataset directory (default: $PLANS_DATA, the config file, data/parquet)",
    )
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=default(None),
        help="config file (default: $PLANS_CONFIG, ./plans.toml, [tool.plans] of pyproject.toml)",
    )


def output_options(
    p: argparse.ArgumentParser, width: int = 60, fmt: str = "table", *aliases: str
) -> None:
    """--format and the table and CSV options of a command that prints rows."""
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=fmt,
        help="table, csv, json (an array) or jsonl (one object per line) (default: %(default)s)",
    )
    p.add_argument(
        "--max-rows",
        *aliases,
        type=int,
        default=100,
        metavar="N",
        help="table: show at most N rows, then '… N more rows' (0: all; default: %(default)s)",
    )
    p.add_argument(
        "--max-width",
        type=int,
        default=width,
        metavar="N",
        help="table: cut cells longer than N characters and fit the terminal (0: no limit; "
        "default: %(default)s)",
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help="with --format csv: write text cells exactly as stored, without the leading ' "
        "that keeps a spreadsheet from running cells starting with = + - @ TAB CR as formulas",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help="with --format csv: start with a UTF-8 byte order mark (Excel then reads UTF-8)",
    )


def sub_parser(sub: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
    common_options(parser, suppress=True)
    return parser
