"""The typed-PDF reader on the five sample plans and on small PDFs built here.

Expected cells were checked by eye against the text exports data/raw/plan_00N.txt
(the originals the PDFs were rendered from).
"""

from __future__ import annotations

import random
import re
import tempfile
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pymupdf
import pytest

from extract.readers import pdf
from extract.readers.ocr import engine as ocr_engine
from models.document import Cell, Document, GridRow
from models.errors import LimitExceeded, UnreadableFile

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
NO_TESSERACT = f"OCR needed but the tesseract binary is missing: {ocr_engine.INSTALL_HINT}"
SAMPLES = ["plan_000", "plan_001", "plan_002", "plan_003", "plan_004"]
TABLE_SAMPLES = ["plan_000", "plan_001", "plan_002", "plan_004"]

# name -> (page_count, pages holding an appendix fragment, columns)
LAYOUT = {
    "plan_000": (20, range(5, 20), 6),
    "plan_001": (28, range(7, 28), 6),
    "plan_002": (34, range(15, 34), 7),
    "plan_003": (6, range(0), 0),
    "plan_004": (21, range(7, 20), 7),
}

# A printed STT: "I.", "II", "1", "1.2.", "2.1.1", "1 Kiểm soát thủ tục hành chính".
STT_RE = re.compile(r"^(?:[IVXLC]+\.?|\d+(?:\.\d+)*\.?)(?:\s|$)")
MARKUP_RE = re.compile(r"</?[bi]>|\*\*")


@cache
def sample(name: str) -> Document:
    path = RAW / f"{name}.pdf"
    return pdf.read(path, path.read_bytes(), name)


def find_row(doc: Document, page: int, stt: str) -> GridRow:
    rows = [r for t in doc.tables for r in t.rows if r.page == page and r.cells[0] == stt]
    assert rows, f"no row {stt!r} on page {page}"
    return rows[0]


def body_text(doc: Document) -> str:
    """Body lines only (no table rows), joined by spaces."""
    in_tables = {t.line_index + k for t in doc.tables for k in range(len(t.rows))}
    return " ".join(line.text for i, line in enumerate(doc.lines) if i not in in_tables)


# --- the samples ----------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_reads_with_its_pages_and_fragments(name: str) -> None:
    doc = sample(name)
    page_count, pages, columns = LAYOUT[name]
    assert doc.source_format == "pdf"
    assert doc.page_count == page_count
    assert [t.page_first for t in doc.tables] == list(pages)
    for table in doc.tables:
        assert table.page_first == table.page_last
        assert all(len(row.cells) == columns for row in table.rows)
        assert all(row.page == table.page_first and not row.is_header for row in table.rows)


@pytest.mark.parametrize("name", TABLE_SAMPLES)
def test_col_edges_are_fractions_of_the_table_width(name: str) -> None:
    for table in sample(name).tables:
        edges = table.col_edges
        assert len(edges) == len(table.rows[0].cells) + 1
        assert edges[0] == 0.0 and edges[-1] == 1.0
        assert list(edges) == sorted(set(edges))


@pytest.mark.parametrize("name", TABLE_SAMPLES)
def test_repeated_header_rows_are_kept_on_every_page(name: str) -> None:
    tables = sample(name).tables
    header = tables[0].rows[0].cells
    assert header[0] in ("STT", "Stt")
    assert all(t.rows[0].cells == header for t in tables)


