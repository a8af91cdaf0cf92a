"""Table cells OCR'd one by one, each at the scale and reading Tesseract is surest of.

Every inked cell is cropped tight, enlarged so its text reaches TARGET_X_HEIGHT and read
as a block; all cells of a page go to Tesseract in one batch (ocr_engine). The enlargement
comes from the page's measured x-height, not its resolution tag: a 150-dpi scan, a photo
squared at whatever resolution it was shot, a table in 10 pt all reach the same letter
size. Measured on the 34 table pages of plan_001 and plan_004 (1,130 inked cells), equal
to the typed PDF: 95.9 % read at 17 px x-height (200 dpi), 97.1 % at 22 (250 dpi), 96.6 %
at 26 (300 dpi); at 26 px with short or doubtful cells read again at the scan's own
resolution, the surer reading kept: 98.6 %, the second pass touching 5-50 % of the cells.

Only cells under the confidence floor are read again (speed): at the scan's resolution,
and first-column cells that break the page's numbering (no code, or a code that does not
follow the one above) once more, as a single word: a reading offered to the table's
numbering (ocr_tables), never taken for the cell's text on confidence alone. Every reading of a
first-column cell is kept, so the table's numbering can choose among them
(ocr_tables: a code that breaks the sequence is replaced by a reading that fits).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.readers.ocr.diacritics import correct_lines
from extract.readers.ocr.engine import Word, ocr_batch
from extract.readers.ocr.grid import Box, Grid
from extract.readers.ocr.image import Gray, as_gray
from extract.readers.ocr.pairs import correct_pairs
from extract.readers.ocr.repair import follows, is_stt_header, stt_code
from extract.readers.ocr.words import cell_text, mean_confidence, recount_bars, small_capitals
from extract.readers.page import PageGrid
from extract.tables.patterns import STT_ROMAN_RE
from models.document import Cell, GridRow

PSM_BLOCK = 6  # Tesseract page segmentation: one uniform block of text
CELL_PAD = 0.05  # inches of white around a cell's text (at the page's resolution)
MIN_INK = 12  # pixels at 200 dpi: less ink than this in a cell is dirt, not text
RETRY_BELOW = 80.0  # a cell read with less mean confidence is read again
SHORT_CELL = 5  # characters: a cell this short ("1.2", "5.75") is read again too
# x-height in pixels Tesseract reads best: the 26 px of 12-13 pt text at 300 dpi (above),
# plus one for the blur of a photo, which measures its letters 1-2 px taller (plan_004
# photos: 18-19 px where the scan has 17; at 26 they were read at 1.25 and lost 3 % of
# their cells to hook/acute misreadings, at 27 they are read at 1.5 like the scan).
TARGET_X_HEIGHT = 27.0
MAX_SCALE = 3.0
# Scales are taken in steps: a page measured 18 px and one measured 17 px read alike (a
# scale of 1.44 instead of 1.5 turned plan_001 p.7's '(4)' into '(4' and lost a score
# column's header: Tesseract's reading of a cell is not smooth in the scale).
SCALE_STEP = 0.25
X_HEIGHT_PERCENTILE = 30  # of glyph heights: lower-case letters without ascenders
GLYPH_INCHES = (0.03, 0.25)  # heights of what counts as a glyph (no specks, no rules)
STT_LONGEST = 12  # characters: a longer first-column text is a title, not a code
# A crop at most this many x-heights high and wide holds one line of a few characters:
# read at the scan's resolution in the first run already (cell texts of SHORT_CELL
# characters or fewer: '1.2.3', '(5)', '2024' are read again there whatever their confidence).
SHORT_LINES = 2.5
SHORT_WIDTH = 7.0
PSM_WORD = 8  # a single word: how a doubtful STT cell ("5.1.") is read the third time

CellKey = tuple[int, int, int]  # (grid, row, column)


@dataclass(frozen=True, slots=True)
class Sheet:
    """What the cells are read from: the clean page, its text ink, its grids."""

    page: int
    dpi: float
    clean: Gray
    text_ink: Gray
    grids: tuple[Grid, ...]


@dataclass(frozen=True, slots=True)
class ReadCells:
    """The page's grids with their text, all words kept, and every reading of STT cells."""

    grids: list[PageGrid]
    words: list[Word]
    stt_readings: dict[tuple[int, int], tuple[str, ...]]  # (grid, row) -> texts, surest first
    body_words: list[Word]  # the page body's words as Tesseract read them (not corrected)


