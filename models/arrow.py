"""The Arrow schema of every Parquet table, derived from the records, and records -> Table.

Column order: the record's columns (models.columns.columns_of), then the provenance stamps.
Nothing here names a column of a record: a column is declared once, on its record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from models.columns import Column, column_value, columns_of
from models.records import (
    CorrectionRecord,
    DocChange,
    DocumentRecord,
    ErrorRecord,
    ItemAgency,
    ItemScore,
    LegalRefRecord,
    ManifestRecord,
    PlanItem,
    RunRecord,
    TableRecord,
    TargetRecord,
)

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "date32": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()),
}

# The stamps pipeline.dataset.store puts on every row: name -> meaning.
STAMPS: dict[str, str] = {
    "run_id": "the run that wrote the row (e.g. 20261122T044301.482Z-3fa9c1)",
    "extractor_version": "package version + digest of the extract/normalize code that made the row",
}
STAMP_FIELDS = tuple(pa.field(name, pa.string()) for name in STAMPS)

# Which plan a row belongs to, set by pipeline.ingest.plan_ids when a run merges the dataset (they
# depend on every document of it, not on one file): the same plan ingested as DOCX, PDF and
# text is one plan_id, and `chosen` marks the one file of each plan to count.
PLAN_STAMPS: dict[str, tuple[pa.DataType, str]] = {
    "plan_id": (pa.string(), "the plan the file holds: commune, plan year and number (or title)"),
    "chosen": (
        pa.bool_(),
        "true for the one file of each plan to count (`where chosen`); on the tables of rows, "
        "also for the appendix file sent beside that file (documents.body_doc_id)",
    ),
}
PLAN_FIELDS = tuple(pa.field(name, kind) for name, (kind, _) in PLAN_STAMPS.items())
# The tables whose rows are counted per plan: each row carries plan_id and chosen.
PER_PLAN_TABLES = (
    "documents",
    "plan_items",
    "item_scores",
    "targets",
    "legal_refs",
    "item_agencies",
    "tables",
)

# table name -> (record type, partition column or None, what one row is)
_SPECS: dict[str, tuple[type, str | None, str]] = {
    "documents": (
        DocumentRecord,
        "plan_year",
        "one row per plan file (the same plan as DOCX and PDF gives two rows)",
    ),
    "plan_items": (
        PlanItem,
        "plan_year",
        "one row per appendix-table row: sections and items with their cells by role",
    ),
    "item_scores": (
        ItemScore,
        None,
        "the numbers of score columns ('Điểm tối đa', 'Điểm năm 2023', …)",
    ),
    "targets": (
        TargetRecord,
        "plan_year",
        "quantitative targets found in tables and body text, comparable across plans",
    ),
    "legal_refs": (
        LegalRefRecord,
        None,
        "every legal reference in a plan, with its span in the text",
    ),
    "tables": (
        TableRecord,
        None,
        "every table detected in a document: kind, pages, size, column roles, strategy, confidence",
    ),
    "item_agencies": (
        ItemAgency,
        None,
        "who does what: one row per agency named in a lead or support cell of plan_items",
    ),
    "corrections": (
        CorrectionRecord,
        None,
        "analyst corrections (corrections.csv) applied by the run that wrote the dataset",
    ),
    "errors": (
        ErrorRecord,
        None,
        "problems: files that could not be read, warnings about inconsistent data",
    ),
    "runs": (RunRecord, None, "one row per `plans ingest` / `plans nightly` run with its counts"),
    "manifest": (
        ManifestRecord,
        None,
        "what was extracted from each file (to skip unchanged files)",
    ),
    "doc_changes": (DocChange, None, "per run, how re-extracting a file changed its plan_items"),
}


def _field(col: Column) -> pa.Field:
    return pa.field(col.name, ARROW_TYPES[col.type_name], col.nullable)


def _schema(name: str, record_type: type) -> pa.Schema:
    fields = [_field(c) for c in columns_of(record_type)]
    names = {f.name for f in fields}
    stamps = [f for f in STAMP_FIELDS if f.name not in names]
    plan = list(PLAN_FIELDS) if name in PER_PLAN_TABLES else []
    return pa.schema(fields + stamps + plan)


COLUMNS: dict[str, tuple[Column, ...]] = {
    name: tuple(columns_of(rec)) for name, (rec, _, _) in _SPECS.items()
}
# table name -> (record type, schema, partition column or None)
TABLES: dict[str, tuple[type, pa.Schema, str | None]] = {
    name: (rec, _schema(name, rec), partition) for name, (rec, partition, _) in _SPECS.items()
}
TABLE_DOCS: dict[str, str] = {name: doc for name, (_, _, doc) in _SPECS.items()}
TABLE_NAMES = tuple(TABLES)


def schema_of(table: str) -> pa.Schema:
    """The Arrow schema of a Parquet table, e.g. schema_of('plan_items')."""
    return TABLES[table][1]


def as_row(table: str, rec: object) -> dict[str, Any]:
    """One record as {column: value}, nested records flattened, tuples as lists (what
    reading the Parquet back gives): as_row('plan_items', item)['deadline_text']."""
    row = {col.name: column_value(rec, col) for col in COLUMNS[table]}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}


def to_arrow(table: str, records: Iterable[Any], stamps: dict[str, str]) -> pa.Table:
    """Turn records of one table into a pyarrow.Table with its schema and the stamps."""
    schema = schema_of(table)
    rows: list[dict[str, Any]] = []
    for rec in records:
        row = as_row(table, rec)
        for key, value in stamps.items():
            row.setdefault(key, value)
        rows.append(row)
    result = pa.Table.from_pylist(rows, schema=schema)
    for field in schema:
        if not field.nullable and result.column(field.name).null_count:
            raise ValueError(f"{table}.{field.name} is required but a record has no value")
    return result
