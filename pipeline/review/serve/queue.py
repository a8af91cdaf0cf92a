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

from pipeline.query.views import connect, sql_text
from pipeline.review.serve.queries import BELOW, OCR_FLOOR, rows_of


@dataclass(frozen=True)
class Entry:
    """One queue entry: 'criterion', 'Tập huấn, tuyên truyền…', 4 rows, where to go."""

    kind: str  # criterion | ocr | warning | agency
    title: str
    rows: int
    doc_id: str
    target: str  # 'table:row' of the first row ('' for a whole plan)
    detail: str


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
        for r in rows_of(con, sql_text("review/queue_criteria"), [BELOW])
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
        for r in rows_of(con, sql_text("review/queue_ocr"), [OCR_FLOOR])
    ]
    entries += [
        Entry("warning", r["kind"], r["n"], r["doc_id"] or "", "", r["message"])
        for r in rows_of(con, sql_text("review/queue_warnings"))
    ]
    entries += [
        Entry("agency", r["wording"], r["n"], r["doc_id"], r["target"], "no canonical agency")
        for r in rows_of(con, sql_text("review/queue_agencies"))
    ]
    entries.sort(key=lambda e: (-e.rows, e.kind, e.title))
    return entries
