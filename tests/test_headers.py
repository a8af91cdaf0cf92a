"""Issue 15: document headers as every level prints them, through the text, DOCX and PDF paths.

Each case of tests/header_cases.py is one small document: for DOCX its lines become paragraphs
and its " | " / tab rows a real two-column table row; for PDF its lines are drawn one under the
other. The header parser (extract.legal.header) must read >= 98 % of the fields in every format.
"""

from __future__ import annotations

from pathlib import Path

import docx
import matplotlib
import pymupdf
import pytest

from extract.legal.header import parse_header
from extract.metadata import DocMeta, find_metadata
from extract.readers import read_document
from models.document import Document, TextLine
from tests.case_scores import header_fields, score_header
from tests.header_cases import HEADERS, HeaderCase

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
MIN_FIELDS = 0.98


def _cells(line: str) -> list[str]:
    """'Số: 30/2018/QĐ-UBND | Hải Phòng, ngày … |' -> the cells of a header table row."""
    parts = line.split("\t") if "\t" in line else line.split("|")
    return [p.strip() for p in parts if p.strip()]


def _text_doc(case: HeaderCase) -> Document:
    lines = tuple(TextLine(1, line) for line in case.text.split("\n"))
    return Document("h", "h.txt", "txt", 1, lines, ())


def _write_docx(case: HeaderCase, path: Path) -> None:
    document = docx.Document()
    for line in case.text.split("\n"):
        cells = _cells(line)
        if ("\t" in line or "|" in line) and len(cells) > 1:
            row = document.add_table(rows=1, cols=len(cells)).rows[0]
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
        else:
            document.add_paragraph(line)
    document.save(str(path))


def _write_pdf(case: HeaderCase, path: Path) -> None:
    pdf = pymupdf.open()
    page, y = pdf.new_page(), 50.0
    for line in case.text.split("\n"):
        x = 40.0
        for cell in _cells(line) if ("\t" in line or "|" in line) else [line]:
            page.insert_text((x, y), cell, fontname="dejavu", fontfile=str(FONT), fontsize=9)
            x += 280.0
        y += 16.0
    pdf.save(str(path))


@pytest.fixture(scope="module", params=["docx", "pdf"])
def metas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The metadata each header gives through a real file of the format."""
    folder = tmp_path_factory.mktemp(f"headers-{request.param}")
    found: list[DocMeta] = []
    for i, case in enumerate(HEADERS):
        path = folder / f"h{i}.{request.param}"
        (_write_docx if request.param == "docx" else _write_pdf)(case, path)
        found.append(find_metadata(read_document(path)))
    return request.param, found


@pytest.mark.parametrize("case", HEADERS, ids=[c.text[:50] for c in HEADERS])
def test_header_text_path(case: HeaderCase) -> None:
    assert score_header(case, find_metadata(_text_doc(case))) == []


def test_header_fields_in_every_format(metas) -> None:  # type: ignore[no-untyped-def]
    fmt, found = metas
    total = right = 0
    wrong: list[str] = []
    for case, meta in zip(HEADERS, found, strict=True):
        bad = score_header(case, meta)
        total += len(header_fields(case))
        right += len(header_fields(case)) - len(bad)
        wrong += [f"{case.text[:40]!r}: {b}" for b in bad]
    print(f"{fmt}: {right}/{total} = {right / total:.3f}", *wrong, sep="\n")
    assert right / total >= MIN_FIELDS


def test_header_table_size() -> None:
    assert len(HEADERS) >= 60
    assert len({c.doc_type for c in HEADERS}) >= 15  # every type of issue 15


def test_one_parser_for_metadata_and_self_reference() -> None:
    """Issue 12: the metadata's number and the self reference's key are one parse."""
    from extract.legal import find_refs_in_text

    text = "BỘ NỘI VỤ\nSố:\n10/2023/TT-BNV\nHà Nội, ngày 29 tháng 6 năm 2023\nTHÔNG TƯ\nHướng dẫn"
    header = parse_header(text)
    (own,) = [r for r in find_refs_in_text(text) if r.relation == "self"]
    assert (header.number, header.doc_type, header.issue_date) == (
        own.key,
        "Thông tư",
        own.issued_date,
    )
