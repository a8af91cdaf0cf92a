"""What the review app reads: plans, a plan's rows, the review queue (DuckDB over `current`).

Every request opens a fresh connection, so a page reloaded after `plans nightly` shows the new
version. Values reach SQL only as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipeline.dataset.corrections import corrections_path, read_corrections
from pipeline.query.views import connect, sql_text

BELOW = 0.75  # a criterion match under this is queued for review (as `plans review`)
OCR_FLOOR = 70.0  # mean OCR confidence (0-100) under which a row's cells are queued
Row = dict[str, Any]


def rows_of(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Row]:
    result = con.execute(sql, params or [])
    columns = [d[0] for d in result.description or []]
    return [dict(zip(columns, r, strict=True)) for r in result.fetchall()]


def plans(data: Path, commune: str = "", year: int | None = None, fmt: str = "") -> list[Row]:
    """The plans list with its filters (commune without accents: 'ha chau' finds Hà Châu)."""
    con = connect(data)
    params = {"below": BELOW, "floor": OCR_FLOOR, "commune": commune, "year": year, "fmt": fmt}
    result = con.execute(sql_text("review/plan_list"), params)
    columns = [d[0] for d in result.description or []]
    return [dict(zip(columns, r, strict=True)) for r in result.fetchall()]


@dataclass(frozen=True)
class PlanView:
    """One plan: its document row, its rows by table, its warnings."""

    document: Row
    tables: dict[int, list[Row]]
    warnings: list[Row]


def plan(data: Path, doc_id: str) -> PlanView | None:
    """A plan by doc_id (None when the dataset has no such document)."""
    con = connect(data)
    found = rows_of(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    if not found:
        return None
    items = rows_of(
        con,
        "SELECT * FROM plan_items WHERE doc_id = ? ORDER BY table_index, row_index",
        [doc_id],
    )
    tables: dict[int, list[Row]] = {}
    for item in items:
        tables.setdefault(item["table_index"], []).append(item)
    warnings = rows_of(
        con, "SELECT stage, kind, message FROM errors WHERE doc_id = ? ORDER BY kind", [doc_id]
    )
    return PlanView(found[0], tables, warnings)


def pending(data: Path, doc_id: str) -> list[Any]:
    """Corrections of a plan recorded since the current version was written (not applied yet)."""
    if not corrections_path(data).exists():
        return []
    con = connect(data)
    applied = {
        (r["table_index"], r["code"], r["column"], r["new_value"], r["at"])
        for r in rows_of(con, "SELECT * FROM corrections WHERE doc_id = ?", [doc_id])
    }
    out = []
    for c in read_corrections(data)[0]:
        key = (c.table_index, c.code, c.column, c.new_value, c.at)
        if c.doc_id == doc_id and key not in applied:
            out.append(c)
    return out


def source_of(data: Path, doc_id: str) -> tuple[str, str] | None:
    """(source_path, format) of a document, only when a manifest row lists that file with
    those bytes: the app never opens a path that came from a request."""
    found = rows_of(connect(data), sql_text("review/source_of"), [doc_id])
    return (found[0]["source_path"], found[0]["source_format"]) if found else None
