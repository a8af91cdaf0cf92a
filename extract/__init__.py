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
from models.stages import Extracted, Finding

__all__ = ["Extracted", "extract_document", "read_document"]


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
    return Extracted(
        meta=meta,
        rows=tables.rows,
        refs=tuple(find_legal_refs(doc)),
        tables=tables.tables,
        findings=tuple(findings),
        body=body,
    )
