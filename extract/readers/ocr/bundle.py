"""Loose page images of one plan read as one document (issue 14): a zip of JPEG/PNG/TIFF
pages, or the files of a folder, pages in natural name order ('trang 2' before 'trang 10').

    read_zip(path, data, doc_id)              a .zip of page images -> one Document
    read_page_files(path, files, doc_id)      [(name, bytes), …] -> one Document
    folder_pages(folder)                      the page files of a folder, for read_page_files

A zip is checked before anything is decoded: no page images, too many members, or more
uncompressed bytes than MAX_UNPACKED is an error naming the zip and the reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from extract.readers.ocr import _document, _run
from extract.readers.ocr.engine import tesseract_path
from extract.readers.ocr.image import MAX_FRAMES, PageImage, decode_image
from models.document import Document
from models.errors import LimitExceeded, UnreadableFile

PAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".heif")
MAX_UNPACKED = 500_000_000  # bytes of page images a zip may unpack to
DIGITS_RE = re.compile(r"(\d+)")  # 'trang_10.jpg' -> ['trang_', 10, '.jpg'] for natural order


def natural_key(name: str) -> list[object]:
    """Sort key putting 'p2.jpg' before 'p10.jpg'."""
    return [int(part) if part.isdigit() else part.casefold() for part in DIGITS_RE.split(name)]


def _is_page(name: str) -> bool:
    pure = PurePosixPath(name)
    hidden = any(part.startswith((".", "__MACOSX")) for part in pure.parts)
    return not hidden and pure.suffix.lower() in PAGE_SUFFIXES


def zip_pages(path: Path, data: bytes) -> list[tuple[str, bytes]]:
    """The page images of a zip, in natural name order; UnreadableFile/LimitExceeded naming it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and _is_page(m.filename)]
            if len(members) > MAX_FRAMES:
                raise LimitExceeded(f"{path}: {len(members)} pages, more than {MAX_FRAMES}")
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise LimitExceeded(f"{path}: page images unpack to more than {MAX_UNPACKED} bytes")
            members.sort(key=lambda m: natural_key(m.filename))
            pages = [(m.filename, archive.read(m)) for m in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
        raise UnreadableFile(f"{path}: not a readable zip ({e})") from e
    if not pages:
        raise UnreadableFile(f"{path}: no page images (.png, .jpg, .tif) in the zip")
    return pages


def folder_pages(folder: Path) -> list[tuple[str, bytes]]:
    """The page images directly in a folder, in natural name order."""
    files = [p for p in folder.iterdir() if p.is_file() and _is_page(p.name)]
    if not files:
        raise UnreadableFile(f"{folder}: no page images (.png, .jpg, .tif) in the folder")
    return [(p.name, p.read_bytes()) for p in sorted(files, key=lambda p: natural_key(p.name))]


def read_page_files(
    path: Path, files: Sequence[tuple[str, bytes]], doc_id: str, *, workers: int = 1
) -> Document:
    """Page image files of one plan -> one Document, pages numbered across the files."""
    images: list[PageImage] = []
    for name, data in files:
        for frame in decode_image(path / name, data):  # errors name the member
            images.append(replace(frame, page=len(images) + 1))
    tesseract_path()
    pages = _run(iter(images), workers, path, len(images))
    return _document(path, doc_id, "image", len(images), pages)


def read_zip(path: Path, data: bytes, doc_id: str, *, workers: int = 1) -> Document:
    """A zip of page photos or scans of one plan -> one Document (pages in name order)."""
    return read_page_files(path, zip_pages(path, data), doc_id, workers=workers)
