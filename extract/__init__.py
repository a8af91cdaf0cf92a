"""File bytes -> Document -> appendix-table rows, legal references and metadata.

`extract` knows nothing of canonical codes (that is `normalize`); it never imports
`normalize` or `pipeline`. One verb per stage: `read_document(path)` gives the Document,
`extract_document(doc)` everything extract finds in it.
"""

from __future__ import annotations

from extract.legal import find_legal_refs
from extract.metadata import find_metadata, with_body
from extract.paragraphs import paragraphs
from extract.readers import read_document
from extract.tables import find_tables
from models.document import Document
from models.marks import is_bare
from models.stages import Extracted, Finding

__all__ = ["Extracted", "extract_document", "read_document"]

# A document typed without marks has its table rows and header read (`models.marks.AnyMarks`,
# `extract.marks.AnyMarksRx`), but its legal references are matched with their marks: say
# what may be missing.
NO_MARKS = (
    "the text has no Vietnamese marks: table rows and the header are read, but legal "
    "references may lack their date, issuer and relation"
)
# ... judged on this many letters at least (a stub of a page says nothing).
NO_MARKS_MIN_LETTERS = 200


def typed_without_marks(doc: Document) -> bool:
    """True when the text has NO_MARKS_MIN_LETTERS letters and none of them is marked."""
    text = doc.text
    return sum(ch.isalpha() for ch in text) >= NO_MARKS_MIN_LETTERS and is_bare(text)


def extract_document(doc: Document, body_doc: Document | None = None) -> Extracted:
    """Metadata, table rows, legal references and body paragraphs of a read plan, e.g. of
    plan_000.docx: 57/KH-UBND of xã Hà Châu, rows '1' … '8.1.5', 'Nghị định số 61/2018/NĐ-CP' …

    `body_doc`: the body document of an appendix file ('KH 18.docx' beside 'KH 18 -
    Phu luc.xlsx'), whose header gives the plan's number, commune, year and signer."""
    tables = find_tables(doc)
    body = tuple(p for i, p in enumerate(paragraphs(doc)) if i not in tables.heading_paragraphs)
    meta = find_metadata(doc)
    if body_doc is not None:
        meta = with_body(meta, find_metadata(body_doc))
    findings = [Finding("extract", w.kind, w.message) for w in tables.warnings]
    if not (meta.doc_number or meta.doc_type or meta.commune or tables.rows):
        message = "no plan header (number, document type, commune) and no appendix rows"
        findings.append(Finding("extract", "not_a_plan", f"{doc.source_path}: {message}"))
    if typed_without_marks(doc):
        findings.append(Finding("extract", "no_marks", f"{doc.source_path}: {NO_MARKS}"))
    return Extracted(
        meta=meta,
        rows=tables.rows,
        refs=tuple(find_legal_refs(doc)),
        tables=tables.tables,
        findings=tuple(findings),
        body=body,
    )
