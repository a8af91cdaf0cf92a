"""The Arrow schema of every Parquet table, and records -> pyarrow.Table.

Column order: the record's fields, then the provenance stamps. A test checks that the
dataclasses and these schemas agree, so the data contract cannot drift silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from models.records import (
    DocChange,
    DocumentRecord,
    ErrorRecord,
    ItemScore,
    LegalRefRecord,
    ManifestRecord,
    PlanItem,
    RunRecord,
    TargetRecord,
)

STAMP_FIELDS = (pa.field("run_id", pa.string()), pa.field("extractor_version", pa.string()))
_TS = pa.timestamp("us", tz="UTC")

_DOCUMENTS = [
    ("doc_id", pa.string(), False),
    ("source_path", pa.string(), False),
    ("source_format", pa.string(), False),
    ("ocr", pa.bool_(), False),
    ("page_count", pa.int32(), False),
    ("doc_number", pa.string(), True),
    ("doc_type", pa.string(), True),
    ("title", pa.string(), True),
    ("commune", pa.string(), True),
    ("district", pa.string(), True),
    ("province", pa.string(), True),
    ("issue_date", pa.date32(), True),
    ("plan_year", pa.int32(), True),
    ("signer", pa.string(), True),
    ("signer_title", pa.string(), True),
    ("status", pa.string(), False),
    ("extracted_at", _TS, False),
]
_PLAN_ITEMS = [
    ("doc_id", pa.string(), False),
    ("table_index", pa.int32(), False),
    ("row_index", pa.int32(), False),
    ("kind", pa.string(), False),
    ("stt_raw", pa.string(), False),
    ("code", pa.string(), False),
    ("parent_code", pa.string(), True),
    ("level", pa.int32(), False),
    ("section_code", pa.string(), True),
    ("section_title", pa.string(), True),
    ("criterion", pa.string(), True),
    ("objective", pa.string(), True),
    ("task", pa.string(), True),
    ("requirement", pa.string(), True),
    ("output", pa.string(), True),
    ("lead", pa.string(), True),
    ("support", pa.string(), True),
    ("deadline_text", pa.string(), True),
    ("deadline_date", pa.date32(), True),
    ("deadline_kind", pa.string(), False),
    ("score_max", pa.float64(), True),
    ("lead_role", pa.string(), True),
    ("field_code", pa.string(), True),
    ("criterion_code", pa.string(), True),
    ("match_score", pa.float64(), True),
    ("match_method", pa.string(), False),
    ("page_first", pa.int32(), False),
    ("page_last", pa.int32(), False),
    ("plan_year", pa.int32(), True),
    ("note", pa.string(), True),
    ("ocr_confidence", pa.float64(), True),
    ("commune", pa.string(), True),
    ("district", pa.string(), True),
    ("province", pa.string(), True),
    ("code_list_version", pa.string(), True),
]
_ITEM_SCORES = [
    ("doc_id", pa.string(), False),
    ("table_index", pa.int32(), False),
    ("row_index", pa.int32(), False),
    ("code", pa.string(), False),
    ("year", pa.int32(), True),
    ("kind", pa.string(), False),
    ("value", pa.float64(), False),
]
_TARGETS = [
    ("doc_id", pa.string(), False),
    ("table_index", pa.int32(), True),
    ("row_index", pa.int32(), True),
    ("page", pa.int32(), True),
    ("criterion_code", pa.string(), True),
    ("metric", pa.string(), False),
    ("comparator", pa.string(), False),
    ("value", pa.float64(), False),
    ("unit", pa.string(), False),
    ("scope", pa.string(), False),
    ("text", pa.string(), False),
    ("plan_year", pa.int32(), True),
    ("code_list_version", pa.string(), True),
]
_LEGAL_REFS = [
    ("doc_id", pa.string(), False),
    ("key", pa.string(), True),
    ("ref_type", pa.string(), False),
    ("number", pa.string(), True),
    ("symbol_year", pa.int32(), True),
    ("symbol", pa.string(), True),
    ("issuer_code", pa.string(), True),
    ("issuer_level", pa.string(), False),
    ("issued_date", pa.date32(), True),
    ("issuer_text", pa.string(), True),
    ("subject", pa.string(), True),
    ("relation", pa.string(), False),
    ("page", pa.int32(), True),
    ("char_start", pa.int32(), False),
    ("char_end", pa.int32(), False),
    ("context", pa.string(), False),
    ("flags", pa.list_(pa.string()), False),
    ("identity", pa.string(), True),
]
_ERRORS = [
    ("run_id", pa.string(), False),
    ("doc_id", pa.string(), True),
    ("source_path", pa.string(), False),
    ("stage", pa.string(), False),
    ("kind", pa.string(), False),
    ("message", pa.string(), False),
    ("severity", pa.string(), False),
]
_RUNS = [
    ("run_id", pa.string(), False),
    ("started_at", _TS, False),
    ("finished_at", _TS, False),
    ("mode", pa.string(), False),
    ("executor", pa.string(), False),
    ("docs_seen", pa.int32(), False),
    ("docs_done", pa.int32(), False),
    ("docs_skipped", pa.int32(), False),
    ("docs_failed", pa.int32(), False),
    ("extractor_version", pa.string(), False),
    ("code_list_version", pa.string(), False),
]
_MANIFEST = [
    ("source_path", pa.string(), False),
    ("doc_id", pa.string(), True),
    ("size", pa.int64(), False),
    ("mtime_ns", pa.int64(), False),
    ("source_format", pa.string(), False),
    ("status", pa.string(), False),
    ("extractor_version", pa.string(), False),
    ("code_list_version", pa.string(), False),
    ("extracted_at", _TS, False),
]
_DOC_CHANGES = [
    ("run_id", pa.string(), False),
    ("source_path", pa.string(), False),
    ("doc_id", pa.string(), True),
    ("added", pa.int32(), False),
    ("removed", pa.int32(), False),
    ("changed", pa.int32(), False),
]


def _schema(cols: list[tuple[str, pa.DataType, bool]], stamped: bool) -> pa.Schema:
    fields = [pa.field(name, typ, nullable) for name, typ, nullable in cols]
    if stamped:
        fields += [f for f in STAMP_FIELDS if f.name not in {c[0] for c in cols}]
    return pa.schema(fields)


# table name -> (record type, schema, partition column or None)
TABLES: dict[str, tuple[type, pa.Schema, str | None]] = {
    "documents": (DocumentRecord, _schema(_DOCUMENTS, True), "plan_year"),
    "plan_items": (PlanItem, _schema(_PLAN_ITEMS, True), "plan_year"),
    "item_scores": (ItemScore, _schema(_ITEM_SCORES, True), None),
    "targets": (TargetRecord, _schema(_TARGETS, True), "plan_year"),
    "legal_refs": (LegalRefRecord, _schema(_LEGAL_REFS, True), None),
    "errors": (ErrorRecord, _schema(_ERRORS, True), None),
    "runs": (RunRecord, _schema(_RUNS, True), None),
    "manifest": (ManifestRecord, _schema(_MANIFEST, True), None),
    "doc_changes": (DocChange, _schema(_DOC_CHANGES, True), None),
}
TABLE_NAMES = tuple(TABLES)


def schema_of(table: str) -> pa.Schema:
    """The Arrow schema of a Parquet table, e.g. schema_of('plan_items')."""
    return TABLES[table][1]


def to_arrow(table: str, records: Iterable[Any], stamps: dict[str, str]) -> pa.Table:
    """Turn records of one table into a pyarrow.Table with its schema and the stamps."""
    schema = schema_of(table)
    names = [f.name for f in dataclasses.fields(TABLES[table][0])]
    rows: list[dict[str, Any]] = []
    for rec in records:  # shallow, unlike dataclasses.asdict: records hold only plain values
        row = {name: getattr(rec, name) for name in names}
        for key, value in row.items():
            if isinstance(value, tuple):
                row[key] = list(value)
        for key, value in stamps.items():
            row.setdefault(key, value)
        rows.append(row)
    result = pa.Table.from_pylist(rows, schema=schema)
    for field in schema:
        if not field.nullable and result.column(field.name).null_count:
            raise ValueError(f"{table}.{field.name} is required but a record has no value")
    return result
