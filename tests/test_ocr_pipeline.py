"""Scans through the whole pipeline: PDF pages without text and pages in legacy fonts are
routed to OCR; the rows land with their OCR confidence."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pymupdf
import pytest

from extract.legal import find_legal_refs
from extract.readers import pdf, read_document
from pipeline.cli import main
from pipeline.query.views import connect
from tests.conftest import FIXTURES

SCANS = FIXTURES / "scans"
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
pytestmark = pytest.mark.ocr


def _legacy_font_pdf() -> bytes:
    """Page 1 typed normally; page 2's font renamed '.VnTime' (an old TCVN3 Word file): its
    text layer is not to be trusted, its glyphs are."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Trang mot", fontname="helv")
    page = doc.new_page()
    text = "Thực hiện Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình"
    page.insert_textbox(
        pymupdf.Rect(60, 60, 540, 200), text, fontname="dejavu", fontfile=str(FONT), fontsize=14
    )
    for font in page.get_fonts():  # the Type0 font, its CID font and their descriptor
        doc.xref_set_key(font[0], "BaseFont", "/.VnTime")
        descendant = int(doc.xref_get_key(font[0], "DescendantFonts")[1].strip("[]").split()[0])
        doc.xref_set_key(descendant, "BaseFont", "/.VnTime")
        descriptor = int(doc.xref_get_key(descendant, "FontDescriptor")[1].split()[0])
        doc.xref_set_key(descriptor, "FontName", "/.VnTime")
    return doc.tobytes()


def test_legacy_font_page_is_routed_to_ocr() -> None:
    data = _legacy_font_pdf()
    doc = pdf.read(Path("old.pdf"), data, "x")
    assert any("legacy TCVN3 font .VnTime" in w for w in doc.warnings)
    assert doc.ocr
    assert doc.lines[0].text == "Trang mot" and doc.lines[0].page == 1
    refs = find_legal_refs(doc)
    assert [
        (r.key, r.issued_date.isoformat() if r.issued_date else None, r.page) for r in refs
    ] == [("106/KH-UBND", "2023-08-02", 2)]


@pytest.fixture(scope="module")
def scanned_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("scans")
    shutil.copy(SCANS / "plan_004.scan.p7-8.pdf", src / "giang_dien_p7-8.scan.pdf")
    shutil.copy(SCANS / "plan_003.scan.p1.pdf", src / "son_thuong_p1.scan.pdf")
    out = tmp_path_factory.mktemp("out")
    assert main(["ingest", str(src), "--out", str(out), "--jobs", "2", "--progress", "none"]) == 0
    return out


def test_scanned_pages_land_with_ocr_flag_and_confidence(scanned_dataset: Path) -> None:
    con = connect(scanned_dataset)
    assert con.execute("select bool_and(ocr), count(*) from documents").fetchall() == [(True, 2)]
    rows = con.execute(
        "select code, ocr_confidence from plan_items where kind = 'item' order by row_index"
    ).fetchall()
    assert [code for code, _ in rows[:4]] == ["1.1", "1.2", "1.3", "1.4"]
    assert all(conf is not None and 50 <= conf <= 100 for _, conf in rows)


def test_scanned_first_page_gives_metadata_and_references(scanned_dataset: Path) -> None:
    con = connect(scanned_dataset)
    meta = con.execute(
        "select commune, district, plan_year from documents where source_path like '%son_thuong%'"
    ).fetchall()
    assert meta == [("Sơn Thượng", "Sơn Hà", 2024)]
    keys = con.execute(
        "select key from legal_refs r join documents d using (doc_id) "
        "where d.source_path like '%son_thuong%' and key is not null order by char_start"
    ).fetchall()
    assert ("14/KH-UBND",) in keys and ("15/KH-UBND",) in keys


def test_image_input_is_read(tmp_path: Path) -> None:
    page = pymupdf.open(SCANS / "plan_003.scan.p1.pdf")[0]
    png = tmp_path / "page.png"
    page.get_pixmap(dpi=200).save(str(png))
    doc = read_document(png)
    assert doc.source_format == "image" and doc.ocr and doc.page_count == 1
    assert any("Sơn Thượng" in line.text for line in doc.lines)


def test_mojibake_text_layer_is_routed_to_ocr() -> None:
    """A TCVN3 text layer in an innocently named font: the text itself gives it away."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(
        pymupdf.Rect(60, 60, 540, 300),
        "Céng hßa x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. "
        "KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2023",
        fontname="helv",
        fontsize=12,
    )
    data = doc.tobytes()
    assert pdf.read(Path("old.pdf"), data, "x").ocr


@pytest.mark.parametrize("sample", ["plan_000", "plan_001", "plan_002", "plan_003", "plan_004"])
def test_typed_samples_are_not_taken_for_mojibake(sample: str) -> None:
    from tests.conftest import RAW

    doc = pdf.read(RAW / f"{sample}.pdf", (RAW / f"{sample}.pdf").read_bytes(), "x")
    assert not doc.ocr
