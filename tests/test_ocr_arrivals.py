"""Scans as they really arrive (issue 14), made by tests/scan_fixtures.py from the typed
sample PDFs and checked against the typed PDF's own grid cells and row codes.

Default suite: one page per class (plan_004 p.19, the appendix's last page: a row spanning
two rows, "6.1", and the last row, "6.2", under the stamp). Slow: every appendix page.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from extract.readers import ocr
from extract.readers.ocr import _document as ocr_document
from extract.readers.ocr.bundle import natural_key, read_zip, zip_pages
from extract.readers.ocr.cells import Sheet, cell_scale, x_height
from extract.readers.ocr.fax import despeckle, is_bilevel
from extract.readers.ocr.grid import find_grids, find_rules
from extract.readers.ocr.image import PageImage, decode_image, ink_mask, is_heif
from extract.readers.ocr.page import OcrPage
from extract.readers.ocr.photo import is_photo, restore_photo, sheet_outline
from extract.readers.ocr.repair import repair_stt_column
from extract.readers.ocr.seal import fade_seals
from extract.readers.ocr.stamp import decolour
from extract.readers.page import PageGrid
from extract.tables import find_table_rows
from models.document import Document, GridRow
from models.errors import UnreadableFile
from tests import scan_fixtures as sf
from tests.test_reader_ocr import cell_share, typed_pages

CELLS = 0.98  # acceptance: non-empty cells equal to the typed PDF's
STAMP_ROW = (0.6, 0.55)  # plan_004 p.19: over the last row's "VP UBND xã" / "Phòng Văn hóa"


def check(name: str, first: int, last: int, scan: Document) -> None:
    typed = typed_pages(name, first, last)
    equal, total, diffs = cell_share(typed, scan)
    assert equal / total >= CELLS, diffs
    codes = [r.code for r in find_table_rows(typed)]
    assert [r.code for r in find_table_rows(scan)] == codes  # every STT, no invented row


def pdf(data: bytes) -> Document:
    return ocr.ocr_pdf_pages(Path("scan.pdf"), data, "x")


# --- one real page per class ----------------------------------------------------------


@pytest.mark.ocr
def test_150_dpi_grey_jpeg() -> None:
    check("plan_004", 19, 19, pdf(sf.gray_jpeg("plan_004", [19])))


@pytest.mark.ocr
def test_red_stamp_over_the_last_row_leaves_no_lettering_in_cells() -> None:
    page = sf.stamped("plan_004", 19, [STAMP_ROW])
    scan = pdf(sf.pdf_of([sf.jpeg(page, 85)], 300))
    check("plan_004", 19, 19, scan)
    last = scan.tables[0].rows[-1].cells
    assert last[4] == "VP UBND xã" and last[5].startswith("Phòng Văn hóa và Thông tin")


@pytest.mark.ocr
def test_grey_scan_with_a_stamp_over_the_last_row_keeps_the_text_under_it() -> None:
    page = sf.grey_stamped("plan_004", 19, [STAMP_ROW])
    scan = pdf(sf.pdf_of([sf.jpeg(page, 85)], 200))
    check("plan_004", 19, 19, scan)
    last = scan.tables[0].rows[-1].cells
    assert last[3] == "Kế hoạch, thông báo, biên bản kiểm tra" and last[4] == "VP UBND xã"
    assert not scan.losses


@pytest.mark.ocr
def test_a_seal_as_dark_as_the_text_flags_the_cells_it_covers() -> None:
    page = sf.grey_stamped("plan_004", 19, [STAMP_ROW], ink=(0, 0, 0))
    page = np.where(page < 170, 0, page).astype(np.uint8)  # a hard copy: seal black as text
    scan = pdf(sf.pdf_of([sf.jpeg(page, 85)], 200))
    rows = len(scan.tables[0].rows)
    flagged = [w for w in scan.losses if "seal as dark as the text" in w]
    assert flagged and all(f"row {rows}:" in w or f"row {rows - 1}:" in w for w in flagged)
    assert any(f"row {rows}: " in w and "column(s) 4, 5" in w for w in flagged)


@pytest.mark.ocr
def test_fax_stt_codes_follow_the_numbering() -> None:
    # plan_004 p.18 by fax: "5.1." was read "°.1," as a block; read again as one word.
    scan = pdf(sf.fax_pdf("plan_004", [18]))
    typed = typed_pages("plan_004", 18, 18)
    assert [r.code for r in find_table_rows(scan)] == [r.code for r in find_table_rows(typed)]
    assert [r.cells[0] for r in scan.tables[0].rows][4] == "5.1."


@pytest.mark.ocr
def test_phone_photo_of_a_table_page() -> None:
    doc = ocr.read_image(Path("IMG_2031.jpg"), sf.photo("plan_004", 19), "x")
    check("plan_004", 19, 19, doc)
    assert not doc.warnings and not doc.losses


def test_a_heic_page_decodes_to_its_grey_pixels() -> None:
    heif = pytest.importorskip("pillow_heif")
    heif.register_heif_opener()
    page = np.array(sf.render("plan_004", 19, 100, colour=True))[300:500, 100:500]
    buffer = io.BytesIO()
    Image.fromarray(page).save(buffer, format="HEIF", quality=95)
    (decoded,) = decode_image(Path("IMG_0001.heic"), buffer.getvalue())
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY).astype(int)
    assert decoded.gray.shape[1] / decoded.gray.shape[0] == grey.shape[1] / grey.shape[0]
    small = cv2.resize(decoded.gray, grey.shape[::-1], interpolation=cv2.INTER_AREA)
    assert np.abs(small.astype(int) - grey).mean() < 8  # the same page, lossy-coded


@pytest.mark.ocr
@pytest.mark.slow  # encoding a phone-size HEIC takes ~50 s
def test_heic_phone_photo() -> None:
    heif = pytest.importorskip("pillow_heif")
    heif.register_heif_opener()
    with Image.open(io.BytesIO(sf.photo("plan_004", 19))) as shot:
        buffer = io.BytesIO()
        shot.save(buffer, format="HEIF", quality=90)
    doc = ocr.read_image(Path("IMG_2032.HEIC"), buffer.getvalue(), "x")
    check("plan_004", 19, 19, doc)


@pytest.mark.ocr
def test_fax_multipage_tiff() -> None:
    doc = ocr.read_image(Path("fax.tiff"), sf.fax_tiff("plan_004", [19, 20]), "x")
    assert doc.page_count == 2
    check("plan_004", 19, 20, doc)  # the table page, then the body page that follows it
    assert any(line.page == 2 and "TỔ CHỨC THỰC HIỆN" in line.text for line in doc.lines)


@pytest.mark.ocr
def test_zip_of_photos_is_one_document_in_name_order() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # p10 after p9: natural order
        archive.writestr("trang_10.jpg", sf.jpeg(np.array(sf.render("plan_004", 19, 200)), 85))
        archive.writestr("trang_9.jpg", sf.photo("plan_004", 18))
        archive.writestr("__MACOSX/._trang_9.jpg", b"junk")
    doc = read_zip(Path("ke_hoach.zip"), buffer.getvalue(), "x")
    assert (doc.page_count, doc.source_format) == (2, "image")
    check("plan_004", 18, 19, doc)


# --- whole appendices (slow) ----------------------------------------------------------

APPENDIX = list(range(7, 20))  # plan_004's table pages


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["gray150", "skew", "fax_pdf"])
def test_whole_appendix(kind: str) -> None:
    make = {
        "gray150": lambda: sf.gray_jpeg("plan_004", APPENDIX),
        "skew": lambda: sf.skewed("plan_004", APPENDIX),
        "fax_pdf": lambda: sf.fax_pdf("plan_004", APPENDIX),
    }[kind]
    check("plan_004", 7, 19, pdf(make()))


@pytest.mark.ocr
@pytest.mark.slow
def test_whole_appendix_photographed() -> None:
    files = [(f"IMG_{p:02d}.jpg", sf.photo("plan_004", p, seed=p)) for p in APPENDIX]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    check("plan_004", 7, 19, read_zip(Path("photos.zip"), buffer.getvalue(), "x"))


# --- the restore steps on their own (fast) ---------------------------------------------


def test_stamp_ink_fades_and_text_under_it_stays() -> None:
    page = np.full((60, 200, 3), 255, np.uint8)
    page[10:50:4, 70:200] = 0  # black lines of text beside the stamp (most of the ink)
    page[20:40, 28:32] = 0  # a black stroke under the stamp
    stamped = sf.stamp_over(page, (0.15, 0.5), 58, sf.RED, seed=1)
    gray = decolour(stamped).gray
    assert gray[30, 29] < 40  # the stroke under the ink stays black
    ring = (stamped[..., 0] > 150) & (stamped[..., 1] < 90) & (np.arange(200) < 60)
    assert ring.sum() > 100 and gray[ring].min() > 200  # the stamp is near-paper


def test_grey_seal_fades_and_text_under_it_stays() -> None:
    page = np.full((400, 400), 255, np.uint8)
    page[40:360:24, 20:380] = 0  # lines of text, some under the seal
    page[:, 200] = 90  # a thin rule that scans grey, through the seal
    rgb = sf.stamp_over(np.dstack([page] * 3), (0.5, 0.5), 283, sf.RED, seed=1)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    out, seals = fade_seals(gray, 200.0)
    assert [(abs(s.x - 200) < 4, abs(s.y - 200) < 4, s.faded) for s in seals] == [
        (True, True, True)
    ]
    away = cv2.erode(page, np.ones((5, 5), np.uint8)) == 255  # 2 px off text and rule
    seal_ink = (gray < 200) & away
    assert seal_ink.sum() > 2000 and (out[seal_ink] == 255).mean() > 0.97
    assert out[page == 0].max() < 40 and out[50:350, 200].max() <= 100  # text and rule kept


def test_stt_other_readings_that_fit_the_numbering_win() -> None:
    cells = ["5", "°.1,", "", "5.2"]
    assert repair_stt_column(cells) == cells  # no confusion turns '°.1,' into a code
    others = [(), ("D.1.", "5.1."), (), ()]
    assert repair_stt_column(cells, others) == ["5", "5.1.", "", "5.2"]
    assert repair_stt_column(cells, [(), ("51.",), (), ()])[1] == "5.1."  # a dot lost
    # two readings that fit with different codes: no choice is made
    assert repair_stt_column(["5", "x"], [(), ("5.1", "6")])[1] == "x"
    # the first code on a page (red stamp, 300 dpi, plan_004 p.18): no code before it,
    # the code after it decides
    first = ["S.", "9.1,", "", "6"]
    assert repair_stt_column(first, [("5,",), ("5.1.",), (), ()]) == ["5.", "5.1.", "", "6"]
    assert repair_stt_column(["S.", "4A"]) == ["S.", "4A"]  # nothing after: left as read
    assert repair_stt_column(["5", "x"], [(), ("5.1", "5.1.")])[1] == "5.1"  # one code


def test_no_seal_on_a_typed_page() -> None:
    for p in (1, 8, 19):
        gray = np.array(sf.render("plan_004", p, 200))
        assert fade_seals(gray, 200.0) == (gray, ())


def test_a_page_printed_in_colour_keeps_its_ink() -> None:
    page = np.full((40, 200, 3), 255, np.uint8)
    page[10:30, 10:190] = sf.BLUE  # most ink is blue: the text itself
    result = decolour(page)
    assert not result.removed and result.gray[20, 100] < 120


def test_photo_outline_is_found_within_a_few_pixels() -> None:
    sheet = np.full((400, 300), 240, np.uint8)
    corners = np.float32([[0, 0], [300, 0], [300, 400], [0, 400]])
    target = np.float32([[85, 70], [372, 88], [390, 480], [70, 470]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(sheet, matrix, (460, 560), borderValue=70)
    assert is_photo(warped) and not is_photo(np.full((400, 300), 250, np.uint8))
    quad = sheet_outline(warped)
    assert quad is not None and np.abs(quad - target).max() < 6


def test_photo_without_an_outline_says_so() -> None:
    desk = np.full((500, 500), 60, np.uint8)
    cv2.circle(desk, (250, 250), 200, 235, -1)  # a bright disc: no four corners
    page, notes = restore_photo(PageImage(3, desk, 200.0))
    assert notes == ("page 3: photo: page outline not found, read as photographed",)


def test_fax_specks_go_and_diacritics_stay() -> None:
    ink = np.zeros((80, 80), np.uint8)
    ink[30:50, 30:34] = 255  # a letter stem
    ink[24:26, 31:33] = 255  # a dot above it (a diacritic, 3 px away)
    ink[5:7, 70:72] = 255  # a speck far from everything
    clean = despeckle(ink, 200.0)
    assert clean[25, 32] == 255 and clean[6, 71] == 0
    assert is_bilevel(255 - ink) and not is_bilevel(np.full((30, 30), 128, np.uint8))


@pytest.mark.parametrize(
    ("page", "row", "cells"),
    [
        (7, 0, 7),  # the header: the hairline between 'Stt' and 'Nội dung' cut by dropouts
        (14, -1, 7),  # a one-line row cut by the page end: short column rules
    ],
)
def test_fax_hairlines_keep_the_grid(page: int, row: int, cells: int) -> None:
    """Every column of a fax page's table, as in the typed PDF (plan_004 p.7, p.14)."""
    from extract.readers.ocr.image import deskew
    from extract.readers.ocr.restore import restore_page

    restored, _ = restore_page(PageImage(1, sf.fax_page("plan_004", page), 200.0))
    level, ink, _ = deskew(restored)
    grids = find_grids(find_rules(ink, level.dpi), level.dpi)
    typed = typed_pages("plan_004", page, page).tables[0]
    assert len(grids) == 1 and len(grids[0].rows) == len(typed.rows)
    found = grids[0].rows[row]
    assert sum(b is not None for b in found) == cells
    assert [b is None for b in found] == [c is None for c in typed.rows[row].cells]


