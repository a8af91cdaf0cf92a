"""What surrounds a reference: the clause it stands in (-> relation) and its subject phrase.

Issue 11: every reference used to rescan its whole line (rfind, a slice, every sentence end in
it), so a 1 MB text without line breaks took minutes. The line starts, tabs and sentence ends
of a text are now indexed once (`_index_of`) and each reference looks them up with bisect; the
clause regexes run on `text` with pos/endpos instead of on a copied slice.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extract.legal.patterns import (
    ATTACHED_RE,
    BASIS_START_RE,
    CLAUSE_FILLER_RE,
    CLAUSE_PREFIX_RE,
    IMPLEMENTS_BEFORE_RE,
    IMPLEMENTS_START_RE,
    SENTENCE_END_RE,
    SPACES_RE,
    SUBJECT_END_RE,
    SUBJECT_START_RE,
    SUBJECT_TAIL_RE,
)
from extract.marks import AnyMarks
from models.records import Relation

_MAX_BACK_LINES = 3  # a clause wrapped over lines: "… của Chính\n\nphủ về … Nghị định số 130/…"


def at_pos(pattern: AnyMarks) -> AnyMarks:
    """A '^…' pattern that `match(text, pos, endpos)` anchors at `pos` as it would on the slice
    text[pos:endpos] ('^' alone never matches at pos; '$' and lookaheads stop at endpos)."""
    if not pattern.pattern.startswith("^"):
        raise ValueError(f"not anchored at the start: {pattern.pattern!r}")
    return AnyMarks(pattern.pattern[1:], pattern.flags)


_PREFIX_AT = at_pos(CLAUSE_PREFIX_RE)
_FILLER_AT = at_pos(CLAUSE_FILLER_RE)
_BASIS_AT = at_pos(BASIS_START_RE)
_IMPLEMENTS_AT = at_pos(IMPLEMENTS_START_RE)
_ATTACHED_AT = at_pos(ATTACHED_RE)
# IMPLEMENTS_BEFORE_RE ends in '$': matched right to left it is anchored at the clause end and
# reads only the words before the reference, not the whole clause.
_IMPLEMENTS_BEFORE_END = AnyMarks(
    IMPLEMENTS_BEFORE_RE.pattern, IMPLEMENTS_BEFORE_RE.flags | regex.REVERSE
)


@dataclass(frozen=True, slots=True)
class _TextIndex:
    """Offsets of one text, sorted: line breaks, tabs and SENTENCE_END_RE matches.

    SENTENCE_END_RE matches never overlap and never cross a line break, so the matches inside
    a line segment [start, end) are exactly the whole-text matches with start <= m.start() and
    m.end() < end (the character its lookahead reads must lie inside the segment)."""

    newlines: list[int]
    run_first: list[int]  # per line break: index (in newlines) of the first of its run
    tabs: list[int]
    ends_start: list[int]
    ends_end: list[int]
    # line start -> an offset from which ATTACHED_RE cannot match on that line (see is_attached)
    dead_lines: dict[int, int] = field(default_factory=dict)

    def line_start(self, pos: int) -> int:
        """Offset of the line holding `pos` (text.rfind('\\n', 0, pos) + 1)."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i else 0

    def blank_run_start(self, pos: int) -> int:
        """A line break's offset moved back to the first break of its run ('…Chính\\n\\n')."""
        i = bisect.bisect_left(self.newlines, pos - 1)
        if pos <= 0 or i == len(self.newlines) or self.newlines[i] != pos - 1:
            return pos
        return self.newlines[self.run_first[i]]

    def cut(self, start: int, end: int) -> int | None:
        """Where a clause starts inside the line segment [start, end): after its last tab,
        else after its last sentence end; None when it has neither."""
        i = bisect.bisect_left(self.tabs, end)
        if i and self.tabs[i - 1] >= start:
            return self.tabs[i - 1] + 1
        k = bisect.bisect_left(self.ends_end, end)
        if k and self.ends_start[k - 1] >= start:
            return self.ends_end[k - 1]
        return None


def _offsets(text: str, char: str) -> list[int]:
    """Every offset of `char` in `text`, ascending."""
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


