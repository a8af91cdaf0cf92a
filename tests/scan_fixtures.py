"""Scans as they really arrive, made from the typed sample PDFs (issue 14).

Every class of degraded scan is generated here from pages of data/raw/plan_*.pdf, so the
typed PDF's own rows are the truth the OCR output is checked against:

    gray_jpeg(...)     150-dpi grey JPEG pages in a PDF (what a cheap scanner sends)
    stamped(...)       300-dpi colour with round red stamps laid over the page (multiply
                       blend: the text under the stamp stays black, as with real ink)
    grey_stamped(...)  the same stamped page scanned in grey (200 dpi): the seal mid-grey
    skewed(...)        a 200-dpi grey page turned by 2.5°
    photo(...)         a phone photo: perspective +-3.5 %, desk margin, uneven light, blur
    fax_pdf/fax_tiff   1-bit 200-dpi pages with speckle, as a PDF and as a multi-page TIFF

Everything is deterministic (seeded); nothing here reads the OCR code.
"""

from __future__ import annotations

import io
import math
from functools import cache
from pathlib import Path

import cv2
import matplotlib
import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFont

from tests.conftest import RAW

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
RED = (205, 35, 45)  # stamp ink as a scanner sees it
BLUE = (40, 60, 170)
Array = np.ndarray


@cache
def render(name: str, page: int, dpi: int, colour: bool = False) -> Array:
    """A page of the typed data/raw/<name>.pdf as pixels (grey, or RGB when colour)."""
    with pymupdf.open(RAW / f"{name}.pdf") as doc:
        space = pymupdf.csRGB if colour else pymupdf.csGRAY
        pix = doc[page - 1].get_pixmap(dpi=dpi, colorspace=space, alpha=False)
        shape = (pix.height, pix.width, 3) if colour else (pix.height, pix.width)
        array = np.frombuffer(pix.samples, np.uint8).reshape(*shape).copy()
    array.setflags(write=False)
    return array


def jpeg(image: Array, quality: int = 75, dpi: int | None = None) -> bytes:
    """JPEG bytes of a grey or RGB array (a dpi tag only when given: photos carry none)."""
    buffer = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(image).save(buffer, format="JPEG", quality=quality, **extra)
    return buffer.getvalue()


def pdf_of(images: list[bytes], dpi: int) -> bytes:
    """A PDF with one full-page image per page (the images' own bytes, as scanners write)."""
    doc = pymupdf.open()
    for data in images:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        page = doc.new_page(width=width * 72 / dpi, height=height * 72 / dpi)
        page.insert_image(page.rect, stream=data)
    return doc.tobytes()


def gray_jpeg(name: str, pages: list[int], dpi: int = 150, quality: int = 70) -> bytes:
    """A cheap scan: grey, low resolution, strong JPEG compression."""
    return pdf_of([jpeg(np.array(render(name, p, dpi)), quality) for p in pages], dpi)


def skewed(name: str, pages: list[int], angle: float = 2.5, dpi: int = 200) -> bytes:
    """Grey pages turned by `angle` degrees, white where the turn uncovers the scan bed."""
    out = []
    for p in pages:
        gray = np.array(render(name, p, dpi))
        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        turned = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        out.append(jpeg(turned, 85))
    return pdf_of(out, dpi)


# --- stamps ---------------------------------------------------------------------------


