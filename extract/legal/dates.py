"""Issue dates of references: 'ngày 02/8/2023', 'ngày 14 tháng 01 năm 2025', '… 23/6/2022'."""

from __future__ import annotations

from datetime import date

import regex

from extract.legal.patterns import DATE_AFTER_RE


def to_date(m: regex.Match[str]) -> date | None:
    """The date of a DATE match, or None when impossible: '02/8/2023' -> date(2023, 8, 2)."""
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def date_after(text: str, pos: int) -> tuple[date | None, int] | None:
    """The date right after a key and where it ends: ', ngày 26/4/2023' -> (2023-04-26, end)."""
    m = DATE_AFTER_RE.match(text, pos)
    if m is None:
        return None
    return to_date(m), m.end()