@lru_cache(maxsize=2)
def _index_of(text: str) -> _TextIndex:
    """The index of a text, built once per text (the finder asks for every reference in it)."""
    newlines = _offsets(text, "\n")
    run_first: list[int] = []
    for j, at in enumerate(newlines):
        follows = j > 0 and newlines[j - 1] == at - 1
        run_first.append(run_first[j - 1] if follows else j)
    ends = list(SENTENCE_END_RE.finditer(text))
    return _TextIndex(
        newlines,
        run_first,
        _offsets(text, "\t"),
        [m.start() for m in ends],
        [m.end() for m in ends],
    )


def _continues_previous(text: str, start: int) -> bool:
    """A line starting in lower case continues the sentence above: 'phủ về sửa đổi…'."""
    head = text[start : start + 1]
    return start > 0 and head.isalpha() and head.islower()


def clause_start(text: str, pos: int) -> int:
    """Start of the sentence or cell holding `pos`: 'Căn cứ …; Quyết định số 22a/…' -> 'Căn cứ'."""
    index = _index_of(text)
    end = pos
    for _ in range(_MAX_BACK_LINES + 1):
        start = index.line_start(end)
        cut = index.cut(start, end)
        if cut is not None:
            return cut
        if not _continues_previous(text, start):
            return start
        end = index.blank_run_start(start - 1)  # skip the blank lines of the text exports
    return index.line_start(pos)


def _implements_before(text: str, start: int, pos: int) -> bool:
    """IMPLEMENTS_BEFORE_RE.search(text[start:pos]): its '$' also holds before a final '\\n'."""
    if _IMPLEMENTS_BEFORE_END.match(text, start, pos) is not None:
        return True
    return (
        pos > start
        and text[pos - 1] == "\n"
        and (_IMPLEMENTS_BEFORE_END.match(text, start, pos - 1) is not None)
    )


def relation_at(text: str, pos: int) -> Relation:
    """Relation of the reference at `pos`: 'Căn cứ …' -> basis, 'Thực hiện …' -> implements."""
    start = clause_start(text, pos)
    prefix = _PREFIX_AT.match(text, start, pos)
    opener = prefix.end() if prefix is not None else start
    filler = _FILLER_AT.match(text, opener, pos)
    opener = filler.end() if filler is not None else opener
    if _BASIS_AT.match(text, opener, pos):
        return "basis"
    if _IMPLEMENTS_AT.match(text, opener, pos) or _implements_before(text, start, pos):
        return "implements"
    return "mention"


def is_attached(text: str, pos: int) -> bool:
    """True for the appendix line '(Ban hành kèm theo Kế hoạch số: 57 /KH-UBND …' (plan_000).

    The line up to `pos` must match ATTACHED_RE whole. Once a line's start is no prefix of any
    match (partial match fails), no later reference on that line can match either: the line is
    remembered as dead, so a long line is not rescanned for each of its references."""
    index = _index_of(text)
    start = index.line_start(pos)
    if pos >= index.dead_lines.get(start, len(text) + 1):
        return False
    if _ATTACHED_AT.match(text, start, pos) is not None:
        return True
    if _ATTACHED_AT.match(text, start, pos, partial=True) is None:
        index.dead_lines[start] = pos
    return False


def subject_at(text: str, pos: int, limit: int) -> str | None:
    """The 'về …'/'ban hành …' phrase at `pos`, cut at ';', a line end, '. X' or `limit`."""
    m = SUBJECT_START_RE.match(text, pos)
    if m is None or m.start("subject") >= limit:
        return None
    start = m.start("subject")
    end_match = SUBJECT_END_RE.search(text, start, limit)
    end = end_match.start() if end_match is not None else limit
    phrase = text[start:end]
    close = phrase.find(")")
    if close >= 0 and "(" not in phrase[:close]:  # "(… về việc X)" closes the bracket it opened in
        phrase = phrase[:close]
    phrase = SUBJECT_TAIL_RE.sub("", SPACES_RE.sub(" ", phrase).strip(" *_"))
    return phrase or None
