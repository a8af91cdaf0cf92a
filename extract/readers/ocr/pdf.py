"""PDF pages -> page images for OCR (PyMuPDF); which pages need OCR the PDF reader decides.

A scanned page is usually one image drawn over the whole page, upright (the samples: one
200-dpi grayscale JPEG per page). That image is decoded as it is: no re-rasterising, no
resampling. Any other page (a rotated or clipped image, several images, vector art) is
rendered in gray at RENDER_DPI.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf as _pymupdf

from extract.readers.ocr.image import (
    RENDER_DPI,
    Gray,
    PageImage,
    check_pixels,
    normalise_resolution,
)
from extract.readers.ocr.stamp import page_gray
from extract.readers.page import MAX_PAGES
from models.errors import LimitExceeded, UnreadableFile

FULL_PAGE = 0.97  # an image covering this share of the page (each way) is the page
mupdf: Any = _pymupdf  # PyMuPDF's API is untyped; it is used as such, here only


def open_pdf(path: Path, data: bytes) -> Any:
    """Open PDF bytes; UnreadableFile naming the file when they are not a readable PDF."""
    if not data:
        raise UnreadableFile(f"{path}: empty file (0 bytes)")
    try:
        doc = mupdf.open(stream=data, filetype="pdf")
    except (mupdf.FileDataError, RuntimeError, ValueError) as e:
        raise UnreadableFile(f"{path}: not a readable PDF ({e})") from e
    if doc.needs_pass:
        raise UnreadableFile(f"{path}: encrypted PDF, a password is needed to open it")
    if doc.page_count > MAX_PAGES:
        raise LimitExceeded(f"{path}: {doc.page_count} pages, more than the limit of {MAX_PAGES}")
    return doc


def page_images(path: Path, doc: Any, pages: Sequence[int] | None) -> Iterator[PageImage]:
    """The given 1-based pages (all when None) as grayscale page images, in page order."""
    numbers = sorted(set(pages)) if pages is not None else range(1, doc.page_count + 1)
    for number in numbers:
        if not 1 <= number <= doc.page_count:
            raise ValueError(f"{path}: no page {number} (the PDF has {doc.page_count})")
        try:
            page = doc.load_page(number - 1)
            image = _embedded_scan(path, doc, page, number) or _rendered(path, page, number)
        except RuntimeError as e:  # MuPDF reports damaged content as RuntimeError
            raise UnreadableFile(f"{path}: page {number}: damaged content ({e})") from e
        yield normalise_resolution(image)


def _embedded_scan(path: Path, doc: Any, page: Any, number: int) -> PageImage | None:
    """The page's one full-page, upright image, decoded as stored."""
    if page.rotation % 360 or len(page.get_images(full=True)) != 1:
        return None
    infos = page.get_image_info(xrefs=True)
    if len(infos) != 1 or not _covers_page(infos[0], page.rect):
        return None
    check_pixels(path, number, infos[0]["width"], infos[0]["height"])
    pixmap = mupdf.Pixmap(doc, infos[0]["xref"])
    dpi = float(pixmap.width / (page.rect.width / 72.0))
    if pixmap.n - pixmap.alpha >= 3:  # colour: stamps faded by their colour (issue 14)
        return PageImage(number, _colour(pixmap), dpi)
    if pixmap.alpha or pixmap.n != 1:
        pixmap = mupdf.Pixmap(mupdf.csGRAY, pixmap)
    return PageImage(number, _array(pixmap), dpi)


def _covers_page(info: dict[str, Any], rect: Any) -> bool:
    a, b, c, d, _, _ = (float(v) for v in info["transform"])
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:  # turned or mirrored
        return False
    box = mupdf.Rect(info["bbox"])
    return bool(box.width >= FULL_PAGE * rect.width and box.height >= FULL_PAGE * rect.height)


def _rendered(path: Path, page: Any, number: int) -> PageImage:
    scale = RENDER_DPI / 72.0
    check_pixels(path, number, page.rect.width * scale, page.rect.height * scale)
    pixmap = page.get_pixmap(dpi=RENDER_DPI, colorspace=mupdf.csRGB, alpha=False)
    return PageImage(number, _colour(pixmap), float(RENDER_DPI))


def _colour(pixmap: Any) -> Gray:
    if pixmap.alpha:
        pixmap = mupdf.Pixmap(pixmap, 0)  # transparency dropped
    if pixmap.colorspace is None or pixmap.colorspace.n != 3:
        pixmap = mupdf.Pixmap(mupdf.csRGB, pixmap)  # CMYK, indexed -> plain RGB
    rows = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.stride)
    rgb = rows[:, : pixmap.width * 3].reshape(pixmap.height, pixmap.width, 3)
    return page_gray(np.ascontiguousarray(rgb))


def _array(pixmap: Any) -> Gray:
    rows = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.stride)
    return np.ascontiguousarray(rows[:, : pixmap.width])
