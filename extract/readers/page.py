"""The page model every reader fills, and the one way pages become a Document's lines.

A reader turns each page of its file into `PageItem`s in reading order: a body line's text,
or a `PageGrid` (one page's fragment of a table). DOCX and the text exports count pages by
their breaks; typed PDF pages come from pdfplumber, scanned ones from OCR, which replaces a
page's items before anything is flattened. `assemble_lines` then lays every page out the
same way for all formats: body lines as they are, each grid's rows as tab-joined lines at
the grid's place, its `RawTable.line_index` pointing at the first of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.document import GridRow, RawTable, TextLine

MAX_PAGES = 2_000  # a longer file is refused as a 'bomb' (LimitExceeded), whoever reads it


@dataclass(frozen=True, slots=True)
class PageGrid:
    """One page's fragment of a table, before any stitching (top: its y on the page)."""

    top: float
    rows: tuple[GridRow, ...]
    col_edges: tuple[float, ...] = ()
    strategy: str = ""  # how the grid was found when not the format's own way: 'pdf_text'
    confidence: float = 1.0  # how sure that way is of the rows and columns (0-1)


# A page item in reading order: a body line's text, or a table fragment.
PageItem = str | PageGrid
# A page's number (1-based) and its items.
PageItems = tuple[int, Sequence[PageItem]]


@dataclass(frozen=True, slots=True)
class PageContent:
    """What one typed PDF page yields, plus the facts the reader turns into warnings."""

    items: tuple[PageItem, ...]
    ink_chars: int  # characters other than whitespace
    fontnames: frozenset[str]
    image_count: int


def assemble_lines(pages: Sequence[PageItems]) -> tuple[list[TextLine], list[RawTable]]:
    """Pages in order -> (lines, table fragments): [(1, ['Số: 57/KH-UBND', grid])] ->
    the line, then one tab-joined line per grid row, and a RawTable at line_index 1."""
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    for number, items in pages:
        for item in items:
            if isinstance(item, PageGrid):
                tables.append(
                    RawTable(
                        item.rows,
                        number,
                        number,
                        item.col_edges,
                        len(lines),
                        item.strategy,
                        item.confidence,
                    )
                )
                lines.extend(TextLine(number, row_line(row)) for row in item.rows)
            else:
                lines.append(TextLine(number, item))
    return lines, tables


def row_line(row: GridRow) -> str:
    """A grid row as one body line: cells joined by tabs, a merged slot as ''."""
    return "\t".join(cell or "" for cell in row.cells)


def page_text(items: Sequence[PageItem]) -> str:
    """A page's text as `assemble_lines` lays it out: body lines and grid rows, one a line."""
    out: list[str] = []
    for item in items:
        if isinstance(item, PageGrid):
            out.extend(row_line(row) for row in item.rows)
        else:
            out.append(item)
    return "\n".join(out)


def row_is_bold(inked: Sequence[tuple[int, bool]]) -> bool:
    """Bold when every inked cell (column, all its ink bold) is bold. Section rows bold
    their title but not their number (plan_000 p.5: 'I.' regular, 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU
    HÀNH' bold, the same runs in the DOCX), so the first column only counts when it is the
    row's only text."""
    cells = [bold for column, bold in inked if column > 0] or [bold for _, bold in inked]
    return bool(cells) and all(cells)
