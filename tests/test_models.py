"""The records and the Arrow schemas agree; every column is documented."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from models.arrow import STAMP_FIELDS, TABLES, to_arrow
from models.dictionary import COLUMN_DOCS, describe
from models.records import DocumentRecord

STAMP_NAMES = {f.name for f in STAMP_FIELDS}


@pytest.mark.parametrize("table", list(TABLES))
def test_record_fields_match_schema(table: str) -> None:
    record_type, schema, _ = TABLES[table]
    fields = [f.name for f in dataclasses.fields(record_type)]
    columns = [name for name in schema.names if name not in STAMP_NAMES or name in fields]
    assert fields == columns
    assert STAMP_NAMES <= set(schema.names)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_documented(table: str) -> None:
    for name in TABLES[table][1].names:
        assert describe(table, name)
    assert set(COLUMN_DOCS[table]) <= set(TABLES[table][1].names)


def test_records_are_frozen() -> None:
    for record_type, _, _ in TABLES.values():
        params = record_type.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen


def test_to_arrow_roundtrip_keeps_types() -> None:
    rec = DocumentRecord(
        doc_id="ab" * 32,
        source_path="x.docx",
        source_format="docx",
        ocr=False,
        page_count=3,
        doc_number="57/KH-UBND",
        doc_type="Kế hoạch",
        title="t",
        commune="Hà Châu",
        district="Phú Bình",
        province="Thái Nguyên",
        issue_date=date(2022, 8, 28),
        plan_year=2023,
        signer="Hoàng Văn Oanh",
        signer_title="Chủ tịch",
        status="ok",
        extracted_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    table = to_arrow("documents", [rec], {"run_id": "r1", "extractor_version": "v"})
    assert table.schema.field("issue_date").type == pa.date32()
    row = table.to_pylist()[0]
    assert row["commune"] == "Hà Châu" and row["run_id"] == "r1" and row["plan_year"] == 2023


def test_to_arrow_rejects_a_missing_required_value() -> None:
    rec = DocumentRecord(
        doc_id=None,
        source_path="x",
        source_format="docx",
        ocr=False,
        page_count=1,  # type: ignore[arg-type]
        doc_number=None,
        doc_type=None,
        title=None,
        commune=None,
        district=None,
        province=None,
        issue_date=None,
        plan_year=None,
        signer=None,
        signer_title=None,
        status="ok",
        extracted_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    with pytest.raises(ValueError, match="documents.doc_id is required"):
        to_arrow("documents", [rec], {"run_id": "r", "extractor_version": "v"})
