"""Round seals on grey scans: their ink kept out of table cells (issue 14).

A grey scan has no colour to tell a red seal from black text, but it keeps the seal's
brightness: red ink scans to a mid grey (luminance 90-160 with the patchy ink of a rubber
stamp), black text to near 0, and where the seal lies over text the text stays black
(ink multiplies). So, per seal found (`stamp.seal_circles`, a ring of a seal's size that
is mostly inked):

- when the ring's ink is clearly lighter than the page's text ink (SEPARABLE), every
  pixel inside the seal's disc lighter than halfway between the two is set to paper,
  except the grey edge of the text's own strokes (within EDGE pixels of a dark one) and
  table rules (straight runs longer than any straight piece of a ring):
  the seal's lettering, ring and star leave the cells, the text under them stays;
- otherwise (a seal inked as dark as the text) it cannot be told apart, and every table
  cell the disc touches is reported as a loss instead of being trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.readers.ocr.grid import Grid
from extract.readers.ocr.image import Gray, as_gray
from extract.readers.ocr.stamp import covered, seal_circles

PAPER_INK = 200  # luminance under which a pixel is some ink (seal or text)
TEXT_INK = 128  # luminance under which a pixel is dark ink; its low quartile is the text's
RING_BAND = 4  # pixels at 200 dpi either side of the found radius that make its ring
RING_INKED = 0.3  # share of the ring band inked for the circle to be a seal, not text
SEPARABLE = 50  # grey levels between the text's ink and the seal's darkest ink
DISC_MARGIN = 1.06  # of the radius: the seal's outer ring edge and its blur
EDGE = 1  # pixels at 200 dpi: grey edge kept around the text's dark strokes


@dataclass(frozen=True, slots=True)
class Seal:
    """A seal found on the page: centre and radius in pixels, and whether it was faded."""

    x: int
    y: int
    radius: int
    faded: bool


def fade_seals(gray: Gray, dpi: float) -> tuple[Gray, tuple[Seal, ...]]:
    """The page with seal ink lighter than the text faded to paper, and the seals found."""
    circles = [c for c in seal_circles(gray, dpi) if _ring_share(gray, c, dpi) >= RING_INKED]
    if not circles:
        return gray, ()
    text = _text_level(gray, circles)
    seals = []
    out = gray
    for circle in circles:
        seal_ink = _ring_level(gray, circle, dpi)
        faded = text is not None and seal_ink - text >= SEPARABLE
        if faded and text is not None:
            out = _fade(out, circle, (seal_ink + text) / 2.0, dpi)
        seals.append(Seal(*circle, faded=faded))
    return out, tuple(seals)


def seal_warnings(page: int, grids: tuple[Grid, ...], seals: tuple[Seal, ...]) -> list[str]:
    """'page 19: table 1 row 5: a seal as dark as the text lies over columns 4, 5; …'
    for every row with cells under a seal that could not be faded."""
    circles = [(s.x, s.y, s.radius) for s in seals if not s.faded]
    notes = []
    for g, grid in enumerate(grids if circles else (), start=1):
        for r, row in enumerate(grid.rows, start=1):
            columns = [c for c, box in enumerate(row, start=1) if box and covered(box, circles)]
            if columns:
                notes.append(
                    f"page {page}: table {g} row {r}: a seal as dark as the text lies over "
                    f"column(s) {', '.join(map(str, columns))}; their text may hold its lettering"
                )
    return notes


Circle = tuple[int, int, int]


def _distance(shape: tuple[int, ...], circle: Circle) -> np.ndarray:
    ys, xs = np.ogrid[0 : shape[0], 0 : shape[1]]
    return np.asarray(np.hypot(xs - circle[0], ys - circle[1]))


def _ring(gray: Gray, circle: Circle, dpi: float) -> Gray:
    """The pixels of the band round the found radius (a seal's outer ring)."""
    x, y, r = circle
    band = max(2, round(RING_BAND * dpi / 200.0))
    top, left = max(0, y - r - band), max(0, x - r - band)
    window = gray[top : y + r + band + 1, left : x + r + band + 1]
    distance = _distance(window.shape, (x - left, y - top, r))
    return as_gray(window[np.abs(distance - r) <= band])


def _ring_share(gray: Gray, circle: Circle, dpi: float) -> float:
    ring = _ring(gray, circle, dpi)
    return float(np.count_nonzero(ring < PAPER_INK)) / max(ring.size, 1)


def _ring_level(gray: Gray, circle: Circle, dpi: float) -> float:
    """The seal's dark ink: the low quartile of its inked ring pixels (text crossing the
    ring is darker, but a small share of it)."""
    ring = _ring(gray, circle, dpi)
    inked = ring[ring < PAPER_INK]
    return float(np.percentile(inked, 25)) if inked.size else 255.0


def _text_level(gray: Gray, circles: list[Circle]) -> float | None:
    """The text's ink: the low quartile of the dark pixels outside every seal."""
    outside = np.ones(gray.shape, dtype=bool)
    for circle in circles:
        outside &= _distance(gray.shape, circle) > circle[2] * DISC_MARGIN
    dark = gray[outside & (gray < TEXT_INK)]
    return float(np.percentile(dark, 25)) if dark.size else None


def _fade(gray: Gray, circle: Circle, cut: float, dpi: float) -> Gray:
    """Pixels of the disc lighter than `cut` set to paper, but the edges of dark strokes."""
    x, y, r = circle
    reach = round(r * DISC_MARGIN)
    top, left = max(0, y - reach), max(0, x - reach)
    window = gray[top : y + reach + 1, left : x + reach + 1]
    disc = _distance(window.shape, (x - left, y - top, reach)) <= reach
    dark = (window < cut).astype(np.uint8)
    size = 2 * max(1, round(EDGE * dpi / 200.0)) + 1
    keep = (cv2.dilate(dark, np.ones((size, size), np.uint8)) > 0) | _rules(window, r)
    out = gray.copy()
    out[top : top + window.shape[0], left : left + window.shape[1]] = np.where(
        disc & ~keep, 255, window
    )
    return out


def _rules(window: Gray, radius: int) -> np.ndarray:
    """Straight ink runs at least a radius long (table rules, which may scan grey): the
    seal's rings are curved, no straight piece of them is that long."""
    ink = (window < PAPER_INK).astype(np.uint8)
    across = as_gray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, radius), np.uint8)))
    down = as_gray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((radius, 1), np.uint8)))
    return np.asarray((across | down) > 0)
