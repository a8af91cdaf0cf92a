"""Deadline cells -> (date, kind): 'Quý III/2023' -> (2023-09-30, 'quarter').

Rules, in this order (patterns.py has an example for each):
1. Explicit time points - a day ('Chậm nhất trước ngày 31/12/2023', 'Trước ngày 31 tháng 01 năm
   2023'), a quarter ('Quý III/2023', 'Quý III năm 2023'), a month ('tháng 6/2024'). A quarter or
   month stands for its last day; a point without a year takes the plan year (date None when the
   plan year is unknown too). When a cell lists several points ('Quý II và Quý III năm 2024') the
   latest is the deadline. 'Trước Quý II' is read as 'by the end of Q2' (the plans use 'trước'
   loosely).
2. Recurring work: 'Thường xuyên', 'Hàng Quý/Năm', 'định kỳ', also 'Thường xuyên trong năm 2024'.
3. Event-bound deadlines with no date of their own: 'Khi có hướng dẫn của Bộ ngành TW',
   'Theo hướng dẫn của tỉnh', 'Theo Kế hoạch UBND tỉnh phê duyệt'. 'Theo tiến độ thời gian'
   (000 1.4, tasks assigned by the province/district) is also 'event': the date is set by whoever
   assigns the task, not by this plan.
4. A bare year: 'Trong năm 2023', 'Năm 2025' -> 31 December of that year, kind 'year'.
5. Anything else (empty, a misplaced agency name) -> (None, 'none').
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from models.numerals import roman_value
from normalize.patterns import (
    DATE_DM_RE,
    DATE_DMY_RE,
    DATE_WORDS_RE,
    EVENT_RE,
    HALF_YEAR_RE,
    MONTH_RE,
    QUARTER_RE,
    RECURRING_RE,
    YEAR_RE,
)
from normalize.text import fold_keep_length

DeadlineKind = Literal["date", "quarter", "month", "year", "recurring", "event", "none"]
Point = tuple[date | None, DeadlineKind]


def parse_deadline(text: str | None, plan_year: int | None) -> tuple[date | None, DeadlineKind]:
    """'Chậm nhất trước ngày 31/12/2023' -> (date(2023, 12, 31), 'date'); None -> (None, 'none')."""
    if not text or not text.strip():
        return None, "none"
    folded = fold_keep_length(text)
    points = _points(folded, plan_year)
    if points:
        dated = [(when, kind) for when, kind in points if when is not None]
        if dated:
            return max(dated, key=lambda point: point[0])
        return points[-1]
    if RECURRING_RE.search(folded):
        return None, "recurring"
    if EVENT_RE.search(folded):
        return None, "event"
    years = [int(m.group(1)) for m in YEAR_RE.finditer(folded)]
    if years:
        return _safe_date(max(years), 12, 31), "year"
    return None, "none"


def _points(folded: str, plan_year: int | None) -> list[Point]:
    points: list[Point] = []
    for m in DATE_DMY_RE.finditer(folded):
        points.append((_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "date"))
    for m in DATE_WORDS_RE.finditer(folded):
        points.append((_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "date"))
    for m in DATE_DM_RE.finditer(folded):
        points.append((_safe_date(plan_year, int(m.group(2)), int(m.group(1))), "date"))
    for m in QUARTER_RE.finditer(folded):
        quarter = _quarter_number(m.group(1))
        year = int(m.group(2)) if m.group(2) else plan_year
        points.append((_month_end(year, 3 * quarter), "quarter"))
    for m in HALF_YEAR_RE.finditer(folded):
        year = int(m.group(2)) if m.group(2) else plan_year
        points.append((_month_end(year, 6 if m.group(1) == "dau" else 12), "month"))
    for m in MONTH_RE.finditer(folded):
        year = int(m.group(2)) if m.group(2) else plan_year
        points.append((_month_end(year, int(m.group(1))), "month"))
    return [p for p in points if p[0] is not None or p[1] != "date"]


def _quarter_number(token: str) -> int:
    return int(token) if token.isdigit() else roman_value(token.upper())


def _month_end(year: int | None, month: int) -> date | None:
    if year is None or not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