HAND_CHECKED: list[tuple[str, int, tuple[Cell, ...], bool]] = [
    (
        "plan_000",
        5,
        (
            "1.1",
            "Các giải pháp tìm kiếm, phát hiện sáng kiến, mô hình mới trong công tác CCHC"
            " trên địa bàn huyện",
            "Tối thiểu 1 sáng kiến, giải pháp được công nhận phạm vi ảnh hưởng",
            "Chậm nhất trước ngày 31/12/2023",
            "UBND xã",
            "Văn phòng UBND xã",
        ),
        False,
    ),
    ("plan_000", 5, ("I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", None, None, None, None), True),
    ("plan_000", 6, ("2.1", "Theo dõi thi hành pháp luật", None, None, None, None), True),
    (
        "plan_000",
        10,
        (
            "4.2.1",
            "Xử lý các vấn đề về phân cấp phát hiện qua thanh tra, kiểm tra",
            "100% vấn đề qua thanh tra, kiểm tra thực hiện phân cấp được khắc phục và thể"
            " hiện rõ trong báo cáo kết quả năm 2023",
            "Trong năm 2023",
            "UBND xã",
            "Công chức Văn phòng- Thống kê và các công chức trực tại Bộ phận một cửa của xã",
        ),
        False,
    ),
    ("plan_001", 7, ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"), False),
    (
        "plan_001",
        7,
        (
            "1",
            "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH VÀ THỰC HIỆN CÁC NHIỆM VỤ DO"
            " UBND, CHỦ TỊCH UBND HUYỆN GIAO",
            "24",
            "23.27",
            "23.27",
            "",
        ),
        False,  # plan_001 has no bold font at all
    ),
    (
        "plan_001",
        13,
        ("2.2", "Kiểm tra, rà soát, xử lý hệ thống hóa VB OPPL", "0.5", "0.25", "0.50", ""),
        False,
    ),
    ("plan_001", 23, ("6", "HIỆN ĐẠI HÓA HÀNH CHÍNH", "15", "14.69", "14.69", ""), False),
    ("plan_002", 15, ("I", "Cải cách thể chế", None, None, None, None, None), True),
    (
        "plan_002",
        15,
        (
            "1",
            "100% văn bản QPPL được ban hành đúng quy định, kịp thời",
            "- Tham mưu ban hành văn bản QPPL của HĐND, UBND xã đúng quy định, kịp thời"
            " - Nâng cao chất lượng công tác xây dựng, ban hành văn bản QPPL",
            "Các văn bản QPPL",
            "Các bộ phận có liên quan",
            "Tư pháp – hộ tịch",
            "Theo thời hạn đã đăng ký",
        ),
        False,
    ),
    # A sub-section written into the STT cell, no merge; <b> in the .txt, regular here.
    ("plan_002", 16, ("1 Kiểm soát thủ tục hành chính", "", "", "", "", "", ""), False),
    (
        "plan_002",
        26,
        (  # shifted one cell left in the original, and so in the PDF
            "1",
            "Rà soát ban hành các văn bản QPPL, và triển khai thực hiện quy định về quản lý"
            " ngân sách, tài sản công",
            "Văn bản QPPL, Văn bản triển khai",
            "Tài chính - Kế toán xã",
            "Tài chính - Kế toán xã",
            "Thường xuyên",
            "",
        ),
        False,
    ),
    (
        "plan_004",
        8,
        ("2.", "Kiểm soát thủ tục hành chính", None, None, None, None, None),
        True,
    ),
    (
        "plan_004",
        13,
        (
            "3.3",
            "Tỷ lệ hài lòng của người dân đạt tối thiểu 93% tại các cấp",
            "Tổ chức khảo sát ý kiến người dân thường xuyên",
            "Kế hoạch, báo cáo",
            "VP UBND xã, CB, CC 1 cửa xã",
            "",
            "Thường xuyên",
        ),
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "page", "cells", "bold"),
    HAND_CHECKED,
    ids=[f"{n}-p{p}-{c[0]}" for n, p, c, _ in HAND_CHECKED],
)
def test_hand_checked_rows(name: str, page: int, cells: tuple[Cell, ...], bold: bool) -> None:
    row = find_row(sample(name), page, str(cells[0]))
    assert row.cells == cells
    assert row.bold is bold


def test_cell_split_by_a_page_break_stays_on_its_own_page() -> None:
    last = sample("plan_000").tables[-1]
    assert last.page_first == 19
    assert last.rows[2].cells == (
        "",
        "",
        "và công khai kết quả trả lời PAKN của cá nhân, tổ chức đúng quy định",
        "",
        "",
        "",
    )


def test_hyphen_at_a_cell_line_break_rejoins_compounds() -> None:
    # "Par-Index" wraps as "Par-" / "Index" with no space glyph, like "Văn hoá- xã hội"
    # (plan_000) whose space the PDF also drops. A capital after the break means a split
    # compound (no space, as in the DOCX); a lower-case word keeps the space.
    row = find_row(sample("plan_001"), 10, "1.6")
    assert row.cells[1] == (
        "Sáng kiến và áp dụng hiệu quả sáng kiến trong thực hiện công tác CCHC,"
        " cải thiện chỉ số Par-Index, SIPAS, PAPI"
    )


def txt_stt_values(name: str) -> list[str]:
    text = (RAW / f"{name}.txt").read_text(encoding="utf-8")
    firsts = [
        MARKUP_RE.sub("", line.split("\t")[0]).strip() for line in text.splitlines() if "\t" in line
    ]
    return [cell for cell in firsts if STT_RE.match(cell)]


@pytest.mark.parametrize("name", TABLE_SAMPLES)
def test_fragments_hold_every_stt_of_the_text_export_in_order(name: str) -> None:
    tables = sample(name).tables
    first = [row.cells for row in tables[0].rows]
    header_rows = first[: next(i for i, c in enumerate(first) if STT_RE.match(c[0] or ""))]
    rows = [r.cells for t in tables for r in t.rows if r.cells not in header_rows]
    found = [c[0] for c in rows if c[0] and STT_RE.match(c[0])]
    expected = txt_stt_values(name)
    assert len(expected) > 30
    assert found == expected


@pytest.mark.parametrize("name", SAMPLES)
def test_table_rows_stand_in_the_lines_at_line_index(name: str) -> None:
    doc = sample(name)
    for table in doc.tables:
        at = doc.lines[table.line_index : table.line_index + len(table.rows)]
        assert [line.text for line in at] == [
            "\t".join(c or "" for c in row.cells) for row in table.rows
        ]
        assert all(line.page == table.page_first for line in at)
    assert [line.page for line in doc.lines] == sorted(line.page for line in doc.lines)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_string_is_nfc_and_folded(name: str) -> None:
    doc = sample(name)
    strings = [line.text for line in doc.lines if "\t" not in line.text]
    strings += [c for t in doc.tables for r in t.rows for c in r.cells if c]
    assert strings
    for s in strings:
        assert unicodedata.is_normalized("NFC", s)
        assert s == " ".join(s.split())


def test_body_text_of_plan_000() -> None:
    doc = sample("plan_000")
    assert doc.lines[0].text == "Số: 57/KH-UBND"
    body = body_text(doc)
    assert "Thực hiện Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình" in body
    assert "PHỤ LỤC" in body
    assert "Chậm nhất trước ngày 31/12/2023" not in body  # table text stays in the grid


def test_body_text_of_plan_003_without_tables() -> None:
    doc = sample("plan_003")
    assert doc.tables == ()
    assert "I. MỤC ĐÍCH, YÊU CẦU" in [line.text for line in doc.lines]
    assert doc.lines[-1].text == "Đinh Văn Viên"


def test_landscape_appendix_pages_read_in_order() -> None:
    doc = sample("plan_000")
    page4 = [line.text for line in doc.lines if line.page == 4]
    assert page4[-4:] == [
        "HÀNH CHÍNH, CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH XÃ HÀ CHÂU",
        "NĂM 2023",
        "(Ban hành kèm theo Kế hoạch số: 57 /KH-UBND ngày 25 tháng 8 năm 2023 của UBND xã",
        "Hà Châu)",
    ]
    page5 = [line.text for line in doc.lines if line.page == 5]
    assert page5[0].startswith("STT\tLĩnh vực, tiêu chí\tYêu cầu năm 2023")


def test_blank_last_page_is_reported() -> None:
    assert sample("plan_000").warnings == ("page 20: no text layer (blank page)",)
    assert sample("plan_003").warnings == ()


# --- rotated pages ----------------------------------------------------------------------


def single_page(src: pymupdf.Document, index: int) -> bytes:
    out = pymupdf.open()
    out.insert_pdf(src, from_page=index, to_page=index)
    return out.tobytes()


@pytest.mark.parametrize(("turn", "rotate"), [(90, 0), (-90, 0), (180, 0), (90, 90), (-90, 270)])
def test_turned_landscape_page_reads_like_the_original(turn: int, rotate: int) -> None:
    # Content drawn sideways on a portrait page, with or without /Rotate; plan_000 p.6.
    src = pymupdf.open(RAW / "plan_000.pdf")
    expected = pdf.read(Path("p6.pdf"), single_page(src, 5), "x")
    width, height = src[5].rect.width, src[5].rect.height
    out = pymupdf.open()
    page = (
        out.new_page(width=height, height=width)
        if turn != 180
        else out.new_page(width=width, height=height)
    )
    page.show_pdf_page(page.rect, src, 5, rotate=turn)
    page.set_rotation(rotate)
    got = pdf.read(Path("turned.pdf"), out.tobytes(), "x")
    assert got.lines == expected.lines
    assert got.tables == expected.tables
    assert len(got.tables) == 1 and got.tables[0].rows[3].cells[0] == "1.5"


# --- legacy fonts and missing text ------------------------------------------------------


def rename_fonts(doc: pymupdf.Document, page_index: int, name: str) -> None:
    """Give a page's base-14 font a legacy name, as an old Word file embeds it."""
    widths = "[" + " ".join(["500"] * 224) + "]"
    descriptor = (
        f"<</Type/FontDescriptor/FontName/{name}/Flags 34/FontBBox[0 -200 1000 900]"
        "/ItalicAngle 0/Ascent 900/Descent -200/CapHeight 700/StemV 80>>"
    )
    for font in doc[page_index].get_fonts():
        xref = font[0]
        doc.xref_set_key(xref, "BaseFont", f"/{name}")
        doc.xref_set_key(xref, "FirstChar", "32")
        doc.xref_set_key(xref, "LastChar", "255")
        doc.xref_set_key(xref, "Widths", widths)
        doc.xref_set_key(xref, "FontDescriptor", descriptor)


def without_tesseract(read: Callable[[], Document]) -> Document:
    """Read with no tesseract on PATH: the typed layer of every page, OCR reported missing."""
    with tempfile.TemporaryDirectory() as empty, pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", empty)
        ocr_engine.tesseract_path.cache_clear()
        try:
            return read()
        finally:
            ocr_engine.tesseract_path.cache_clear()


def test_legacy_tcvn3_and_vni_fonts_are_reported() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Unicode page", fontname="helv")
    doc.new_page().insert_text((72, 72), "Céng hßa x· héi chñ nghÜa ViÖt Nam", fontname="tiro")
    doc.new_page().insert_text((72, 72), "Coäng hoøa xaõ hoäi", fontname="cour")
    rename_fonts(doc, 1, ".VnTime")
    rename_fonts(doc, 2, "VNI-Times")
    read = without_tesseract(lambda: pdf.read(Path("old.pdf"), doc.tobytes(), "x"))
    assert read.warnings == (
        "page 2: legacy TCVN3 font .VnTime, text is mojibake",
        "page 3: legacy VNI font VNI-Times, text is mojibake",
    )
    assert read.losses == ("pages 2, 3 not OCR'd: " + NO_TESSERACT,)  # the document is partial
    assert [line.text for line in read.lines][1] == "Céng hßa x· héi chñ nghÜa ViÖt Nam"


def test_image_only_page_has_no_text_layer() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Trang 1", fontname="helv")
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.clear_with(200)
    doc.new_page().insert_image(pymupdf.Rect(72, 72, 300, 300), pixmap=pixmap)
    read = without_tesseract(lambda: pdf.read(Path("scan.pdf"), doc.tobytes(), "x"))
    assert read.page_count == 2 and not read.ocr
    assert read.warnings == ("page 2: no text layer (1 image(s), needs OCR)",)
    assert read.losses == ("pages 2 not OCR'd: " + NO_TESSERACT,)  # the document is partial


# --- unreadable files -------------------------------------------------------------------


def encrypted(user_pw: str) -> bytes:
    src = pymupdf.open(RAW / "plan_003.pdf")
    return src.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="chu", user_pw=user_pw)


