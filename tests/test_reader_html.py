"""Plans saved or published as web pages (.html/.htm) give the rows of the same plan's DOCX.

Fixtures are made here from the samples: LibreOffice's "save as web page" of the DOCX, and a
portal-style page written from the sample's grids (a layout table around the header block,
<th> header cells, rowspan/colspan, <strong> section rows, a CSS page break, entities). The
expected rows are the golden files of tests/fixtures/tables, never this reader's output.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from extract import extract_document
from extract.readers import read_document
from models.errors import UnreadableFile
from tests.test_tables_variants import (
    appendix_grids,
    assert_golden,
    needs_soffice,
    sample_docx,
)
from tests.variant_forms import soffice_convert

HEADER_BLOCK = """
<table><tr>
  <td><p>ỦY BAN NHÂN DÂN<br/><b>XÃ GIANG ĐIỀN</b></p><p>Số: 18 /KH-UBND</p></td>
  <td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p>
      <p><i>Giang Điền, ngày 03 tháng 02 năm 2023</i></p></td>
</tr></table>
"""


def _spans(grid: list[list[str | None]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each anchor cell -> (rowspan, colspan): None in column 0 continues the
    cell above (a vertical merge), elsewhere the cell to its left (a horizontal one)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None or r == 0 and c == 0:
                continue
            if c == 0:
                top = max(t for t in range(r) if grid[t][0] is not None)
                rows, cols = spans.get((top, 0), (1, 1))
                spans[(top, 0)] = (r - top + 1, cols)
            else:
                left = max(x for x in range(c) if row[x] is not None)
                rows, cols = spans.get((r, left), (1, 1))
                spans[(r, left)] = (rows, c - left + 1)
    return spans


def _table_html(grid: list[list[str | None]], header_rows: int) -> str:
    spans = _spans(grid)
    out = ["<table border='1' cellspacing='0'>", "<thead>"]
    for r, row in enumerate(grid):
        if r == header_rows:
            out.append("</thead><tbody>")
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                continue
            rows, cols = spans.get((r, c), (1, 1))
            attrs = (f" rowspan='{rows}'" if rows > 1 else "") + (
                f" colspan='{cols}'" if cols > 1 else ""
            )
            tag = "th" if r < header_rows else "td"
            text = escape(cell).replace(" ", "&nbsp;", 1)  # portals love a &nbsp;
            cells.append(f"<{tag}{attrs}><p>{text}</p></{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def portal_page(sample: str) -> str:
    """plan_NNN as a commune portal would publish it: body paragraphs, then the appendix."""
    body = (sample_docx(sample).with_suffix(".txt")).read_text(encoding="utf-8")
    paragraphs = [
        f"<p>{escape(line)}</p>"
        for line in body.splitlines()
        if line.strip() and "\t" not in line and "<" not in line
    ]
    tables = [_table_html(grid, 1) for grid in appendix_grids(sample)]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kế hoạch</title>"
        "<style>p{margin:0}</style><script>var x = '<table>';</script></head><body>"
        + "<div class='content'>"
        + "\n".join(paragraphs[:40])
        + "<p style='page-break-before: always'><b>PHỤ LỤC</b></p>"
        + "\n".join(tables)
        + "</div></body></html>"
    )


@needs_soffice
def test_libreoffice_web_page_gives_the_docx_rows(tmp_path: Path) -> None:
    source = tmp_path / "plan_004.docx"
    source.write_bytes(sample_docx("004").read_bytes())
    assert_golden(soffice_convert(source, ".html", tmp_path), "004")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("sample", ["000", "001", "002"])
def test_libreoffice_web_pages_of_every_sample(sample: str, tmp_path: Path) -> None:
    source = tmp_path / f"plan_{sample}.docx"
    source.write_bytes(sample_docx(sample).read_bytes())
    assert_golden(soffice_convert(source, ".html", tmp_path), sample)


@pytest.mark.parametrize("sample", ["000", "001", "002", "004"])
def test_portal_page_gives_the_docx_rows(sample: str, tmp_path: Path) -> None:
    path = tmp_path / f"plan_{sample}.htm"
    path.write_text(portal_page(sample), encoding="utf-8")
    assert_golden(path, sample)


def test_layout_table_around_the_header_is_body_text(tmp_path: Path) -> None:
    path = tmp_path / "header.html"
    page = f"<html><body><table><tr><td>{HEADER_BLOCK}</td></tr></table>"
    body = "<p>KẾ HOẠCH</p><p>Kiểm soát thủ tục hành chính năm 2023</p></body>"
    path.write_text(page + body, encoding="utf-8")
    doc = read_document(path)
    texts = [line.text for line in doc.lines]
    # the inner header block is a grid (a layout table, as in the DOCX), the outer is not
    assert len(doc.tables) == 1 and texts[1:] == [
        "KẾ HOẠCH",
        "Kiểm soát thủ tục hành chính năm 2023",
    ]
    assert "Số: 18 /KH-UBND\tCỘNG HÒA" in texts[0]
    extracted = extract_document(doc)
    assert extracted.meta.doc_number == "18/KH-UBND"
    assert extracted.meta.commune == "Giang Điền"
    assert doc.source_format == "html" and doc.page_count == 1


def test_page_breaks_count_pages_and_inline_markup_keeps_words_whole(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    page = (
        "<p>Kiể<b>m</b> soát <span>thủ tục</span> hành chính<br>năm 2023</p>"
        "<p style='page-break-before:always'>Trang hai</p>"
        "<table><tr><td>1</td><td><strong>Rà soát</strong></td></tr></table>"
    )
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "Kiểm soát thủ tục hành chính"),
        (1, "năm 2023"),
        (2, "Trang hai"),
        (2, "1\tRà soát"),
    ]
    assert doc.page_count == 2
    assert doc.tables[0].rows[0].bold  # the only text besides the number is bold


def test_legacy_encoding_from_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.htm"
    # Windows-1258 writes the tone as a combining mark after the letter: 'cư' + U+0301
    text = "<html><head><meta charset='windows-1258'></head><body><p>Căn cư\u0301</p></body>"
    path.write_bytes(text.encode("cp1258"))
    assert [line.text for line in read_document(path).lines] == ["Căn cứ"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"<html><body>  </body></html>", "an HTML page without text")],
)
def test_bad_pages_say_why(data: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=reason) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_bold_is_read_by_grid_column_under_a_rowspan(tmp_path: Path) -> None:
    # The STT cell '1' spans two rows; in the second <tr> the first <td> is grid column 1 (the
    # task), not the STT column. Its task is regular and only its deadline is bold: not a
    # bold (section-like) row. Read by <td> index, the task counted as the STT column and
    # was ignored, so the row read as bold.
    path = tmp_path / "rowspan.html"
    path.write_text(
        "<table><tr><td>STT</td><td>Nội dung</td><td>Thời gian</td></tr>"
        "<tr><td rowspan='2'>1</td><td>Rà soát TTHC</td><td>Quý I</td></tr>"
        "<tr><td>Công khai TTHC</td><td><b>Quý IV</b></td></tr>"
        "<tr><td>II</td><td><b>CẢI CÁCH TỔ CHỨC BỘ MÁY</b></td><td></td></tr></table>",
        encoding="utf-8",
    )
    rows = read_document(path).tables[0].rows
    assert [r.cells for r in rows[2:]] == [
        (None, "Công khai TTHC", "Quý IV"),
        ("II", "CẢI CÁCH TỔ CHỨC BỘ MÁY", ""),
    ]
    assert [r.bold for r in rows[1:]] == [False, False, True]