def test_heic_without_pillow_heif_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # not installed
    header = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    assert is_heif(header) and not is_heif(sf.jpeg(np.zeros((8, 8), np.uint8)))
    with pytest.raises(UnreadableFile, match=r"IMG_1\.HEIC: a HEIC/HEIF photo, .*pillow-heif"):
        decode_image(Path("IMG_1.HEIC"), header)


def test_a_photo_taken_sideways_is_stood_upright_by_its_exif() -> None:
    image = Image.fromarray(np.full((50, 100), 255, np.uint8))  # 100 wide, 50 high
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    height, width = decode_image(Path("p.jpg"), buffer.getvalue())[0].gray.shape[:2]
    assert height == 2 * width  # upright: twice as high as wide


def test_zip_errors_name_the_file() -> None:
    with pytest.raises(UnreadableFile, match=r"a\.zip: not a readable zip"):
        zip_pages(Path("a.zip"), b"PK\x03\x04 broken")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "x")
    with pytest.raises(UnreadableFile, match=r"b\.zip: no page images"):
        zip_pages(Path("b.zip"), buffer.getvalue())
    assert sorted(["p10.jpg", "p9.jpg", "P1.jpg"], key=natural_key) == [
        "P1.jpg",
        "p9.jpg",
        "p10.jpg",
    ]


