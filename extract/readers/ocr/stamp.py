"""Stamps and signatures out of the text before OCR (issue 14).

Colour scans: a commune's round seal is red, signatures are often blue, the typed text is
black. Stamp ink is laid over the page (a multiply): paper under it turns red, black text
under it stays black. So a pixel whose colour is saturated is taken at its brightness (its
largest channel: red ink ~205, blue ink ~170, against ~0 for black text), not its
luminance (red ink ~80, as dark as a grey letter): the seal and the signature fade to
near-paper, the text under them stays, and no seal lettering reaches a cell.

Grey scans have no colour to go by; there `seal_circles` finds the seal's ring (a circle
of the seal's size, 30-45 mm) and `ocr_seal` fades its lighter grey ink or flags the
cells it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Rgb = npt.NDArray[np.uint8]
Gray = npt.NDArray[np.uint8]

SATURATED = 70  # HSV saturation (0-255) from which a pixel's colour is ink, not grey
MIN_VALUE = 50  # darker than this a pixel is black, whatever its hue says
COLOURED_TEXT = 0.5  # coloured ink above this share of all ink: the text itself is in colour
INK = 160  # luminance under which a pixel is ink
SEAL_MM = (28.0, 46.0)  # diameters of Vietnamese round seals (35-42 mm), with margin


@dataclass(frozen=True, slots=True)
class Decoloured:
    """A colour page in grey with its coloured ink faded, and how much ink that was."""

    gray: Gray
    coloured_share: float  # of all ink pixels (0-1)
    removed: bool


def decolour(rgb: Rgb) -> Decoloured:
    """Grey page with red/blue stamp and signature ink faded (text under it kept black).

    A page printed in colour (most ink saturated) keeps its luminance: removing its ink
    would remove its text."""
    luminance = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    saturation, value = hsv[..., 1], hsv[..., 2]
    coloured = (saturation >= SATURATED) & (value >= MIN_VALUE)
    ink = int(np.count_nonzero(luminance < INK))
    share = float(np.count_nonzero(coloured & (luminance < INK))) / max(ink, 1)
    if share == 0.0 or share > COLOURED_TEXT:
        return Decoloured(luminance, share, False)
    # Brightness scaled so red ink at 205 lands near paper; black (and text under ink) stays.
    faded = np.maximum(luminance, np.minimum(255, value.astype(np.uint16) * 5 // 4))
    gray = np.where(coloured, faded, luminance).astype(np.uint8)
    return Decoloured(gray, share, True)


def page_gray(rgb: Rgb) -> Gray:
    """The grey page OCR reads from an RGB page: coloured ink faded when it is a stamp."""
    return decolour(rgb).gray


def is_colour(rgb: Rgb) -> bool:
    """Whether an RGB page has any colour at all (a grey scan stored as RGB has none)."""
    small = rgb[::4, ::4].astype(np.int16)
    spread = small.max(axis=2) - small.min(axis=2)
    return bool(np.count_nonzero(spread > 40) > 0.0005 * spread.size)


def seal_circles(gray: Gray, dpi: float) -> list[tuple[int, int, int]]:
    """Round seals on a grey page as (x, y, radius) in pixels: rings of a seal's size."""
    small_scale = min(1.0, 100.0 / dpi)
    small = cv2.resize(gray, None, fx=small_scale, fy=small_scale, interpolation=cv2.INTER_AREA)
    small = cv2.medianBlur(small, 3)
    px_per_mm = dpi * small_scale / 25.4
    low, high = (round(d * px_per_mm / 2) for d in SEAL_MM)
    found = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1.0,
        minDist=float(2 * low),
        param1=120,
        param2=45,
        minRadius=low,
        maxRadius=high,
    )
    if found is None:
        return []
    return [
        (round(x / small_scale), round(y / small_scale), round(r / small_scale))
        for x, y, r in found[0]
    ]


def covered(box: tuple[int, int, int, int], circles: list[tuple[int, int, int]]) -> bool:
    """Whether a cell box overlaps a seal's disc."""
    x0, y0, x1, y1 = box
    for cx, cy, r in circles:
        nx, ny = min(max(cx, x0), x1), min(max(cy, y0), y1)
        if (nx - cx) ** 2 + (ny - cy) ** 2 < r * r:
            return True
    return False
