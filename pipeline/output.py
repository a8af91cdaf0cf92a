"""Rows printed by `plans`: --format table|csv|json|jsonl, tables fitted to the terminal.

Every text goes through pipeline.safe_text: a table cell is one escaped line, CSV is
neutralised for spreadsheets (unless raw), JSON is exact.
"""

from __future__ import annotations

import csv
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from pipeline.safe_text import csv_line, json_line, terminal_text

FORMATS = ("table", "csv", "json", "jsonl")
BOM = "\ufeff"  # lets Excel read a UTF-8 CSV as UTF-8 (Vietnamese stays readable)
MIN_CELL = 8  # a column is never cut narrower than this to fit the terminal


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How to print rows: format, row cap and cell width of tables, CSV flags."""

    format: str = "table"
    max_rows: int = 100  # table only; 0 = every row
    max_width: int = 60  # table only; 0 = no limit (and no fitting to the terminal)
    raw: bool = False
    bom: bool = False


def json_default(value: Any) -> Any:
    """JSON for what DuckDB returns beside str/int/float: dates, tuples, decimals."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def emit(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    opts: OutputOptions,
    out: TextIO | None = None,
) -> None:
    """Print rows in the chosen format on `out` (stdout)."""
    out = out or sys.stdout
    if opts.format == "csv":
        write_csv(columns, rows, out, raw=opts.raw, bom=opts.bom)
    elif opts.format == "jsonl":
        out.writelines(json_line(_record(columns, r), json_default) + "\n" for r in rows)
    elif opts.format == "json":
        records = [json_line(_record(columns, r), json_default) for r in rows]
        out.write("[" + ",\n ".join(records) + "]\n")
    else:
        out.write(format_table(columns, rows, opts, _terminal_width(out)) + "\n")


def _record(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(columns, row, strict=True))


def write_csv(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    out: TextIO,
    raw: bool = False,
    bom: bool = False,
) -> None:
    """CSV; text cells neutralised for spreadsheets (OWASP) unless `raw`; BOM for Excel."""
    if bom:
        out.write(BOM)
    if raw:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    out.write(csv_line(columns))
    out.writelines(csv_line(row) for row in rows)


def _terminal_width(out: TextIO) -> int | None:
    """Columns of the terminal `out` is, or None when it is a file or a pipe."""
    try:
        return shutil.get_terminal_size().columns if out.isatty() else None
    except (AttributeError, ValueError, OSError):
        return None


def _cell(value: Any) -> str:
    text = "NULL" if value is None else str(value)
    return terminal_text(" ".join(text.split()))


def _cut(text: str, width: int) -> str:
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def fit_widths(widths: list[int], total: int) -> list[int]:
    """Narrow the widest columns until the row fits `total` characters (2 between columns)."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > total:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_CELL:
            break
        widths[widest] -= 1
    return widths


def format_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    opts: OutputOptions = OutputOptions(),
    terminal: int | None = None,
) -> str:
    """An aligned text table: long cells cut with '…', a '… N more rows' line past
    max_rows, narrowed to the terminal's width when printing to one; controls escaped."""
    shown = rows if opts.max_rows <= 0 else rows[: opts.max_rows]
    head = [terminal_text(c) for c in columns]
    body = [[_cut(_cell(v), opts.max_width) for v in row] for row in shown]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(head)]
    if terminal and opts.max_width > 0:
        widths = fit_widths(widths, terminal)
    lines = [
        "  ".join(_cut(c, w).ljust(w) for c, w in zip(head, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
        for r in body
    ]
    if len(rows) > len(shown):
        lines.append(f"… {len(rows) - len(shown)} more rows (--max-rows 0 shows all)")
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
