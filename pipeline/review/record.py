"""Recording a correction against the current dataset: what `plans correct` and `plans serve`
both do. The old value is read from the dataset as it is now, so the correction says what it
was made against and a later run can tell when it no longer applies.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipeline.dataset.corrections import (
    BadCorrection,
    Correction,
    append_correction,
    cell_text,
    check_value,
)
from pipeline.query.views import connect, sql_text


def known_codes() -> frozenset[str]:
    """Every code of the canonical list (fields and criteria)."""
    from normalize.codelist import load_codelist

    return frozenset(c.code for c in load_codelist().concepts)


def author_name() -> str:
    """Who corrects: $PLANS_AUTHOR, else the login name."""
    try:
        return os.environ.get("PLANS_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def find_row(
    con: duckdb.DuckDBPyConnection, doc_id: str, table_index: int, code: str
) -> dict[str, Any]:
    """The plan_items row (with its document's source_path) a correction names; a doc_id
    prefix is enough when it is unique ('3f2a9c')."""
    result = con.execute(sql_text("review/find_row"), [doc_id, table_index, code])
    columns = [d[0] for d in result.description or []]
    rows = [dict(zip(columns, r, strict=True)) for r in result.fetchall()]
    if not rows:
        raise BadCorrection(f"no row {code} in table {table_index} of document {doc_id}")
    if len({r["doc_id"] for r in rows}) > 1:
        raise BadCorrection(f"doc_id {doc_id} is ambiguous: give more of it")
    return rows[0]


def record_correction(
    data_dir: Path,
    target: tuple[str, int, str, str],
    value: str,
    note: str = "",
    author: str | None = None,
) -> Correction:
    """Check and append one correction: target (doc_id, table_index, code, column)."""
    doc_id, table_index, code, column = target
    value = " ".join(value.split()) if column != "kind" else value.strip()
    check_value(column, value, known_codes())
    try:
        con = connect(data_dir)
    except FileNotFoundError as e:
        raise BadCorrection(str(e)) from e
    row = find_row(con, doc_id, table_index, code)
    correction = Correction(
        doc_id=row["doc_id"],
        source_path=row["source_path"],
        table_index=table_index,
        code=code,
        column=column,
        old_value=cell_text(row[column]),
        new_value=value,
        author=author or author_name(),
        at=datetime.now(UTC).replace(microsecond=0),
        note=" ".join(note.split()),
    )
    append_correction(data_dir, correction)
    return correction
