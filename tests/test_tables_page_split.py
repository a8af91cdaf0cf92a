"""Issue 13: a row split by a page break whose upper part ends with ';' is one row.

A list in a cell ('Dự thảo Quyết định; Danh mục; …', plan_004 2.7) cut by the break leaves
its upper part ending in ';', which the end-of-cell punctuation rule read as a finished
cell, so a lower part with an agency of its own was left as a sub-row. A ';' or ',' at the
end of a cell is a list going on; a real sub-row still has its own deadline.
"""

from __future__ import annotations

from extract.tables import find_table_rows
from models.document import Document, GridRow, RawTable

HEAD = (
    "STT",
    "Mục tiêu",
    "Nhiệm vụ",
    "Kết quả/ Sản phẩm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
)
UPPER = (
    "2.7",
    "Rà soát, thống kê, đề xuất đơn giản hóa TTHC Nội bộ",
    "Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính nội bộ;",
    "Dự thảo Quyết định; Danh mục;",
    "CB, CC 1 cửa xã;",
    "Văn phòng HĐND-UBND huyện",
    "Hoàn thành trước ngày 01/12/2023",
)
NEXT = (
    "2.8",
    "Công khai TTHC",
    "Niêm yết công khai TTHC tại Bộ phận Một cửa",
    "TTHC được công khai",
    "Văn phòng UBND xã",
    "",
    "Thường xuyên",
)


def _doc(first_on_page_2: tuple[str, ...]) -> Document:
    page1 = RawTable((GridRow(HEAD, 1), GridRow(UPPER, 1)), 1, 1, (), 0)
    rows = (GridRow(HEAD, 2), GridRow(first_on_page_2, 2), GridRow(NEXT, 2))
    return Document("x", "x.pdf", "pdf", 2, (), (page1, RawTable(rows, 2, 2, (), 2)))


def test_row_split_after_a_semicolon_is_joined() -> None:
    lower = (
        "",
        "",
        "UBND các xã.",
        "Nội dung phương án đơn giản hóa TTHC nội bộ",
        "VP UBND xã",
        "",
        "",
    )
    rows = find_table_rows(_doc(lower))
    assert [r.code for r in rows] == ["2.7", "2.8"]
    row = rows[0]
    assert (
        row.task
        == "Rà soát, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính nội bộ; UBND các xã."
    )
    assert row.output == "Dự thảo Quyết định; Danh mục; Nội dung phương án đơn giản hóa TTHC nội bộ"
    assert row.lead == "CB, CC 1 cửa xã; VP UBND xã"
    assert (row.page_first, row.page_last) == (1, 2)
    assert "continuation_joined" in row.flags


def test_sub_row_with_its_own_deadline_after_a_semicolon_stays_a_sub_row() -> None:
    sub = ("", "", "Tổ chức đối thoại với người dân", "Biên bản", "VP UBND xã", "", "Quý II/2023")
    rows = find_table_rows(_doc(sub))
    assert [r.code for r in rows] == ["2.7", "2.7#2", "2.8"]
    assert rows[1].deadline == "Quý II/2023" and rows[1].objective == UPPER[1]


def test_cell_split_after_a_hyphen_by_a_page_break_is_written_as_the_table_writes_it() -> None:
    """'Văn phòng HĐND-' at the foot of a page, 'UBND huyện' atop the next (plan_004 in a
    sans font): the table writes 'HĐND-UBND' elsewhere, so no space (not 'HĐND- UBND')."""
    upper = (*UPPER[:5], "Văn phòng HĐND-", UPPER[6])
    lower = ("", "", "", "", "", "UBND huyện", "")
    other = (*NEXT[:5], "Văn phòng HĐND-UBND huyện", NEXT[6])
    page1 = RawTable((GridRow(HEAD, 1), GridRow(upper, 1)), 1, 1, (), 0)
    page2 = RawTable((GridRow(HEAD, 2), GridRow(lower, 2), GridRow(other, 2)), 2, 2, (), 2)
    rows = find_table_rows(Document("x", "x.pdf", "pdf", 2, (), (page1, page2)))
    assert [r.support for r in rows] == ["Văn phòng HĐND-UBND huyện"] * 2
