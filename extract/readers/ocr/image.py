"""Page images for OCR: decode, deskew and clean.

Scans come as image files (PNG, JPEG, TIFF, multi-page TIFF) or as PDF pages holding one
full-page image (the samples: one 200-dpi JPEG per page). A PDF page's embedded image is
decoded as it is, not re-rasterised; any other page is rendered at RENDER_DPI.

Cleaning keeps diacritics: the samples' speckles are 1-3 pixel dots, a dot under "ị" at
200 dpi is about 5x5 pixels, so only ink blobs smaller than SPECK_AREA (scaled by dpi) go.
"""

from __future__ import annotations

import importlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extract.readers.ocr.stamp import page_gray
from models.errors import LimitExceeded, UnreadableFile

logger = logging.getLogger(__name__)

Gray = npt.NDArray[np.uint8]

DEFAULT_DPI = 200.0  # an image without a resolution tag is taken for a 200-dpi scan
MIN_DPI, MAX_DPI = 150.0, 300.0  # OCR works on pages brought into this range
RENDER_DPI = 300  # a PDF page that is not one plain image is rendered at this resolution
MAX_PIXELS = 60_000_000  # about A2 at 300 dpi; beyond that a file is a 'bomb'
MAX_FRAMES = 2_000
# ISO base media brands of HEIF still images ('heic': iPhone photos since iOS 11).
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"})
EXIF_ORIENTATION = 0x0112
SPECK_AREA = 4.0  # ink blobs up to this many pixels at 200 dpi are scan noise
MAX_SKEW = 5.0  # degrees; a scan tilted more than this is left as it is