BAD_FILES = {
    "empty": (b"", "empty file"),
    "random": (random.Random(7).randbytes(4096), "not a PDF"),
    "pdf-header-then-noise": (b"%PDF-1.7\n" + random.Random(8).randbytes(4096), "PDF"),
    "truncated": (
        (RAW / "plan_000.pdf").read_bytes()[: int((RAW / "plan_000.pdf").stat().st_size * 0.3)],
        "truncated",
    ),
    "encrypted": (encrypted(user_pw="mat-khau"), "encrypted"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_unreadable_file_names_path_and_reason(case: str) -> None:
    data, reason = BAD_FILES[case]
    path = Path("data/raw/bad") / f"{case}.pdf"
    with pytest.raises(UnreadableFile) as caught:
        pdf.read(path, data, "x")
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def test_owner_password_only_still_reads() -> None:
    read = pdf.read(Path("locked.pdf"), encrypted(user_pw=""), "x")
    assert read.lines == sample("plan_003").lines


def test_more_than_2000_pages_is_a_limit() -> None:
    doc = pymupdf.open()
    for _ in range(pdf.MAX_PAGES + 1):
        doc.new_page(width=100, height=100)
    with pytest.raises(LimitExceeded, match="2001 pages"):
        pdf.read(Path("bomb.pdf"), doc.tobytes(), "x")
