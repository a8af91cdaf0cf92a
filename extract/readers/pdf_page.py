"""One pdfplumber page -> body text lines and ruled table grids, in reading order.

The page's characters are parsed once (pdfplumber caches them on the page). Each character
goes either to the table whose box holds its midpoint or to the body text, so no text is
extracted twice. Table cells follow pdfplumber's own `Table.extract` rules (a character
belongs to a cell when its midpoint lies in the cell's half-open box), with the page's
characters pre-split per table so the row scan stays small.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import Table
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import extract_text, extract_words

from extract.cleantext import clean_text, mark_wrapped_cell
from extract.readers.page import PageContent, PageGrid, PageItem, row_is_bold
from extract.readers.pdf_fonts import is_bold
from extract.readers.pdf_rotate import upright_view
from extract.readers.pdf_text_lines import printed_lines
from extract.readers.pdf_text_table import TextLayout, TextTable, find_text_table
from extract.readers.pdf_wraps import tag_hyphen_wraps
from models.document import Cell, GridRow

# Ruled grids only: the sample appendices draw every cell border (plan_000 p.5-19,
# plan_002 p.15-33). The "text" strategies invent tables out of justified body text.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
}
# pdfplumber's default line-clustering tolerance in extract_text (points).
LINE_Y_TOLERANCE = 3.0

Bbox = tuple[float, float, float, float]
# A character with its midpoint, computed once: (h_mid, v_mid, char dict).
Placed = tuple[float, float, dict[str, Any]]


def read_page(
    page: Page, layout: TextLayout | None = None
) -> tuple[PageContent, TextLayout | None]:
    """Split page 5 of plan_000 into its grid ('STT', 'Lĩnh vực, tiêu chí', ...) and text.
    A page without a ruled grid may hold a table drawn without rules (pdf_text_table); the
    layout it gives (or `layout`, a table the previous page left open) goes on to the next."""
    page = upright_view(page)
    chars = tag_hyphen_wraps(page.chars)  # before any text is made of them
    tables = [t for t in page.find_tables(TABLE_SETTINGS) if _is_grid(t)]
    per_table, body = _split_chars(chars, [t.bbox for t in tables])
    grids = [
        _grid(t, placed, page.page_number) for t, placed in zip(tables, per_table, strict=True)
    ]
    found = None
    if tables:
        lines = _body_lines(body)
    else:
        lines, grids, found = _without_rules(page, chars, layout)
    content = PageContent(
        items=_in_reading_order(lines, grids),
        ink_chars=sum(1 for c in chars if not c["text"].isspace()),
        fontnames=frozenset(c["fontname"] for c in chars),
        image_count=len(page.images),
    )
    return content, (found.layout if found else None)


def _without_rules(
    page: Page, chars: list[dict[str, Any]], layout: TextLayout | None
) -> tuple[list[tuple[float, str]], list[PageGrid], TextTable | None]:
    """A page without a ruled grid: its table drawn without rules if it has one, and its
    body lines (from the same printed lines when there is no table: words read once)."""
    printed = printed_lines(chars) if chars else []
    rules = [(e["top"], e["x0"], e["x1"]) for e in page.horizontal_edges] if printed else []
    found = find_text_table(printed, rules, page.page_number, layout) if printed else None
    if found is None:
        return [(line.top, line.body_text) for line in printed if line.body_text], [], None
    _, body = _split_chars(chars, [found.bbox])
    return _body_lines(body), [found.grid], found


def _is_grid(table: Table) -> bool:
    # A lone ruled box (a framed note, a signature frame) is one column, not a table.
    return len({cell[0] for cell in table.cells}) >= 2


def _inside(h: float, v: float, bbox: Bbox) -> bool:
    # Same half-open test as pdfplumber's Table.extract, so cells match it exactly.
    return bbox[0] <= h < bbox[2] and bbox[1] <= v < bbox[3]


def _split_chars(
    chars: list[dict[str, Any]], boxes: list[Bbox]
) -> tuple[list[list[Placed]], list[dict[str, Any]]]:
    per_table: list[list[Placed]] = [[] for _ in boxes]
    body: list[dict[str, Any]] = []
    for char in chars:
        h = (char["x0"] + char["x1"]) / 2
        v = (char["top"] + char["bottom"]) / 2
        for index, box in enumerate(boxes):
            if _inside(h, v, box):
                per_table[index].append((h, v, char))
                break
        else:
            body.append(char)
    return per_table, body


def _grid(table: Table, placed: list[Placed], page_number: int) -> PageGrid:
    rows = []
    for row in table.rows:
        row_chars = [p for p in placed if _inside(p[0], p[1], row.bbox)]
        cells, bold = _row_cells(row.cells, row_chars)
        # pdfplumber's boxes are (x0, top, x1, bottom) in points: kept for review (rule 7)
        boxes = tuple(_rounded(box) if box is not None else None for box in row.cells)
        rows.append(
            GridRow(cells, page_number, bold=bold, box=_rounded(row.bbox), cell_boxes=boxes)
        )
    return PageGrid(top=table.bbox[1], rows=tuple(rows), col_edges=_col_edges(table))


def _rounded(box: Bbox) -> Bbox:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))


def _row_cells(boxes: list[Bbox | None], row_chars: list[Placed]) -> tuple[tuple[Cell, ...], bool]:
    cells: list[Cell] = []
    inked: list[tuple[int, bool]] = []  # (column, all ink bold) for cells with ink
    for column, box in enumerate(boxes):
        if box is None:
            cells.append(None)
            continue
        chars = [p[2] for p in row_chars if _inside(p[0], p[1], box)]
        cells.append(mark_wrapped_cell(extract_text(chars)) if chars else "")
        ink = [c for c in chars if not c["text"].isspace()]
        if ink:
            inked.append((column, all(is_bold(c["fontname"]) for c in ink)))
    return tuple(cells), row_is_bold(inked)


def _col_edges(table: Table) -> tuple[float, ...]:
    # pdfplumber lays every row out on the table's distinct cell x0s, so these are the
    # column boundaries even where merged cells hide some of them in a row.
    xs = sorted({cell[0] for cell in table.cells})
    xs.append(max(cell[2] for cell in table.cells))
    left, width = xs[0], xs[-1] - xs[0]
    return tuple(round((x - left) / width, 4) for x in xs)


def _body_lines(chars: list[dict[str, Any]]) -> list[tuple[float, str]]:
    # The same words and line clustering as pdfplumber's extract_text(), keeping each
    # line's top so tables can be slotted in between.
    words = extract_words(chars)
    lines = []
    for line in cluster_objects(words, itemgetter("top"), LINE_Y_TOLERANCE):
        text = clean_text(" ".join(word["text"] for word in line))
        if text:
            lines.append((min(word["top"] for word in line), text))
    return lines


def _in_reading_order(
    lines: list[tuple[float, str]], grids: list[PageGrid]
) -> tuple[PageItem, ...]:
    placed: list[tuple[float, PageItem]] = [*lines, *((g.top, g) for g in grids)]
    placed.sort(key=itemgetter(0))  # stable: ties keep body lines first
    return tuple(item for _, item in placed)
