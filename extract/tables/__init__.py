"""Appendix tables: Document -> stitched logical tables -> TableRow records.

`find_table_rows(doc)` gives the plan_items rows; `find_tables(doc)` gives them with one
`TableInfo` per detected table and the `TableWarning`s (no silent empty result).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.paragraphs import paragraphs
from extract.tables.headings import heading_items
from extract.tables.info import (
    TableWarning,
    confidence_of,
    kind_of,
    table_warnings,
)
from extract.tables.roles import column_roles, content_uncertain, raw_column_roles
from extract.tables.rows import table_rows
from extract.tables.stitch import LogicalTable, stitch_tables
from models.document import Document, TableInfo, TableRow


@dataclass(frozen=True, slots=True)
class TablesFound:
    """Everything the table stage found in one document."""

    rows: tuple[TableRow, ...]
    tables: tuple[TableInfo, ...]
    warnings: tuple[TableWarning, ...]
    # indices into paragraphs(doc) of the body paragraphs heading rows were built from
    heading_paragraphs: frozenset[int] = frozenset()


def find_table_rows(doc: Document) -> list[TableRow]:
    """All appendix-table rows of a document, e.g. plan_000's '1.1' … '8.1.5'; a plan
    without a table but with 'Tiêu chí thành phần' headings (plan_003) gives those."""
    return list(find_tables(doc).rows)


def find_tables(doc: Document, strategy: str | None = None) -> TablesFound:
    """Rows, one TableInfo per detected table and the warnings, e.g. for plan_000.docx:
    60 rows, [TableInfo(0, 'appendix', 2, 9, 63, 6, …)], no warning."""
    rows: list[TableRow] = []
    infos: list[TableInfo] = []
    index = 0
    for table in stitch_tables(doc):
        info, found = _one_table(table, index, strategy or doc.source_format)
        infos.append(info)
        if info.kind == "appendix":
            rows.extend(found)
            index += 1
    used: frozenset[int] = frozenset()
    if not rows:
        headings = heading_items(paragraphs(doc))
        rows, used = list(headings.rows), headings.used
        if rows:
            infos.append(_headings_info(rows))
    warnings = tuple(table_warnings(doc, rows, infos))
    return TablesFound(tuple(rows), tuple(infos), warnings, used)


def _one_table(table: LogicalTable, index: int, strategy: str) -> tuple[TableInfo, list[TableRow]]:
    raw = raw_column_roles(table.header, table.width)
    roles = column_roles(table.header, table.width, [r.cells for r in table.rows])
    found = table_rows(table, index)
    kind = kind_of(roles, found)
    pages = [r.page for r in table.rows] or [0]
    info = TableInfo(
        table_index=index if kind == "appendix" else None,
        kind=kind,
        page_first=min(pages),
        page_last=max(pages),
        rows=len(table.rows),
        columns=table.width,
        roles=tuple(r or "" for r in roles),
        strategy=table.strategy or strategy,
        confidence=round(confidence_of(roles, raw) * table.confidence, 3),
        uncertain_roles=content_uncertain(raw),
    )
    return info, found


def _headings_info(rows: list[TableRow]) -> TableInfo:
    return TableInfo(
        0,
        "appendix",
        min(r.page_first for r in rows),
        max(r.page_last for r in rows),
        len(rows),
        0,
        ("criterion", "task", "lead", "deadline"),
        "headings",
        0.8,
    )


__all__ = ["TableInfo", "TableWarning", "TablesFound", "find_table_rows", "find_tables"]