def test_a_colour_png_is_decoded_with_its_stamp_faded() -> None:
    page = np.full((120, 300, 3), 255, np.uint8)
    page[10:110:5, 130:300] = 0  # typed text beside the stamp
    stamped = sf.stamp_over(page, (0.2, 0.5), 100, sf.RED, seed=2)
    buffer = io.BytesIO()
    Image.fromarray(stamped).save(buffer, format="PNG")
    gray = decode_image(Path("s.png"), buffer.getvalue())[0].gray
    assert gray[:, :125].min() > 180 and gray[:, 130:].min() < 20  # stamp gone, text kept


def test_ocr_changes_are_flagged_on_their_row() -> None:
    def grid(*rows: GridRow) -> PageGrid:
        return PageGrid(0.0, rows, (0.0, 0.3, 0.7, 1.0))

    header = ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành")
    corrected = ("ocr_corrected:kiếm->kiểm",)
    rows = (
        GridRow(header, 1),
        GridRow(("1", "Tổ chức kiểm tra cải cách hành chính", "UBND xã", "Quý I"), 1),
        GridRow(("1.1", "Kiểm tra tại các thôn", "Văn phòng", "Quý II"), 1, flags=corrected),
        GridRow(("1A", "Báo cáo kết quả kiểm tra", "Văn phòng", "Quý III"), 1),
        GridRow(("1.3", "Tổng hợp kết quả", "UBND xã", "Quý IV"), 1),
    )
    # the STT cell "1A" was also read "1.2." (another psm): that reading fits the numbering
    page = OcrPage(1, ("PHỤ LỤC", grid(*rows)), 90.0, stt_readings=((1, 3, ("1A", "1.2.")),))
    doc = ocr_document(Path("s.pdf"), "x", "pdf", 1, [page])
    flags = {r.code: r.flags for r in find_table_rows(doc)}
    assert flags["1"] == () and flags["1.1"] == corrected
    assert flags["1.2"][0] == "ocr_stt_repaired:1A->1.2."


