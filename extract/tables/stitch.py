"""Join table fragments into logical tables and drop repeated header rows (DESIGN rules 1-2).

A PDF gives one fragment per page, a text export one per blank-line block, a DOCX one per
w:tbl. Consecutive fragments with the same column count and matching column boundaries
(±10 % of the width) and nothing but page furniture between them are one table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.cleantext import lower_space
from extract.tables.patterns import (
    APPENDIX_RE,
    COLUMN_NUMBER_RE,
    STT_CODE_RE,
    STT_LETTER_RE,
    STT_ROMAN_RE,
    STT_WITH_TITLE_RE,
)
from extract.tables.repeats import HeaderRows
from models.document import Box, Document, GridRow, RawTable

EDGE_TOLERANCE = 0.10
MAX_HEADING_LINES = 3  # section headings between parts of one appendix ("II. CẢI CÁCH …")
MAX_HEADING_CHARS = 160
Cells = tuple[str | None, ...]


@dataclass
class StitchedRow:
    """A grid row of a logical table, with the fragment it came from."""

    cells: Cells
    page: int
    confidence: float | None = None
    box: Box | None = None  # where the reader knows it (rule 7)
    cell_boxes: tuple[Box | None, ...] = ()  # one per column when the row had the full width
    flags: tuple[str, ...] = ()  # GridRow.flags (OCR corrections)


@dataclass
class LogicalTable:
    """A table after stitching: header rows, width and data rows in order."""

    header: list[Cells]
    width: int
    rows: list[StitchedRow] = field(default_factory=list)
    col_edges: tuple[float, ...] = ()
    header_rows: HeaderRows | None = field(default=None, repr=False, compare=False)
    strategy: str = ""  # the fragments' own strategy ('pdf_text'), "" for the format's way
    confidence: float = 1.0  # the least sure fragment's confidence in its grid


def stitch_tables(doc: Document) -> list[LogicalTable]:
    """Group a document's fragments into logical tables (page-split tables joined)."""
    tables: list[LogicalTable] = []
    prev: RawTable | None = None
    for frag in doc.tables:
        width = _width(frag)
        if width == 0:
            continue
        current = tables[-1] if tables else None
        if current is not None and prev is not None and _continues(doc, prev, frag, current):
            _append_fragment(current, frag)
        else:
            tables.append(_start_table(frag, width))
        prev = frag
    return tables


def _width(frag: RawTable) -> int:
    """Column count: the header row's width, trailing empty export cells not counted."""
    widths = [len(_trim(row.cells)) for row in frag.rows]
    return max(widths, default=0) if not frag.rows[0].is_header else len(frag.rows[0].cells)


def _trim(cells: Cells) -> Cells:
    end = len(cells)
    while end > 1 and cells[end - 1] in ("", None):
        end -= 1
    return cells[:end]


def _fit(cells: Cells, width: int) -> Cells:
    """Pad or cut a row to the table width; text past the width joins the last cell."""
    cells = _trim(cells) if len(cells) > width else cells
    if len(cells) > width:
        extra = " ".join(c for c in cells[width - 1 :] if c)
        return (*cells[: width - 1], extra)
    return (*cells, *([""] * (width - len(cells))))


def _is_data_row(row: GridRow) -> bool:
    first = (row.cells[0] or "").strip() if row.cells else ""
    if row.is_header or not first or COLUMN_NUMBER_RE.match(first):
        return False
    return any(
        rx.match(first) for rx in (STT_CODE_RE, STT_ROMAN_RE, STT_WITH_TITLE_RE, STT_LETTER_RE)
    )


def _start_table(frag: RawTable, width: int) -> LogicalTable:
    n_header = 0
    for row in frag.rows:
        if _is_data_row(row):
            break
        n_header += 1
    if n_header == len(frag.rows):  # no STT-like row: keep the first row as header only
        n_header = 1
    header = [_fit(r.cells, width) for r in frag.rows[:n_header]]
    table = LogicalTable(
        header=header,
        width=width,
        col_edges=frag.col_edges,
        strategy=frag.strategy,
        confidence=frag.confidence,
    )
    _add_rows(table, frag.rows[n_header:])
    return table


