"""The OCR reader on real scans with real Tesseract: grids, cells, rows, body text, repairs.

Fixtures (tests/fixtures/scans/, cut from ../shared/samples/*.scan.pdf with their image
streams copied as they are, 200-dpi grayscale JPEGs):
- plan_004.scan.p7-8.pdf: the first two appendix pages of plan_004 (a row spanning two
  rows, "1.5"; a section row spanning six columns, "2."; a cell continued over the break).
- plan_003.scan.p1.pdf: page 1 of plan_003, body text with its four legal references.
They are compared with the same pages of the typed PDF in data/raw, cut at test time.
Full documents (../shared/samples) are in the slow tests and in bench/bench_ocr.py.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest
from PIL import Image

from extract.readers import ocr, pdf
from extract.readers.ocr import engine as ocr_engine
from extract.readers.ocr.engine import Word
from extract.readers.ocr.grid import find_grids, find_rules
from extract.readers.ocr.image import PageImage, deskew, ink_mask, rotate, skew_angle
from extract.readers.ocr.page import OcrPage
from extract.readers.ocr.repair import follows, repair_line, repair_stt_column, repair_text
from extract.readers.ocr.tables import repair_tables
from extract.readers.ocr.words import line_text, recount_bars
from extract.readers.page import PageGrid, assemble_lines
from extract.readers.pdf_fonts import is_mojibake
from extract.tables import find_table_rows
from extract.tables.rows import TEXT_ROLES
from models.document import Document, GridRow, RawTable, TableRow
from models.errors import NoTextLayer, UnreadableFile
from tests.conftest import FIXTURES, RAW

SCANS = FIXTURES / "scans"
TABLE_SCAN = SCANS / "plan_004.scan.p7-8.pdf"
TEXT_SCAN = SCANS / "plan_003.scan.p1.pdf"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
MIN_CELL_SHARE = 0.95
ROW_FIELDS = ("stt_raw", "kind", *TEXT_ROLES)


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@cache
def typed_pages(name: str, first: int, last: int) -> Document:
    """Pages first..last of the typed data/raw/<name>.pdf, cut into a PDF of their own."""
    with pymupdf.open(RAW / f"{name}.pdf") as source, pymupdf.open() as cut:
        cut.insert_pdf(source, from_page=first - 1, to_page=last - 1)
        data = cut.tobytes()
    return pdf.read(Path(f"{name}.p{first}-{last}.pdf"), data, name)


@cache
def scanned(path: Path) -> Document:
    return ocr.ocr_pdf_pages(path, path.read_bytes(), path.stem)


def page_gray(path: Path, page: int = 1) -> np.ndarray:
    """The scan image of a fixture page, as stored (no re-rasterising)."""
    with pymupdf.open(path) as doc:
        xref = doc.load_page(page - 1).get_images()[0][0]
        return cv2.imdecode(np.frombuffer(doc.extract_image(xref)["image"], np.uint8), 0)


def png_bytes(gray: np.ndarray, dpi: int = 200) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def cell_share(typed: Document, scan: Document) -> tuple[int, int, list[str]]:
    """Typed cells (not covered by a merge) equal to the scan's, fragment by fragment."""
    equal, total, diffs = 0, 0, []
    for want, got in zip(typed.tables, scan.tables, strict=True):
        for r, row in enumerate(want.rows):
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                other = got.rows[r].cells[c] if r < len(got.rows) else "<missing>"
                total += 1
                if fold(cell) == fold(other):
                    equal += 1
                else:
                    diffs.append(f"p{want.page_first} r{r} c{c}: {cell!r} read {other!r}")
    return equal, total, diffs


def row_share(typed: list[TableRow], scan: list[TableRow]) -> float:
    pairs = [
        (getattr(a, f), getattr(b, f)) for a, b in zip(typed, scan, strict=True) for f in ROW_FIELDS
    ]
    return sum(fold(a) == fold(b) for a, b in pairs) / len(pairs)


# --- a real scanned table: plan_004 p.7-8 --------------------------------------------


