"""Tesseract (`vie`) on a batch of images in one process: words with boxes and confidences.

Cells are OCR'd one by one but not one process each: the batch goes to Tesseract as a
multi-page TIFF on stdin (each cell a page, the model loaded once: ~0.1 s CPU a run) and comes
back as TSV whose `page_num` says which image a word belongs to. Each frame carries its own
resolution tag, so images read at different scales (a cell enlarged and the same cell at the
scan's resolution, the page body) share one run; Tesseract reads each frame on its own, so a
frame's words do not depend on the others in the batch. One thread per process
(OMP_THREAD_LIMIT=1): pages run in parallel across processes, which scales better on the
CI's two cores than Tesseract's own OpenMP threads.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image

from extract.readers.ocr.image import Gray
from models.errors import ExtractError, NoTextLayer

LANG = "vie"
INSTALL_HINT = "install the Debian packages tesseract-ocr and tesseract-ocr-vie"
TIMEOUT_PER_IMAGE = 20.0  # seconds; a page's batch gets this times its image count, capped
TIMEOUT_MAX = 600.0
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's orientation confidence; below it the page stays as it is


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word: which image of the batch, its line, box and confidence."""

    image: int  # 0-based index in the batch
    line: tuple[int, int, int]  # (block, paragraph, line) numbers within the image
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0-100
    text: str
    was: str | None = None  # Tesseract's own reading when a later step changed `text`


@cache
def tesseract_path() -> str:
    """The tesseract binary with the Vietnamese model, or NoTextLayer saying what to install."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise NoTextLayer(f"OCR needed but the tesseract binary is missing: {INSTALL_HINT}")
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise NoTextLayer(f"OCR needed but tesseract does not run ({e}): {INSTALL_HINT}") from e
    langs = set((listed.stdout + listed.stderr).split())
    if LANG not in langs:
        raise NoTextLayer(
            f"OCR needed but tesseract has no '{LANG}' language: install tesseract-ocr-vie"
        )
    return binary


def ocr_batch(images: Sequence[Gray], psm: int, dpi: float | Sequence[float]) -> list[list[Word]]:
    """OCR each image on its own (one Tesseract run for the batch), at one resolution or one
    per image; words per image."""
    if not images:
        return []
    dpis = [dpi] * len(images) if isinstance(dpi, float | int) else list(dpi)
    if len(dpis) != len(images):
        raise ValueError(f"{len(images)} images but {len(dpis)} resolutions")
    command = [
        tesseract_path(),
        "stdin",
        "stdout",
        "-l",
        LANG,
        "--psm",
        str(psm),
        "-c",
        "tessedit_do_invert=0",
        "tsv",
    ]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    timeout = min(TIMEOUT_MAX, TIMEOUT_PER_IMAGE * max(1, len(images) / 10))
    try:
        done = subprocess.run(
            command,
            input=_tiff(images, dpis),
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise ExtractError(f"tesseract took longer than {timeout:.0f} s") from e
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractError(f"tesseract failed: {message[-1] if message else done.returncode}")
    return _parse_tsv(done.stdout.decode("utf-8", "replace"), len(images))


def _tiff(images: Sequence[Gray], dpis: Sequence[float]) -> bytes:
    """A multi-page TIFF, each frame tagged with its resolution (what Tesseract reads it at)."""
    frames = []
    for image, dpi in zip(images, dpis, strict=True):
        frame = Image.fromarray(image)
        frame.encoderinfo = {"dpi": (round(dpi), round(dpi))}  # read per frame by Pillow
        frames.append(frame)
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="TIFF", save_all=True, append_images=frames[1:], **frames[0].encoderinfo
    )
    return buffer.getvalue()


def _parse_tsv(text: str, count: int) -> list[list[Word]]:
    words: list[list[Word]] = [[] for _ in range(count)]
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(rows, None)  # the header line
    for row in rows:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        image = int(row[1]) - 1
        if 0 <= image < count:
            left, top, width, height = (int(v) for v in row[6:10])
            line = (int(row[2]), int(row[3]), int(row[4]))
            conf = max(0.0, min(100.0, float(row[10])))
            words[image].append(Word(image, line, left, top, width, height, conf, row[11]))
    return words


def osd_rotation(image: Gray, dpi: float) -> int:
    """Clockwise degrees (0, 90, 180, 270) that turn a page upright, by Tesseract's OSD;
    0 when OSD is unsure or has too little text to tell."""
    command = [tesseract_path(), "stdin", "stdout", "--psm", "0", "--dpi", str(round(dpi))]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command,
            input=_tiff([image], [dpi]),
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return 0
    fields = dict(
        line.split(":", 1)
        for line in done.stdout.decode("utf-8", "replace").splitlines()
        if ":" in line
    )
    try:
        rotate = int(fields.get("Rotate", "0").strip())
        confidence = float(fields.get("Orientation confidence", "0").strip())
    except ValueError:
        return 0
    return rotate if rotate in (90, 180, 270) and confidence >= OSD_MIN_CONFIDENCE else 0
