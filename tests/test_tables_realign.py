"""Cells typed left of their columns (extract/tables/realign.py), on the samples degraded the
way converted plans are: the hand-checked rows of 002 and 004 (tests/fixtures/tables) are laid
out again as groups whose sub-rows lost their merged objective cell, and sometimes their empty
support cell too, the rest typed from the left. Every sub-row must come back in its columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.readers import read_document
from extract.tables import find_table_rows
from extract.tables.patterns import DEADLINE_LIKE_RE
from tests.conftest import FIXTURES

HEADER = (
    "STT",
    "Mục tiêu",
    "Nhiệm vụ",
    "Kết quả/Sản phẩm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
)
CELLS = ("task", "output", "lead", "support", "deadline")


def _full_rows(plan: str) -> list[dict[str, str]]:
    """Item rows with every cell filled but the support, none starting lower-case, whose
    deadline reads as one (002 2.4's deadline cell holds agencies: the plan's own shift)."""
    lines = (FIXTURES / "tables" / f"plan_{plan}.rows.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    keep = [
        r
        for r in rows
        if r["kind"] == "item" and all(r[k] for k in ("objective", *CELLS[:3], "deadline"))
    ]
    keep = [r for r in keep if DEADLINE_LIKE_RE.match(r["deadline"])]
    return [r for r in keep if not any((r[k] or "")[:1].islower() for k in ("objective", *CELLS))]


def _layout(rows: list[dict[str, str]]) -> tuple[str, list[dict[str, str]]]:
    """Groups of three: a numbered row in place, two sub-rows typed from the left."""
    lines, expected = ["\t".join(HEADER)], []
    for n, start in enumerate(range(0, len(rows) - 2, 3), 1):
        head, *subs = rows[start : start + 3]
        lines.append("\t".join([str(n), head["objective"], *(head[k] or "" for k in CELLS)]))
        for sub in subs:
            typed = [sub[k] or "" for k in CELLS]
            if not sub["support"]:
                typed.remove("")  # the empty support cell dropped too: two cells short
            lines.append("\t".join(["", *typed, *[""] * (6 - len(typed))]))
            expected.append({k: sub[k] or None for k in CELLS} | {"objective": head["objective"]})
    return "\n".join(lines) + "\n", expected


@pytest.mark.parametrize("plan", ["002", "004"])
def test_sub_rows_typed_from_the_left_come_back_in_their_columns(plan: str, tmp_path: Path) -> None:
    text, expected = _layout(_full_rows(plan))
    path = tmp_path / f"shifted_{plan}.txt"
    path.write_text(text, "utf-8")
    rows = [r for r in find_table_rows(read_document(path)) if "sub_row" in r.flags]
    got = [{k: getattr(r, k) for k in ("objective", *CELLS)} for r in rows]
    assert len(expected) >= 12
    assert got == expected
