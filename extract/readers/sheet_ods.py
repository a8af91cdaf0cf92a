"""Merged ranges of an .ods file (calamine reports them for .xlsx/.xls only).

OpenDocument marks a merge on its top-left cell, `table:number-columns-spanned="3"` /
`table:number-rows-spanned="2"`, and repeats runs of equal cells or rows with
`table:number-columns-repeated` / `table:number-rows-repeated`; we count both to know
each cell's (row, column).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
MAX_CONTENT = 200 * 1024 * 1024  # content.xml inflating past this is a bomb
Span = tuple[tuple[int, int], tuple[int, int]]


def ods_merged_ranges(data: bytes) -> dict[str, list[Span]]:
    """Sheet name -> merged ranges ((row0, col0), (row1, col1)), e.g. {'Phụ lục': [((0, 1),
    (0, 2))]} for 'Nội dung' over 'Mục tiêu | Nhiệm vụ'."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if zf.getinfo("content.xml").file_size > MAX_CONTENT:
            raise ValueError("content.xml too large")
        root = etree.fromstring(zf.read("content.xml"), etree.XMLParser(resolve_entities=False))
    out: dict[str, list[Span]] = {}
    for table in root.iter(TABLE + "table"):
        out[table.get(TABLE + "name", "")] = _table_spans(table)
    return out


def _table_spans(table: etree._Element) -> list[Span]:
    spans: list[Span] = []
    row = 0
    for tr in table.iter(TABLE + "table-row"):
        col = 0
        for cell in tr:
            if cell.tag not in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                continue
            ncols = int(cell.get(TABLE + "number-columns-spanned", "1"))
            nrows = int(cell.get(TABLE + "number-rows-spanned", "1"))
            if ncols > 1 or nrows > 1:
                spans.append(((row, col), (row + nrows - 1, col + ncols - 1)))
            col += int(cell.get(TABLE + "number-columns-repeated", "1"))
        row += int(tr.get(TABLE + "number-rows-repeated", "1"))
    return spans
