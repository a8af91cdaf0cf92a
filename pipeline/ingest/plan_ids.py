"""Which plan each file holds, and the one file of each plan to count (issue 16).

The samples ship every plan as DOCX, PDF and text: counted per file, Thanh Liệt has 354 rows
for 118. A plan is (commune, plan year, number, or the title when the number is blank); its
chosen file is the first by status (ok before partial), then not OCR before OCR, then a body
before the appendix sent beside it, format (FORMAT_RANK) and path. A file whose commune was not
found is a plan of its own; a failed file holds no plan. An appendix sent as a file of its own
beside its body document (`body_doc_id`: a spreadsheet, or 'KH 18 - Phu luc.docx') takes the
body's metadata, so it is the same plan: when the body or the appendix is the chosen file, the
rows of both count (the body's references and targets, the appendix's rows); `documents`
keeps the chosen file alone. The same rule, in SQL, makes the `document_plans` view
(pipeline/query/sql/chosen_documents.sql): a test checks the two agree. The run stamps
`plan_id` and `chosen` on every row of the per-plan tables when it merges the dataset (they
depend on all documents).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from models.arrow import PER_PLAN_TABLES, PLAN_STAMPS

# The chosen file's format, best first: Word, then the office formats LibreOffice turns into
# DOCX (the same table structure), typed PDF, web pages, text exports; spreadsheets, images and
# zips last. A file read by OCR ranks after every file that was not, whatever its format.
FORMAT_RANK = {"docx": 0, "doc": 1, "odt": 1, "rtf": 1, "pdf": 2, "html": 3, "txt": 4, "md": 5}
OTHER_RANK = 6


def plan_id_of(row: Mapping[str, object]) -> str | None:
    """'Thanh Liệt' 2024 '…/KH-UBND' -> 'c0ffee…' (16 hex digits of an md5); a file without a
    commune -> 'doc:' + its doc_id's first 16 digits; a failed file -> None."""
    if row["status"] == "failed":
        return None
    if not row["commune"]:
        return f"doc:{str(row['doc_id'])[:16]}"
    year = "" if row["plan_year"] is None else str(row["plan_year"])
    key = row["doc_number"] or row["title"] or ""
    parts = "\x1f".join([str(row["commune"]), year, str(key)])
    return hashlib.md5(parts.encode()).hexdigest()[:16]


def plan_ids(documents: pa.Table) -> dict[str, tuple[str | None, bool]]:
    """doc_id -> (plan_id, chosen) for every document of the dataset."""
    columns = ["doc_id", "status", "commune", "plan_year", "doc_number", "title"]
    columns += ["ocr", "source_format", "source_path"]
    if "body_doc_id" in documents.column_names:
        columns.append("body_doc_id")
    return _chosen(documents.select(columns).to_pylist())


def row_plan_ids(
    documents: pa.Table, ids: Mapping[str, tuple[str | None, bool]]
) -> dict[str, tuple[str | None, bool]]:
    """doc_id -> (plan_id, chosen) for the tables of rows, from the documents' `ids`
    (`plan_ids`): the chosen file, and the other half of a body + appendix file pair
    when one of them is chosen."""
    bodies = (
        documents.column("body_doc_id").to_pylist()
        if "body_doc_id" in documents.column_names
        else [None] * documents.num_rows
    )
    out = dict(ids)
    for sheet, body in zip(documents.column("doc_id").to_pylist(), bodies, strict=True):
        if body not in ids or ids[body][0] != ids[sheet][0] or ids[sheet][0] is None:
            continue
        if ids[body][1] or ids[sheet][1]:  # either half chosen: both halves' rows count
            out[sheet] = out[body] = (ids[sheet][0], True)
    return out


def _chosen(rows: list[dict[str, Any]]) -> dict[str, tuple[str | None, bool]]:
    best: dict[str, tuple[tuple[bool, bool, bool, int, str], str]] = {}
    found: dict[str, tuple[str | None, bool]] = {}
    for row in rows:
        plan = plan_id_of(row)
        found[row["doc_id"]] = (plan, False)
        if plan is None:
            continue
        fmt = FORMAT_RANK.get(row["source_format"], OTHER_RANK)
        half = row.get("body_doc_id") is not None  # an appendix beside its body
        rank = (row["status"] != "ok", bool(row["ocr"]), half, fmt, row["source_path"])
        if plan not in best or rank < best[plan][0]:
            best[plan] = (rank, row["doc_id"])
    for plan, (_, doc_id) in best.items():
        found[doc_id] = (plan, True)
    return found


def with_plan_ids(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The per-plan tables with their plan_id and chosen columns set from `documents`."""
    ids = plan_ids(tables["documents"])
    row_ids = row_plan_ids(tables["documents"], ids)
    out = dict(tables)
    for name in PER_PLAN_TABLES:
        if name in out:
            out[name] = _stamped(out[name], ids if name == "documents" else row_ids)
    return out


def _stamped(table: pa.Table, ids: Mapping[str, tuple[str | None, bool]]) -> pa.Table:
    docs = table["doc_id"].to_pylist()
    values = [ids.get(d, (None, False)) for d in docs]
    for name, column in (
        ("plan_id", pa.array([v[0] for v in values], PLAN_STAMPS["plan_id"][0])),
        ("chosen", pa.array([v[1] for v in values], PLAN_STAMPS["chosen"][0])),
    ):
        index = table.schema.get_field_index(name)
        table = (
            table.set_column(index, name, column)
            if index >= 0
            else table.append_column(name, column)
        )
    return table
