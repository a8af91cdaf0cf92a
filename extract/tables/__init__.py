"""Appendix tables: Document -> stitched logical tables -> TableRow records."""

from __future__ import annotations

from extract.tables.headings import find_heading_items
from extract.tables.rows import table_rows
from extract.tables.stitch import stitch_tables
from models.document import Document, TableRow


def find_table_rows(doc: Document) -> list[TableRow]:
    """All appendix-table rows of a document, e.g. plan_000's '1.1' … '8.1.5'; a plan
    without a table but with 'Tiêu chí thành phần' headings (plan_003) gives those."""
    rows: list[TableRow] = []
    index = 0
    for table in stitch_tables(doc):
        found = table_rows(table, index)
        if any(r.kind == "item" for r in found):
            rows.extend(found)
            index += 1
    return rows or find_heading_items(doc)
