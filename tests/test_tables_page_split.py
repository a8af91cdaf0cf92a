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


# A piece of a row keeps the column pattern of the piece above it (rows._as_piece).
SHIFT_HEAD = ("STT", "Mục tiêu", "Nhiệm vụ", "Kết quả", "Cơ quan chủ trì", "Phối hợp", "Thời gian")


def _two_pages(upper: tuple[str, ...], lower: tuple[str, ...]) -> Document:
    page1 = RawTable((GridRow(SHIFT_HEAD, 1), GridRow(upper, 1)), 1, 1, (), 0)
    page2 = RawTable((GridRow(SHIFT_HEAD, 2), GridRow(lower, 2)), 2, 2, (), 2)
    return Document("x", "x.pdf", "pdf", 2, (), (page1, page2))


def test_rest_of_an_unshifted_row_is_not_shifted_by_a_deadline_word() -> None:
    """'Văn phòng UBND xã' / 'Thường xuyên' split off one support cell by the break
    (plan_002 IV.1 in DejaVu Serif): the lower piece is not a shifted row's."""
    upper = ("1", "Hoàn thiện việc rà soát,", "Rà soát, ban", "Đề án được phê",
             "Các bộ phận", "Văn phòng UBND xã", "")  # fmt: skip
    lower = ("", "xây dựng đề án", "hành đề án", "duyệt", "", "Thường xuyên", "")
    (row,) = find_table_rows(_two_pages(upper, lower))
    assert row.support == "Văn phòng UBND xã Thường xuyên" and row.deadline is None
    assert row.output == "Đề án được phê duyệt" and row.lead == "Các bộ phận"


def test_rest_of_a_shifted_row_is_shifted_until_a_piece_fills_the_last_column() -> None:
    """plan_004 1.5: a shifted first grid row, a second one typed unshifted ('xuyên' in
    the last column) and, past the page break, the support cell's last words."""
    first = ("1.5", "Rà soát, hỗ trợ", "Văn bản", "", "Văn", "Thường xuyên", "")
    second = ("", "trả kết quả", "", "đề xuất", "VP UBND xã", "phòng HĐND-", "xuyên")
    page1 = RawTable((GridRow(SHIFT_HEAD, 1), GridRow(first, 1), GridRow(second, 1)), 1, 1, (), 0)
    page2 = RawTable((GridRow(SHIFT_HEAD, 2), GridRow(("", "", "", "", "", "UBND huyện", ""), 2)),
                     2, 2, (), 2)  # fmt: skip
    (row,) = find_table_rows(Document("x", "x.pdf", "pdf", 2, (), (page1, page2)))
    assert (row.support, row.deadline) == ("Văn phòng HĐND-UBND huyện", "Thường xuyên")
    assert (row.output, row.lead) == ("Văn bản đề xuất", "VP UBND xã")


def test_rest_of_a_shifted_row_on_the_next_page_is_shifted() -> None:
    """plan_002.pdf p19-20: the lower piece of a shifted row, last column empty: a deadline
    'Trước ngày 31 tháng' / '01 năm 2023' cut by the break goes on in the deadline."""
    upper = (
        "1",
        "Rà soát văn bản",
        "Văn bản QPPL",
        "Tài chính",
        "Tài chính",
        "Trước ngày 31 tháng",
        "",
    )
    lower = ("", "", "", "", "", "01 năm 2023", "")
    (row,) = find_table_rows(_two_pages(upper, lower))
    assert (row.support, row.deadline) == ("Tài chính", "Trước ngày 31 tháng 01 năm 2023")
