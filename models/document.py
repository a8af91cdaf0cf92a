"""What a reader hands to the extract stages: text lines and raw table grids.

These records never reach Parquet; they are the boundary between `extract.readers`
(bytes -> Document) and the pure extract stages (Document -> rows, references, metadata).
Every string in them is NFC already (the reader boundary normalises once).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SourceFormat = Literal["pdf", "docx", "txt", "md", "image"]

# A cell of a raw grid: text ("" when the cell is empty) or None when the slot is covered
# by a merged cell (a horizontal gridSpan, a vertical vMerge continuation, pdfplumber's None).
Cell = str | None


@dataclass(frozen=True, slots=True)
class TextLine:
    """One paragraph or printed line of body text, e.g. 'Số: 57/KH-UBND' on page 1."""

    page: int  # 1-based; formats without pages use 1
    text: str


@dataclass(frozen=True, slots=True)
class GridRow:
    """One row of a table as the file lays it out, before any stitching or row rules."""

    cells: tuple[Cell, ...]
    page: int
    is_header: bool = False  # the format marks it as a repeated header row (w:tblHeader)
    bold: bool = False  # every non-empty run in the row is bold (a section hint)
    confidence: float | None = None  # mean OCR confidence of the row's cells (0-100), scans only


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table fragment: a whole DOCX table, one PDF page's grid, or one text-export block."""

    rows: tuple[GridRow, ...]
    page_first: int
    page_last: int
    # Column boundaries as fractions of the table width (0.0 ... 1.0), for stitching pages.
    col_edges: tuple[float, ...] = ()
    line_index: int = -1  # index in Document.lines after which the table stands (-1: unknown)


@dataclass(frozen=True, slots=True)
class Document:
    """A read file: body text lines in reading order plus raw table fragments."""

    doc_id: str  # sha256 of the file bytes, hex
    source_path: str
    source_format: SourceFormat
    page_count: int
    lines: tuple[TextLine, ...]
    tables: tuple[RawTable, ...]
    ocr: bool = False
    warnings: tuple[str, ...] = ()  # reader-level notes (e.g. "page 3: legacy TCVN3 font")

    @property
    def text(self) -> str:
        """The body text that reference offsets point into: lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class ScoreCell:
    """A number in a score column: ('Điểm năm 2023', 2023, 23.27); year None for 'Điểm tối đa'."""

    header: str
    role: str  # "score_max" or "score_year"
    year: int | None
    value: float


@dataclass(frozen=True, slots=True)
class TableRow:
    """One appendix-table row after stitching and the row rules, cells placed by column role."""

    table_index: int
    row_index: int
    kind: str  # "section" | "item"
    stt_raw: str
    code: str
    parent_code: str | None
    level: int
    section_code: str | None
    section_title: str | None
    criterion: str | None = None
    objective: str | None = None
    task: str | None = None
    requirement: str | None = None
    output: str | None = None
    lead: str | None = None
    support: str | None = None
    deadline: str | None = None
    note: str | None = None
    scores: tuple[ScoreCell, ...] = ()
    page_first: int = 1
    page_last: int = 1
    confidence: float | None = None
    flags: tuple[str, ...] = ()
