"""The records are the one declaration of every column: schemas and dictionary follow them."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from models.arrow import STAMP_FIELDS, TABLES, as_row, to_arrow
from models.columns import column, columns_of, flattened, record
from models.dictionary import describe, dictionary_markdown
from models.document import TEXT_ROLES, DocMeta, TableRow
from models.records import DocumentRecord, PlanItem

STAMP_NAMES = {f.name for f in STAMP_FIELDS}

# The Parquet contract as it stood before the columns were derived from the records (copied
# from the hand-written schemas of models/arrow.py then): analysts depend on these names and
# types, so a column may be added but never renamed, retyped or dropped.
CONTRACT = {
    "documents": """
        doc_id:string source_path:string source_format:string ocr:bool page_count:int32
        doc_number:string? doc_type:string? title:string? commune:string? district:string?
        province:string? issue_date:date32[day]? plan_year:int32? signer:string?
        signer_title:string? status:string extracted_at:timestamp[us, tz=UTC] run_id:string?
        extractor_version:string?
        commune_code:string? district_code:string? province_code:string?
        successor_commune:string? successor_commune_code:string? successor_province:string?
        place_flags:list<item: string>
    """,
    "plan_items": """
        doc_id:string table_index:int32 row_index:int32 kind:string stt_raw:string code:string
        parent_code:string? level:int32 section_code:string? section_title:string?
        criterion:string? objective:string? task:string? requirement:string? output:string?
        lead:string? support:string? deadline_text:string? deadline_date:date32[day]?
        deadline_kind:string score_max:double? lead_role:string? field_code:string?
        criterion_code:string? match_score:double? match_method:string page_first:int32
        page_last:int32 plan_year:int32? note:string? ocr_confidence:double? commune:string?
        district:string? province:string? code_list_version:string? run_id:string?
        extractor_version:string? criterion_candidates:list<item: string>
    """,
    "item_scores": """
        doc_id:string table_index:int32 row_index:int32 code:string year:int32? kind:string
        value:double run_id:string? extractor_version:string?
    """,
    "targets": """
        doc_id:string table_index:int32? row_index:int32? page:int32? criterion_code:string?
        metric:string comparator:string value:double unit:string scope:string text:string
        plan_year:int32? code_list_version:string? run_id:string? extractor_version:string?
    """,
    "legal_refs": """
        doc_id:string key:string? ref_type:string number:string? symbol_year:int32? symbol:string?
        issuer_code:string? issuer_level:string issued_date:date32[day]? issuer_text:string?
        subject:string? relation:string page:int32? char_start:int32 char_end:int32 context:string
        flags:list<item: string> identity:string? run_id:string? extractor_version:string?
        match_key:string?
    """,
    "tables": """
        doc_id:string table_index:int32? kind:string page_first:int32 page_last:int32 rows:int32
        columns:int32 roles:list<item: string> strategy:string confidence:double
        uncertain_roles:bool run_id:string? extractor_version:string?
    """,
    "item_agencies": """
        doc_id:string table_index:int32 row_index:int32 code:string role:string text:string
        agency_code:string? level:string? char_start:int32 char_end:int32 plan_year:int32?
        run_id:string? extractor_version:string?
    """,
    "errors": """
        run_id:string doc_id:string? source_path:string stage:string kind:string message:string
        severity:string extractor_version:string?
    """,
    "runs": """
        run_id:string started_at:timestamp[us, tz=UTC] finished_at:timestamp[us, tz=UTC]
        mode:string executor:string docs_seen:int32 docs_done:int32 docs_skipped:int32
        docs_failed:int32 extractor_version:string code_list_version:string
    """,
    "manifest": """
        source_path:string doc_id:string? size:int64 mtime_ns:int64 source_format:string
        status:string extractor_version:string code_list_version:string
        extracted_at:timestamp[us, tz=UTC] run_id:string?
    """,
    "doc_changes": """
        run_id:string source_path:string doc_id:string? added:int32 removed:int32 changed:int32
        extractor_version:string?
    """,
    "corrections": """
        doc_id:string source_path:string table_index:int32 code:string column:string
        old_value:string new_value:string author:string at:timestamp[us, tz=UTC] note:string
        run_id:string? extractor_version:string?
    """,
}
COLUMN_RE = re.compile(r"(\w+):(timestamp\[us, tz=UTC\]|list<item: string>|[^\s?]+)(\??)")


def _contract(table: str) -> set[tuple[str, str, bool]]:
    return {(n, t, q == "?") for n, t, q in COLUMN_RE.findall(CONTRACT[table])}


@pytest.mark.parametrize("table", list(TABLES))
def test_contract_columns_kept(table: str) -> None:
    schema = TABLES[table][1]
    have = {(f.name, str(f.type), f.nullable) for f in schema}
    assert _contract(table) <= have
    assert len(schema.names) == len(set(schema.names))  # no column declared twice


def test_contract_lists_every_table() -> None:
    assert set(CONTRACT) == set(TABLES)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_documented(table: str) -> None:
    for name in TABLES[table][1].names:
        assert len(describe(table, name)) > 5


def test_records_are_frozen() -> None:
    for record_type, _, _ in TABLES.values():
        params = record_type.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen


@record
class _Inner:
    amount: float | None = column("an amount", default=None, name="amount_vnd")
    hidden: tuple[str, ...] = ()  # not a column: no column metadata


@record
class _Outer:
    doc_id: str = column("the document")
    inner: _Inner = flattened()
    size: int = column("bytes", arrow="int64")


def test_nested_record_columns_stand_in_its_place() -> None:
    cols = columns_of(_Outer)
    assert [(c.name, c.path, c.type_name, c.nullable) for c in cols] == [
        ("doc_id", ("doc_id",), "string", False),
        ("amount_vnd", ("inner", "amount"), "float64", True),
        ("size", ("size",), "int64", False),
    ]


def test_a_type_without_arrow_mapping_is_refused() -> None:
    @record
    class Bad:
        value: complex = column("no Arrow type for this")

    with pytest.raises(TypeError, match="Bad.value: no Arrow type"):
        columns_of(Bad)


def test_a_table_row_field_is_a_plan_items_column() -> None:
    """A TableRow column reaches plan_items with no copy: the schema, the dictionary and the
    row all follow the one declaration (deadline is the column deadline_text)."""
    names = TABLES["plan_items"][1].names
    for f in dataclasses.fields(TableRow):
        if "doc" in f.metadata:
            assert (f.metadata["name"] or f.name) in names
    assert "scores" not in names and "flags" not in names
    assert describe("plan_items", "deadline_text") == "deadline as printed"
    assert "`deadline_text`" in dictionary_markdown()
    assert {
        "criterion",
        "objective",
        "task",
        "requirement",
        "output",
        "lead",
        "support",
        "deadline",
        "note",
    } <= set(TEXT_ROLES)


def _item() -> PlanItem:
    row = TableRow(
        table_index=0,
        row_index=4,
        kind="item",
        stt_raw="3.2.2",
        code="3.2.2",
        parent_code="3.2",
        level=3,
        section_code="III",
        section_title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        criterion="Tỷ lệ hồ sơ giải quyết đúng hạn",
        deadline="Trong năm 2023",
        confidence=91.5,
        flags=("sub_row",),
    )
    return PlanItem(
        doc_id="ab" * 32,
        row=row,
        deadline_date=date(2023, 12, 31),
        deadline_kind="year",
        score_max=None,
        lead_role=None,
        field_code="F3",
        criterion_code="F3.ONTIME",
        match_score=1.0,
        match_method="alias",
        plan_year=2023,
        commune="Hà Châu",
    )


def test_plan_item_row_reads_through_the_table_row() -> None:
    row = as_row("plan_items", _item())
    assert row["deadline_text"] == "Trong năm 2023" and row["ocr_confidence"] == 91.5
    assert row["code"] == "3.2.2" and row["criterion_code"] == "F3.ONTIME"
    table = to_arrow("plan_items", [_item()], {"run_id": "r1", "extractor_version": "v"})
    back = table.to_pylist()[0]
    assert back["deadline_date"] == date(2023, 12, 31) and back["section_code"] == "III"
    assert back["district"] is None and back["run_id"] == "r1"


def _document(doc_id: str | None) -> DocumentRecord:
    meta = DocMeta(
        doc_number="57/KH-UBND",
        doc_type="Kế hoạch",
        commune="Hà Châu",
        issue_date=date(2022, 8, 28),
        plan_year=2023,
    )
    return DocumentRecord(
        doc_id=doc_id,  # type: ignore[arg-type]  # None on purpose in one test
        source_path="x.docx",
        source_format="docx",
        ocr=False,
        page_count=3,
        meta=meta,
        status="ok",
        extracted_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_to_arrow_roundtrip_keeps_types() -> None:
    table = to_arrow(
        "documents", [_document("ab" * 32)], {"run_id": "r1", "extractor_version": "v"}
    )
    assert table.schema.field("issue_date").type == pa.date32()
    row = table.to_pylist()[0]
    assert row["commune"] == "Hà Châu" and row["run_id"] == "r1" and row["plan_year"] == 2023
    assert row["doc_number"] == "57/KH-UBND" and row["signer"] is None


def test_to_arrow_rejects_a_missing_required_value() -> None:
    with pytest.raises(ValueError, match="documents.doc_id is required"):
        to_arrow("documents", [_document(None)], {"run_id": "r", "extractor_version": "v"})
