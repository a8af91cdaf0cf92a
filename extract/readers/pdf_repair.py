"""Damaged PDFs that MuPDF can repair: a broken or missing cross-reference table.

pdfminer trusts the xref table: when its offsets are wrong it fails ('No /Root object') or,
worse, silently loses pages (plan_004 with ten garbled xref entries: 17 of 21 pages). MuPDF
rebuilds the table by scanning the objects. When pdfminer fails, or sees fewer pages than
MuPDF, the file is rewritten by MuPDF and read again, with a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf as _pymupdf

mupdf: Any = _pymupdf  # PyMuPDF's API is untyped; it is used as such, here only


def mupdf_page_count(data: bytes) -> int | None:
    """The page count MuPDF finds (after its own repair), None if it cannot open the file."""
    try:
        with mupdf.open(stream=data, filetype="pdf") as doc:
            return int(doc.page_count)
    except (RuntimeError, ValueError):
        return None


def repaired_bytes(path: Path, data: bytes) -> bytes | None:
    """The file rewritten by MuPDF with a fresh xref table, None when MuPDF cannot read it
    either (e.g. plan_004.pdf with its xref cut off -> 21 readable pages again)."""
    try:
        with mupdf.open(stream=data, filetype="pdf") as doc:
            if doc.needs_pass:
                return None
            fixed: bytes = doc.tobytes(garbage=1)
    except (RuntimeError, ValueError):
        return None
    return fixed if fixed and fixed != data else None
