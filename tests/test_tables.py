"""Appendix tables: quirk fixtures (one per real quirk) and golden rows of every sample.

The golden files hold the rows as printed in the plans; the same golden file is checked
against every format of a plan (DOCX, text export, typed PDF), which is what makes the
formats interchangeable. Page numbers differ between formats and are left out.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extract.readers import read_document
from extract.tables import find_table_rows
from models.document import TableRow
from tests.conftest import FIXTURES, RAW, SAMPLES

TABLES = FIXTURES / "tables"
# Boxes exist only where the reader knows them (PDF, scans): tests/test_boxes.py checks them.
BOX_FIELDS = ("box_page", "box_x0", "box_top", "box_x1", "box_bottom", "cell_boxes")
FORMAT_FREE = ("page_first", "page_last", "confidence", *BOX_FIELDS)
# Where a page break falls differs by format, so whether a row had to be joined does too.
FORMAT_FLAGS = {"continuation_joined"}


def rows_of(path: Path) -> list[TableRow]:
    return find_table_rows(read_document(path))


def comparable(rows: list[TableRow]) -> list[dict[str, object]]:
    out = []
    for row in rows:
        data = {k: v for k, v in dataclasses.asdict(row).items() if k not in FORMAT_FREE}
        data["flags"] = [f for f in row.flags if f not in FORMAT_FLAGS]
        out.append(data)
    return out


QUIRKS = sorted(p.stem for p in TABLES.glob("*.txt"))


@pytest.mark.parametrize("quirk", QUIRKS)
def test_quirk_fixture(quirk: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(TABLES / f"{quirk}.expected.jsonl", comparable(rows_of(TABLES / f"{quirk}.txt")))


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_sample_rows_golden(sample: str, fmt: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(TABLES / f"plan_{sample}.rows.jsonl", comparable(rows_of(RAW / f"plan_{sample}.{fmt}")))


def test_decimal_truncated_code_is_repaired() -> None:
    rows = {r.stt_raw: r for r in rows_of(TABLES / "decimal-truncated-6-10.txt")}
    assert rows["6.1"].code == "6.10"
    assert "decimal_truncated" in rows["6.1"].flags
    assert rows["6.11"].code == "6.11"


def test_repeated_header_inside_a_block_is_dropped() -> None:
    rows = rows_of(TABLES / "repeated-header-mid-block.txt")
    assert all(r.stt_raw.lower() != "stt" for r in rows)
    one_five = next(r for r in rows if r.code == "1.5")
    assert one_five.objective == "Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận và trả kết quả"


def test_continuation_row_is_joined_not_a_new_item() -> None:
    rows = rows_of(TABLES / "continuation-row-after-page-break.txt")
    assert [r.code for r in rows] == ["2.1.1", "2.1.2", "2.2", "2.3"]
    two_two = rows[2]
    assert two_two.criterion == (
        "Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị"
    )
    assert two_two.page_last > two_two.page_first


def test_sub_rows_inherit_stt_and_objective() -> None:
    rows = rows_of(TABLES / "subrows-inherit-objective.txt")
    assert [r.code for r in rows] == ["2.6", "2.6#2", "2.6#3", "2.7", "2.7#2"]
    assert {r.objective for r in rows[:3]} == {
        "100% TTHC có đủ điều kiện, được cung cấp trực tuyến"
    }
    assert (
        rows[1].stt_raw == ""
        and rows[1].task
        and rows[1].task.startswith("Rà soát, đề xuất các TTHC")
    )


def test_roman_sections_qualify_restarting_numbers() -> None:
    rows = rows_of(TABLES / "roman-sections-restart-numbering.txt")
    codes = [(r.kind, r.code, r.parent_code) for r in rows]
    assert codes == [
        ("section", "I", None),
        ("item", "I.1", "I"),
        ("item", "I.2", "I"),
        ("section", "II", None),
        ("section", "II.1", "II"),
        ("item", "II.1.1", "II.1"),
        ("item", "II.1.2", "II.1"),
        ("section", "II.2", "II"),
        ("item", "II.2.1", "II.2"),
    ]


def test_plan_000_items_from_1_1_to_8_1_5() -> None:
    rows = rows_of(RAW / "plan_000.docx")
    items = [r for r in rows if r.kind == "item"]
    assert items[0].code == "1.1" and items[-1].code == "8.1.5"
    first = items[0]
    assert first.criterion == (
        "Các giải pháp tìm kiếm, phát hiện sáng kiến, mô hình mới trong công tác CCHC"
        " trên địa bàn huyện"
    )
    assert first.requirement == "Tối thiểu 1 sáng kiến, giải pháp được công nhận phạm vi ảnh hưởng"
    assert first.deadline == "Chậm nhất trước ngày 31/12/2023"
    assert (first.lead, first.support) == ("UBND xã", "Văn phòng UBND xã")


def test_plan_001_has_118_rows_with_three_scores() -> None:
    rows = rows_of(RAW / "plan_001.docx")
    assert len(rows) == 118
    assert all(len(r.scores) == 3 for r in rows)
    ontime = next(r for r in rows if r.code == "3.3.1")
    assert [(s.role, s.year, s.value) for s in ontime.scores] == [
        ("score_max", None, 4.5),
        ("score_year", 2023, 4.5),
        ("score_year", 2024, 4.5),
    ]


def test_plan_003_criteria_headings_become_items() -> None:
    """Sơn Thượng prints its criteria as headings: the quoted code is the item's code."""
    for fmt in ("docx", "pdf", "txt"):
        rows = rows_of(RAW / f"plan_003.{fmt}")
        items = [r for r in rows if r.kind == "item"]
        assert len(items) == 17 and len(rows) - len(items) == 5, fmt
        ontime = next(r for r in items if r.code == "3.4.1")
        assert ontime.stt_raw == "3.2" and ontime.section_title == "Cải cách thủ tục hành chính"
        assert ontime.deadline == "Thường xuyên trong năm 2024"
        assert ontime.task and "tối thiểu 97%" in ontime.task
        ipv6 = next(r for r in items if r.code == "7.3.1.2")
        assert ipv6.criterion == "Đã chuyển đổi sang công nghệ IPv6" and ipv6.parent_code == "5"
