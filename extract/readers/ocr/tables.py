"""Document-level repairs of OCR'd grids, across page breaks, before the lines are built.

1. Repeated headers: a table's header is printed again on every page, so each page's
   reading of it is a vote. A header row that nearly equals the reading most pages agree
   on (plan_004 p.19 "Sft" for "Stt") takes that reading; otherwise the stitcher would not
   know it for a repeated header and would keep it as a data row.
2. The STT column (first column under an "STT" header): codes that do not follow their
   neighbours are repaired by `ocr_repair.repair_stt_column` ("4A" -> "4.4"), first from
   the cell's other readings (another scale, `ocr_cells`: plan_004 p.18 by fax "°.1,"
   read "5.1." at the scan's resolution).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from extract.readers.ocr.page import OcrPage
from extract.readers.ocr.repair import is_stt_header, repair_stt_column, stt_code
from extract.readers.page import PageGrid, PageItem
from extract.tables.patterns import STT_ROMAN_RE
from models.document import Cell

Cells = tuple[Cell, ...]
RowRef = tuple[int, int, int]  # (page index, item index, row index)
HEADER_ROWS = 3  # a header is at most this many rows deep
SAME_HEADER = 0.85  # similarity of a row's text to the agreed header reading
MIN_HEADER_TEXT = 6  # characters: a shorter agreed reading (an empty row) decides nothing


def repair_tables(pages: Sequence[OcrPage]) -> list[tuple[int, list[PageItem]]]:
    """Pages' items with repeated headers agreed and the STT column repaired."""
    items = [list(page.items) for page in pages]
    _vote_headers(items)
    readings = {
        (p, i, r): texts for p, page in enumerate(pages) for i, r, texts in page.stt_readings
    }
    for sequence in _stt_sequences(items):
        cells = [_grid(items, ref).rows[ref[2]].cells[0] for ref in sequence]
        others = [readings.get(ref, ()) for ref in sequence]
        for ref, old, new in zip(sequence, cells, repair_stt_column(cells, others), strict=True):
            if new != old:
                row = _grid(items, ref).rows[ref[2]]
                flag = f"ocr_stt_repaired:{old}->{new}"  # a code that broke the numbering
                _set_cells(items, ref, (new, *row.cells[1:]), (*row.flags, flag))
    return [(page.page, page_items) for page, page_items in zip(pages, items, strict=True)]


def _grid(items: list[list[PageItem]], ref: RowRef) -> PageGrid:
    grid = items[ref[0]][ref[1]]
    assert isinstance(grid, PageGrid)
    return grid


def _set_cells(
    items: list[list[PageItem]], ref: RowRef, cells: Cells, flags: tuple[str, ...] | None = None
) -> None:
    grid = _grid(items, ref)
    rows = list(grid.rows)
    row = rows[ref[2]]
    rows[ref[2]] = replace(row, cells=cells, flags=row.flags if flags is None else flags)
    items[ref[0]][ref[1]] = replace(grid, rows=tuple(rows))


def _grids(items: list[list[PageItem]]) -> Iterable[tuple[int, int, PageGrid]]:
    for p, page_items in enumerate(items):
        for i, item in enumerate(page_items):
            if isinstance(item, PageGrid) and item.rows:
                yield p, i, item


def _is_data(cells: Cells) -> bool:
    first = cells[0] or ""
    return stt_code(first) is not None or bool(STT_ROMAN_RE.match(first))


def _vote_headers(items: list[list[PageItem]]) -> None:
    """Header rows (before the first data row) voted per column count and depth."""
    ballots: dict[tuple[int, int], list[RowRef]] = {}
    for p, i, grid in _grids(items):
        for r, row in enumerate(grid.rows[:HEADER_ROWS]):
            if _is_data(row.cells):
                break
            ballots.setdefault((len(row.cells), r), []).append((p, i, r))
    for refs in ballots.values():
        readings = [_grid(items, ref).rows[ref[2]].cells for ref in refs]
        agreed = _agreed(readings)
        if agreed is None:
            continue
        for ref, reading in zip(refs, readings, strict=True):
            if reading != agreed and _same_header(reading, agreed):
                _set_cells(items, ref, agreed)


def _agreed(readings: list[Cells]) -> Cells | None:
    """The reading most pages share, if at least two do and no other is as common."""
    counts = Counter(readings).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    agreed = counts[0][0]
    return agreed if len("".join(c or "" for c in agreed)) >= MIN_HEADER_TEXT else None


def _same_header(reading: Cells, agreed: Cells) -> bool:
    if [c is None for c in reading] != [c is None for c in agreed]:
        return False
    a, b = "\t".join(c or "" for c in reading), "\t".join(c or "" for c in agreed)
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_HEADER


def _stt_sequences(items: list[list[PageItem]]) -> Iterable[list[RowRef]]:
    """Data rows of consecutive grids whose first column is headed 'STT', table by table."""
    sequence: list[RowRef] = []
    width = 0
    for p, i, grid in _grids(items):
        header = _stt_header_row(grid)
        columns = len(grid.rows[0].cells)
        if header is None and not (sequence and columns == width):
            continue  # not an STT table, nor a headless continuation of one
        if header is not None and columns != width and sequence:
            yield sequence  # a table of another shape starts
            sequence = []
        width = columns
        start = 0 if header is None else header + 1
        sequence.extend((p, i, r) for r in range(start, len(grid.rows)))
    if sequence:
        yield sequence


def _stt_header_row(grid: PageGrid) -> int | None:
    for index, row in enumerate(grid.rows[:HEADER_ROWS]):
        if is_stt_header(row.cells[0]):
            return index
    return None
