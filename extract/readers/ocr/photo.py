"""Phone photos of pages: the page found on the desk, squared, its lighting flattened.

A photo shows the sheet on a darker desk, seen at a slant (a trapezoid, corners a few per
cent off), lit unevenly (a lamp, a shadow), slightly blurred. Before the grid finder sees
it, the sheet's outline is found (the largest bright four-cornered region), the sheet is
warped to a rectangle, and the light is flattened (the paper's brightness estimated by a
closing that erases text, then divided out), so one threshold fits the whole page.

A page is taken for a photo when most of its border is much darker than its paper; a
scan's border is paper. A photo whose outline is not found is read as it is, with a
warning, never silently.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from extract.readers.ocr.image import Gray, PageImage, as_gray

BORDER = 0.02  # share of the short side looked at along each edge
DESK = 0.7  # a border pixel darker than this share of the paper's brightness is desk
DESK_SHARE = 0.5  # a photo when more of the border than this is desk
OUTLINE_WIDTH = 1000  # the outline is found on the photo scaled to this width
MIN_SHEET = 0.25  # the sheet covers at least this share of the photo
A4_LONG = 297.0 / 25.4  # inches: the resolution of a squared sheet is read off its long side
UNEVEN = 40  # grey levels of paper brightness range (5th-95th pct) that call for flattening
Quad = npt.NDArray[np.float32]


def is_photo(gray: Gray) -> bool:
    """Whether the page shows a desk round it (most of its border far darker than paper)."""
    h, w = gray.shape
    band = max(2, round(BORDER * min(h, w)))
    border = np.concatenate(
        [gray[:band].ravel(), gray[-band:].ravel(), gray[:, :band].ravel(), gray[:, -band:].ravel()]
    )
    paper = float(np.percentile(gray, 95))
    return float(np.mean(border < DESK * paper)) > DESK_SHARE


def sheet_outline(gray: Gray) -> Quad | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left) in pixels."""
    scale = min(1.0, OUTLINE_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    bright = as_gray(cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1])
    bright = as_gray(cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    if cv2.contourArea(largest) < MIN_SHEET * small.shape[0] * small.shape[1]:
        return None
    hull = cv2.convexHull(largest)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return None
    return _ordered(quad.reshape(4, 2).astype(np.float32) / scale)


def _ordered(points: Quad) -> Quad:
    total, diff = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(total)],
            points[np.argmin(diff)],
            points[np.argmax(total)],
            points[np.argmax(diff)],
        ],
        dtype=np.float32,
    )


def squared(gray: Gray, quad: Quad) -> tuple[Gray, float]:
    """The sheet warped to a rectangle, and its resolution (taken for A4)."""
    tl, tr, br, bl = quad
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    sheet = cv2.warpPerspective(
        gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255,)
    )
    return as_gray(sheet), max(width, height) / A4_LONG


def paper_light(gray: Gray, dpi: float) -> Gray:
    """The paper's brightness at every pixel: text closed over (a closing), smoothed."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    size = max(3, round(dpi * 0.25 / 4)) | 1  # wider than a letter, a rule or a row of text
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    closed = cv2.GaussianBlur(closed, (0, 0), size / 2)
    return as_gray(
        cv2.resize(closed, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    )


def flatten(gray: Gray, dpi: float) -> Gray:
    """Uneven light divided out: paper 255 everywhere, ink as dark as its paper allows."""
    light = paper_light(gray, dpi).astype(np.float32)
    flat = gray.astype(np.float32) * 255.0 / np.maximum(light, 1.0)
    return as_gray(np.clip(flat, 0, 255))


def is_uneven(gray: Gray, dpi: float) -> bool:
    """Whether the paper's brightness varies enough over the page to need flattening."""
    light = paper_light(gray, dpi)
    low, high = np.percentile(light[::8, ::8], (5, 95))
    return float(high - low) > UNEVEN


def sharpen(gray: Gray) -> Gray:
    """A mild unsharp mask for the slight blur of a hand-held photo."""
    soft = cv2.GaussianBlur(gray, (0, 0), 1.2)
    return as_gray(cv2.addWeighted(gray, 1.6, soft, -0.6, 0))


def restore_photo(page: PageImage) -> tuple[PageImage, tuple[str, ...]]:
    """A photo's sheet squared and flattened; a scan with uneven light flattened; else as is."""
    if not is_photo(page.gray):
        if is_uneven(page.gray, page.dpi):
            return PageImage(page.page, flatten(page.gray, page.dpi), page.dpi), ()
        return page, ()
    quad = sheet_outline(page.gray)
    if quad is None:
        note = f"page {page.page}: photo: page outline not found, read as photographed"
        return PageImage(page.page, flatten(page.gray, page.dpi), page.dpi), (note,)
    sheet, dpi = squared(page.gray, quad)
    return PageImage(page.page, sharpen(flatten(sheet, dpi)), dpi), ()
