"""A plan whose appendix comes as a spreadsheet beside its body document is one plan.

'KH 18 - Phu luc.xlsx' next to 'KH 18.docx' (same folder, the same name stem or 'Phụ lục'
in the name with one body document beside it: `extract.readers.sheet.body_of`) holds the
rows; the body holds the number, commune, year and signer. The sheet's document takes the
body's DocMeta, so its `documents` row and its plan_items (plan_year, deadlines) carry the
plan's metadata. The body is read again for this (a sheet is one file among many, and the
per-document function must stay self-contained for the Dask workers); a body that cannot be
read leaves the sheet with its own metadata and a warning (the document is `partial`).
The body's path and sha256 go into the sheet's manifest row (`depends_on_*`): a run that
finds the body changed extracts the sheet again although the sheet's bytes are the same.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path

from extract import extract_document
from extract.readers import doc_id_of, read_document
from extract.readers.sheet import body_of
from models.document import DocMeta
from models.errors import ExtractError
from models.stages import Extracted, Finding

log = logging.getLogger(__name__)

SHEET_SUFFIXES = frozenset({".xlsx", ".xls", ".ods"})


@dataclass(frozen=True, slots=True)
class BodyMeta:
    """The body document of a spreadsheet appendix and what its text says of the plan."""

    path: str
    meta: DocMeta | None  # None when the body could not be read
    problem: str | None = None
    doc_id: str | None = None  # sha256 of the body's bytes read (None: none were read)


def body_meta(sheet: Path) -> BodyMeta | None:
    """'plan_004 - Phu luc.ods' beside 'plan_004.docx' -> that body's DocMeta (18/KH-UBND)."""
    if sheet.suffix.lower() not in SHEET_SUFFIXES or not sheet.parent.is_dir():
        return None
    body = body_of(sheet, sorted(p for p in sheet.parent.iterdir() if p.is_file()))
    if body is None:
        return None
    try:
        data = body.read_bytes()
    except OSError as e:
        return BodyMeta(str(body), None, f"{sheet}: its body document {body} is unreadable ({e})")
    doc_id = doc_id_of(data)
    try:
        meta = extract_document(read_document(body, data, doc_id)).meta
    except ExtractError as e:
        problem = f"{sheet}: its body document {body} is unreadable ({e})"
        return BodyMeta(str(body), None, problem, doc_id)
    return BodyMeta(str(body), meta, doc_id=doc_id)


def join_body(extracted: Extracted, found: BodyMeta) -> tuple[Extracted, list[Finding]]:
    """The sheet's extraction with the body's metadata (the sheet's own fields fill what
    the body leaves blank), or unchanged with a finding when the body was unreadable."""
    if found.meta is None:
        return extracted, [Finding("read", "body_unreadable", found.problem or found.path)]
    own, body = extracted.meta, found.meta
    merged = DocMeta(
        **{
            f.name: getattr(body, f.name)
            if getattr(body, f.name) is not None
            else getattr(own, f.name)
            for f in fields(DocMeta)
        }
    )
    log.info("appendix sheet takes the metadata of its body document %s", found.path)
    return replace(extracted, meta=merged), []
