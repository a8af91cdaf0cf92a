"""Issue dates of references: 'ngày 02/8/2023', 'ngày 14 tháng 01 năm 2025', '… 23/6/2022'."""

from __future__ import annotations

from datetime import date

import regex

from extract.legal.patterns import DATE_AFTER_RE, PLACE_DATE_RE


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


def header_date(text: str, pos: int, max_lines: int = 4) -> date | None:
    """The place-and-date line near a 'Số:' header: 'Hà Châu, ngày 28 tháng 8 năm 2022'."""
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    same_line = text[pos:line_end]
    if "\t" in same_line:  # two-column header exported as one row: "Số: 57/KH-UBND\tHà Châu, ngày…"
        m = PLACE_DATE_RE.match(same_line.rsplit("\t", 1)[-1].strip())
        if m is not None:
            return to_date(m)
    seen = 0
    for line in text[line_end + 1 : line_end + 800].split("\n"):
        stripped = line.strip(" *#\t")
        if not stripped:
            continue
        m = PLACE_DATE_RE.match(stripped)
        if m is not None:
            return to_date(m)
        seen += 1
        if seen >= max_lines:
            break
    return None