def x_height(text_ink: Gray, grids: tuple[Grid, ...], dpi: float) -> float | None:
    """The x-height of the text in the grids, in pixels (None: no text to measure)."""
    heights: list[np.ndarray] = []
    for grid in grids:
        x0, y0, x1, y1 = grid.bbox
        _, _, stats, _ = cv2.connectedComponentsWithStats(text_ink[y0:y1, x0:x1], connectivity=8)
        h = stats[1:, cv2.CC_STAT_HEIGHT]
        heights.append(h[(h >= GLYPH_INCHES[0] * dpi) & (h <= GLYPH_INCHES[1] * dpi)])
    found = np.concatenate(heights) if heights else np.zeros(0)
    return float(np.percentile(found, X_HEIGHT_PERCENTILE)) if found.size >= 20 else None


def cell_scale(sheet: Sheet) -> float:
    """How much cells are enlarged: to TARGET_X_HEIGHT, never shrunk, at most MAX_SCALE."""
    return _scale(x_height(sheet.text_ink, sheet.grids, sheet.dpi), sheet.dpi)


def _scale(measured: float | None, dpi: float) -> float:
    if measured is None:
        return max(1.0, 300.0 / dpi)
    stepped = round(TARGET_X_HEIGHT / measured / SCALE_STEP) * SCALE_STEP
    return min(MAX_SCALE, max(1.0, stepped))


def read_cells(sheet: Sheet, body: Gray | None = None) -> ReadCells:
    """Every inked cell OCR'd on its own; doubtful ones again, the surest reading kept.
    The page body (when given) goes to Tesseract in the same run as the cells (speed)."""
    boxes = {
        (g, r, c): box
        for g, grid in enumerate(sheet.grids)
        for r, row in enumerate(grid.rows)
        for c, box in enumerate(row)
        if box is not None
    }
    measured = x_height(sheet.text_ink, sheet.grids, sheet.dpi)
    scale = _scale(measured, sheet.dpi)
    crops = _crops(sheet, boxes, scale)
    # Short cells are read again at the scan's resolution whatever their confidence: read
    # them so in the first run already; the reading is used only if the cell is doubtful.
    short = _short_boxes(sheet, boxes, crops, (measured or 0.1 * sheet.dpi, scale))
    ahead = _crops(sheet, short, 1.0) if scale > 1.0 else {}
    first, early, body_words = _first_run(sheet, scale, crops, ahead, body)
    readings = {key: [found] for key, found in first.items()}
    doubtful = {key: boxes[key] for key, found in readings.items() if _doubtful(found)}
    if doubtful and scale > 1.0:  # again at the scan's own resolution
        for key, found in _again(sheet, doubtful, early).items():
            readings[key].append(found)
    words = {key: _surest(found) for key, found in readings.items()}
    # STT cells still doubtful once more as one word, a reading kept for the numbering only
    # (plan_004 p.18 by fax: "5.1." read "°.1," as a block, "5.1." as a word; but a word
    # reading may drop a dot, "5.1" -> "51", so it never replaces the block reading).
    stt = _crops(sheet, {key: boxes[key] for key in _breaking(words)}, scale)
    for key, found in _read(stt, [sheet.dpi * scale] * len(stt), PSM_WORD).items():
        readings[key].append(found)
    grids = [_page_grid(sheet, g, grid, words) for g, grid in enumerate(sheet.grids)]
    cell_words = [w for found in words.values() for w in found]
    return ReadCells(grids, cell_words, _stt(readings), body_words)


