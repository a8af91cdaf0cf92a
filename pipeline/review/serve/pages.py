"""Source page images, rendered on demand with PyMuPDF and cached beside the dataset.

Only files the manifest lists are opened (`queries.source_of`); the cache key is the doc_id
(the sha256 of the bytes) and the page number, so a changed file never shows a stale image.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pymupdf

CACHE_DIR = ".page-cache"
WIDTH_PX = 1100  # rendered width of a page: legible, a few hundred KB at most
RENDERABLE = ("pdf", "image")


class NoPage(LookupError):
    """The document has no such page, or its format has no pages to show."""


@lru_cache(maxsize=256)
def page_size(path: str, page: int) -> tuple[float, float]:
    """(width, height) of a page in points, as the boxes are measured."""
    with pymupdf.open(path) as doc:  # type: ignore[no-untyped-call]
        if not 1 <= page <= doc.page_count:
            raise NoPage(f"{path}: no page {page}")
        rect = doc[page - 1].rect
        return float(rect.width), float(rect.height)


def page_png(data: Path, doc_id: str, path: str, page: int) -> Path:
    """The cached PNG of one page (rendered the first time it is asked for)."""
    cache = Path(data) / CACHE_DIR
    target = cache / f"{doc_id}-{page}.png"
    if target.is_file():
        return target
    cache.mkdir(exist_ok=True)
    with pymupdf.open(path) as doc:  # type: ignore[no-untyped-call]
        if not 1 <= page <= doc.page_count:
            raise NoPage(f"{path}: no page {page}")
        pdf_page = doc[page - 1]
        zoom = WIDTH_PX / max(pdf_page.rect.width, 1.0)
        matrix = pymupdf.Matrix(zoom, zoom)  # type: ignore[no-untyped-call]
        pixmap = pdf_page.get_pixmap(matrix=matrix)
        png = pixmap.tobytes("png")
    fd, tmp = tempfile.mkstemp(prefix=".render-", dir=cache)
    with os.fdopen(fd, "wb") as handle:
        handle.write(png)
    os.replace(tmp, target)  # two requests rendering at once both end with a whole file
    return target
