"""Reader registry: file suffix -> reader; read_document(path) -> Document.

A reader takes the path (for messages), the file bytes and the doc_id, and returns a
`Document`. Readers are imported lazily so a missing optional dependency (OCR) only
affects the formats that need it.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from extract.cleantext import nfc
from models.document import Document
from models.errors import UnreadableFile, UnsupportedFormat

Reader = Callable[[Path, bytes, str], Document]

# suffix -> "module:function"; the module is imported on first use.
READERS: dict[str, str] = {
    ".docx": "extract.readers.docx:read",
    # legacy office documents: LibreOffice headless -> DOCX -> the DOCX reader
    ".doc": "extract.readers.office:read",
    ".odt": "extract.readers.office:read",
    ".rtf": "extract.readers.office:read",
    # appendices sent as spreadsheets: python-calamine, merged ranges kept merged
    ".xlsx": "extract.readers.sheet:read",
    ".xls": "extract.readers.sheet:read",
    ".ods": "extract.readers.sheet:read",
    ".pdf": "extract.readers.pdf:read",
    # plans saved or published as web pages (portals, Word's "save as web page")
    ".html": "extract.readers.html:read",
    ".htm": "extract.readers.html:read",
    ".txt": "extract.readers.text:read",
    ".md": "extract.readers.text:read",
    # scans as images: OCR with Tesseract `vie` (each TIFF frame is a page)
    ".png": "extract.readers.ocr:read_image",
    ".jpg": "extract.readers.ocr:read_image",
    ".jpeg": "extract.readers.ocr:read_image",
    ".tif": "extract.readers.ocr:read_image",
    ".tiff": "extract.readers.ocr:read_image",
    ".heic": "extract.readers.ocr:read_image",  # iPhone photos (pillow-heif)
    ".heif": "extract.readers.ocr:read_image",
    # loose page images of one plan (phone photos), pages in natural name order
    ".zip": "extract.readers.ocr.bundle:read_zip",
}


def supported_suffixes() -> tuple[str, ...]:
    """The file suffixes a reader is registered for, e.g. ('.docx', '.pdf', …)."""
    return tuple(sorted(READERS))


def get_reader(suffix: str) -> Reader:
    """The reader for a suffix ('.PDF' works too); UnsupportedFormat if there is none."""
    target = READERS.get(suffix.lower())
    if target is None:
        known = ", ".join(supported_suffixes())
        raise UnsupportedFormat(f"no reader for '{suffix or '(no suffix)'}' files (known: {known})")
    module_name, func_name = target.split(":")
    reader: Reader = getattr(importlib.import_module(module_name), func_name)
    return reader


def doc_id_of(data: bytes) -> str:
    """The document id: sha256 of the file bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, data: bytes | None = None, doc_id: str | None = None) -> Document:
    """Read a plan file into a Document, e.g. read_document(Path('data/raw/plan_000.docx'));
    a caller that already hashed the bytes passes their doc_id (sha256 once per file)."""
    if data is None:
        data = path.read_bytes()
    try:
        reader = get_reader(path.suffix)
    except UnsupportedFormat as e:
        raise UnsupportedFormat(f"{path}: {e}") from e
    if not data:
        raise UnreadableFile(f"{path}: empty file (0 bytes)")
    # The path is only a label from here on (the bytes are read): NFC like every string.
    label = Path(nfc(str(path)))
    return reader(label, data, doc_id or doc_id_of(data))
