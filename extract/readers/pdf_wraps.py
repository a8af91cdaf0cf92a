"""A typed PDF line ending in a hyphen: whether the source had a space after it, read from
the characters the producer wrote.

LibreOffice (and other producers) write the space at which a line wraps as a character at
the end of the line: 'Văn phòng- ' / 'Thống kê' carries a space after the hyphen, while
'Văn phòng-' / 'Thống kê' wrapped at the hyphen itself carries none (plan_000 prints the
pair both ways; DejaVu Serif and Liberation Sans put the wraps there). pdfplumber drops
the trailing space with the line break, so the wrap's hyphen character is tagged here,
before any text is made of the page: SPACED when a space followed it; TIGHT when none did
though one would have fitted: the producer paints a trailing space only where it fits in
the line ('Văn hoá-' ends 1 pt short of the widest painted trailing space in its column in
plan_000.pdf: the DOCX has 'Văn hoá- xã hội', its space was not painted), so a column's
painted trailing spaces tell how far a space may reach. Elsewhere nothing is tagged and the
join is decided from the same words elsewhere in the document (extract/hyphens.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.hyphens import SPACED, TIGHT

Char = dict[str, Any]

SAME_LINE = 1.5  # points: two characters of one printed line differ less in their top
NEXT_LINE = (0.5, 3.0)  # a wrapped line's top is this many font sizes below the last one


def tag_hyphen_wraps(chars: Sequence[Char]) -> list[Char]:
    """The page's characters with each line-final hyphen after a letter tagged: 'phòng-',
    ' ', 'T' (next line) -> the hyphen's text '-\\ue001' (SPACED)."""
    reach = _trailing_space_reach(chars)
    out = list(chars)
    for i, char in enumerate(chars):
        if char["text"] != "-" or i == 0 or not chars[i - 1]["text"].isalnum():
            continue
        mark = _mark(chars, i, reach)
        if mark:
            out[i] = {**char, "text": f"-{mark}"}
    return out


def _mark(chars: Sequence[Char], i: int, reach: dict[int, tuple[float, float]]) -> str:
    after = chars[i + 1] if i + 1 < len(chars) else None
    if after is None:
        return ""
    if after["text"] == " " and _adjacent(chars[i], after) and _wraps(chars, i + 1):
        return SPACED
    if not _wraps(chars, i) or round(after["x0"]) not in reach:
        return ""
    right, space = reach[round(after["x0"])]
    return TIGHT if chars[i]["x1"] + space <= right else ""


def _trailing_space_reach(chars: Sequence[Char]) -> dict[int, tuple[float, float]]:
    """Per column (the left edge its wrapped lines start at): how far right its painted
    trailing spaces reach, and the narrowest one's width."""
    reach: dict[int, tuple[float, float]] = {}
    for i in range(1, len(chars) - 1):
        char = chars[i]
        if char["text"] != " " or chars[i - 1]["text"].isspace() or not _wraps(chars, i):
            continue
        key, width = round(chars[i + 1]["x0"]), char["x1"] - char["x0"]
        right, space = reach.get(key, (char["x1"], width))
        reach[key] = (max(right, char["x1"]), min(space, width))
    return reach


def _wraps(chars: Sequence[Char], i: int) -> bool:
    """Character i ends its line and the next character starts the next line, to its left."""
    if i + 1 >= len(chars):
        return False
    here, nxt = chars[i], chars[i + 1]
    size = max(float(here["size"]), 1.0)
    drop = float(nxt["top"]) - float(here["top"])
    return NEXT_LINE[0] * size <= drop <= NEXT_LINE[1] * size and nxt["x0"] < here["x0"]


def _adjacent(a: Char, b: Char) -> bool:
    gap = float(b["x0"]) - float(a["x1"])
    same_line = abs(float(b["top"]) - float(a["top"])) <= SAME_LINE
    return same_line and abs(gap) <= max(1.0, 0.25 * float(a["size"]))
