"""What surrounds a reference: the clause it stands in (-> relation) and its subject phrase."""

from __future__ import annotations

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
from models.records import Relation

_MAX_BACK_LINES = 3  # a clause wrapped over lines: "… của Chính\n\nphủ về … Nghị định số 130/…"


def _line_start(text: str, pos: int) -> int:
    """Offset of the line holding `pos`."""
    return text.rfind("\n", 0, pos) + 1


def _continues_previous(text: str, start: int) -> bool:
    """A line starting in lower case continues the sentence above: 'phủ về sửa đổi…'."""
    head = text[start : start + 1]
    return start > 0 and head.isalpha() and head.islower()


def clause_start(text: str, pos: int) -> int:
    """Start of the sentence or cell holding `pos`: 'Căn cứ …; Quyết định số 22a/…' -> 'Căn cứ'."""
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
        while end > 0 and text[end - 1] == "\n":  # skip the blank lines of the text exports
            end -= 1
    return _line_start(text, pos)


def relation_at(text: str, pos: int) -> Relation:
    """Relation of the reference at `pos`: 'Căn cứ …' -> basis, 'Thực hiện …' -> implements."""
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
    """True for the appendix line '(Ban hành kèm theo Kế hoạch số: 57 /KH-UBND …' (plan_000)."""
    return ATTACHED_RE.match(text[_line_start(text, pos) : pos]) is not None


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
