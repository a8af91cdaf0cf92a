"""The quadratic implementations issue 11 replaced, kept verbatim as reference oracles for
tests/test_linear_inputs.py: the fast code must give exactly what these give."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from extract.legal.hits import Hit
from extract.legal.patterns import (
    ATTACHED_RE,
    BASIS_START_RE,
    CLAUSE_FILLER_RE,
    CLAUSE_PREFIX_RE,
    IMPLEMENTS_BEFORE_RE,
    IMPLEMENTS_START_RE,
    SENTENCE_END_RE,
)
from extract.tables.codes import CodeBook
from extract.tables.patterns import COLUMN_NUMBER_RE

_MAX_BACK_LINES = 3


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _continues_previous(text: str, start: int) -> bool:
    head = text[start : start + 1]
    return start > 0 and head.isalpha() and head.islower()


def clause_start(text: str, pos: int) -> int:
    end = pos
    for _ in range(_MAX_BACK_LINES + 1):
        start = _line_start(text, end)
        segment = text[start:end]
        tab = segment.rfind("\t")
        if tab >= 0:
            return start + tab + 1
        ends = list(SENTENCE_END_RE.finditer(segment))
        if ends:
            return start + ends[-1].end()
        if not _continues_previous(text, start):
            return start
        end = start - 1
        while end > 0 and text[end - 1] == "\n":
            end -= 1
    return _line_start(text, pos)


def relation_at(text: str, pos: int) -> str:
    start = clause_start(text, pos)
    clause = text[start:pos]
    opener = CLAUSE_PREFIX_RE.sub("", clause, count=1)
    opener = CLAUSE_FILLER_RE.sub("", opener, count=1)
    if BASIS_START_RE.match(opener):
        return "basis"
    if IMPLEMENTS_START_RE.match(opener) or IMPLEMENTS_BEFORE_RE.search(clause):
        return "implements"
    return "mention"


def is_attached(text: str, pos: int) -> bool:
    return ATTACHED_RE.match(text[_line_start(text, pos) : pos]) is not None


def first_come(groups: Iterable[Iterable[Hit]]) -> list[Hit]:
    """The old find_hits loop: every hit compared with every hit kept before it."""
    taken: list[Hit] = []
    for group in groups:
        for hit in group:
            if not any(hit.start < t.key_end and t.start < hit.key_end for t in taken):
                taken.append(hit)
    taken.sort(key=lambda h: (h.start, h.key_end))
    return taken


class ProbingBook(CodeBook):
    """CodeBook with the old ordinal: probe '#2', '#3', … from 2 every time."""

    def ordinal(self, code: str) -> str:
        n = 2
        while f"{code}#{n}" in self.levels:
            n += 1
        return f"{code}#{n}"


def _fold(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def repeats_header(cells: Sequence[str | None], header: Sequence[Sequence[str | None]]) -> bool:
    first = _fold(cells[0] if cells else "")
    if COLUMN_NUMBER_RE.match(first):
        return True
    for head in header:
        pairs = [(_fold(c), _fold(h)) for c, h in zip(cells, head, strict=False)]
        filled = [(c, h) for c, h in pairs if c]
        if filled and all(h and (h.startswith(c) or c.startswith(h)) for c, h in filled):
            return True
    return False