def _first_run(
    sheet: Sheet,
    scale: float,
    crops: dict[CellKey, Gray],
    ahead: dict[CellKey, Gray],
    body: Gray | None,
) -> tuple[dict[CellKey, list[Word]], dict[CellKey, list[Word]], list[Word]]:
    """One Tesseract run: the cells enlarged, the short ones at the scan's resolution, the
    body at the scan's resolution -> (first readings, early second readings, body words)."""
    images = [*crops.values(), *ahead.values(), *([] if body is None else [body])]
    dpis = [sheet.dpi * scale] * len(crops) + [sheet.dpi] * (len(images) - len(crops))
    found = ocr_batch(images, PSM_BLOCK, dpis)
    count = len(crops) + len(ahead)
    cells = [_corrected(w, crop) for w, crop in zip(found[:count], images[:count], strict=True)]
    first = dict(zip(crops, cells[: len(crops)], strict=True))
    early = dict(zip(ahead, cells[len(crops) :], strict=True))
    return first, early, found[count] if body is not None else []


def _again(
    sheet: Sheet, doubtful: dict[CellKey, Box], early: dict[CellKey, list[Word]]
) -> dict[CellKey, list[Word]]:
    """Doubtful cells' readings at the scan's resolution: read in the first run, or now."""
    late = {key: box for key, box in doubtful.items() if key not in early}
    crops = _crops(sheet, late, 1.0)
    found = {**early, **_read(crops, [sheet.dpi] * len(crops), PSM_BLOCK)}
    return {key: found[key] for key in doubtful if key in found}


def _short_boxes(
    sheet: Sheet,
    boxes: dict[CellKey, Box],
    crops: dict[CellKey, Gray],
    sizes: tuple[float, float],
) -> dict[CellKey, Box]:
    """Inked cells whose text is one line of a few characters by its size (read again at
    the scan's resolution in most cases: SHORT_CELL characters or fewer); `sizes` is the
    measured x-height in pixels and the cells' scale."""
    measured, scale = sizes
    pad = 2 * round(CELL_PAD * sheet.dpi * scale)
    out = {}
    for key, crop in crops.items():
        height, width = ((n - pad) / scale for n in crop.shape)
        if height <= SHORT_LINES * measured and width <= SHORT_WIDTH * measured:
            out[key] = boxes[key]
    return out


def _breaking(words: dict[CellKey, list[Word]]) -> list[CellKey]:
    """First-column cells that break the page's numbering: short, no roman section, and
    not a code that follows the code above it ('°.1,' after '5.'; '5.2' after '5.1' is
    left alone). The first code of a column has nothing to follow: only a non-code breaks."""
    out: list[CellKey] = []
    before: dict[int, str] = {}  # grid -> the last code read in its first column
    for key in sorted(k for k in words if k[2] == 0):
        text = cell_text(words[key])
        if not text or " " in text or len(text) > STT_LONGEST or STT_ROMAN_RE.match(text):
            continue
        if is_stt_header(text) or text.startswith("("):
            continue  # the column's header 'Stt' or its number '(1)': no code to break
        code = stt_code(text)
        prev = before.get(key[0])
        if code is None or (prev is not None and not follows(prev, code)):
            out.append(key)
        if code is not None:
            before[key[0]] = code
    return out


def _surest(readings: list[list[Word]]) -> list[Word]:
    """The reading with the highest mean confidence; the first one on a tie."""
    return max(readings, key=lambda found: mean_confidence(found) or 0.0)


def _stt(readings: dict[CellKey, list[list[Word]]]) -> dict[tuple[int, int], tuple[str, ...]]:
    out = {}
    for (g, r, c), found in readings.items():
        if c == 0 and len(found) > 1:
            ordered = sorted(found, key=lambda f: -(mean_confidence(f) or 0.0))
            out[(g, r)] = tuple(dict.fromkeys(cell_text(f) for f in ordered))
    return out