def _append_fragment(table: LogicalTable, frag: RawTable) -> None:
    table.confidence = min(table.confidence, frag.confidence)
    _add_rows(table, frag.rows)


def _add_rows(table: LogicalTable, rows: Sequence[GridRow]) -> None:
    """Append data rows; a repeated header anywhere (plan_004.txt repeats it mid-block
    where the page broke without a blank line) is dropped, and so is the tail of a header
    split by a page break ('Thời gian' above the break, 'hoàn thành' below it)."""
    after_header = False
    for row in rows:
        if row.is_header or _repeats_header(row.cells, table):
            after_header = True
            continue
        if after_header and _is_header_tail(row.cells, table.header):
            continue
        after_header = False
        cells = _fit(row.cells, table.width)
        if any(cells):
            boxes = row.cell_boxes if len(row.cell_boxes) == table.width else ()
            table.rows.append(
                StitchedRow(cells, row.page, row.confidence, row.box, boxes, row.flags)
            )


def _is_header_tail(cells: Cells, header: list[Cells]) -> bool:
    """Every filled cell ends its column's header text: ('', …, 'hoàn thành')."""
    filled = [(i, lower_space(c)) for i, c in enumerate(cells) if lower_space(c)]
    if not filled:
        return False
    return all(
        any(i < len(h) and lower_space(h[i]).endswith(text) for h in header) for i, text in filled
    )


def _repeats_header(cells: Cells, table: LogicalTable) -> bool:
    """A row equal to a header row (cells may be cut short: 'Thời gian hoàn' vs '… hoàn thành')."""
    if table.header_rows is None:
        table.header_rows = HeaderRows.of(table.header)
    return table.header_rows.repeated_by(cells)


def _continues(doc: Document, prev: RawTable, frag: RawTable, table: LogicalTable) -> bool:
    """Does this fragment continue the previous table (same grid, only furniture between)?
    An appendix split into one table per section (a heading between, the header typed
    again or the same column grid) continues too, unless the text between opens another
    appendix ('Phụ lục II')."""
    if _width(frag) > table.width and not _repeats_header(frag.rows[0].cells, table):
        return False
    if prev.col_edges and frag.col_edges and len(prev.col_edges) != len(frag.col_edges):
        return False  # a signature or layout table right after the appendix
    if prev.col_edges and frag.col_edges:
        if any(
            abs(a - b) > EDGE_TOLERANCE for a, b in zip(prev.col_edges, frag.col_edges, strict=True)
        ):
            return False
    if prev.line_index < 0 or frag.line_index < 0:
        return frag.page_first >= prev.page_last
    between = doc.lines[prev.line_index + len(prev.rows) : frag.line_index]
    if all(_is_page_furniture(line.text) for line in between):
        return True
    return _same_appendix(frag, table, [line.text for line in between])


def _same_appendix(frag: RawTable, table: LogicalTable, between: list[str]) -> bool:
    """A section heading between two parts of one appendix: at most a few short lines, no
    new 'Phụ lục', and the part restates the header or keeps the grid and starts with data."""
    if len(between) > MAX_HEADING_LINES or any(APPENDIX_RE.search(t) for t in between):
        return False
    if any(len(t) > MAX_HEADING_CHARS for t in between):
        return False
    if _width(frag) != table.width:
        return False
    first = frag.rows[0]
    return _repeats_header(first.cells, table) or _is_data_row(first)


def _is_page_furniture(text: str) -> bool:
    """Page numbers and running marks between two page fragments: '2', '- 3 -', 'Trang 4'."""
    stripped = text.strip(" -–—").lower()
    return stripped.isdigit() or stripped.startswith("trang ") or not stripped