@pytest.mark.ocr
def test_grid_has_the_typed_pdfs_rows_columns_and_merges() -> None:
    typed, scan = typed_pages("plan_004", 7, 8), scanned(TABLE_SCAN)
    assert [t.page_first for t in scan.tables] == [t.page_first for t in typed.tables] == [1, 2]
    for want, got in zip(typed.tables, scan.tables, strict=True):
        assert len(got.rows) == len(want.rows)
        assert (
            [len(r.cells) for r in got.rows]
            == [len(r.cells) for r in want.rows]
            == [7] * len(want.rows)
        )
        # None marks the same merged slots: "1." / "2." spanning six columns, "1.5" two rows.
        assert [[c is None for c in r.cells] for r in got.rows] == [
            [c is None for c in r.cells] for r in want.rows
        ]
        assert got.col_edges == pytest.approx(want.col_edges, abs=0.01)


@pytest.mark.ocr
def test_cells_equal_the_typed_pdfs() -> None:
    equal, total, diffs = cell_share(typed_pages("plan_004", 7, 8), scanned(TABLE_SCAN))
    print(
        f"\nplan_004 p.7-8: {equal}/{total} cells = {equal / total:.1%} equal", *diffs, sep="\n  "
    )
    assert equal / total >= MIN_CELL_SHARE, diffs


@pytest.mark.ocr
def test_rows_after_stitching_equal_the_typed_pdfs() -> None:
    typed = find_table_rows(typed_pages("plan_004", 7, 8))
    scan = find_table_rows(scanned(TABLE_SCAN))
    assert [r.code for r in scan] == [r.code for r in typed]
    assert [r.kind for r in scan] == [r.kind for r in typed]
    assert [(r.page_first, r.page_last) for r in scan] == [
        (r.page_first, r.page_last) for r in typed
    ]
    share = row_share(typed, scan)
    print(f"\nplan_004 p.7-8 rows: {share:.1%} of the fields equal")
    assert share >= MIN_CELL_SHARE
    # The continuation over the page break is joined as in the typed PDF.
    assert fold(scan[4].objective).endswith("theo Thông tư 01/2020/TT-VPCP")
    assert all(r.confidence is not None and 0 <= r.confidence <= 100 for r in scan)


@pytest.mark.ocr
def test_document_keeps_the_readers_contract() -> None:
    scan = scanned(TABLE_SCAN)
    assert (scan.source_format, scan.page_count, scan.ocr) == ("pdf", 2, True)
    for table in scan.tables:
        rows_as_lines = [scan.lines[table.line_index + k].text for k in range(len(table.rows))]
        assert rows_as_lines == ["\t".join(c or "" for c in row.cells) for row in table.rows]
        assert all(row.page == table.page_first for row in table.rows)
    strings = [c for t in scan.tables for r in t.rows for c in r.cells if c] + [
        line.text for line in scan.lines
    ]
    assert all(s == unicodedata.normalize("NFC", s) for s in strings)
    cells = [c for t in scan.tables for r in t.rows for c in r.cells if c]
    assert all(c == " ".join(c.split()) for c in cells)
    typed = typed_pages("plan_004", 7, 8)  # the same lines, tables at the same places
    assert [t.line_index for t in scan.tables] == [t.line_index for t in typed.tables]
    assert [line.page for line in scan.lines] == [line.page for line in typed.lines]


@pytest.mark.ocr
def test_a_scanned_page_in_a_typed_pdf_is_read_by_ocr_in_its_place() -> None:
    """plan_004 p.7 typed and p.8 scanned in one PDF: the reader OCRs page 2 only, before
    laying the pages out, so page 1 stays the typed page and page 2 is the scan's."""
    with (
        pymupdf.open(RAW / "plan_004.pdf") as typed_src,
        pymupdf.open(TABLE_SCAN) as scan_src,
        pymupdf.open() as mixed,
    ):
        mixed.insert_pdf(typed_src, from_page=6, to_page=6)
        mixed.insert_pdf(scan_src, from_page=1, to_page=1)
        data = mixed.tobytes()
    typed, scan = typed_pages("plan_004", 7, 8), scanned(TABLE_SCAN)
    merged = pdf.read(Path("mixed.pdf"), data, "x")
    assert merged.ocr and merged.page_count == 2
    assert merged.tables[0] == typed.tables[0]
    assert merged.tables[1].rows == scan.tables[1].rows
    assert not any("no text layer" in w for w in merged.warnings)
    for table in merged.tables:
        assert merged.lines[table.line_index].text == "\t".join(
            c or "" for c in table.rows[0].cells
        )
    assert [r.code for r in find_table_rows(merged)] == [r.code for r in find_table_rows(typed)]