def _doubtful(readings: list[list[Word]]) -> bool:
    # Tesseract misreads short numbers enlarged ("5.5" -> "2.D" at 300 dpi, right at 200)
    # and long text at 200 dpi ("kiểm" -> "kiếm"): see the module docstring.
    words = _surest(readings)
    confidence = mean_confidence(words) or 0.0
    return confidence < RETRY_BELOW or len(cell_text(words)) <= SHORT_CELL


def _crops(sheet: Sheet, boxes: dict[CellKey, Box], scale: float) -> dict[CellKey, Gray]:
    """Each inked cell's crop at `scale` (cells without ink are left out)."""
    out = {}
    for key, box in boxes.items():
        crop = _cell_crop(sheet, box, scale)
        if crop is not None:
            out[key] = crop
    return out


def _read(crops: dict[CellKey, Gray], dpis: list[float], psm: int) -> dict[CellKey, list[Word]]:
    """Words per cell crop, corrected, in one Tesseract run."""
    images = list(crops.values())
    found = ocr_batch(images, psm, dpis)
    words = [_corrected(w, crop) for w, crop in zip(found, images, strict=True)]
    return dict(zip(crops, words, strict=True))


def _corrected(words: list[Word], crop: Gray) -> list[Word]:
    return correct_pairs(correct_lines(small_capitals(recount_bars(words, crop), crop)))


def _cell_crop(sheet: Sheet, box: Box, scale: float) -> Gray | None:
    """The cell's text, tightly cropped from the clean page, enlarged and padded."""
    dpi = sheet.dpi
    x0, y0, x1, y1 = box
    inset = max(1, round(dpi / 100))
    ink = sheet.text_ink[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
    if np.count_nonzero(ink) < MIN_INK * (dpi / 200.0) ** 2:
        return None
    ys, xs = np.nonzero(ink)
    top, left = y0 + inset + int(ys.min()), x0 + inset + int(xs.min())
    bottom, right = y0 + inset + int(ys.max()) + 1, x0 + inset + int(xs.max()) + 1
    crop = sheet.clean[top:bottom, left:right]
    if scale > 1.0:
        crop = as_gray(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC))
    pad = round(CELL_PAD * dpi * scale)
    return as_gray(cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(255,)))


def _page_grid(sheet: Sheet, g: int, grid: Grid, words: dict[CellKey, list[Word]]) -> PageGrid:
    rows = []
    for r, boxes in enumerate(grid.rows):
        cells: list[Cell] = []
        confidences: list[float] = []
        for c, box in enumerate(boxes):
            found = words.get((g, r, c))
            if box is None:
                cells.append(None)
            elif found is None:  # no ink: an empty cell
                cells.append("")
            else:
                cells.append(cell_text(found))
                confidences.append(mean_confidence(found) or 0.0)
        confidence = sum(confidences) / len(confidences) if confidences else None
        flags = tuple(
            f"ocr_corrected:{w.was}->{w.text}"
            for c in range(len(boxes))
            for w in words.get((g, r, c), ())
            if w.was is not None
        )
        points = tuple(_in_points(b, sheet.dpi) if b else None for b in boxes)
        rows.append(
            GridRow(
                tuple(cells),
                sheet.page,
                confidence=confidence,
                box=_union([b for b in points if b is not None]),
                cell_boxes=points,
                flags=flags,
            )
        )
    return PageGrid(top=float(grid.bbox[1]), rows=tuple(rows), col_edges=grid.col_edges)


def _in_points(box: Box, dpi: float) -> tuple[float, float, float, float]:
    """Pixels of the (deskewed) page image -> PDF points: 200 px at 200 dpi is 72 pt."""
    return (
        round(box[0] * 72 / dpi, 1),
        round(box[1] * 72 / dpi, 1),
        round(box[2] * 72 / dpi, 1),
        round(box[3] * 72 / dpi, 1),
    )


def _union(
    boxes: list[tuple[float, float, float, float]],
) -> tuple[float, float, float, float] | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
