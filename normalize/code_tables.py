"""Local numbering -> canonical code, for the frameworks whose numbering we verified.

A code table is keyed by (province, district, framework_year); the table that applies to a
plan is the newest one whose framework_year <= plan_year (any year when plan_year is None).
A hit is trusted only when the row's label overlaps the label recorded for that local code
(the `note` column, text before ' // '): numbering drifts between years and districts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from models.marks import strip_marks
from normalize.codelist import CodeList, CodeTableEntry
from normalize.text import fold, match_tokens

# Share of the recorded label's tokens that must appear in the row label.
LABEL_CHECK = 0.5
# Administrative prefixes dropped before comparing place names ("huyện Phú Bình" = "Phú Bình").
PLACE_PREFIXES = ("thanh pho ", "tp ", "tinh ", "huyen ", "thi xa ", "quan ")


@dataclass(frozen=True, slots=True)
class TableHit:
    """A verified local code: the canonical code and how well the labels agree (0-1)."""

    canonical_code: str
    label_overlap: float


def place_key(name: str | None) -> str:
    """'Huyện Phú Bình' -> 'phu binh'; '' for None."""
    key = fold(name or "")
    for prefix in PLACE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


def table_for(
    codes: CodeList, province: str | None, district: str | None, plan_year: int | None
) -> dict[str, CodeTableEntry]:
    """local_code -> entry of the code table that applies, {} when none does."""
    return dict(_table_for(codes, place_key(province), place_key(district), plan_year))


@lru_cache(maxsize=64)
def _table_for(
    codes: CodeList, province: str, district: str, plan_year: int | None
) -> tuple[tuple[str, CodeTableEntry], ...]:
    if not district:
        return ()
    entries = [e for e in codes.code_tables if _place_matches(e, province, district)]
    years = sorted({e.framework_year for e in entries})
    if plan_year is not None:
        years = [y for y in years if y <= plan_year]
    if not years:
        return ()
    chosen = [e for e in entries if e.framework_year == years[-1]]
    # a label printed as the code ('TỔNG ĐIỂM', 001) is also found typed without marks
    return tuple(
        (key, e) for e in chosen for key in dict.fromkeys((e.local_code, strip_marks(e.local_code)))
    )


def _place_matches(entry: CodeTableEntry, province: str, district: str) -> bool:
    if place_key(entry.district) != district:
        return False
    return not province or place_key(entry.province) == province


def recorded_label(entry: CodeTableEntry) -> str:
    """The printed label kept in `note` (a remark after ' // ' is dropped)."""
    return entry.note.split(" // ", 1)[0]


def label_overlap(recorded: str, label: str) -> float:
    """Share of the recorded label's tokens present in the row label (0-1)."""
    want = set(match_tokens(recorded))
    if not want:
        return 1.0
    return len(want & set(match_tokens(label))) / len(want)


def lookup(table: dict[str, CodeTableEntry], code: str, label: str) -> TableHit | None:
    """The canonical code for a local code, or None when absent or the label disagrees."""
    entry = table.get(code)
    if entry is None:
        return None
    overlap = label_overlap(recorded_label(entry), label)
    if overlap < LABEL_CHECK:
        return None
    return TableHit(entry.canonical_code, round(overlap, 3))
