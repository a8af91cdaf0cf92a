"""Appendices sent as spreadsheets (.xlsx, .xls, .ods) through python-calamine.

A commune often sends the body as DOCX and "Phụ lục I" as a sheet. Each sheet is one page:
the title rows above the table ("PHỤ LỤC I", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024") become
text lines, the grid from the first wide row down becomes one RawTable. Merged cells stay
merged: calamine gives the merged ranges of .xlsx/.xls, the .ods spans are read from its
content.xml; a covered slot is None like a DOCX gridSpan/vMerge. Numbers typed as numbers
come back as their shortest text ("1.1", "2", "4.5"); dates as "31/12/2024".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import python_calamine as pc

from extract.cleantext import fold_space, nfc
from extract.readers.sheet_ods import ods_merged_ranges
from models.document import Cell, Document, GridRow, RawTable, SourceFormat, TextLine
from models.errors import LimitExceeded, UnreadableFile

MAX_CELLS = 2_000_000  # a sheet wider/taller than this is a bomb, not a plan appendix
MIN_TABLE_WIDTH = 3  # a row with this many filled or merged slots starts the table
Span = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), inclusive
# An appendix file beside its body: "Phu luc I.xlsx", "PL01_ke_hoach.ods", "Phụ lục kèm theo".
APPENDIX_NAME_RE = re.compile(r"(?i)ph[uụ][ _-]*l[uụ]c|(?:^|[^a-z])pl[ _-]?\d")


FORMATS: dict[str, SourceFormat] = {".xlsx": "xlsx", ".xls": "xls", ".ods": "ods"}


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'phu-luc-1.xlsx' into a Document: one page per sheet, its grid one RawTable."""
    book = _open(path, data)
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    names = book.sheet_names
    ods_spans = _ods_spans(path, data) if path.suffix.lower() == ".ods" else {}
    for page, name in enumerate(names, start=1):
        sheet = book.get_sheet_by_name(name)
        _check_size(path, sheet.total_height, sheet.total_width)
        values = sheet.to_python(skip_empty_area=False)
        spans = ods_spans.get(name) if ods_spans else sheet.merged_cell_ranges
        grid = _grid(values, spans or [])
        _split(grid, page, lines, tables)
    fmt = FORMATS.get(path.suffix.lower(), "xlsx")
    return Document(doc_id, str(path), fmt, len(names), tuple(lines), tuple(tables))


def _open(path: Path, data: bytes) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (pc.CalamineError, ValueError, OSError, zipfile.BadZipFile) as e:
        raise UnreadableFile(f"{path}: not a readable spreadsheet ({e})") from e


def _ods_spans(path: Path, data: bytes) -> dict[str, list[Span]]:
    try:
        return ods_merged_ranges(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise UnreadableFile(f"{path}: broken .ods content ({e})") from e


def _check_size(path: Path, height: int, width: int) -> None:
    if height * width > MAX_CELLS:
        raise LimitExceeded(f"{path}: sheet of {height} x {width} cells (> {MAX_CELLS})")


def cell_text(value: object) -> str:
    """A cell value as printed: 1.1 -> '1.1', 2.0 -> '2', a date -> '31/12/2024'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return fold_space(nfc(str(value)))


def _grid(values: Sequence[Sequence[object]], spans: Sequence[Span]) -> list[list[Cell]]:
    """Text cells; slots covered by a merged range are None (the top-left keeps the text).
    The values start at A1 (skip_empty_area=False), so span indices are grid indices."""
    grid: list[list[Cell]] = [[cell_text(v) for v in row] for row in values]
    for (r0, c0), (r1, c1) in spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and r < len(grid) and c < len(grid[r]):
                    grid[r][c] = None
    return grid


def _inked(row: Sequence[Cell]) -> int:
    return sum(1 for c in row if c is None or c)


def _split(
    grid: list[list[Cell]], page: int, lines: list[TextLine], tables: list[RawTable]
) -> None:
    """Title rows -> lines; the first wide row to the last row with two cells -> a table.
    Table rows are also lines (tab-joined), as the DOCX reader does."""
    start = next((i for i, row in enumerate(grid) if _inked(row) >= MIN_TABLE_WIDTH), None)
    end = len(grid)
    if start is not None:
        while end > start and sum(1 for c in grid[end - 1] if c) < 2:
            end -= 1
    line_index = -1
    for i, row in enumerate(grid):
        if i == start:
            line_index = len(lines)
        inside = start is not None and start <= i < end
        text = ("\t" if inside else " ").join(c or "" for c in row if inside or c)
        if text.strip():
            lines.append(TextLine(page, text))
    if start is None:
        return
    width = max(len(row) for row in grid[start:end])
    rows = tuple(GridRow((*row, *([""] * (width - len(row)))), page) for row in grid[start:end])
    tables.append(RawTable(rows, page, page, (), line_index=line_index))


def body_of(appendix: Path, siblings: Sequence[Path]) -> Path | None:
    """The body document an appendix file belongs to, e.g. 'KH 57.docx' for 'KH 57 - Phu
    luc.xlsx': same folder, and the same name stem or 'Phụ lục' in the name with a single body
    document beside it. A document appendix ('KH 57 - Phu luc.docx') has 'Phụ lục' in its
    name, and its body does not."""
    bodies = [
        p
        for p in siblings
        if p.parent == appendix.parent and p.suffix.lower() in BODY_SUFFIXES and p != appendix
    ]
    if appendix.suffix.lower() in BODY_SUFFIXES:
        if not is_appendix_name(appendix):
            return None
        bodies = [p for p in bodies if not is_appendix_name(p)]
    stem = _stem_key(appendix.stem)
    for body in bodies:
        key = _stem_key(body.stem)
        if key and (stem == key or stem.startswith(key + " ")):  # 'kh 18 …', not 'kh 1'
            return body
    if is_appendix_name(appendix) and len(bodies) == 1:
        return bodies[0]
    return None


BODY_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pdf")


def is_appendix_name(path: Path) -> bool:
    """'Phu luc I.xlsx', 'KH 18 - Phụ lục.docx', 'PL01_ke_hoach.pdf' (APPENDIX_NAME_RE)."""
    return APPENDIX_NAME_RE.search(nfc(path.stem)) is not None


def _stem_key(stem: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", nfc(stem).lower()).split())
