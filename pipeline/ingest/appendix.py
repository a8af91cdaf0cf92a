"""A plan whose appendix comes as a file of its own beside its body document is one plan.

'KH 18 - Phu luc.xlsx' next to 'KH 18.docx' (same folder, the same name stem or 'Phụ lục'
in the name with one body document beside it: `extract.readers.sheet.body_of`) holds the
rows; the body holds the number, commune, year and signer. So does a document appendix, 'KH
18 - Phu luc.docx' (or .pdf): 'Phụ lục' in its name, a body without it beside it, and
`joins`: the body holds no appendix rows of its own (else the file is a copy of the whole
plan, whose rows would count twice) and the appendix names no other plan.

This module finds and reads the body (I/O is the pipeline's) and says whether the two join;
`extract_document(appendix, body)` gives the appendix the body's metadata. The body is read
again for this (an appendix is one file among many, and the per-document function must stay
self-contained for the Dask workers); a body that cannot be read leaves the appendix with its
own metadata and a warning (the document is `partial`). The body's path and sha256 go into
the appendix's manifest row (`depends_on_*`): a run that finds the body changed extracts the
appendix again although its bytes are the same. The other way round, `appendices_beside`
tells a body that announces an appendix ('Phụ lục kèm theo') and holds no rows that its
appendix is the file beside it, not missing (by the names alone: the appendix is not read).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.metadata import find_metadata
from extract.readers import doc_id_of, read_document
from extract.readers.sheet import BODY_SUFFIXES, body_of, is_appendix_name
from extract.tables import find_tables
from models.document import Document
from models.errors import ExtractError

SHEET_SUFFIXES = frozenset({".xlsx", ".xls", ".ods"})
APPENDIX_SUFFIXES = SHEET_SUFFIXES | frozenset(BODY_SUFFIXES)  # a sheet, or a document


@dataclass(frozen=True, slots=True)
class BodyFile:
    """The body document of an appendix file, read (or why it could not be)."""

    path: str
    doc: Document | None  # None when the body could not be read
    problem: str | None = None
    doc_id: str | None = None  # sha256 of the body's bytes read (None: none were read)


def files_in(folder: Path) -> tuple[Path, ...]:
    """The files of a folder, sorted; listed once per folder and change (a batch of 10,000
    files in one folder must not list it for every file: that would grow as the square)."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return ()
    return _listing(folder, stamp)


@lru_cache(maxsize=64)
def _listing(folder: Path, stamp: int) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.iterdir() if p.is_file()))


def read_body(appendix: Path) -> BodyFile | None:
    """'plan_004 - Phu luc.ods' (or 'plan_004 - Phu luc.docx') beside 'plan_004.docx' -> that
    body, read. A document is asked by its name first: the folder is listed only for a
    possible appendix (each forked worker lists it anew)."""
    suffix = appendix.suffix.lower()
    if suffix not in APPENDIX_SUFFIXES or not appendix.parent.is_dir():
        return None
    if suffix in BODY_SUFFIXES and not is_appendix_name(appendix):
        return None
    body = body_of(appendix, files_in(appendix.parent))
    if body is None:
        return None
    try:
        data = body.read_bytes()
    except OSError as e:
        return BodyFile(
            str(body), None, f"{appendix}: its body document {body} is unreadable ({e})"
        )
    doc_id = doc_id_of(data)
    try:
        doc = read_document(body, data, doc_id)
    except ExtractError as e:
        problem = f"{appendix}: its body document {body} is unreadable ({e})"
        return BodyFile(str(body), None, problem, doc_id)
    return BodyFile(str(body), doc, doc_id=doc_id)


def joins(appendix: Document, body: Document) -> bool:
    """Whether an appendix file is the other half of the body beside it. A spreadsheet always
    is; a document only when the body holds no appendix rows ('plan_004 va phu luc.docx'
    beside the whole 'plan_004.docx' is a copy) and the appendix's own number and commune, if
    it names them ('Kèm theo Kế hoạch số 18/KH-UBND … của UBND xã Giang Điền'), are the
    body's ('KH 57 kem phu luc.docx' is another plan)."""
    if Path(appendix.source_path).suffix.lower() in SHEET_SUFFIXES:
        return True
    if find_tables(body).rows:
        return False
    own, theirs = find_metadata(appendix), find_metadata(body)
    return all(getattr(own, f) in (None, getattr(theirs, f)) for f in ("doc_number", "commune"))


def appendices_beside(body: Path) -> list[Path]:
    """The appendix files whose body is `body`: 'KH 18 - Phu luc.ods' or 'KH 18 - Phu
    luc.docx' for 'KH 18.docx'. Lists the folder: called only for a body that announces an
    appendix and has no rows."""
    if body.suffix.lower() not in BODY_SUFFIXES or not body.parent.is_dir():
        return []
    siblings = files_in(body.parent)
    return [
        appendix
        for appendix in siblings
        if appendix != body
        and appendix.suffix.lower() in APPENDIX_SUFFIXES
        and body_of(appendix, siblings) == body
    ]
