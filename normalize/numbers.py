"""Quantities in a cell or sentence: 'tối thiểu đạt từ 99,9% trở lên' -> (>=, 99.9, '%').

`find_numbers` returns every rate (%), score ('80 điểm', only with a target word nearby) and
count ('1 sáng kiến', '02 - 03 cuộc đối thoại') with its comparator, scope and clause:
- comparator: '>=' after 'tối thiểu', 'ít nhất', 'đạt', 'từ', 'vượt' or before 'trở lên';
  '<=' after 'tối đa', 'không quá', 'dưới' or before 'trở xuống'; else '=' (a bare '100% TTHC …').
  A range ('10-20%', '02 - 03 cuộc') gives two quantities, '>=' low and '<=' high.
- scope: 'district' when the clause says 'của huyện', 'cấp huyện', 'huyện Phú Bình đạt';
  'province' for 'của tỉnh', 'cấp tỉnh'; 'commune' otherwise and whenever the clause names 'xã'.
- clause: the text between strong boundaries (';', sentence end, list dash); when one such
  segment holds several quantities it is cut between them, the subject going with the number
  it precedes ('Tỷ lệ A đạt 100%; tỷ lệ B đạt 70% và tỷ lệ C đạt 30%').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from models.marks import strip_marks
from normalize.patterns import (
    CLAUSE_BOUNDARY_RE,
    CLAUSE_LEAD_RE,
    COMMUNE_SCOPE_RE,
    COUNT_RE,
    DISTRICT_SCOPE_RE,
    GE_AFTER_RE,
    GE_BEFORE_RE,
    LE_AFTER_RE,
    LE_BEFORE_RE,
    NUMBER_FIRST_LEAD_RE,
    PENALTY_BEFORE_RE,
    PERCENT_RANGE_RE,
    PERCENT_RE,
    POINTS_RE,
    PROVINCE_SCOPE_RE,
    TARGET_CUE_RE,
)
from normalize.text import fold_keep_length

Comparator = Literal[">=", "<=", "="]
Unit = Literal["%", "points", "count"]
COMPARATOR_ORDER: dict[Comparator | None, int] = {">=": 0, None: 1, "=": 1, "<=": 2}
# How far before / after a number its comparator words may stand (characters).
CUE_BEFORE, CUE_AFTER = 30, 15


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity of a text, with the clause it belongs to."""

    value: float
    unit: Unit
    comparator: Comparator
    scope: str  # commune | district | province
    text: str  # the clause, as printed
    segment: str  # the whole boundary-delimited segment (for year and cue checks)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Raw:
    start: int
    end: int
    value: float
    unit: Unit
    comparator: Comparator | None  # fixed for the two ends of a range


def find_numbers(text: str) -> list[Quantity]:
    """Quantities of a text: '- Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 90% - 80% các TTHC …' -> 2."""
    folded = fold_keep_length(text)
    cased = strip_marks(text)
    every = _raws(folded)
    found: list[Quantity] = []
    for segment in _segments(cased if len(cased) == len(text) else folded):
        raws = [r for r in every if segment[0] <= r.start < segment[1]]
        found.extend(_quantity(text, folded, segment, raws, i) for i in range(len(raws)))
    return found


def _quantity(
    text: str, folded: str, segment: tuple[int, int], raws: list[_Raw], i: int
) -> Quantity:
    raw = raws[i]
    seg_start, seg_end = segment
    before_from = max(seg_start, raws[i - 1].end if i else seg_start, raw.start - CUE_BEFORE)
    comparator = raw.comparator or _comparator(
        folded[before_from : raw.start], folded[raw.end : raw.end + CUE_AFTER]
    )
    lo, hi = _clause_span(folded, raws, i, seg_start, seg_end)
    lead = CLAUSE_LEAD_RE.match(folded, lo)
    lo = lead.end() if lead else lo
    return Quantity(
        raw.value,
        raw.unit,
        comparator,
        scope_of(strip_marks(text[lo:hi])),
        text[lo:hi].strip(),
        text[seg_start:seg_end].strip(),
        raw.start,
        raw.end,
    )


