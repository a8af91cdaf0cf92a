"""DOCX reader on python-docx's XML tree: paragraphs in order and the real cell grid.

python-docx's `table.rows[i].cells` repeats a merged cell's text in every slot it covers;
analysts then see section titles six times. We walk `w:tr`/`w:tc` ourselves instead:
`w:gridSpan` -> the covered slots are None, `w:vMerge` without "restart" -> None,
`w:gridBefore`/`w:gridAfter` -> None, `w:tblHeader` -> GridRow.is_header.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from extract.cleantext import fold_space, nfc
from extract.readers.page import PageGrid, PageItem, assemble_lines, row_is_bold
from models.document import Document, GridRow
from models.errors import LimitExceeded, UnreadableFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a DOCX that inflates past this is treated as a zip bomb
# What python-docx lets escape on a damaged package: missing parts, corrupt deflate streams,
# truncated members, bad relationship targets (each seen when fuzzing mutated samples).
DOCX_DAMAGE = (
    PackageNotFoundError,
    KeyError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    AttributeError,
    TypeError,
)


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'plan_000.docx' into a Document (pages counted from explicit breaks)."""
    body = _open_body(path, data)
    walker = _Walker()
    for child in _block_children(body):
        if child.tag == W + "p":
            walker.paragraph(child)
        elif child.tag == W + "tbl":
            walker.table(child)
    lines, tables = assemble_lines(sorted(walker.pages.items()))
    return Document(doc_id, str(path), "docx", walker.page, tuple(lines), tuple(tables))


def _open_body(path: Path, data: bytes) -> Any:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except DOCX_DAMAGE as e:
        raise UnreadableFile(f"{path}: not a DOCX (not a readable zip archive: {e})") from e
    if total > MAX_UNCOMPRESSED:
        raise LimitExceeded(
            f"{path}: DOCX inflates to {total} bytes (> {MAX_UNCOMPRESSED}): zip bomb?"
        )
    try:
        return docx.Document(io.BytesIO(data)).element.body
    except etree.XMLSyntaxError as e:
        raise UnreadableFile(f"{path}: broken XML in DOCX ({e})") from e
    except DOCX_DAMAGE as e:  # a corrupt member found by fuzzing mutated samples
        raise UnreadableFile(f"{path}: not a valid DOCX ({type(e).__name__}: {e})") from e


def _block_children(body: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    for child in body.iterchildren():
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _block_children(content)
        else:
            yield child


def _printed_lines(p: Any) -> list[str]:
    """A paragraph's text split at its soft line breaks (w:br), tabs as spaces, NFC, folded:
    'Số: 101 /KH-UBND<w:br/>Thanh Liệt, ngày …' is two printed lines, not 'UBNDThanh'."""
    lines, current = [], []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            current.append(node.text or "")
        elif node.tag == W + "tab":
            current.append(" ")
        else:
            lines.append("".join(current))
            current = []
    lines.append("".join(current))
    return [fold_space(nfc(line)) for line in lines]


def _text_of(element: Any) -> str:
    """All text of an element (a cell), paragraphs and line breaks joined by a space."""
    parts = [line for p in element.iter(W + "p") for line in _printed_lines(p)]
    return fold_space(" ".join(parts))


def _has_page_break(p: Any) -> bool:
    for br in p.iter(W + "br"):
        if br.get(W + "type") == "page":
            return True
    return p.find(W + "pPr/" + W + "sectPr") is not None


class _Walker:
    """Collects each page's items (extract/readers/page.py) while walking the body; tracks
    the page number from explicit page and section breaks."""

    def __init__(self) -> None:
        self.pages: dict[int, list[PageItem]] = {}
        self.page = 1

    def paragraph(self, p: Any) -> None:
        for text in _printed_lines(p):
            if text:
                self.pages.setdefault(self.page, []).append(text)
        if _has_page_break(p):
            self.page += 1

    def table(self, tbl: Any) -> None:
        ncols = len(tbl.findall(W + "tblGrid/" + W + "gridCol")) or None
        rows = [_grid_row(tr, self.page, ncols) for tr in tbl.iter(W + "tr")]
        if rows:
            grid = PageGrid(top=0.0, rows=tuple(rows), col_edges=_col_edges(tbl))
            self.pages.setdefault(self.page, []).append(grid)


def _grid_row(tr: Any, page: int, ncols: int | None) -> GridRow:
    cells: list[str | None] = []
    bold_flags: list[tuple[int, bool]] = []
    trpr = tr.find(W + "trPr")
    before = _int_val(trpr, "gridBefore") if trpr is not None else 0
    cells.extend([None] * before)
    for column, tc in enumerate(tr.findall(W + "tc")):
        tcpr = tc.find(W + "tcPr")
        span = _int_val(tcpr, "gridSpan", default=1) if tcpr is not None else 1
        vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
        continued = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
        text = _text_of(tc)
        cells.append(None if continued else text)
        cells.extend([None] * (span - 1))
        if text and not continued:
            bold_flags.append((column, _all_bold(tc)))
    if ncols is not None and len(cells) < ncols:
        cells.extend([None] * (ncols - len(cells)))
    is_header = trpr is not None and trpr.find(W + "tblHeader") is not None
    return GridRow(tuple(cells), page, is_header=is_header, bold=row_is_bold(bold_flags))


def _int_val(parent: Any, name: str, default: int = 0) -> int:
    el = parent.find(W + name)
    if el is None:
        return default
    try:
        return max(int(el.get(W + "val", default)), 0)
    except ValueError:
        return default


def _all_bold(tc: Any) -> bool:
    runs = [r for r in tc.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(W + "rPr/" + W + "b")
        if b is None or b.get(W + "val") in ("0", "false"):
            return False
    return True


def _col_edges(tbl: Any) -> tuple[float, ...]:
    widths = []
    for col in tbl.findall(W + "tblGrid/" + W + "gridCol"):
        try:
            widths.append(float(col.get(W + "w", "0")))
        except ValueError:
            widths.append(0.0)
    total = sum(widths)
    if total <= 0:
        return ()
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w / total)
    return tuple(round(e, 4) for e in edges)
