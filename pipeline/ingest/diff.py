"""Per-document change summary of a re-extraction: plan_items rows added, removed, changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from models.arrow import as_row
from models.records import PlanItem

IGNORED = frozenset({"doc_id", "run_id", "extractor_version", "plan_year"})


def _key(row: dict[str, Any]) -> tuple[int, str]:
    return (row["table_index"], row["code"])


def item_diff(before: Sequence[dict[str, Any]], after: Iterable[PlanItem]) -> tuple[int, int, int]:
    """(added, removed, changed) rows, matched by (table_index, code)."""
    old = {_key(r): r for r in before}
    new = {_key(d): d for d in (as_row("plan_items", a) for a in after)}
    added = len(new.keys() - old.keys())
    removed = len(old.keys() - new.keys())
    changed = 0
    for key in new.keys() & old.keys():
        a, b = old[key], new[key]
        if any(a.get(k) != b.get(k) for k in b if k not in IGNORED):
            changed += 1
    return added, removed, changed
