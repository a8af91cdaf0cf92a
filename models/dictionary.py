"""The data dictionary: what every table and column means (README and `plans schema`).

Derived from the records (each column's meaning is declared on its field, models.columns)
and models.arrow, so it cannot drift from the schemas; a test checks README.md matches.
"""

from __future__ import annotations

from models.arrow import COLUMNS, PLAN_STAMPS, STAMPS, TABLE_DOCS, TABLES, schema_of


def describe(table: str, column: str) -> str:
    """The description of one column, e.g. describe('plan_items', 'code')."""
    for col in COLUMNS[table]:
        if col.name == column:
            return col.doc
    if column in PLAN_STAMPS:
        return PLAN_STAMPS[column][1]
    return STAMPS[column]


def dictionary_markdown() -> str:
    """Every table as a Markdown section with a column table."""
    parts = []
    for table, (_, schema, partition) in TABLES.items():
        where = f" — partitioned by `{partition}`" if partition else ""
        parts.append(f"#### `{table}`{where}\n\n{TABLE_DOCS[table]}.\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        for field in schema:
            meaning = describe(table, field.name).replace("|", "\\|")  # a cell, not a column
            parts.append(f"| `{field.name}` | {field.type} | {meaning} |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def dictionary_text() -> str:
    """Every table and column as plain text."""
    lines = []
    for table in TABLES:
        lines.append(f"{table}: {TABLE_DOCS[table]}")
        for field in schema_of(table):
            lines.append(f"  {field.name:<18} {str(field.type):<14} {describe(table, field.name)}")
    return "\n".join(lines)
