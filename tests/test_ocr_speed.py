"""Speed of the OCR of a clean table page (issue 14) without a change in what it reads:
the page body, the cells and the short cells' second readings go to Tesseract in one run,
each TIFF frame tagged with its own resolution."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from extract.readers.ocr import cells as ocr_cells
from extract.readers.ocr import engine as ocr_engine
from extract.readers.ocr.engine import Word, ocr_batch
from extract.readers.ocr.image import PageImage
from extract.readers.ocr.page import ocr_page
from tests import scan_fixtures as sf


def test_frames_carry_their_own_resolution() -> None:
    white = np.full((20, 30), 255, np.uint8)
    data = ocr_engine._tiff([white, white, white], [300.0, 200.0, 150.0])
    with Image.open(io.BytesIO(data)) as image:
        found = []
        for frame in range(3):
            image.seek(frame)
            found.append(image.info["dpi"])
    assert found == [(300.0, 300.0), (200.0, 200.0), (150.0, 150.0)]


def test_a_resolution_per_image_or_none() -> None:
    white = np.full((20, 30), 255, np.uint8)
    with pytest.raises(ValueError, match="2 images but 1 resolutions"):
        ocr_batch([white, white], 6, [200.0])


def _texts(found: list[Word]) -> list[tuple[str, int, int, float]]:
    return [(w.text, w.left, w.top, w.conf) for w in found]


@pytest.mark.ocr
def test_an_image_reads_alike_alone_and_in_a_batch_of_other_resolutions() -> None:
    page = np.array(sf.render("plan_004", 8, 200))
    strip = np.ascontiguousarray(page[300:420, 150:1500])  # a few printed lines
    enlarged = np.ascontiguousarray(np.kron(strip, np.ones((2, 2), np.uint8)))
    alone = ocr_batch([strip], 6, 200.0)[0]
    assert len(alone) >= 5  # text, not an empty strip
    mixed = ocr_batch([enlarged, strip], 6, [400.0, 200.0])
    assert _texts(mixed[1]) == _texts(alone)
    assert _texts(mixed[0]) == _texts(ocr_batch([enlarged], 6, 400.0)[0])


@pytest.mark.ocr
def test_a_clean_table_page_is_one_tesseract_run_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """plan_004 p.8 rendered at 200 dpi: 35 cells, the short ones ('1.1', '(3)') read at
    both scales in the first run; the same text as when they are read again afterwards."""
    image = PageImage(8, np.array(sf.render("plan_004", 8, 200)), 200.0)
    runs: list[int] = []

    def counted(images: list[np.ndarray], psm: int, dpi: float | list[float]) -> list[list[Word]]:
        runs.append(len(images))
        return ocr_batch(images, psm, dpi)

    monkeypatch.setattr(ocr_cells, "ocr_batch", counted)
    once = ocr_page(image)
    assert len([n for n in runs if n]) == 1
    monkeypatch.setattr(ocr_cells, "SHORT_WIDTH", 0.0)  # nothing read ahead
    runs.clear()
    twice = ocr_page(image)
    assert len([n for n in runs if n]) == 2
    assert once.items == twice.items and once.stt_readings == twice.stt_readings
