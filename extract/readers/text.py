"""Reader for the text/Markdown exports (data/raw/plan_NNN.txt).

Quirks handled (all seen in the samples): tab-separated table rows; a blank line and a
repeated header at each page break; `<b>`/`<i>` tags and `**bold**`; `#` headings; trailing
extra tabs ("shifted cells"). Each blank-line-separated block of tab rows is one RawTable
fragment whose rows count as a new page, so the stitcher treats it like a PDF page.
"""

from __future__ import annotations

from pathlib import Path

from extract.cleantext import clean_cell, fold_space, is_bold_markup, nfc, strip_markup
from extract.readers.page import PageGrid, PageItem, assemble_lines, row_is_bold
from models.document import Document, GridRow, SourceFormat
from models.errors import UnreadableFile


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'plan_000.txt' (UTF-8, tab rows) into a Document."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableFile(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    if "\x00" in raw:
        raise UnreadableFile(f"{path}: binary content (NUL bytes) in a text file")
    pages: dict[int, list[PageItem]] = {1: []}
    block: list[GridRow] = []
    for raw_line in nfc(raw).splitlines():
        if "\t" in raw_line:
            if not block and any(isinstance(i, PageGrid) for i in pages[len(pages)]):
                pages[len(pages) + 1] = []  # each block after the first starts a page
            block.append(_grid_row(raw_line, len(pages)))
            continue
        if block:
            pages[len(pages)].append(PageGrid(top=0.0, rows=tuple(block)))
            block = []
        text = fold_space(strip_markup(raw_line))
        if text:
            pages[len(pages)].append(text)
    if block:
        pages[len(pages)].append(PageGrid(top=0.0, rows=tuple(block)))
    lines, tables = assemble_lines(sorted(pages.items()))
    fmt: SourceFormat = "md" if path.suffix.lower() == ".md" else "txt"
    return Document(doc_id, str(path), fmt, len(pages), tuple(lines), tuple(tables))


def _grid_row(line: str, page: int) -> GridRow:
    """'1.1\\tCác giải pháp…\\t<i>Tư pháp</i>' -> GridRow of cleaned cells."""
    parts = line.split("\t")
    cells = tuple(clean_cell(p) or "" for p in parts)
    inked = [(i, is_bold_markup(p)) for i, p in enumerate(parts) if p.strip()]
    return GridRow(cells=cells, page=page, bold=row_is_bold(inked))
