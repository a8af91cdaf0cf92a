"""Body paragraphs, the one definition of body text (extract.paragraphs -> Extracted.body),
through extract_document and normalize_document. Short plans of our own; the expected
paragraphs and targets are worked out by hand from the text."""

from __future__ import annotations

from pathlib import Path

from extract import extract_document
from extract.readers.text import read
from models.document import Document, SourceFormat, TextLine
from normalize.document import normalize_document

DOC_ID = "ef" * 32


def _text_doc(text: str) -> Document:
    return read(Path("body.txt"), text.encode(), DOC_ID)


def _printed(lines: list[str], source_format: SourceFormat = "pdf") -> Document:
    """A document whose lines are printed lines, as the PDF and OCR readers give them."""
    return Document(
        doc_id=DOC_ID,
        source_path=f"body.{source_format}",
        source_format=source_format,
        page_count=1,
        lines=tuple(TextLine(1, t) for t in lines),
        tables=(),
        printed_lines=True,
    )


def _body(doc: Document) -> list[str]:
    return [p.text for p in extract_document(doc).body]


def test_page_break_split_is_joined_and_table_rows_are_left_out() -> None:
    doc = _text_doc(
        "- Giảm thiểu hồ sơ trễ hạn cho người dân, tổ\n"
        "\n"
        "chức, đảm bảo tỷ lệ 98%.\n"
        "STT\tNội dung\tYêu cầu\n"
        "1.1\tCác giải pháp\tĐạt 100%\n"
        "II. NỘI DUNG\n"
    )
    assert _body(doc) == [
        "- Giảm thiểu hồ sơ trễ hạn cho người dân, tổ chức, đảm bảo tỷ lệ 98%.",
        "II. NỘI DUNG",
    ]


def test_a_row_continued_after_a_page_break_is_not_body_text() -> None:
    """'\\t\\t70% và tỷ lệ …' is the rest of row 7.3.4's cell (plan_000.pdf page 17): a table
    row even though its text starts after the tabs."""
    doc = _printed(
        [
            "7.3.4\tThanh toán trực tuyến\tTỷ lệ TTHC có phát sinh thanh toán đạt\tUBND xã",
            "\t\t70% và tỷ lệ hồ sơ thanh toán trực tuyến đạt 30%.\t",
            "Phấn đấu tỷ lệ hài lòng đạt 90% trở lên.",
        ]
    )
    assert _body(doc) == ["Phấn đấu tỷ lệ hài lòng đạt 90% trở lên."]


def test_a_letter_label_starts_a_paragraph() -> None:
    doc = _text_doc("a) Mục tiêu chung\nb) hoàn thành 100% kế hoạch\nc. phối hợp các bộ phận\n")
    assert _body(doc) == [
        "a) Mục tiêu chung",
        "b) hoàn thành 100% kế hoạch",
        "c. phối hợp các bộ phận",
    ]


FULL = "Năm 2023, chỉ số cải cách hành chính (PAR INDEX) của xã Tân Hòa đạt 96,5%, đứng"


def test_printed_lines_wrap_after_full_lines_only() -> None:
    """A short centred title does not run into the paragraph under it; full lines wrap,
    also after a ';' ('… theo quy định;' / 'đồng thời …'); a bullet starts anew."""
    lines = [
        "KẾ HOẠCH",
        "Duy trì, nâng cao Chỉ số cải cách hành chính năm 2024",
        FULL,
        "thứ 5/16 xã, thị trấn. Tuy nhiên, bên cạnh những kết quả đạt được vẫn còn tồn tại,",
        "hạn chế trong công tác cải cách thủ tục hành chính của UBND huyện Sơn",
        "Hà và của xã.",
        "- Công chức thực hiện: Văn phòng – Thống kê phối hợp với các bộ phận chuyên môn cấp",
        "trên thực hiện việc cập nhật Kiến trúc Chính quyền điện tử theo đúng quy định;",
        "đồng thời cung cấp tài liệu minh chứng.",
    ]
    for fmt in ("pdf", "image"):  # the reader's flag decides, not the format
        assert _body(_printed(lines, fmt)) == [
            "KẾ HOẠCH",
            "Duy trì, nâng cao Chỉ số cải cách hành chính năm 2024",
            " ".join(lines[2:6]),
            " ".join(lines[6:]),
        ]


def test_paragraphs_of_a_docx_or_text_export_are_not_rejoined() -> None:
    doc = _text_doc("Thực hiện Kế hoạch của UBND huyện Sơn\nHà về cải cách hành chính.\n")
    assert _body(doc) == ["Thực hiện Kế hoạch của UBND huyện Sơn", "Hà về cải cách hành chính."]


HEADINGS = """ỦY BAN NHÂN DÂN XÃ TÂN HÒA
Số: 15/KH-UBND
Tân Hòa, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
II. NHIỆM VỤ
3. Lĩnh vực: Cải cách thủ tục hành chính
3.1. Tiêu chí thành phần: “3.4.1. Tỷ lệ hồ sơ TTHC giải quyết đúng hạn”
- Thời gian thực hiện: Thường xuyên trong năm 2024.
- Công chức thực hiện: Văn phòng – Thống kê, đảm bảo đạt tỷ lệ tối thiểu 97% hồ sơ đúng hạn.
III. TỔ CHỨC THỰC HIỆN
Thời hạn: Thường xuyên trong năm 2024, phấn đấu 100% hồ sơ được số hóa.
"""


def test_paragraphs_heading_rows_were_built_from_are_not_body_text() -> None:
    """The heading paragraphs of criterion 3.4.1 are its row; a later paragraph that only
    repeats its deadline words is body text and keeps its target (it was dropped when
    normalize guessed the used lines from the rows' texts)."""
    doc = _text_doc(HEADINGS)
    extracted = extract_document(doc)
    assert [r.code for r in extracted.rows] == ["3", "3.4.1"]
    body = [p.text for p in extracted.body]
    assert body[-2:] == [
        "III. TỔ CHỨC THỰC HIỆN",
        "Thời hạn: Thường xuyên trong năm 2024, phấn đấu 100% hồ sơ được số hóa.",
    ]
    assert not any("Tiêu chí" in t or "Công chức thực hiện" in t for t in body)
    targets = normalize_document(doc, extracted).targets
    found = sorted((t.row_index is None, t.value, t.unit) for t in targets)
    assert found == [(False, 97.0, "%"), (True, 100.0, "%")]  # 97 % once, from the row
