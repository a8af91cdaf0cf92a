"""Scanned plans -> Document: OCR (Tesseract `vie`) of images and of PDF pages with no text.

The Document keeps the typed-PDF reader's contract (extract/readers/pdf.py), so the same
stitching and row rules apply: one RawTable per page fragment; cells NFC, whitespace
folded, None where a merged cell covers the slot, "" when empty; body lines one per printed
line in reading order, each fragment's rows inserted at its top as tab-joined lines with
`RawTable.line_index` pointing at the first. Scans add `GridRow.confidence` (the mean
Tesseract confidence of the row's inked cells, 0-100) and `Document.ocr = True`.

    read_image(path, data, doc_id)             .png .jpg .jpeg .tif .tiff (source_format "image")
    ocr_pdf_pages(path, data, doc_id, pages)   the listed 1-based PDF pages (all when None)
    merge_pages(typed, scanned)                the OCR'd pages put into the typed PDF's Document
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from extract.readers.ocr_engine import tesseract_path
from extract.readers.ocr_image import PageImage, decode_image
from extract.readers.ocr_page import OcrPage, log_page, ocr_page
from extract.readers.ocr_pdf import open_pdf, page_images, pages_needing_ocr
from extract.readers.ocr_tables import repair_tables
from extract.readers.pdf_page import PageGrid, PageItem
from models.document import Document, GridRow, RawTable, SourceFormat, TextLine

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

__all__ = [
    "IMAGE_SUFFIXES",
    "merge_pages",
    "ocr_pdf_pages",
    "pages_needing_ocr",
    "read_image",
]


def read_image(path: Path, data: bytes, doc_id: str, *, workers: int = 1) -> Document:
    """Read a scanned page image, e.g. a PNG of plan_004 p.8 -> its 7-column grid and lines."""
    images = decode_image(path, data)  # a bad file is UnreadableFile, OCR or not
    tesseract_path()  # NoTextLayer saying what to install
    pages = _run(iter(images), workers, path, len(images))
    return _document(path, doc_id, "image", len(images), pages)


def ocr_pdf_pages(
    path: Path,
    data: bytes,
    doc_id: str,
    pages: Sequence[int] | None = None,
    *,
    workers: int = 1,
) -> Document:
    """OCR the given 1-based pages of a PDF (all when None): plan_001.scan.pdf -> 28 pages."""
    doc = open_pdf(path, data)
    try:
        tesseract_path()
        page_count = doc.page_count
        count = len(set(pages)) if pages is not None else page_count
        done = _run(page_images(path, doc, pages), workers, path, count)  # page by page
    finally:
        doc.close()
    return _document(path, doc_id, "pdf", page_count, done)


def _run(images: Iterator[PageImage], workers: int, path: Path, count: int) -> list[OcrPage]:
    """OCR pages here (workers=1) or in a pool of processes, results in page order.

    Pages are decoded as they are needed, and at most 2 x workers wait in the pool, so a
    long scan never holds all its page images at once."""
    if workers <= 1:
        return [log_page(path, ocr_page(image), count) for image in images]
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    done: list[OcrPage] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        waiting: deque[Future[OcrPage]] = deque()
        for image in images:
            waiting.append(pool.submit(ocr_page, image))
            if len(waiting) >= 2 * workers:
                done.append(log_page(path, waiting.popleft().result(), count))
        done.extend(log_page(path, future.result(), count) for future in waiting)
    return done


def _document(
    path: Path, doc_id: str, source_format: SourceFormat, page_count: int, pages: list[OcrPage]
) -> Document:
    items = repair_tables(pages)
    lines, tables = _assemble(items)
    warnings = [w for page in pages for w in page.warnings]
    for page in pages:
        logger.debug("%s page %d: mean OCR confidence %s", path, page.page, page.confidence)
    return Document(
        doc_id=doc_id,
        source_path=str(path),
        source_format=source_format,
        page_count=page_count,
        lines=tuple(lines),
        tables=tuple(tables),
        ocr=True,
        warnings=tuple(warnings),
    )


def _assemble(pages: list[tuple[int, list[PageItem]]]) -> tuple[list[TextLine], list[RawTable]]:
    # Same layout as pdf._assemble: a fragment's rows become tab-joined lines at its place.
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    for number, items in pages:
        for item in items:
            if isinstance(item, PageGrid):
                tables.append(RawTable(item.rows, number, number, item.col_edges, len(lines)))
                lines.extend(TextLine(number, _row_line(row)) for row in item.rows)
            else:
                lines.append(TextLine(number, item))
    return lines, tables


def _row_line(row: GridRow) -> str:
    return "\t".join(cell or "" for cell in row.cells)


# A page's content rebuilt from a Document: body line texts and table fragments in order.
DocItem = str | RawTable


def merge_pages(typed: Document, scanned: Document, pages: Iterable[int] | None = None) -> Document:
    """The typed PDF's Document with the OCR'd pages (all of `scanned`'s by default) in place."""
    by_page = _items_by_page(typed)
    ocr_items = _items_by_page(scanned)
    replaced = set(pages) if pages is not None else set(ocr_items)
    for number in replaced:
        by_page[number] = ocr_items.get(number, [])
    lines: list[TextLine] = []
    tables: list[RawTable] = []
    for number in sorted(by_page):
        for item in by_page[number]:
            if isinstance(item, RawTable):
                tables.append(replace(item, line_index=len(lines)))
                lines.extend(TextLine(number, _row_line(row)) for row in item.rows)
            else:
                lines.append(TextLine(number, item))
    kept = [w for w in typed.warnings if not _about_pages(w, replaced)]
    return replace(
        typed,
        lines=tuple(lines),
        tables=tuple(tables),
        ocr=typed.ocr or bool(replaced),
        warnings=(*kept, *scanned.warnings),
    )


def _items_by_page(doc: Document) -> dict[int, list[DocItem]]:
    starts = {table.line_index: table for table in doc.tables if table.line_index >= 0}
    by_page: dict[int, list[DocItem]] = {}
    index = 0
    while index < len(doc.lines):
        line = doc.lines[index]
        table = starts.get(index)
        if table is not None:
            by_page.setdefault(table.page_first, []).append(table)
            index += max(1, len(table.rows))
        else:
            by_page.setdefault(line.page, []).append(line.text)
            index += 1
    placed = {id(t) for t in starts.values()}
    for table in doc.tables:  # a fragment with no place in the lines goes last on its page
        if id(table) not in placed:
            by_page.setdefault(table.page_first, []).append(table)
    return by_page


def _about_pages(warning: str, pages: set[int]) -> bool:
    """'page 3: no text layer (1 image(s), needs OCR)' is moot once page 3 is OCR'd."""
    head, _, rest = warning.partition(":")
    number = head.removeprefix("page ").strip()
    return number.isdigit() and int(number) in pages and "no text layer" in rest