# --- body text and legal references: plan_003 p.1 ------------------------------------


@pytest.mark.ocr
def test_body_text_lines_and_legal_references() -> None:
    from extract.legal import find_legal_refs

    typed, scan = typed_pages("plan_003", 1, 1), scanned(TEXT_SCAN)
    want, got = [line.text for line in typed.lines], [line.text for line in scan.lines]
    equal = sum(a == b for a, b in zip(want, got, strict=False))
    print(f"\nplan_003 p.1: {equal}/{len(want)} lines equal")
    assert len(got) == len(want) and equal / len(want) >= 0.9
    keys = sorted(r.key or "" for r in find_legal_refs(scan))
    assert keys == sorted(r.key or "" for r in find_legal_refs(typed))
    assert keys == ["14/KH-UBND", "15/KH-UBND", "16/KH-UBND", "22a/QĐ-UBND"]


# --- images ---------------------------------------------------------------------------


@pytest.mark.ocr
def test_png_of_a_scanned_page_reads() -> None:
    gray = page_gray(TABLE_SCAN, 2)[:800]  # the header and first rows of plan_004 p.8
    doc = ocr.read_image(Path("plan_004_p8.png"), png_bytes(gray), "png")
    assert (doc.source_format, doc.page_count, doc.ocr) == ("image", 1, True)
    assert doc.printed_lines  # a scan's lines are printed lines: paragraphs are re-joined
    header = doc.tables[0].rows[0].cells
    assert header[:2] == ("Stt", "Nội dung thực hiện") and len(header) == 7
    assert ("1.5", "Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận và") == doc.tables[0].rows[3].cells[:2]


@pytest.mark.ocr
def test_multipage_tiff_gives_one_page_per_frame() -> None:
    gray = page_gray(TEXT_SCAN)
    frames = [Image.fromarray(gray[190:260, 150:900]), Image.fromarray(gray[260:330, 150:900])]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    doc = ocr.read_image(Path("two.tiff"), buffer.getvalue(), "tiff")
    assert doc.page_count == 2
    assert [line.page for line in doc.lines] == [1, 2]


@pytest.mark.ocr
def test_a_page_scanned_sideways_is_turned() -> None:
    gray = cv2.rotate(page_gray(TEXT_SCAN)[150:900], cv2.ROTATE_90_CLOCKWISE)
    doc = ocr.read_image(Path("sideways.png"), png_bytes(gray), "sideways")
    assert any("turned 270°" in w for w in (*doc.warnings, *doc.losses))
    assert "Căn cứ Kế hoạch số 14/KH-UBND" in doc.text


def test_deskew_levels_a_tilted_page_and_keeps_its_grid() -> None:
    gray = page_gray(TABLE_SCAN)
    level, _, _ = deskew(PageImage(1, gray, 200.0))
    tilted = rotate(level.gray, -1.5, fill=255)
    assert skew_angle(ink_mask(tilted, 200.0), 200.0) == pytest.approx(1.5, abs=0.1)
    page, ink, _ = deskew(PageImage(1, tilted, 200.0))
    grids = find_grids(find_rules(ink, 200.0), 200.0)
    assert [(len(g.rows), len(g.rows[0])) for g in grids] == [(7, 7)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 40, "not a readable image"),
        (b"GIF89a-not-an-image", "not a readable image"),
    ],
    ids=["zero-bytes", "corrupt-png", "junk"],
)
def test_unreadable_images_name_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=rf"scan_07\.png: {reason}"):
        ocr.read_image(Path("batch/scan_07.png"), data, "x")