@pytest.mark.parametrize(("dpi", "scale"), [(150, 2.0), (200, 1.5), (300, 1.0)])
def test_cells_are_enlarged_to_the_x_height_tesseract_reads_best(dpi: int, scale: float) -> None:
    # plan_004 p.19 is set in 12-13 pt: x-height 13 px at 150 dpi, 17 at 200, 26 at 300
    gray = np.array(sf.render("plan_004", 19, dpi))
    ink = ink_mask(gray, dpi)
    grids = tuple(find_grids(find_rules(ink, dpi), dpi))
    measured = x_height(ink, grids, dpi)
    assert measured is not None and abs(measured - 17.0 * dpi / 200) <= 1.0
    assert cell_scale(Sheet(1, dpi, gray, ink, grids)) == scale


@pytest.mark.parametrize(("printed", "read", "want"), [("các", "Các", "các"), ("Cơ", "Cơ", "Cơ")])
def test_a_capital_is_kept_only_when_printed_tall(printed: str, read: str, want: str) -> None:
    """'tại Các cơ' by fax: the 'C' stands no taller than the 'a', so it is a small 'c';
    'Cơ quan' keeps its capital (the ơ's horn makes it taller than an x-height)."""
    from PIL import ImageFont

    from extract.readers.ocr.engine import Word
    from extract.readers.ocr.words import small_capitals

    font = ImageFont.truetype(str(sf.FONT).replace("-Bold", ""), 48)
    canvas = Image.new("L", (200, 90), 255)
    ImageDraw.Draw(canvas).text((10, 10), printed, font=font, fill=0)
    image = np.asarray(canvas)
    ys, xs = np.nonzero(image < 128)
    word = Word(
        0,
        (1, 1, 1),
        int(xs.min()),
        int(ys.min()),
        int(np.ptp(xs)) + 1,
        int(np.ptp(ys)) + 1,
        80.0,
        read,
    )
    assert small_capitals([word], image)[0].text == want
