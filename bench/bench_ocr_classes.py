"""Scans as they arrive (issue 14): per class, seconds per page per core of the plans OCR
next to bare Tesseract on the full page in the same run, and cells equal to the typed PDF.

Each class is made from the typed PDF by tests/scan_fixtures.py (150-dpi grey JPEG,
300-dpi colour with a red stamp over the last row, the same stamp on a 200-dpi grey scan,
2.5° skew, phone photo, 1-bit fax TIFF),
over the pages given (default plan_004 p.18-19). CPU seconds are this process and its
children (Tesseract): what one core spends. Bare Tesseract: `tesseract page.png - -l vie`
on the same page image (no grid, no cells). Nothing is asserted; figures are printed.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_ocr import cpu_seconds  # noqa: E402
from extract.readers import ocr  # noqa: E402
from extract.readers.ocr.image import decode_image  # noqa: E402
from extract.readers.ocr.pdf import open_pdf, page_images  # noqa: E402
from models.document import Document  # noqa: E402
from tests import scan_fixtures as sf  # noqa: E402
from tests.test_reader_ocr import cell_share, typed_pages  # noqa: E402

NAME = "plan_004"
STAMP_ROW = (0.6, 0.55)


def _pdf(data: bytes) -> Callable[[], Document]:
    return lambda: ocr.ocr_pdf_pages(Path("scan.pdf"), data, "bench")


def _image(name: str, data: bytes) -> Callable[[], Document]:
    return lambda: ocr.read_image(Path(name), data, "bench")


def classes(pages: Sequence[int]) -> dict[str, tuple[bytes, str]]:
    """Class -> (file bytes, suffix)."""
    stamped = [sf.jpeg(sf.stamped(NAME, p, [STAMP_ROW]), 85) for p in pages]
    grey_stamped = [sf.jpeg(sf.grey_stamped(NAME, p, [STAMP_ROW]), 85) for p in pages]
    return {
        "typed page rendered 200 dpi": (
            sf.pdf_of([sf.jpeg(np.array(sf.render(NAME, p, 200)), 90) for p in pages], 200),
            ".pdf",
        ),
        "150 dpi grey JPEG": (sf.gray_jpeg(NAME, list(pages)), ".pdf"),
        "300 dpi colour, red stamp": (sf.pdf_of(stamped, 300), ".pdf"),
        "200 dpi grey, stamp over last row": (sf.pdf_of(grey_stamped, 200), ".pdf"),
        "skew 2.5°": (sf.skewed(NAME, list(pages)), ".pdf"),
        "fax 1-bit TIFF": (sf.fax_tiff(NAME, list(pages)), ".tiff"),
    }


def _page_pngs(data: bytes, suffix: str) -> list[bytes]:
    if suffix == ".pdf":
        doc = open_pdf(Path("x.pdf"), data)
        images = [p.gray for p in page_images(Path("x.pdf"), doc, None)]
    else:
        images = [p.gray for p in decode_image(Path("x" + suffix), data)]
    out = []
    for gray in images:
        buffer = io.BytesIO()
        Image.fromarray(gray).save(buffer, format="PNG")
        out.append(buffer.getvalue())
    return out


def bare_tesseract(pngs: list[bytes]) -> float:
    """CPU seconds per page of plain full-page Tesseract on the same images."""
    start = cpu_seconds()
    for png in pngs:
        subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "vie"],
            input=png,
            capture_output=True,
            check=True,
        )
    return (cpu_seconds() - start) / len(pngs)


def measure(
    label: str, read: Callable[[], Document], pages: Sequence[int], pngs: list[bytes]
) -> dict[str, object]:
    start = cpu_seconds()
    doc = read()
    ours = (cpu_seconds() - start) / len(pngs)
    equal, total, _ = cell_share(typed_pages(NAME, pages[0], pages[-1]), doc)
    return {
        "class": label,
        "plans_s_per_page": round(ours, 2),
        "bare_tesseract_s_per_page": round(bare_tesseract(pngs), 2),
        "cells": f"{equal}/{total} = {equal / total:.1%}",
        "warnings": len(doc.warnings) + len(doc.losses),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[18, 19])
    args = parser.parse_args(argv)
    pages = sorted(args.pages)
    rows = []
    for label, (data, suffix) in classes(pages).items():
        read = _pdf(data) if suffix == ".pdf" else _image("fax" + suffix, data)
        rows.append(measure(label, read, pages, _page_pngs(data, suffix)))
        print(rows[-1], flush=True)
    photos = [sf.photo(NAME, p, seed=p) for p in pages]
    pngs = [png for photo in photos for png in _page_pngs(photo, ".jpg")]
    rows.append(measure("phone photo (per photo)", lambda: _photos(photos), pages, pngs))
    print(rows[-1], flush=True)
    return 0


def _photos(photos: list[bytes]) -> Document:
    from extract.readers.ocr.bundle import read_page_files

    files = [(f"IMG_{k:02d}.jpg", data) for k, data in enumerate(photos)]
    return read_page_files(Path("photos"), files, "bench")


if __name__ == "__main__":
    raise SystemExit(main())