def scope_of(clause: str) -> str:
    """Scope of a marks-stripped clause: 'nam 2023 huyen Phu Binh dat ty le 90%' -> 'district'."""
    if COMMUNE_SCOPE_RE.search(clause):
        return "commune"
    if DISTRICT_SCOPE_RE.search(clause):
        return "district"
    if PROVINCE_SCOPE_RE.search(clause):
        return "province"
    return "commune"


def _comparator(before: str, after: str) -> Comparator:
    if LE_BEFORE_RE.search(before) or LE_AFTER_RE.match(after):
        return "<="
    if GE_BEFORE_RE.search(before) or GE_AFTER_RE.match(after):
        return ">="
    return "="


def _segments(cased: str) -> Iterator[tuple[int, int]]:
    """Spans between strong boundaries; a list dash stays with the clause it opens."""
    start = 0
    for m in CLAUSE_BOUNDARY_RE.finditer(cased):
        if m.start() > start:
            yield start, m.start()
        start = m.end() if m.group(0)[0] in ";\n." else m.start()
    if start < len(cased):
        yield start, len(cased)


def _clause_span(
    folded: str, raws: list[_Raw], i: int, seg_start: int, seg_end: int
) -> tuple[int, int]:
    """The part of a segment that belongs to quantity i (the whole segment if it is alone)."""
    distinct = sorted({(r.start, _tail_end(folded, r.end)) for r in raws})
    if len(distinct) == 1:
        return seg_start, seg_end
    raw = raws[i]
    prev_end = max((e for s, e in distinct if e <= raw.start), default=seg_start)
    next_start = min((s for s, e in distinct if s >= raw.end), default=seg_end)
    if NUMBER_FIRST_LEAD_RE.match(folded[prev_end : raw.start]):
        return prev_end, next_start  # '- 80% các TTHC có yêu cầu …': the subject follows
    return prev_end, _tail_end(folded, raw.end)


def _tail_end(folded: str, end: int) -> int:
    """End of a number including a following 'trở lên' / 'trở xuống'."""
    tail = GE_AFTER_RE.match(folded, end) or LE_AFTER_RE.match(folded, end)
    return tail.end() if tail else end


def _raws(folded: str) -> list[_Raw]:
    raws: list[_Raw] = []
    taken: list[tuple[int, int]] = []
    for m in PERCENT_RANGE_RE.finditer(folded):
        low, high = _number(m.group(1)), _number(m.group(2))
        if low < high:
            raws += [
                _Raw(m.start(), m.end(), low, "%", ">="),
                _Raw(m.start(), m.end(), high, "%", "<="),
            ]
            taken.append(m.span())
    for m in PERCENT_RE.finditer(folded):
        if not any(s <= m.start() < e for s, e in taken):
            raws.append(_Raw(m.start(), m.end(), _number(m.group(1)), "%", None))
    raws += _points(folded) + _counts(folded)
    kept = [r for r in raws if not PENALTY_BEFORE_RE.search(folded[max(0, r.start - 8) : r.start])]
    return sorted(kept, key=lambda r: (r.start, COMPARATOR_ORDER[r.comparator]))


def _points(folded: str) -> list[_Raw]:
    """'đạt tối thiểu 80 điểm trở lên' — a score counts only next to a target word."""
    out: list[_Raw] = []
    for m in POINTS_RE.finditer(folded):
        window = folded[max(0, m.start() - CUE_BEFORE) : m.end() + CUE_AFTER]
        if TARGET_CUE_RE.search(window) or re.search(r"\bdat\b", window):
            out.append(_Raw(m.start(), m.end(), _number(m.group(1)), "points", None))
    return out


def _counts(folded: str) -> list[_Raw]:
    out: list[_Raw] = []
    for m in COUNT_RE.finditer(folded):
        low = float(m.group(1))
        if m.group(2) and float(m.group(2)) > low:
            high = float(m.group(2))
            out += [
                _Raw(m.start(), m.end(), low, "count", ">="),
                _Raw(m.start(), m.end(), high, "count", "<="),
            ]
        else:
            out.append(_Raw(m.start(), m.end(), low, "count", None))
    return out


def _number(text: str) -> float:
    """'99,9' -> 99.9; '96.56' -> 96.56 (a comma or dot before 1-2 digits is a decimal mark)."""
    return float(text.replace(",", "."))
