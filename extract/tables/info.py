"""Which tables are appendix tables, what each detected table was, and when to warn.

Layout tables (the "ỦY BAN NHÂN DÂN … | CỘNG HÒA …" header block, recipients and the
signature block) and small unrelated tables (a 3-row statistics table) are not plan_items.
An appendix table names what is done (task, objective, criterion or requirement) and who or
when (lead, support, deadline or a score). Every detected table gets a `TableInfo` (the
`tables` Parquet table); a document that announces an appendix or shows a table-like
region but yields no rows gets a `TableWarning` (an `errors` row, status `partial`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract.tables.patterns import APPENDIX_RE
from extract.tables.roles import content_uncertain
from models.document import Document, TableInfo, TableKind, TableRow

WHAT_ROLES = frozenset({"task", "objective", "criterion", "requirement", "content"})
WHO_WHEN_ROLES = frozenset({"lead", "support", "deadline", "score_max", "score_year"})
MIN_ITEMS = 1  # one item is enough when the header names what and who or when
MIN_REGION = (3, 3)  # rows, columns: a grid this large "looks like a table"
UNCERTAIN_BELOW = 0.5


@dataclass(frozen=True, slots=True)
class TableWarning:
    """Why a document is `partial` for its tables: kind 'no_table_rows' or 'uncertain_roles'."""

    kind: str
    message: str


def is_appendix(roles: Sequence[str | None], rows: Sequence[TableRow]) -> bool:
    """True for a plan table: 'STT | Nhiệm vụ | Chủ trì | Thời hạn' with its items."""
    found = {r for r in roles if r}
    if not (found & WHAT_ROLES and found & WHO_WHEN_ROLES):
        return False
    items = sum(1 for r in rows if r.kind == "item")
    return items >= MIN_ITEMS


def kind_of(roles: Sequence[str | None], rows: Sequence[TableRow]) -> TableKind:
    """'appendix', 'layout' (no column has a role: header/signature blocks) or 'unrelated'."""
    if is_appendix(roles, rows):
        return "appendix"
    return "layout" if not {r for r in roles if r} - {"stt"} else "unrelated"


def confidence_of(roles: Sequence[str | None], raw_roles: Sequence[str | None]) -> float:
    """Share of columns with a role; a 'Nội dung' decided only by its cells costs 0.3."""
    if not roles:
        return 0.0
    share = sum(1 for r in roles if r) / len(roles)
    return round(share * (0.7 if content_uncertain(raw_roles) else 1.0), 3)


def table_warnings(
    doc: Document, rows: Sequence[TableRow], infos: Sequence[TableInfo]
) -> list[TableWarning]:
    """No silent empty result: 'Phụ lục I' announced (or a grid seen) but no rows; or an
    appendix table whose column roles are uncertain."""
    out: list[TableWarning] = []
    if not any(r.kind == "item" for r in rows):
        reason = _expects_rows(doc, infos)
        if reason:
            out.append(TableWarning("no_table_rows", f"{doc.source_path}: {reason} but no rows"))
    for info in infos:
        if info.kind == "appendix" and (info.uncertain_roles or info.confidence < UNCERTAIN_BELOW):
            out.append(
                TableWarning(
                    "uncertain_roles",
                    f"{doc.source_path}: table {info.table_index} (pages {info.page_first}-"
                    f"{info.page_last}) has uncertain column roles {list(info.roles)} "
                    f"(confidence {info.confidence:.2f})",
                )
            )
    return out


def _expects_rows(doc: Document, infos: Sequence[TableInfo]) -> str | None:
    mention = next((line for line in doc.lines if APPENDIX_RE.search(line.text)), None)
    if mention is not None:
        return f"page {mention.page} announces an appendix ('{mention.text[:60]}')"
    big = [i for i in infos if i.rows >= MIN_REGION[0] and i.columns >= MIN_REGION[1]]
    if big:
        return f"a {big[0].rows}x{big[0].columns} table on page {big[0].page_first}"
    return None