def test_truncated_png_names_the_file() -> None:
    data = png_bytes(page_gray(TEXT_SCAN)[:400])
    with pytest.raises(UnreadableFile, match=r"cut\.png: not a readable image"):
        ocr.read_image(Path("cut.png"), data[: len(data) // 2], "x")


def test_not_a_pdf_names_the_file() -> None:
    with pytest.raises(UnreadableFile, match=r"fake\.scan\.pdf"):
        ocr.ocr_pdf_pages(Path("fake.scan.pdf"), b"%PDF-1.4 nothing else", "x")


# --- Tesseract missing ----------------------------------------------------------------


def test_missing_tesseract_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a real PATH with no tesseract on it
    ocr_engine.tesseract_path.cache_clear()
    try:
        with pytest.raises(NoTextLayer, match="tesseract-ocr and tesseract-ocr-vie"):
            ocr.ocr_pdf_pages(TEXT_SCAN, TEXT_SCAN.read_bytes(), "x")
    finally:
        ocr_engine.tesseract_path.cache_clear()


@pytest.mark.ocr
def test_missing_vietnamese_model_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    tessdata = Path(listed.stdout.split('"')[1])
    shutil.copy(tessdata / "eng.traineddata", tmp_path / "eng.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a real install with English only
    ocr_engine.tesseract_path.cache_clear()
    try:
        with pytest.raises(NoTextLayer, match="install tesseract-ocr-vie"):
            ocr.read_image(Path("p.png"), png_bytes(page_gray(TEXT_SCAN)[:300]), "x")
    finally:
        ocr_engine.tesseract_path.cache_clear()


# --- repairs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["4.3", "4A", "4.5"], ["4.3", "4.4", "4.5"]),  # the dot ran into the 4
        (["4.2", "4.3", "4A"], ["4.2", "4.3", "4.4"]),  # last row: the one reading after 4.3
        (["4.3", "4A", None, "", "4.5"], ["4.3", "4.4", None, "", "4.5"]),  # sub-rows between
        (["4.3", "4A", "6"], ["4.3", "4A", "6"]),  # 4.4 does not lead to 6: not certain
        (["4A", "4.5"], ["4A", "4.5"]),  # nothing before it
        (["2", "21", "2.2"], ["2", "2.1", "2.2"]),  # a lost dot
        (["2", "21"], ["2", "21"]),  # a valid code, one neighbour: left
        # a run of misread codes (fax plan_004 p.8), each put right by the one after it
        (["1.4", "15", "2,", "21", "2.2"], ["1.4", "1.5", "2.", "2.1", "2.2"]),
        (["4.2", "4,3", "4.3.1", "", "4,4"], ["4.2", "4.3", "4.3.1", "", "4.4"]),
        (["1", "2", "4", "5"], ["1", "2", "4", "5"]),  # a number skipped in print: kept
        (["6.1", "6.11", "6.11.1", "6.2"], ["6.1", "6.11", "6.11.1", "6.2"]),  # plan_001
        (["4.1", "4.2", "4,3", "9.1,", "5"], ["4.1", "4.2", "4.3", "9.1,", "5"]),  # past it
        (["2.3", "24", "25", "26", "2.7"], ["2.3", "2.4", "2.5", "2.6", "2.7"]),  # dots lost
        (["4.2", "4.3", "4,3", "4.4"], ["4.2", "4.3", "4.3", "4.4"]),  # printed twice
        (["4.2", "4.3", "4,3", "6"], ["4.2", "4.3", "4,3", "6"]),  # 6 follows no 4.3: kept
        (["1.1", "1,2", "1.3"], ["1.1", "1.2", "1.3"]),
        (["7", "Z.1", "7.2"], ["7", "7.1", "7.2"]),  # plan_001 p.26
        (["1.12", "1.12.1", "1,12.2"], ["1.12", "1.12.1", "1.12.2"]),
        (["6.8", "6.9", "6.1"], ["6.8", "6.9", "6.1"]),  # printed so (DESIGN rule 6): kept
        (["I.", "1", "II", "1"], ["I.", "1", "II", "1"]),  # roman sections restart
        (["3.2", "(4)", "3.3"], ["3.2", "(4)", "3.3"]),  # a column-number row is no code
        (["1.", "1 Kiểm soát", "1.2"], ["1.", "1 Kiểm soát", "1.2"]),  # a title in the STT
    ],
)
def test_stt_column_repair(cells: list[str | None], expected: list[str | None]) -> None:
    assert repair_stt_column(cells) == expected


@pytest.mark.parametrize(
    ("prev", "code", "ok"),
    [
        ("4.3", "4.4", True),
        ("4.3", "4.3.1", True),
        ("4.3", "5", True),
        ("1.12.2", "2", True),
        ("1.9", "2.1", False),
        ("4.3", "4.5", False),
        ("4.3", "4.4.1", False),
        ("2", "21", False),
        ("1.2", "1.2", False),
    ],
)
def test_follows(prev: str, code: str, ok: bool) -> None:
    assert follows(prev, code) is ok


def _grid(*rows: tuple[str | None, ...]) -> PageGrid:
    return PageGrid(0.0, tuple(GridRow(r, 1) for r in rows), (0.0, 0.5, 1.0))


def test_stt_repair_only_touches_the_stt_column() -> None:
    page = OcrPage(
        1, (_grid(("STT", "Nội dung"), ("4.3", "4A"), ("4A", "x"), ("4.5", "4A")),), 90.0
    )
    ((_, items),) = repair_tables([page])
    assert [r.cells for r in items[0].rows] == [
        ("STT", "Nội dung"),
        ("4.3", "4A"),
        ("4.4", "x"),
        ("4.5", "4A"),
    ]
    no_stt = OcrPage(1, (_grid(("Mã", "Nội dung"), ("4.3", "a"), ("4A", "b"), ("4.5", "c")),), 90.0)
    ((_, items),) = repair_tables([no_stt])
    assert items[0].rows[2].cells[0] == "4A"


def test_stt_repair_crosses_page_breaks_and_repeated_headers_are_agreed() -> None:
    header = ("Stt", "Nội dung thực hiện", "Thời gian hoàn thành")
    pages = [
        OcrPage(1, (_grid(header, ("1.2", "a", "b"), ("1.3", "c", "d")),), 90.0),
        OcrPage(2, (_grid(header, ("1A", "e", "f")),), 90.0),  # "1A" can only be 1.4 ...
        OcrPage(
            3,
            (_grid(("Sft", "Nội dung thực hiện", "Thời gian hoàn thành"), ("1.5", "g", "h")),),
            90.0,
        ),  # ... and "Sft" is the header
    ]
    repaired = repair_tables(pages)
    cells = [row.cells for _, items in repaired for row in items[0].rows]
    assert cells[4] == ("1.4", "e", "f")
    assert cells[5] == header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định số 61/2018/NÐ-CP", "Nghị định số 61/2018/NĐ-CP"),  # U+00D0 eth
        ("Quyết định 468/QÐ-TTg", "Quyết định 468/QĐ-TTg"),
        ("Nghị định 107/2020/ND-CP", "Nghị định 107/2020/NĐ-CP"),
        ("Quyết định số 22a/QD-UBND", "Quyết định số 22a/QĐ-UBND"),
        ("Văn phòng HDND-UBND xã", "Văn phòng HĐND-UBND xã"),
        ("Hướng dẫn số 01/HD-UBND", "Hướng dẫn số 01/HD-UBND"),  # HD is a real code
        ("ND-CP không có số", "ND-CP không có số"),  # no number: not a symbol
        ("Phòng Nội vụ, QD cũ", "Phòng Nội vụ, QD cũ"),
        ("Tie\u0302\u0301u chi\u0301", "Tiếu chí"),  # NFC
        ("VP UBND xã, ©C VHXH", "VP UBND xã, CC VHXH"),  # a C read as the copyright sign
        ("© 2024 Cổng thông tin", "© 2024 Cổng thông tin"),  # a real sign stays
    ],
)
def test_repair_text(text: str, expected: str) -> None:
    assert repair_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IL MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("I.MỤC ĐÍCH", "I. MỤC ĐÍCH"),
        ("IIL CHỈ TIÊU", "II. CHỈ TIÊU"),
        ("II. CHỈ TIÊU", "II. CHỈ TIÊU"),
        ("I.1 Mục tiêu", "I.1 Mục tiêu"),
        ("Ilà", "Ilà"),
    ],
)
def test_roman_heading_dot(text: str, expected: str) -> None:
    assert repair_line(text) == expected


