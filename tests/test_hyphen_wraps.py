"""Issue 13: a typed PDF line wrapped after a hyphen gives the DOCX's text, the space after
the hyphen decided from the same words elsewhere in the document (extract/hyphens.py).

Cases are the samples' own words: 'Công chức Văn phòng- Thống kê' (plan_000, with the
space, eight times), 'các chỉ số Par-index' / 'Par-Index' (plan_001, no space).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.shared import Cm

from extract.cleantext import mark_wrapped_cell
from extract.hyphens import hyphen_evidence, resolve_wraps
from extract.readers import read_document
from tests.test_tables_variants import needs_soffice
from tests.variant_forms import soffice_convert

PLAN_000 = [
    "Công chức Văn hoá- xã hội, Công chức Văn phòng- Thống kê",
    "Công chức Văn phòng- Thống kê và các công chức trực tại Bộ phận một cửa của xã",
]
PLAN_001 = [
    "Công tác báo cáo theo chỉ đạo của Huyện ủy, HĐND, UBND Huyện về CCHC, các chỉ số "
    "Par-Index, SIPAS, PAPI",
    "Tổ chức thực hiện đánh giá Chỉ số Par-index, SIPAS năm 2023",
]


def wrapped(text: str, seen: list[str]) -> str:
    return resolve_wraps(mark_wrapped_cell(text), hyphen_evidence(seen))


def test_wrap_after_hyphen_keeps_the_space_the_document_writes() -> None:
    """'Văn phòng-' / 'Thống kê': elsewhere 'Văn phòng- Thống kê', so not 'phòng-Thống'."""
    got = wrapped("Công chức Văn phòng-\nThống kê và các công chức", PLAN_000)
    assert got == "Công chức Văn phòng- Thống kê và các công chức"


def test_wrap_after_hyphen_joins_a_compound_the_document_writes_whole() -> None:
    """'Par-' / 'index': elsewhere 'Par-Index', 'Par-index' (case aside), so not 'Par- index'."""
    assert wrapped("các chỉ số Par-\nindex, SIPAS, PAPI", PLAN_001) == (
        "các chỉ số Par-index, SIPAS, PAPI"
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Quyết định số 57/QĐ-\nUBND", "Quyết định số 57/QĐ-UBND"),  # a capital: one word
        ("Công chức Văn hoá-\nxã hội", "Công chức Văn hoá- xã hội"),  # lower case: spaced
        ("Công chức Tài chính-\nKế toán", "Công chức Tài chính- Kế toán"),  # a dash: spaced
        ("theo Nghị định số 61/2018/NĐ-\nCP", "theo Nghị định số 61/2018/NĐ-CP"),
    ],
)
def test_without_evidence_the_next_letter_decides(text: str, want: str) -> None:
    assert wrapped(text, ["Kế hoạch cải cách hành chính năm 2023"]) == want


def test_a_line_not_ending_in_a_hyphen_is_only_folded() -> None:
    assert wrapped("Văn phòng UBND\nxã", PLAN_000) == "Văn phòng UBND xã"


def _narrow_table_pdf(folder: Path, body: str) -> Path:
    """A DOCX whose 3 cm cells wrap right after 'phòng-' and 'Par-', printed by LibreOffice."""
    doc = docx.Document()
    doc.add_paragraph(body)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Công chức Văn phòng- Thống kê", "Chỉ số Par-index năm 2023"),
        strict=True,
    ):
        cell.text = text
        cell.width = Cm(3.0)
    for col in table._tbl.tblGrid.gridCol_lst:
        col.w = Cm(3.0)
    source = folder / "hyphen.docx"
    doc.save(str(source))
    return soffice_convert(source, ".pdf", folder)


@needs_soffice
def test_typed_pdf_cells_wrapped_after_a_hyphen_give_the_docx_text(tmp_path: Path) -> None:
    body = "Giao Công chức Văn phòng- Thống kê theo dõi các chỉ số Par-index của xã."
    pdf = _narrow_table_pdf(tmp_path, body)
    with pdfplumber.open(pdf) as opened:  # the wraps fall where the test needs them
        raw = opened.pages[0].extract_tables()[0][0]
    assert "phòng-\nThống" in raw[0] and "Par-\nindex" in raw[1]
    cells = read_document(pdf).tables[0].rows[0].cells
    assert cells == ("Công chức Văn phòng- Thống kê", "Chỉ số Par-index năm 2023")
