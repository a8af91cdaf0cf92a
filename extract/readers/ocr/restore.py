"""A page image restored before the grid finder sees it (issue 14), in this order:

1. a phone photo's sheet found on the desk, squared and its light flattened; a scan with
   uneven light flattened (`ocr_photo`);
2. the page brought back into the resolution range OCR reads best (a squared photo has the
   resolution its sheet was shot at, often under 150 dpi);
3. a 1-bit page (fax, photocopy) despeckled, pinholes filled, strokes evened (`ocr_fax`).

Colour ink (stamps, signatures) is faded earlier, when the page is decoded (`ocr_stamp`),
since the grey page no longer knows which ink was red.
"""

from __future__ import annotations

from extract.readers.ocr.fax import restore_fax
from extract.readers.ocr.image import PageImage, normalise_resolution
from extract.readers.ocr.photo import restore_photo


def restore_page(page: PageImage) -> tuple[PageImage, tuple[str, ...]]:
    """The page ready for deskew and grid finding, and notes on what could not be done."""
    page, notes = restore_photo(page)
    page = normalise_resolution(page)
    return restore_fax(page), notes