def test_lone_dashes_are_typed_by_their_width() -> None:
    # Widths measured on plan_003 p.2-3 at 200 dpi: hyphen 10 px, en dash 18-19 px.
    def word(text: str, left: int, width: int) -> Word:
        return Word(0, (1, 1, 1), left, 0, width, 30, 95.0, text)

    words = [word("Văn", 0, 50), word("phòng", 60, 90), word("—-", 160, 18), word("thống", 190, 80)]
    assert line_text(words) == "Văn phòng – thống"
    assert line_text([word("02", 0, 30), word("—", 40, 10), word("03", 60, 30)]) == "02 - 03"


def test_roman_bars_are_counted_on_the_image() -> None:
    # "III." and "III/2023" drawn as Tesseract read them on plan_003 p.5 / plan_004 p.9:
    # one I short. Bars 12x36 px, a dot, a hollow slash (a diagonal), then a digit-like box.
    image = np.full((60, 200), 255, np.uint8)
    for left in (10, 28, 46):
        image[12:48, left : left + 10] = 0
    image[42:48, 62:68] = 0  # the dot
    for row in range(36):  # a slash, 2 px wide, leaning right
        column = 92 - row * 12 // 35
        image[12 + row, column : column + 2] = 0
    image[12:48, 100:122] = 0
    read = [
        Word(0, (1, 1, 1), 8, 10, 62, 40, 60.0, "II."),
        Word(0, (1, 1, 2), 8, 10, 116, 40, 60.0, "II/2023"),
    ]
    assert [w.text for w in recount_bars(read, image)] == ["III.", "III/2023"]
    assert recount_bars([Word(0, (1, 1, 1), 8, 10, 32, 40, 90.0, "II")], image)[0].text == "II"


