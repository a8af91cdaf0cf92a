"""Row wordings an analyst taught (issue 18's corrections, issue 19's learned aliases): a
criterion chosen for one row maps every later row worded the same way to that code.

The wording is the row's whole reading, its criterion, objective, task and requirement cells
joined, not one cell: the same task is another criterion under another objective. 'Tổ chức thực
hiện quy trình số hóa hồ sơ TTHC' is F7.ONESTOP_SYS under 'Hoàn thiện hệ thống một cửa điện tử
…' (002 II.3.5) and F7.DIGITIZE under 'Tối thiểu 15% hồ sơ … được số hóa' (004 4.3#4); a task's
objective shared with its group would carry one task's code to all of them.

A taught wording is matched whole (after `normalize.text.match_tokens`, so 'TTHC' and 'thủ tục
hành chính', case and punctuation do not matter), never as words or a phrase of its concept:
fed to the keys and BM25 like an alias, the wordings of every row of four plans made the fifth
plan's mapping worse (plan-out, pooled: 290 right and 3 wrong before, 274 and 8 after; matched
whole: unchanged).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from models.document import TableRow
from normalize.codelist import CodeList
from normalize.criteria_match import CriterionMatch, given_match
from normalize.text import match_tokens

# The cells that make a row's wording, in the matcher's reading order.
LEARNED_CELLS = ("criterion", "objective", "task", "requirement")
SEPARATOR = " | "


def row_wording(cells: Mapping[str, str | None]) -> str:
    """A row's wording to learn: its non-empty LEARNED_CELLS, spaces folded, joined by ' | ':
    {'objective': '100% TTHC …', 'task': 'Rà soát …'} -> '100% TTHC … | Rà soát …'."""
    parts = (" ".join((cells.get(name) or "").split()) for name in LEARNED_CELLS)
    return SEPARATOR.join(p for p in parts if p)


def taught_match(row: TableRow, codes: CodeList) -> CriterionMatch | None:
    """The code an analyst chose for a row worded as this one, when exactly one was chosen."""
    taught = _taught(codes)
    if not taught:  # the shipped list: no row's wording to build
        return None
    found = taught.get(_key(row_wording({c: getattr(row, c) for c in LEARNED_CELLS})))
    if found is None or len(found) != 1:
        return None
    return given_match(next(iter(found)), 1.0, "alias", codes)


@lru_cache(maxsize=8)
def _taught(codes: CodeList) -> dict[str, frozenset[str]]:
    """Each taught wording (folded) and the codes chosen for it."""
    out: dict[str, set[str]] = {}
    for concept in codes.concepts:
        for wording in concept.learned:
            out.setdefault(_key(wording), set()).add(concept.code)
    return {key: frozenset(found) for key, found in out.items() if key}


def _key(wording: str) -> str:
    return " ".join(" ".join(match_tokens(part)) for part in wording.split(SEPARATOR))
