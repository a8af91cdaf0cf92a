"""The review queue: what a person should look at first, sorted by how many rows it affects.

- criterion wording left without a code or matched below BELOW: one entry per wording (folded),
  every row that prints it counted, the matcher's candidates shown;
- OCR rows under the confidence floor, per plan;
- warnings (errors of severity warning, stale corrections included), per plan and kind;
- agencies of lead/support cells that match no canonical agency, per wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.serve.queries import BELOW, OCR_FLOOR, rows_of
from pipeline.views import connect


@dataclass(frozen=True)
class Entry:
    """One queue entry: 'criterion', 'Tập huấn, tuyên truyền…', 4 rows, where to go."""

    kind: str  # criterion | ocr | warning | agency
    title: str
    rows: int
    doc_id: str
    target: str  # 'table:row' of the first row ('' for a whole plan)
    detail: str


MATCHES_SQL = """
    SELECT lower(trim(regexp_replace(coalesce(criterion, objective, task, requirement, ''),
                                     '\\s+', ' ', 'g'))) AS wording,
           count(*) AS n,
           arg_min(doc_id, (doc_id, table_index, row_index)) AS doc_id,
           arg_min(table_index || ':' || row_index, (doc_id, table_index, row_index)) AS target,
           any_value(coalesce(criterion, objective, task, requirement)) AS label,
           any_value(array_to_string(criterion_candidates, '; ')) AS candidates,
           min(coalesce(match_score, 0)) AS score
    FROM plan_items
    WHERE kind = 'item' AND NOT corrected
      AND (criterion_code IS NULL OR coalesce(match_score, 0) < ?)
    GROUP BY 1 HAVING wording <> ''
"""
OCR_SQL = """
    SELECT doc_id, count(*) AS n,
           arg_min(table_index || ':' || row_index, ocr_confidence) AS target,
           min(ocr_confidence) AS worst
    FROM plan_items WHERE ocr_confidence < ? AND NOT corrected GROUP BY doc_id
"""
AGENCIES_SQL = """
    SELECT lower(text) AS wording, count(*) AS n,
           arg_min(doc_id, (doc_id, table_index, row_index)) AS doc_id,
           arg_min(table_index || ':' || row_index, (doc_id, table_index, row_index)) AS target
    FROM item_agencies WHERE agency_code IS NULL GROUP BY 1
"""
WARNINGS_SQL = """
    SELECT doc_id, kind, count(*) AS n, any_value(message) AS message
    FROM errors WHERE severity = 'warning' GROUP BY doc_id, kind
"""


def review_queue(data: Path) -> list[Entry]:
    """Every entry, most rows affected first."""
    con = connect(data)
    entries = [
        Entry(
            "criterion",
            r["label"],
            r["n"],
            r["doc_id"],
            r["target"],
            f"best score {r['score']:.2f}; candidates: {r['candidates'] or 'none'}",
        )
        for r in rows_of(con, MATCHES_SQL, [BELOW])
    ]
    entries += [
        Entry(
            "ocr",
            "OCR cells under the confidence floor",
            r["n"],
            r["doc_id"],
            r["target"],
            f"lowest row confidence {r['worst']:.0f} (floor {OCR_FLOOR:.0f})",
        )
        for r in rows_of(con, OCR_SQL, [OCR_FLOOR])
    ]
    entries += [
        Entry("warning", r["kind"], r["n"], r["doc_id"] or "", "", r["message"])
        for r in rows_of(con, WARNINGS_SQL)
    ]
    entries += [
        Entry("agency", r["wording"], r["n"], r["doc_id"], r["target"], "no canonical agency")
        for r in rows_of(con, AGENCIES_SQL)
    ]
    entries.sort(key=lambda e: (-e.rows, e.kind, e.title))
    return entries
