"""One page image -> body lines and table grids in reading order, like `pdf_page.read_page`.

Steps: deskew and clean; find the ruled grids; erase the rules; OCR the body (the page
with the grids blanked) as one uniform block, so a printed line stays one line even across
a two-column letterhead; OCR every inked cell on its own, all cells of the page in one
Tesseract run, at CELL_DPI. Measured on the 34 table pages of plan_001 and plan_004 (1,130
inked cells): equal to the typed PDF's 95.9 % at 200 dpi, 97.1 % at 250, 96.6 % at 300;
300 dpi with short or doubtful cells read again at 200 dpi (the surer reading kept):
98.6 %, the second pass touching 5-50 % of the cells, small ones.
A page whose words are mostly unreadable is turned by Tesseract's OSD and read again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extract.readers.ocr.cells import Sheet, read_cells
from extract.readers.ocr.checks import looks_ruled, page_warnings
from extract.readers.ocr.diacritics import correct_lines, corrections
from extract.readers.ocr.engine import Word, osd_rotation
from extract.readers.ocr.grid import Grid, find_grids, find_rules
from extract.readers.ocr.image import Gray, PageImage, as_gray, deskew, ink_mask
from extract.readers.ocr.pairs import correct_pairs
from extract.readers.ocr.restore import restore_page
from extract.readers.ocr.seal import Seal, fade_seals, seal_warnings
from extract.readers.ocr.words import body_lines, mean_confidence, recount_bars
from extract.readers.page import PageGrid, PageItem

logger = logging.getLogger(__name__)

PSM_BLOCK = 6  # Tesseract page segmentation: one uniform block of text
LOW_CONFIDENCE = 50.0  # mean word confidence under which a page is tried turned
MIN_WORDS_FOR_OSD = 8
TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What one OCR'd page yields: items in reading order, confidence and notes."""

    page: int
    items: tuple[PageItem, ...]
    confidence: float | None  # mean word confidence of the page (0-100)
    warnings: tuple[str, ...] = ()  # notes: "page 3: turned 90° clockwise (OSD) before OCR"
    corrections: tuple[str, ...] = ()  # "page 3: 'kiếm' -> 'kiểm'" (ocr_diacritics)
    # what could not be read well: no grid on a ruled page, rows under the confidence floor, a
    # photo whose outline was not found (Document.losses: the document is partial)
    losses: tuple[str, ...] = ()
    # Every reading of a doubtful STT cell, surest first: (item index, row index, texts)
    stt_readings: tuple[tuple[int, int, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A levelled page: clean gray (ink only, rules erased), its text ink, its grids."""

    page: PageImage
    clean: Gray
    text_ink: Gray
    grids: tuple[Grid, ...]
    ruled: bool = False  # long table rules drawn on the page (ocr_checks.looks_ruled)
    seals: tuple[Seal, ...] = ()  # round seals found on the grey page (ocr_seal)


def ocr_page(image: PageImage) -> OcrPage:
    """OCR a page image: plan_001.scan.pdf p.7 -> a 6-column grid with rows '1', '1.1', …."""
    image, notes = restore_page(image)  # photo squared, light flattened, fax cleaned
    result = _with_notes(_read(image), notes)
    if _looks_unreadable(result):
        turn = osd_rotation(image.gray, image.dpi)
        if turn:
            turned = PageImage(image.page, as_gray(cv2.rotate(image.gray, TURNS[turn])), image.dpi)
            again = _read(turned)
            if (again.confidence or 0.0) > (result.confidence or 0.0):
                note = f"page {image.page}: turned {turn}° clockwise (OSD) before OCR"
                return replace(
                    again, warnings=(note, *again.warnings), losses=(*notes, *again.losses)
                )
    return result


def _with_notes(result: OcrPage, notes: tuple[str, ...]) -> OcrPage:
    """Notes of the restore step ('photo: page outline not found') are losses of the page."""
    return replace(result, losses=(*notes, *result.losses)) if notes else result


def _looks_unreadable(result: OcrPage) -> bool:
    words = sum(len(i.split()) if isinstance(i, str) else 0 for i in result.items)
    words += sum(len(r.cells) for i in result.items if isinstance(i, PageGrid) for r in i.rows)
    return words >= MIN_WORDS_FOR_OSD and (result.confidence or 0.0) < LOW_CONFIDENCE


def _read(image: PageImage) -> OcrPage:
    prepared = _prepare(image)
    body = _body(prepared)
    sheet = Sheet(image.page, prepared.page.dpi, prepared.clean, prepared.text_ink, prepared.grids)
    cells = read_cells(sheet, body)  # the body read in the same Tesseract run as the cells
    body_words = [] if body is None else _corrected_body(cells.body_words, body)
    lines = body_lines(body_words)
    placed: list[tuple[float, PageItem]] = [*lines, *((g.top, g) for g in cells.grids)]
    placed.sort(key=lambda item: item[0])  # stable: ties keep body lines first
    items = tuple(item for _, item in placed)
    confidence = mean_confidence([*body_words, *cells.words])
    changed = tuple(corrections(image.page, [*body_words, *cells.words]))
    notes = (
        *page_warnings(image.page, prepared.ruled, cells.grids),
        *seal_warnings(image.page, prepared.grids, prepared.seals),
    )
    where = {id(grid): index for index, grid in enumerate(items)}
    readings = tuple(
        (where[id(cells.grids[g])], r, texts) for (g, r), texts in cells.stt_readings.items()
    )
    return OcrPage(
        image.page, items, confidence, corrections=changed, stt_readings=readings, losses=notes
    )


def _prepare(image: PageImage) -> _Prepared:
    page, ink, _ = deskew(image)
    gray, seals = fade_seals(page.gray, page.dpi)
    if any(seal.faded for seal in seals):  # seal ink out of the cells (grey scans)
        page, ink = PageImage(page.page, gray, page.dpi), ink_mask(gray, page.dpi)
    rules = find_rules(ink, page.dpi)
    grids = find_grids(rules, page.dpi)
    ruled = cv2.dilate(rules.horizontal | rules.vertical, np.ones((5, 5), np.uint8))
    text_ink = np.where(ruled > 0, 0, ink).astype(np.uint8)
    # Keep the scan's gray levels on and just around the ink (anti-aliased edges carry the
    # diacritics), white elsewhere: no speckles, no rules, no paper texture.
    near_ink = cv2.dilate(text_ink, np.ones((3, 3), np.uint8))
    clean = np.where(near_ink > 0, page.gray, 255).astype(np.uint8)
    return _Prepared(page, clean, text_ink, tuple(grids), looks_ruled(rules), seals)


def _body(prepared: _Prepared) -> Gray | None:
    """The page with its grids blanked (read as one uniform block), None when no ink is left."""
    body = prepared.clean.copy()
    for grid in prepared.grids:
        x0, y0, x1, y1 = grid.bbox
        body[max(0, y0 - 4) : y1 + 5, max(0, x0 - 4) : x1 + 5] = 255
    return body if (body < 128).any() else None


def _corrected_body(read: list[Word], body: Gray) -> list[Word]:
    return correct_pairs(correct_lines(recount_bars(read, body)))


def log_page(path: object, page: OcrPage, count: int) -> OcrPage:
    """Progress, a log line per page: 'plan.scan.pdf: OCR page 3/6, confidence 91, …'."""
    confidence = "none" if page.confidence is None else f"{page.confidence:.0f}"
    logger.info(
        "%s: OCR page %d/%d, confidence %s, %d warning(s), %d diacritic correction(s)",
        path,
        page.page,
        count,
        confidence,
        len(page.warnings) + len(page.losses),
        len(page.corrections),
    )
    for change in page.corrections:
        logger.debug("%s: %s", path, change)
    return page