def test_mojibake_is_recognised() -> None:
    assert is_mojibake("Céng hßa X· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc")
    assert is_mojibake("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam, Ñoäc laäp - Töï do")
    assert not is_mojibake("Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc")
    assert not typed_pages("plan_004", 7, 8).ocr  # a typed PDF needs no OCR


def test_fixtures_stay_small() -> None:
    assert all(f.stat().st_size < 1_000_000 for f in SCANS.iterdir())


# --- full documents (slow; need ../shared/samples) -------------------------------------


def _sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the samples live outside the repository)")
    return path


@pytest.mark.slow
@pytest.mark.ocr
@pytest.mark.parametrize("name", ["plan_001", "plan_004"])
def test_full_scan_rows_equal_the_typed_pdfs(name: str) -> None:
    scan_path = _sample(f"{name}.scan.pdf")
    scan = ocr.ocr_pdf_pages(scan_path, scan_path.read_bytes(), name, workers=2)
    typed = pdf.read(RAW / f"{name}.pdf", (RAW / f"{name}.pdf").read_bytes(), name)
    typed_rows, scan_rows = find_table_rows(typed), find_table_rows(scan)
    assert [r.code for r in scan_rows] == [r.code for r in typed_rows]
    share = row_share(typed_rows, scan_rows)
    print(f"\n{name}.scan.pdf: {share:.1%} of the row fields equal, every STT code right")
    assert share >= MIN_CELL_SHARE


@pytest.mark.slow
@pytest.mark.ocr
def test_full_scan_finds_every_legal_reference() -> None:
    from extract.legal import find_legal_refs

    scan_path = _sample("plan_003.scan.pdf")
    scan = ocr.ocr_pdf_pages(scan_path, scan_path.read_bytes(), "plan_003", workers=2)
    typed = pdf.read(RAW / "plan_003.pdf", (RAW / "plan_003.pdf").read_bytes(), "plan_003")
    assert sorted(r.key or "" for r in find_legal_refs(scan)) == sorted(
        r.key or "" for r in find_legal_refs(typed)
    )


def test_raw_table_is_what_the_pdf_reader_gives() -> None:
    # Every reader lays its pages out through the one page model (no subclassing).
    assert assemble_lines([(1, [_grid(("a", None), ("b", ""))])])[1][0] == RawTable(
        (GridRow(("a", None), 1), GridRow(("b", ""), 1)), 1, 1, (0.0, 0.5, 1.0), 0
    )
