"""Scanned plans -> Document: OCR (Tesseract `vie`) of images and of PDF pages with no text.

The Document keeps the typed-PDF reader's contract (extract/readers/pdf.py), so the same
stitching and row rules apply: one RawTable per page fragment; cells NFC, whitespace
folded, None where a merged cell covers the slot, "" when empty; body lines one per printed
line in reading order, each fragment's rows inserted at its top as tab-joined lines with
`RawTable.line_index` pointing at the first. Scans add `GridRow.confidence` (the mean
Tesseract confidence of the row's inked cells, 0-100) and `Document.ocr = True`.

    read_image(path, data, doc_id)           .png .jpg .jpeg .tif .tiff .heic .heif ("image")
    ocr_pdf_pages(path, data, doc_id, pages) the listed 1-based PDF pages (all when None)
    ocr_pdf_page_items(path, data, pages)    their page items, for the PDF reader to put in
                                             place of its scanned pages (extract/readers/page.py)
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from extract.readers.ocr.engine import tesseract_path
from extract.readers.ocr.image import PageImage, decode_image
from extract.readers.ocr.page import OcrPage, log_page, ocr_page
from extract.readers.ocr.pdf import open_pdf, page_images
from extract.readers.ocr.tables import repair_tables
from extract.readers.page import PageItem, assemble_lines
from models.document import Document, SourceFormat

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".heif")

__all__ = ["IMAGE_SUFFIXES", "ocr_pdf_page_items", "ocr_pdf_pages", "read_image"]


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
    """OCR pages here (workers=1) or in a pool of processes, results in page order, a log
    line per page (progress on long scans).

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


def ocr_pdf_page_items(
    path: Path, data: bytes, pages: Sequence[int], *, workers: int = 1
) -> tuple[dict[int, list[PageItem]], list[str], list[str]]:
    """The page items of the given 1-based PDF pages, read by OCR, the OCR notes and what it
    could not read well: what the PDF reader puts in place of its scanned pages before laying
    the pages out."""
    doc = open_pdf(path, data)
    try:
        tesseract_path()
        done = _run(page_images(path, doc, pages), workers, path, len(set(pages)))
    finally:
        doc.close()
    _log_confidence(path, done)
    notes = [w for page in done for w in page.warnings]
    return dict(repair_tables(done)), notes, [w for page in done for w in page.losses]


def _document(
    path: Path, doc_id: str, source_format: SourceFormat, page_count: int, pages: list[OcrPage]
) -> Document:
    lines, tables = assemble_lines(repair_tables(pages))
    _log_confidence(path, pages)
    return Document(
        doc_id=doc_id,
        source_path=str(path),
        source_format=source_format,
        page_count=page_count,
        lines=tuple(lines),
        tables=tuple(tables),
        ocr=True,
        warnings=tuple(w for page in pages for w in page.warnings),
        losses=tuple(w for page in pages for w in page.losses),
        printed_lines=True,
    )


def _log_confidence(path: Path, pages: list[OcrPage]) -> None:
    for page in pages:
        logger.debug("%s page %d: mean OCR confidence %s", path, page.page, page.confidence)