def as_gray(image: object) -> Gray:
    """An OpenCV result typed as the 8-bit image it is (no copy when it already is one)."""
    return np.asarray(image, dtype=np.uint8)


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page to OCR: 8-bit grayscale, upright, with its resolution."""

    page: int  # 1-based
    gray: Gray
    dpi: float


def decode_image(path: Path, data: bytes) -> list[PageImage]:
    """Decode a PNG/JPEG/TIFF/HEIC file into grayscale pages (every frame of a multi-page
    TIFF), a phone photo turned upright by its EXIF orientation."""
    if not data:
        raise UnreadableFile(f"{path}: empty file (0 bytes)")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if is_heif(data):
        _open_heif(path)
    try:
        with Image.open(io.BytesIO(data)) as image:
            dpi = _dpi_of(image)
            return [
                _page(path, number, frame, dpi)
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1)
                if _check_frame(path, number)
            ]
    except Image.DecompressionBombError as e:
        raise LimitExceeded(f"{path}: image larger than {MAX_PIXELS} pixels ({e})") from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise UnreadableFile(f"{path}: not a readable image ({e})") from e


def is_heif(data: bytes) -> bool:
    """Whether the bytes are a HEIF/HEIC image (an iPhone photo): an ISO box 'ftyp' with a
    HEIF brand, whatever the file is called."""
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _open_heif(path: Path) -> None:
    """Teach Pillow HEIF (pillow-heif, the [ocr] extra), or say what to install."""
    try:
        module = importlib.import_module("pillow_heif")
    except ImportError as e:
        raise UnreadableFile(
            f"{path}: a HEIC/HEIF photo, and the Python package pillow-heif is not installed"
        ) from e
    module.register_heif_opener()


def _check_frame(path: Path, number: int) -> bool:
    if number > MAX_FRAMES:
        raise LimitExceeded(f"{path}: more than {MAX_FRAMES} pages")
    return True


def _dpi_of(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50.0 <= value <= 1200.0 else DEFAULT_DPI


def check_pixels(path: Path, page: int, width: float, height: float) -> None:
    """LimitExceeded before decoding a page larger than MAX_PIXELS: the same bound in every
    executor, whatever memory the worker has (PIL alone only warns below 2x its limit)."""
    if width * height > MAX_PIXELS:
        raise LimitExceeded(
            f"{path}: page {page} is {int(width)}x{int(height)} pixels, more than the limit "
            f"of {MAX_PIXELS:,} ({width * height / 1e6:.0f} Mpx)"
        )


def _page(path: Path, number: int, frame: Image.Image, dpi: float) -> PageImage:
    check_pixels(path, number, *frame.size)
    frame.load()  # decode now, so a truncated file fails here with its name
    if frame.getexif().get(EXIF_ORIENTATION, 1) != 1:  # a phone held sideways
        frame = ImageOps.exif_transpose(frame)
    if frame.mode not in ("L", "RGB"):
        frame = frame.convert("RGBA" if "A" in frame.mode or frame.mode == "P" else "RGB")
    if frame.mode == "RGBA":  # transparent background is white paper
        white = Image.new("RGB", frame.size, (255, 255, 255))
        white.paste(frame, mask=frame.getchannel("A"))
        frame = white
    if frame.mode == "RGB":  # stamps and signatures faded by their colour (issue 14)
        gray = page_gray(np.asarray(frame, dtype=np.uint8))
    else:
        gray = np.asarray(frame, dtype=np.uint8)
    return normalise_resolution(PageImage(number, gray, dpi))


def normalise_resolution(page: PageImage) -> PageImage:
    """Bring a page into MIN_DPI..MAX_DPI (a 96-dpi screenshot up, a 600-dpi scan down)."""
    target = min(max(page.dpi, MIN_DPI), MAX_DPI)
    if abs(target - page.dpi) < 1.0:
        return page
    scale = target / page.dpi
    method = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    gray = cv2.resize(page.gray, None, fx=scale, fy=scale, interpolation=method)
    return PageImage(page.page, as_gray(gray), target)


def ink_mask(gray: Gray, dpi: float) -> Gray:
    """Ink as 255 on 0 (Otsu threshold), with speckles smaller than a diacritic removed."""
    ink = as_gray(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1])
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    limit = SPECK_AREA * (dpi / DEFAULT_DPI) ** 2
    specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= limit)
    specks = specks[specks > 0]
    if len(specks):
        ink[np.isin(labels, specks)] = 0
    return ink


def skew_angle(ink: Gray, dpi: float) -> float:
    """Degrees to turn the page by (counter-clockwise) to level it: its rules or text lines."""
    angle = _angle_from_rules(ink, dpi)
    if angle is None:
        angle = _angle_from_text(ink)
    return angle if abs(angle) <= MAX_SKEW else 0.0


def _angle_from_rules(ink: Gray, dpi: float) -> float | None:
    # Long horizontal table rules give the tilt to a hundredth of a degree.
    length = int(dpi * 0.6)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    long_ones = [i for i in range(1, count) if stats[i, cv2.CC_STAT_WIDTH] >= ink.shape[1] // 4]
    angles = []
    for index in long_ones[:20]:
        x, y, w, h = (int(v) for v in stats[index, :4])
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == index)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
    return float(np.median(angles)) if angles else None


def _angle_from_text(ink: Gray) -> float:
    # Projection profile: text lines are sharpest (highest row-sum variance) when level.
    small = as_gray(cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA))
    best, best_score = 0.0, -1.0
    for step, span in ((0.5, MAX_SKEW), (0.1, 0.5)):
        centre = best
        for angle in np.arange(centre - span, centre + span + 1e-9, step):
            score = float(np.var(rotate(small, float(angle)).sum(axis=1, dtype=np.float64)))
            if score > best_score:
                best, best_score = float(angle), score
    return best


def rotate(image: Gray, angle: float, fill: int = 0) -> Gray:
    """Rotate about the centre by `angle` degrees (image coordinates), same size."""
    if abs(angle) < 1e-6:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(fill,)
    )
    return as_gray(turned)


def deskew(page: PageImage) -> tuple[PageImage, Gray, float]:
    """The page turned level, its cleaned ink mask, and the angle it was turned by."""
    ink = ink_mask(page.gray, page.dpi)
    angle = skew_angle(ink, page.dpi)
    if abs(angle) < 0.02:
        return page, ink, 0.0
    gray = rotate(page.gray, angle, fill=255)
    return PageImage(page.page, gray, page.dpi), ink_mask(gray, page.dpi), angle
