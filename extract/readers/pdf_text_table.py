"""A typed PDF table drawn without ruling lines -> the same PageGrid the ruled path gives.

Communes print appendices borderless, with a rule under the header only (booktabs) or with
horizontal rules only; pdfplumber's line strategy then finds no grid. Here the header is
found from its words (an STT word at the left, the other columns' words in the header
vocabulary), the columns from the header cells' positions and the white gaps of the rows
below (a gap no data line crosses), and the rows as below. The layout found is carried to
the next page, so a page without a typed header continues the table.

Rows start at a line with text in the STT column, under a row rule where there are some,
and otherwise where cells open together (pdf_text_cells: a column empty on the line above
cannot go on below it, since cells are top-aligned; a paragraph start is told by the line
above stopping short of where the first word would have fitted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.readers.page import PageGrid
from extract.readers.pdf_text_cells import column_span, grid_rows, spanning_ok
from extract.readers.pdf_text_centred import centred_rows
from extract.readers.pdf_text_header import Header, find_header
from extract.readers.pdf_text_lines import PrintedLine, line_pitch

END_GAP = 1.6  # a blank wider than this many line pitches ends the table
OUTSIDE = 12.0  # points a row's text may stand out of the header's width
MIN_RULE_WIDTH = 0.6  # a row rule spans this share of the table width
TEXT_ONLY_CONFIDENCE = 0.9  # rows told by text alone (no rule between them)

# A page number standing alone: '2', '- 3 -', 'Trang 4', 'Trang 4/12'; not a cell's last
# line 'Trang thông tin điện tử' at the foot of a page (plan_001 in Liberation Sans 10 pt).
PAGE_NUMBER_RE = re.compile(r"(?:trang\s+)?\d+(?:\s*/\s*\d+)?", re.IGNORECASE)

Bbox = tuple[float, float, float, float]
Rule = tuple[float, float, float]  # a horizontal rule: y, x0, x1


@dataclass(frozen=True, slots=True)
class TextLayout:
    """Column edges (page x, left to right) and the header, carried from page to page."""

    edges: tuple[float, ...]
    header: Header
    open_end: bool  # the table ran to the foot of the page


@dataclass(frozen=True, slots=True)
class TextTable:
    """A table found from the words of one page, and its box (its words are not body)."""

    grid: PageGrid
    bbox: Bbox
    layout: TextLayout


def find_text_table(
    lines: Sequence[PrintedLine],
    rules: Sequence[Rule],
    page_number: int,
    previous: TextLayout | None,
) -> TextTable | None:
    """The borderless appendix on a page: header 'STT | Lĩnh vực, tiêu chí | …' then rows.
    Page numbers above or below everything are left out ('- 3 -' atop a continued table)."""
    lines = _inside_furniture(lines)
    header = find_header(lines, previous.header if previous else None)
    if header is not None:
        top, start, edges, known = header.start, header.end, header.edges, header
    elif previous is not None and previous.open_end and lines:
        top, start, edges, known = 0, 0, previous.edges, previous.header
    else:
        return None
    body = _data_lines(lines, start, edges, line_pitch(lines))
    if not body:
        return None
    edges = _settled_edges(edges, body)
    row_rules = _row_rules(rules, edges, body)
    split = centred_rows(body, edges, row_rules) if known.centred else None
    rows = grid_rows(header, body, edges, row_rules, page_number, split)
    bbox = (edges[0] - 1, lines[top].top - 1, edges[-1] + 1, body[-1].bottom + 1)
    single = len(rows) - (len(header.rows) if header else 0) <= 1
    confidence = 1.0 if row_rules or single else TEXT_ONLY_CONFIDENCE
    grid = PageGrid(lines[top].top, rows, _fractions(edges), "pdf_text", confidence)
    open_end = start + len(body) == len(lines)
    return TextTable(grid, bbox, TextLayout(edges, known, open_end))


def _inside_furniture(lines: Sequence[PrintedLine]) -> Sequence[PrintedLine]:
    """The lines without page numbers at the top and the foot of the page."""
    kept = [i for i, line in enumerate(lines) if not _is_furniture(line)]
    return lines[kept[0] : kept[-1] + 1] if kept else ()


def _data_lines(
    lines: Sequence[PrintedLine], start: int, edges: tuple[float, ...], pitch: float
) -> list[PrintedLine]:
    """The lines after the header while they sit in the columns with no wide blank above."""
    out: list[PrintedLine] = []
    last_bottom = lines[start - 1].bottom if start else None
    for line in lines[start:]:
        gap = line.top - last_bottom if last_bottom is not None else 0.0
        if pitch and gap > END_GAP * pitch:
            break
        if not _fits(line, edges):
            break
        out.append(line)
        last_bottom = line.bottom
    return out


def _fits(line: PrintedLine, edges: tuple[float, ...]) -> bool:
    """Inside the table, each segment in one column or a section title spanning columns."""
    if line.segments[0].x0 < edges[0] - OUTSIDE or line.segments[-1].x1 > edges[-1] + OUTSIDE:
        return False
    crossing = [s for s in line.segments if column_span(s, edges)[0] != column_span(s, edges)[1]]
    return not crossing or spanning_ok(line, crossing, edges)


def _settled_edges(edges: tuple[float, ...], body: Sequence[PrintedLine]) -> tuple[float, ...]:
    """The outer edges widened to the rows' text (the header may be narrower)."""
    left = min(edges[0], *(line.segments[0].x0 - 1 for line in body))
    right = max(edges[-1], *(line.segments[-1].x1 + 1 for line in body))
    return (left, *edges[1:-1], right)


def _row_rules(
    rules: Sequence[Rule], edges: tuple[float, ...], body: Sequence[PrintedLine]
) -> list[float]:
    """The y of horizontal rules across the table between its rows (none for booktabs:
    its rules stand above and below the header and under the last row)."""
    width = edges[-1] - edges[0]
    inside = [
        y
        for y, x0, x1 in rules
        if min(x1, edges[-1]) - max(x0, edges[0]) >= MIN_RULE_WIDTH * width
        and body[0].bottom < y < body[-1].bottom
    ]
    return sorted(inside)


def _fractions(edges: tuple[float, ...]) -> tuple[float, ...]:
    left, width = edges[0], edges[-1] - edges[0]
    return tuple(round((x - left) / width, 4) for x in edges)


def _is_furniture(line: PrintedLine) -> bool:
    """A page number under the table: '2', '- 3 -', 'Trang 4'."""
    return bool(PAGE_NUMBER_RE.fullmatch(line.text.strip(" -–—")))
