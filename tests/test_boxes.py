"""Row and cell boxes (issue 18, DESIGN rule 7): each row points at where it stands on its page.

The boxes come from pdfplumber; they are checked with another reader (PyMuPDF's text in the
box), so a box that is off by a row or a column fails. DOCX and text exports know no boxes.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from extract import extract_document
from extract.readers import doc_id_of, read_document
from extract.readers.ocr.cells import _in_points, _union
from models.document import TableRow

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _rows(name: str) -> list[TableRow]:
    data = (RAW / name).read_bytes()
    return list(extract_document(read_document(RAW / name, data, doc_id_of(data))).rows)


def _folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["plan_000.pdf", "plan_002.pdf"])
def test_every_pdf_row_box_holds_its_stt_and_first_words(name: str) -> None:
    rows = _rows(name)
    pdf = pymupdf.open(RAW / name)
    assert rows and all(r.box_page is not None for r in rows)
    for row in rows:
        assert row.box_page == row.page_first
        assert row.box_x0 is not None and row.box_top is not None
        assert row.box_x1 is not None and row.box_bottom is not None
        box = pymupdf.Rect(row.box_x0, row.box_top, row.box_x1, row.box_bottom)
        text = _folded(pdf[row.box_page - 1].get_textbox(box))
        assert row.stt_raw in text, (row.code, text[:80])
        label = _folded(row.task or row.criterion or row.objective or "")
        if label and row.page_first == row.page_last:
            assert label.split()[0] in text, (row.code, label[:40], text[:80])


def test_cell_boxes_hold_their_cells() -> None:
    rows = [r for r in _rows("plan_000.pdf") if r.page_first == r.page_last and r.kind == "item"]
    pdf = pymupdf.open(RAW / "plan_000.pdf")
    checked = 0
    for row in rows:
        for entry in row.cell_boxes:
            role, page, *box = entry.split()
            value = getattr(row, "deadline" if role == "deadline" else role)
            text = _folded(pdf[int(page) - 1].get_textbox(pymupdf.Rect(*map(float, box))))
            assert _folded(value or "") == text, (row.code, role, value, text)
            checked += 1
    assert checked > 100


def test_docx_and_text_rows_have_no_box() -> None:
    for name in ("plan_000.docx", "plan_000.txt"):
        rows = _rows(name)
        assert rows and all(r.box_page is None and r.cell_boxes == () for r in rows)


def test_scan_pixels_map_back_to_points() -> None:
    # 200 dpi: 200 px is one inch, 72 points; a row's box is the union of its cells.
    assert _in_points((200, 400, 600, 500), 200.0) == (72.0, 144.0, 216.0, 180.0)
    assert _in_points((300, 300, 600, 600), 300.0) == (72.0, 72.0, 144.0, 144.0)
    assert _union([(72.0, 144.0, 100.0, 180.0), (100.0, 140.0, 216.0, 170.0)]) == (
        72.0,
        140.0,
        216.0,
        180.0,
    )
