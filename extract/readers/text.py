"""Reader for the text/Markdown exports (data/raw/plan_NNN.txt).

Quirks handled (all seen in the samples): tab-separated table rows; a blank line and a
repeated header at each page break; `<b>`/`<i>` tags and `**bold**`; `#` headings; trailing
extra tabs ("shifted cells"). Each blank-line-separated block of tab rows is one RawTable
fragment whose rows count as a new page, so the stitcher treats it like a PDF page.
"""

from __future__ import annotations

from pathlib import Path

from extract.cleantext import clean_cell, fold_space, is_bold_markup, nfc, strip_markup
from extract.readers.docx import row_is_bold
from models.document import Document, GridRow, RawTable, SourceFormat, TextLine
from models.errors import UnreadableFile


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'plan_000.txt' (UTF-8, tab rows) into a Document."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableFile(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    if "\x00" in raw:
        raise UnreadableFile(f"{path}: binary content (NUL bytes) in a text file")
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    block: list[GridRow] = []
    block_start = -1
    page = 1
    for raw_line in nfc(raw).splitlines():
        if "\t" in raw_line:
            if not block:
                block_start = len(lines)
                page += 1 if tables else 0
            block.append(_grid_row(raw_line, page))
            lines.append(TextLine(page, "\t".join(c or "" for c in block[-1].cells)))
            continue
        if block:
            tables.append(RawTable(tuple(block), page, page, (), block_start))
            block = []
        text = fold_space(strip_markup(raw_line))
        if text:
            lines.append(TextLine(page, text))
    if block:
        tables.append(RawTable(tuple(block), page, page, (), block_start))
    fmt: SourceFormat = "md" if path.suffix.lower() == ".md" else "txt"
    return Document(doc_id, str(path), fmt, page, tuple(lines), tuple(tables))


def _grid_row(line: str, page: int) -> GridRow:
    """'1.1\\tCác giải pháp…\\t<i>Tư pháp</i>' -> GridRow of cleaned cells."""
    parts = line.split("\t")
    cells = tuple(clean_cell(p) or "" for p in parts)
    inked = [(i, is_bold_markup(p)) for i, p in enumerate(parts) if p.strip()]
    return GridRow(cells=cells, page=page, bold=row_is_bold(inked))