def stamp_layer(diameter: int, ink: tuple[int, int, int], seed: int) -> Array:
    """A round official stamp ('ỦY BAN NHÂN DÂN XÃ …' round a star) as an RGB ink layer
    on white, with the uneven ink a rubber stamp leaves."""
    size = diameter + 8
    layer = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    centre, radius = size / 2, diameter / 2
    for r, width in ((radius, max(3, diameter // 45)), (radius * 0.72, max(2, diameter // 90))):
        draw.ellipse((centre - r, centre - r, centre + r, centre + r), outline=ink, width=width)
    font = ImageFont.truetype(str(FONT), max(10, diameter // 11))
    _ring_text(layer, "ỦY BAN NHÂN DÂN XÃ GIANG ĐIỀN * H. TRẢNG BOM *", radius * 0.86, ink, font)
    star = [
        (
            centre + radius * 0.22 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
            centre - radius * 0.22 * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=ink)
    array = np.asarray(layer).astype(np.float32)
    rng = np.random.default_rng(seed)
    patchy = cv2.GaussianBlur(rng.uniform(0.55, 1.0, array.shape[:2]).astype(np.float32), (0, 0), 3)
    ink_share = (255.0 - array) * patchy[..., None]
    return (255.0 - ink_share).clip(0, 255).astype(np.uint8)


def _ring_text(
    layer: Image.Image, text: str, radius: float, ink: tuple[int, int, int], font: ImageFont
) -> None:
    centre = layer.size[0] / 2
    step = 2 * math.pi / len(text)
    for index, char in enumerate(text):
        angle = math.pi / 2 - index * step
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size / 2, font.size / 3), char, font=font, fill=255)
        glyph = glyph.rotate(math.degrees(angle - math.pi / 2), resample=Image.BICUBIC)
        x = centre + radius * math.cos(angle) - glyph.size[0] / 2
        y = centre - radius * math.sin(angle) - glyph.size[1] / 2
        layer.paste(Image.new("RGB", glyph.size, ink), (round(x), round(y)), glyph)


def stamp_over(
    page: Array, centre: tuple[float, float], diameter: int, ink: tuple, seed: int
) -> Array:
    """The page with a stamp multiplied over it at `centre` (fractions of width, height)."""
    out = page.astype(np.float32)
    layer = stamp_layer(diameter, ink, seed).astype(np.float32) / 255.0
    h, w = page.shape[:2]
    size = layer.shape[0]
    x0, y0 = round(centre[0] * w - size / 2), round(centre[1] * h - size / 2)
    region = out[max(0, y0) : y0 + size, max(0, x0) : x0 + size]
    part = layer[
        max(0, -y0) : max(0, -y0) + region.shape[0], max(0, -x0) : max(0, -x0) + region.shape[1]
    ]
    region *= part
    return out.clip(0, 255).astype(np.uint8)


def stamped(name: str, page: int, centres: list[tuple[float, float]], dpi: int = 300) -> Array:
    """A colour page with a round red stamp (36 mm) at each centre."""
    image = np.array(render(name, page, dpi, colour=True))
    for k, centre in enumerate(centres):
        image = stamp_over(image, centre, round(dpi * 36 / 25.4), RED, seed=k)
    return image


def grey_stamped(
    name: str, page: int, centres: list[tuple[float, float]], dpi: int = 200, ink: tuple = RED
) -> Array:
    """A stamped page as a grey scanner sees it: the seal's ink at its luminance."""
    image = np.array(render(name, page, dpi, colour=True))
    for k, centre in enumerate(centres):
        image = stamp_over(image, centre, round(dpi * 36 / 25.4), ink, seed=k)
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


# --- phone photos ---------------------------------------------------------------------


def photo(name: str, page: int, seed: int = 3, dpi: int = 200) -> bytes:
    """A phone photo of a page: on a desk, perspective, uneven light, slight blur; a JPEG
    with no resolution tag."""
    rng = np.random.default_rng(seed)
    sheet = np.array(render(name, page, dpi, colour=True))
    h, w = sheet.shape[:2]
    margin = round(0.09 * max(h, w))
    canvas_w, canvas_h = w + 2 * margin, h + 2 * margin
    desk = _desk(canvas_h, canvas_w, rng)
    jitter = rng.uniform(-0.035, 0.035, (4, 2)) * (w, h)
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = (corners + margin + jitter).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(sheet, matrix, (canvas_w, canvas_h), borderValue=(0, 0, 0))
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (canvas_w, canvas_h))
    image = np.where(inside[..., None] > 127, warped, desk).astype(np.float32)
    image *= _light(canvas_h, canvas_w, rng)[..., None]
    image = cv2.GaussianBlur(image, (0, 0), 1.0)
    image += rng.normal(0, 3.0, image.shape)
    return jpeg(image.clip(0, 255).astype(np.uint8), 88)


def _desk(h: int, w: int, rng: np.random.Generator) -> Array:
    grain = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 6)
    grain = cv2.resize(cv2.resize(grain, (w // 8, h)), (w, h))  # streaks of wood
    base = np.float32([120, 88, 62])  # brown wood, as RGB
    desk = base + 14 * grain[..., None]
    return desk.clip(0, 255).astype(np.uint8)


def _light(h: int, w: int, rng: np.random.Generator) -> Array:
    """Light falling off from one side and a lamp's hot spot: 0.62 .. 1.0."""
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xs / w) * math.cos(angle) + (ys / h) * math.sin(angle)
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    spot = np.exp(-(((xs - cx) / w) ** 2 + ((ys - cy) / h) ** 2) * 3)
    light = 0.62 + 0.25 * (1 - ramp) + 0.13 * spot
    return np.minimum(light, 1.0).astype(np.float32)


# --- fax ------------------------------------------------------------------------------


def fax_page(name: str, page: int, seed: int = 5, dpi: int = 200) -> Array:
    """A 1-bit page as a fax or a photocopy leaves it: hard threshold, speckle, dropouts."""
    rng = np.random.default_rng(seed + page)
    gray = np.array(render(name, page, dpi)).astype(np.float32)
    gray += rng.normal(0, 18, gray.shape)
    ink = gray < 150
    h, w = ink.shape
    specks = rng.random((h, w)) < 0.0015  # black dots on the paper
    grow = cv2.dilate(specks.astype(np.uint8), np.ones((2, 2), np.uint8)) > 0
    dropouts = rng.random((h, w)) < 0.01  # white holes in strokes
    ink = (ink | grow) & ~dropouts
    return np.where(ink, 0, 255).astype(np.uint8)


def _one_bit(image: Array) -> Image.Image:
    return Image.fromarray(image).convert("1", dither=Image.Dither.NONE)


def fax_pdf(name: str, pages: list[int], dpi: int = 200) -> bytes:
    """1-bit fax pages in a PDF (each a 1-bit PNG)."""
    out = []
    for p in pages:
        buffer = io.BytesIO()
        _one_bit(fax_page(name, p, dpi=dpi)).save(buffer, format="PNG")
        out.append(buffer.getvalue())
    return pdf_of(out, dpi)


def fax_tiff(name: str, pages: list[int], dpi: int = 200) -> bytes:
    """1-bit fax pages as one multi-page CCITT G4 TIFF."""
    frames = [_one_bit(fax_page(name, p, dpi=dpi)) for p in pages]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        compression="group4",
        dpi=(dpi, dpi),
    )
    return buffer.getvalue()
