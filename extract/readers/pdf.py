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
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extract.hyphens import resolve_document
from extract.readers.page import MAX_PAGES, PageContent, PageItems, assemble_lines, page_text
from extract.readers.pdf_fonts import is_mojibake, legacy_font_warnings
from extract.readers.pdf_page import read_page
from extract.readers.pdf_repair import mupdf_page_count, repaired_bytes
from extract.readers.pdf_text_table import TextLayout
from models.document import Document
from models.errors import LimitExceeded, NoTextLayer, UnreadableFile

logger = logging.getLogger(__name__)

# A PDF starts with "%PDF-" (some producers put junk before it, within the first 1 KB)
# and ends with "%%EOF" (possibly followed by a newline or padding).
HEADER_WINDOW = 1024
TRAILER_WINDOW = 2048

PdfErrors = (PdfminerException, MalformedPDFException)


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read a PDF: typed pages through pdfplumber; scanned pages (no text, an image) and pages
    in legacy TCVN3/VNI fonts (mojibake text) through Tesseract OCR, page by page."""
    contents, warnings = _read_pages(path, data)
    pages: list[PageItems] = [(n, c.items) for n, c in enumerate(contents, start=1)]
    if not _has_eof(data):
        warnings.append("no %%EOF marker at the end, may be truncated")
    for number, content in enumerate(contents, start=1):
        warnings.extend(_page_warnings(number, content))
    scanned = [n for n, c in enumerate(contents, start=1) if _needs_ocr(n, c)]
    ocr, losses = False, list[str]()
    if scanned:
        pages, warnings, ocr, losses = _with_ocr(path, data, pages, warnings, scanned)
    lines, tables = resolve_document(*assemble_lines(pages))
    return Document(
        doc_id=doc_id,
        source_path=str(path),
        source_format="pdf",
        page_count=len(contents),
        lines=tuple(lines),
        tables=tuple(tables),
        ocr=ocr,
        warnings=tuple(warnings),
        losses=tuple(losses),
        printed_lines=True,
    )


def _needs_ocr(number: int, content: PageContent) -> bool:
    """No text but an image (a scan), or text in a legacy 8-bit font or reading as mojibake."""
    return (
        (content.ink_chars == 0 and content.image_count > 0)
        or bool(legacy_font_warnings(number, content.fontnames))
        or is_mojibake(page_text(content.items))
    )


def _with_ocr(
    path: Path, data: bytes, pages: list[PageItems], warnings: list[str], scanned: list[int]
) -> tuple[list[PageItems], list[str], bool, list[str]]:
    """The pages with the scanned ones' items replaced by OCR (and True), and what OCR could
    not read well (losses); without Tesseract a scan-only file fails and a file with typed
    pages keeps them, the untouched pages a loss (and False)."""
    from extract.readers.ocr import ocr_pdf_page_items

    try:
        ocr_items, ocr_notes, ocr_losses = ocr_pdf_page_items(path, data, scanned)
    except NoTextLayer as e:
        if len(scanned) == len(pages):
            raise
        listed = ", ".join(map(str, scanned))
        return pages, warnings, False, [f"pages {listed} not OCR'd: {e}"]
    replaced = [(n, ocr_items.get(n, ())) if n in scanned else (n, items) for n, items in pages]
    kept = [w for w in warnings if not _about_pages(w, set(scanned))]
    return replaced, [*kept, *ocr_notes], True, ocr_losses


def _about_pages(warning: str, pages: set[int]) -> bool:
    """'page 3: no text layer (1 image(s), needs OCR)' is moot once page 3 is OCR'd."""
    head, _, rest = warning.partition(":")
    number = head.removeprefix("page ").strip()
    return number.isdigit() and int(number) in pages and "no text layer" in rest


def _read_pages(path: Path, data: bytes) -> tuple[list[PageContent], list[str]]:
    """The pages' text layer, and a warning when the file had to be repaired first: a
    damaged xref table that MuPDF can rebuild (pdfminer fails on it, or loses pages)."""
    _check_signature(path, data)
    try:
        contents = _read_layer(path, data)
    except UnreadableFile:
        fixed = repaired_bytes(path, data)
        if fixed is None:
            raise
        return _read_layer(path, fixed), [REPAIRED]
    found = mupdf_page_count(data)
    if found is not None and found > len(contents) and (fixed := repaired_bytes(path, data)):
        return _read_layer(path, fixed), [REPAIRED]
    return contents, []


REPAIRED = "damaged cross-reference table: the PDF was repaired (MuPDF) before reading"


def _read_layer(path: Path, data: bytes) -> list[PageContent]:
    with _open_pdf(path, data) as pdf:
        _check_page_count(pdf, path)
        contents: list[PageContent] = []
        layout: TextLayout | None = None  # a table without rules left open by the last page
        for page in _pages(pdf, path):
            content, layout = _read_one(page, path, layout)
            contents.append(content)
        return contents


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
    except TypeError as e:  # pdfplumber building a page without a MediaBox (a fuzzed file)
        raise UnreadableFile(f"{path}: damaged page tree, a page has no MediaBox ({e})") from e
    if len(pages) > MAX_PAGES:
        raise LimitExceeded(f"{path}: {len(pages)} pages, more than the limit of {MAX_PAGES}")
    yield from pages


def _read_one(
    page: Page, path: Path, layout: TextLayout | None
) -> tuple[PageContent, TextLayout | None]:
    try:
        return read_page(page, layout)
    except PdfErrors as e:
        raise UnreadableFile(f"{path}: page {page.page_number}: damaged content ({e})") from e
    finally:
        page.close()  # drop the page's parsed objects; a 2,000-page file stays small


def _page_warnings(number: int, content: PageContent) -> list[str]:
    warnings = legacy_font_warnings(number, content.fontnames)
    if content.ink_chars == 0:
        images = content.image_count
        what = "blank page" if images == 0 else f"{images} image(s), needs OCR"
        warnings.append(f"page {number}: no text layer ({what})")
    return warnings
