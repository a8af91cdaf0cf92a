"""Typed PDF -> Document: body text lines and per-page ruled table grids (pdfplumber).

Contract shared with the DOCX and text readers: every string NFC with whitespace folded;
one RawTable per page fragment in page order (no stitching, repeated headers kept);
`None` for a slot covered by a merged cell, "" for an empty cell. Lines are the page's
printed lines top to bottom; where a table fragment stands (by its top edge) one line per
table row is inserted, cells joined by tabs, and `RawTable.line_index` points at the first.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extract.readers.pdf_fonts import is_mojibake, legacy_font_warnings
from extract.readers.pdf_page import PageContent, PageGrid, read_page
from extract.readers.pdf_repair import mupdf_page_count, repaired_bytes
from models.document import Document, RawTable, TextLine
from models.errors import LimitExceeded, NoTextLayer, UnreadableFile

logger = logging.getLogger(__name__)

MAX_PAGES = 2_000
# A PDF starts with "%PDF-" (some producers put junk before it, within the first 1 KB)
# and ends with "%%EOF" (possibly followed by a newline or padding).
HEADER_WINDOW = 1024
TRAILER_WINDOW = 2048

PdfErrors = (PdfminerException, MalformedPDFException)


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read a PDF: typed pages through pdfplumber; scanned pages (no text, an image) and pages
    in legacy TCVN3/VNI fonts (mojibake text) through Tesseract OCR."""
    doc, pages = _read_typed(path, data, doc_id)
    text_of = _page_texts(doc)
    needs_ocr = [
        number
        for number, content in enumerate(pages, start=1)
        if (content.ink_chars == 0 and content.image_count > 0)
        or legacy_font_warnings(number, content.fontnames)
        or is_mojibake(text_of.get(number, ""))
    ]
    return _with_ocr(path, data, doc, needs_ocr) if needs_ocr else doc


def _page_texts(doc: Document) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for line in doc.lines:
        texts.setdefault(line.page, []).append(line.text)
    return {page: "\n".join(lines) for page, lines in texts.items()}


def read_typed(path: Path, data: bytes, doc_id: str) -> Document:
    """The text layer only, e.g. plan_000.pdf -> 'Số: 57/KH-UBND' ... and 15 table fragments."""
    return _read_typed(path, data, doc_id)[0]


def _with_ocr(path: Path, data: bytes, doc: Document, pages: list[int]) -> Document:
    """OCR the given pages into the document; without Tesseract a scan-only file fails and
    a file with typed pages keeps them, with a warning."""
    from extract.readers.ocr import merge_pages, ocr_pdf_pages

    try:
        return merge_pages(doc, ocr_pdf_pages(path, data, doc.doc_id, pages), pages=pages)
    except NoTextLayer as e:
        if len(pages) == doc.page_count:
            raise
        listed = ", ".join(map(str, pages))
        return replace(doc, warnings=(*doc.warnings, f"pages {listed} not OCR'd: {e}"))


def _read_typed(path: Path, data: bytes, doc_id: str) -> tuple[Document, list[PageContent]]:
    """The text layer; a damaged xref table that MuPDF can repair is repaired first
    (pdfminer fails on it, or silently loses pages)."""
    _check_signature(path, data)
    try:
        doc, pages = _read_layer(path, data, doc_id)
    except UnreadableFile:
        fixed = repaired_bytes(path, data)
        if fixed is None:
            raise
        return _after_repair(path, fixed, doc_id)
    found = mupdf_page_count(data)
    if found is not None and found > len(pages) and (fixed := repaired_bytes(path, data)):
        return _after_repair(path, fixed, doc_id)
    return doc, pages


def _after_repair(path: Path, fixed: bytes, doc_id: str) -> tuple[Document, list[PageContent]]:
    doc, pages = _read_layer(path, fixed, doc_id)
    note = "damaged cross-reference table: the PDF was repaired (MuPDF) before reading"
    return replace(doc, warnings=(note, *doc.warnings)), pages


