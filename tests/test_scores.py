"""Score tables: children sum to their parent; mismatches become warnings."""

from __future__ import annotations

import dataclasses

import pytest

from extract.readers import read_document
from extract.tables import find_table_rows
from normalize.document import score_mismatches, scores_of
from tests.conftest import RAW


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_plan_001_scores_sum_exactly(fmt: str) -> None:
    rows = find_table_rows(read_document(RAW / f"plan_001.{fmt}"))
    assert score_mismatches(rows) == []
    field6 = [r for r in rows if r.parent_code == "6"]
    assert sum(r.scores[0].value for r in field6) == pytest.approx(15.0)  # 6.10 counted once


def test_a_wrong_child_score_is_reported() -> None:
    rows = find_table_rows(read_document(RAW / "plan_001.txt"))
    broken = []
    for row in rows:
        if row.code == "1.1.1":
            cell = dataclasses.replace(row.scores[1], value=0.5)  # 'Điểm năm 2023': 1.00 -> 0.5
            row = dataclasses.replace(row, scores=(row.scores[0], cell, row.scores[2]))
        broken.append(row)
    assert score_mismatches(broken) == [
        "table 0 item 1.1: children sum to 1.00 in 'Điểm năm 2023', the item says 1.50"
    ]


def test_score_kinds_follow_the_plan_year() -> None:
    rows = find_table_rows(read_document(RAW / "plan_001.docx"))
    scores = [s for s in scores_of("d", rows, 2024) if s.code == "3.3.1"]
    assert [(s.kind, s.year, s.value) for s in scores] == [
        ("max", None, 4.5),
        ("actual", 2023, 4.5),
        ("target", 2024, 4.5),
    ]
    total = [s for s in scores_of("d", rows, 2024) if s.code == "1" and s.kind == "actual"]
    assert total[0].value == 23.27
