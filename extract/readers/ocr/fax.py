"""Fax and 1-bit photocopies: speckle removed, pinholes filled, strokes evened (issue 14).

A 1-bit page has no grey edges: Tesseract reads a "7" whose top stroke lost pixels as
"/" ("1.7.2" -> "1./.2") and a hooked vowel as an acute one ("kiểm" -> "kiếm"). Before
OCR: isolated specks (small ink blobs with no ink near them; a diacritic sits within a
few pixels of its letter) go; white pinholes inside strokes are filled (a pixel with most
of its 8 neighbours inked); strokes thinner than a normal print stroke are thickened,
bolder ones thinned; then the edges are softened back into grey.
"""

from __future__ import annotations

import cv2
import numpy as np

from extract.readers.ocr.image import Gray, PageImage, as_gray

BILEVEL = 0.985  # share of pixels pure black or white that makes a page 1-bit
SPECK = 12.0  # pixels at 200 dpi: an ink blob up to this size may be a speck...
SPECK_ALONE = 0.03  # ...when no other ink lies within this many inches of it
RULE = 0.3  # inches: an ink blob this long is a rule or a grid, no glyph
RULE_GAP = 0.02  # inches: a break in a rule up to this long is a dropout
STROKE = (1.6, 4.5)  # pixels at 200 dpi: a print stroke's width (12-13 pt text)
SOFTEN = 1.0  # pixels at 200 dpi: the blur that turns the 1-bit edges grey


def is_bilevel(gray: Gray) -> bool:
    """Whether the page is 1-bit (a fax, a 1-bit photocopy), whatever its file format."""
    sample = gray[::3, ::3]
    pure = np.count_nonzero((sample <= 8) | (sample >= 247))
    return bool(pure >= BILEVEL * sample.size and np.count_nonzero(sample <= 8) > 0)


def despeckle(ink: Gray, dpi: float) -> Gray:
    """Ink (255 on 0) without isolated specks; specks next to letters (diacritics) stay."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK * (dpi / 200.0) ** 2)
    small = small[small > 0]
    if not len(small):
        return ink
    reach = max(2, round(SPECK_ALONE * dpi))
    # Neighbours that vouch for a blob are glyphs: not specks, not rules (a speck beside a
    # cell's rule is still a speck once the rule is erased).
    glyph = stats[:, cv2.CC_STAT_AREA] > SPECK * (dpi / 200.0) ** 2
    glyph &= np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) < RULE * dpi
    glyph[0] = False
    big = np.where(glyph[labels], ink, 0).astype(np.uint8)
    # A diacritic lies above or below its letter, a full stop or comma right after one.
    above_below = as_gray(cv2.dilate(big, np.ones((2 * reach + 1, 1), np.uint8)))
    after = as_gray(cv2.dilate(big, np.ones((3, reach + 1), np.uint8), anchor=(reach, 1)))
    near = (above_below | after) > 0
    alone = np.zeros(count, dtype=bool)
    for index in small.tolist():
        x, y, w, h = (int(v) for v in stats[index, :4])
        alone[index] = not near[y : y + h, x : x + w].any()
    out = ink.copy()
    out[alone[labels]] = 0
    return out


def fill_pinholes(ink: Gray) -> Gray:
    """White pixels with at least 6 of their 8 neighbours inked become ink."""
    neighbours = cv2.filter2D((ink > 0).astype(np.uint8), cv2.CV_16S, np.ones((3, 3), np.int16))
    return np.where((ink == 0) & (neighbours >= 6), 255, ink).astype(np.uint8)


def stroke_width(ink: Gray) -> float:
    """Median stroke width in pixels: twice the distance to paper along the strokes' middles."""
    distance = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    ridge = (distance >= cv2.dilate(distance, np.ones((3, 3), np.uint8))) & (ink > 0)
    values = distance[ridge]
    return float(2.0 * np.median(values)) if len(values) else 0.0


def even_strokes(ink: Gray, dpi: float) -> Gray:
    """Strokes thickened when thinner than print, thinned when bolder."""
    width = stroke_width(ink) * 200.0 / dpi
    kernel = np.ones((2, 2), np.uint8)
    if 0 < width < STROKE[0]:
        return as_gray(cv2.dilate(ink, kernel))
    if width > STROKE[1]:
        return as_gray(cv2.erode(ink, kernel))
    return ink


def bridge_rules(ink: Gray, dpi: float) -> Gray:
    """Hairline rules broken by dropouts joined again: gaps of a few pixels closed along
    runs at least a rule's length (a letter's stem is shorter), text left as it is."""
    gap = max(2, round(RULE_GAP * dpi))
    length = round(RULE * dpi)
    across = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    across = as_gray(cv2.morphologyEx(across, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)))
    # A vertical hairline 1 px wide steps between two pixel columns as it runs down (fax
    # plan_004 p.7, the rule between 'Stt' and 'Nội dung'): widened to 3 px before its gaps
    # are closed, or a step ends the run. Not across: a bold line of text would join.
    down = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    down = cv2.morphologyEx(down, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    down = as_gray(cv2.morphologyEx(down, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)))
    return as_gray(ink | across | down)


def restore_fax(page: PageImage) -> PageImage:
    """A 1-bit page cleaned and softened into grey; any other page as it is."""
    if not is_bilevel(page.gray):
        return page
    ink = np.where(page.gray < 128, 255, 0).astype(np.uint8)
    # Rules first: a hairline broken by dropouts into pieces a few pixels long would lose
    # those pieces as specks and its gaps would grow past bridging (fax plan_004 p.7).
    ink = bridge_rules(ink, page.dpi)
    ink = even_strokes(fill_pinholes(despeckle(ink, page.dpi)), page.dpi)
    gray = cv2.GaussianBlur(255 - ink, (0, 0), SOFTEN * page.dpi / 200.0)
    return PageImage(page.page, as_gray(gray), page.dpi)