def _read_layer(path: Path, data: bytes, doc_id: str) -> tuple[Document, list[PageContent]]:
    with _open_pdf(path, data) as pdf:
        _check_page_count(pdf, path)
        pages = [_read_one(page, path) for page in _pages(pdf, path)]
    warnings = [] if _has_eof(data) else ["no %%EOF marker at the end, may be truncated"]
    lines, tables = _assemble(pages)
    for number, content in enumerate(pages, start=1):
        warnings.extend(_page_warnings(number, content))
    doc = Document(
        doc_id=doc_id,
        source_path=str(path),
        source_format="pdf",
        page_count=len(pages),
        lines=tuple(lines),
        tables=tuple(tables),
        warnings=tuple(warnings),
    )
    return doc, pages


def _check_signature(path: Path, data: bytes) -> None:
    if not data:
        raise UnreadableFile(f"{path}: empty file (0 bytes)")
    if data.find(b"%PDF-", 0, HEADER_WINDOW) < 0:
        raise UnreadableFile(f"{path}: not a PDF (no %PDF- header)")


def _has_eof(data: bytes) -> bool:
    return b"%%EOF" in data[-TRAILER_WINDOW:]


@contextmanager
def _open_pdf(path: Path, data: bytes) -> Iterator[PDF]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfErrors as e:
        raise UnreadableFile(f"{path}: {_reason(data, e)}") from e
    # No pdf.close(): it would build every Page object, even after LimitExceeded; the
    # BytesIO is ours, and each page's cache is flushed as soon as it has been read.
    yield pdf


def _reason(data: bytes, error: Exception) -> str:
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    detail = str(cause) or type(cause).__name__
    if isinstance(cause, PDFPasswordIncorrect):
        return "encrypted PDF, a password is needed to open it"
    if isinstance(cause, PDFEncryptionError):
        return f"encrypted PDF ({detail})"
    if not _has_eof(data):
        return f"truncated PDF, no %%EOF marker at the end ({detail})"
    return f"damaged PDF ({detail})"


def _check_page_count(pdf: PDF, path: Path) -> None:
    # Read the page tree's /Count before building any page, so a 'bomb' fails fast.
    try:
        declared = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(declared.get("Count")) if isinstance(declared, dict) else None
    except PSException:  # a broken page tree; _pages() reports it, or counts the pages
        return
    if isinstance(count, int) and count > MAX_PAGES:
        raise LimitExceeded(f"{path}: {count} pages, more than the limit of {MAX_PAGES}")


def _pages(pdf: PDF, path: Path) -> Iterator[Page]:
    try:
        pages = pdf.pages
    except PdfErrors as e:
        raise UnreadableFile(f"{path}: damaged page tree ({e})") from e
    if len(pages) > MAX_PAGES:
        raise LimitExceeded(f"{path}: {len(pages)} pages, more than the limit of {MAX_PAGES}")
    yield from pages


def _read_one(page: Page, path: Path) -> PageContent:
    try:
        return read_page(page)
    except PdfErrors as e:
        raise UnreadableFile(f"{path}: page {page.page_number}: damaged content ({e})") from e
    finally:
        page.close()  # drop the page's parsed objects; a 2,000-page file stays small


def _assemble(pages: list[PageContent]) -> tuple[list[TextLine], list[RawTable]]:
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    for number, content in enumerate(pages, start=1):
        for item in content.items:
            if isinstance(item, PageGrid):
                tables.append(_raw_table(item, number, len(lines)))
                lines.extend(TextLine(number, _row_line(row.cells)) for row in item.rows)
            else:
                lines.append(TextLine(number, item))
    return lines, tables


def _raw_table(grid: PageGrid, page: int, line_index: int) -> RawTable:
    return RawTable(
        rows=grid.rows,
        page_first=page,
        page_last=page,
        col_edges=grid.col_edges,
        line_index=line_index,
    )


def _row_line(cells: tuple[str | None, ...]) -> str:
    return "\t".join(cell or "" for cell in cells)


def _page_warnings(number: int, content: PageContent) -> list[str]:
    warnings = legacy_font_warnings(number, content.fontnames)
    if content.ink_chars == 0:
        images = content.image_count
        what = "blank page" if images == 0 else f"{images} image(s), needs OCR"
        warnings.append(f"page {number}: no text layer ({what})")
    return warnings
