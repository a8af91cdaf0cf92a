"""Lines wrapped after a hyphen in a typed PDF: the space after the hyphen, decided from
the same words elsewhere in the document.

A cell printed as 'Công chức Văn phòng-' / 'Thống kê' is 'Văn phòng- Thống kê' in the DOCX
(plan_000 prints it so eight times), while 'các chỉ số Par-' / 'index' is 'Par-index'
(plan_001: 'Par-Index' four times, 'Par-index' once). The cell readers mark such a join
(`extract.cleantext.HYPHEN_WRAP`); once every page is read, each mark becomes '-' or '- '
as the same pair of words is written where no wrap falls. Without such evidence a capital
or a digit after an acronym keeps the words together ('QĐ-' / 'UBND', 'NĐ-' / 'CP'); after
a lower-case word the hyphen is a dash between two names and keeps its space ('Tài chính-'
/ 'Kế toán', plan_000, printed so in every cell), as does a lower-case word after it
('Văn hoá-' / 'xã hội').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from extract.cleantext import HYPHEN_WRAP
from models.document import GridRow, RawTable, TextLine

# A hyphenated pair of words where no wrap falls: 'phòng- Thống', 'Par-Index', 'QĐ-UBND'.
COMPOUND_RE = re.compile(r"(\w+)-( ?)(?=(\w+))")
# A pair joined by a wrap, to decide: 'phòng-\ue000Thống'.
MARKED_RE = re.compile(rf"(\w+)-{HYPHEN_WRAP}(\w+)")

# A wrapped line's hyphen tagged by the PDF reader from the characters it read
# (extract/readers/pdf_wraps.py): a space written after it, or none where the producer
# writes them. 'Văn phòng-\ue001 Thống kê' -> 'Văn phòng- Thống kê'.
SPACED, TIGHT = "\ue001", "\ue002"
KNOWN_WRAP_RE = re.compile(f"-([{SPACED}{TIGHT}]) (?=\\S)")
TAGS_RE = re.compile(f"[{SPACED}{TIGHT}]")

Evidence = Counter[tuple[str, str, bool]]  # (left, right, spaced) -> times seen


def hyphen_evidence(texts: Iterable[str]) -> Evidence:
    """How each hyphenated pair is written: 'Văn phòng- Thống kê' -> ('phòng', 'thống', True)."""
    seen: Evidence = Counter()
    for text in texts:
        for match in COMPOUND_RE.finditer(text):
            left, space, right = match.groups()
            seen[left.casefold(), right.casefold(), bool(space)] += 1
    return seen


def settle_known(text: str) -> str:
    """Wraps the reader read from the page written as printed, other tags dropped:
    'Văn phòng-\\ue002 Thống kê' -> 'Văn phòng-Thống kê'."""
    if SPACED not in text and TIGHT not in text:
        return text
    text = KNOWN_WRAP_RE.sub(lambda m: "- " if m.group(1) == SPACED else "-", text)
    return TAGS_RE.sub("", text)


def resolve_wraps(text: str, seen: Evidence) -> str:
    """'Công chức Văn phòng-\\ue000Thống kê' -> 'Công chức Văn phòng- Thống kê' (seen so)."""
    text = settle_known(text)
    if HYPHEN_WRAP not in text:
        return text
    return MARKED_RE.sub(lambda m: _joined(m.group(1), m.group(2), seen), text).replace(
        HYPHEN_WRAP, ""
    )


def _joined(left: str, right: str, seen: Evidence) -> str:
    key = (left.casefold(), right.casefold())
    spaced, tight = seen[(*key, True)], seen[(*key, False)]
    if spaced != tight:
        return f"{left}-{' ' if spaced > tight else ''}{right}"
    together = (right[0].isupper() or right[0].isdigit()) and not left.islower()
    return f"{left}-{'' if together else ' '}{right}"


def join_after_break(upper: str, lower: str, seen: Evidence) -> str:
    """A cell split by a page break: 'Văn phòng HĐND-' + 'UBND huyện' -> 'Văn phòng
    HĐND-UBND huyện' when the table writes 'HĐND-UBND'; otherwise joined by a space."""
    if not upper or not lower:
        return f"{upper}{lower}"
    if upper.endswith("-") and lower[0].isalnum():
        return resolve_wraps(f"{upper}{HYPHEN_WRAP}{lower}", seen)
    return f"{upper} {lower}"


def resolve_document(
    lines: Sequence[TextLine], tables: Sequence[RawTable]
) -> tuple[list[TextLine], list[RawTable]]:
    """Every marked join in the lines and table cells decided from the whole document."""
    seen = hyphen_evidence(settle_known(line.text) for line in lines)
    out_lines = [replace(line, text=resolve_wraps(line.text, seen)) for line in lines]
    out_tables = [replace(t, rows=tuple(_row(r, seen) for r in t.rows)) for t in tables]
    return out_lines, out_tables


def _row(row: GridRow, seen: Evidence) -> GridRow:
    if not any(cell and _tagged(cell) for cell in row.cells):
        return row
    cells = tuple(resolve_wraps(c, seen) if c else c for c in row.cells)
    return replace(row, cells=cells)


def _tagged(text: str) -> bool:
    return HYPHEN_WRAP in text or SPACED in text or TIGHT in text
