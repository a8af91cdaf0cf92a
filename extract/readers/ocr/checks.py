"""What an OCR'd page says about itself when it is doubtful, never silence (issue 14).

- a page drawn with ruling lines where no table grid closes (a photo read crooked, a grid
  broken by a fold): its rows would be lost without a word;
- a table row whose cells Tesseract read with mean confidence under ROW_FLOOR.
Each is a warning of the Document ("page 7: …"); the pipeline turns warnings into `errors`
rows and the document's status into partial.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from extract.readers.ocr.grid import Rules
from extract.readers.page import PageGrid

ROW_FLOOR = 60.0  # mean cell confidence (0-100) under which a row is reported
LONG_RULE = 0.25  # share of the page width a horizontal rule spans to count as a table rule
MIN_RULES = 3  # this many long horizontal rules make a page look ruled


def looks_ruled(rules: Rules) -> bool:
    """Whether the page has the long horizontal rules of a table (at least MIN_RULES)."""
    width = rules.horizontal.shape[1]
    rows = np.count_nonzero(rules.horizontal, axis=1) >= LONG_RULE * width
    starts = np.count_nonzero(rows[1:] & ~rows[:-1]) + int(rows[0])
    return bool(starts >= MIN_RULES)


def page_warnings(page: int, ruled: bool, grids: Iterable[PageGrid]) -> list[str]:
    """'page 7: ruling lines but no table grid found', 'page 7: row 3 ('1.2') …'."""
    grids = list(grids)
    notes = []
    if ruled and not grids:
        notes.append(f"page {page}: ruling lines but no table grid found; its rows are missing")
    for g, grid in enumerate(grids, start=1):
        for r, row in enumerate(grid.rows, start=1):
            if row.confidence is not None and row.confidence < ROW_FLOOR:
                first = next((c for c in row.cells if c), "")
                notes.append(
                    f"page {page}: table {g} row {r} ({first[:20]!r}): OCR confidence "
                    f"{row.confidence:.0f} under {ROW_FLOOR:.0f}"
                )
    return notes
