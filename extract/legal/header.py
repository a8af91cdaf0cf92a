"""The document's own header, parsed once: number, type, place and issue date.

Both the plan's metadata (extract.metadata) and its self reference (extract.legal.refs) read
it from here (issue 12: the header used to be parsed twice and reconciled afterwards). Type
words come from the legal vocabulary (data/ref_types.csv), never from a hard-coded list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.legal.hits import canonical_type
from extract.legal.patterns import (
    ANNEX_OF_RE,
    DATELINE_RE,
    HEADER_NUMBER_AT_RE,
    HEADER_NUMBER_RE,
    HEADING_MARKUP_RE,
    SPACES_RE,
    VV_LINE_RE,
)
from extract.legal.symbols import Symbol, parse_symbol
from extract.legal.vocab import ref_types, type_by_code
from models.marks import strip_marks

HEADER_SPAN = 2500  # characters: number, date and heading stand at the top of page 1
_HEADING_LINES = 40  # lines of the header span searched for the type heading


@dataclass(frozen=True, slots=True)
class Header:
    """What a header states, e.g. 57/KH-UBND, Kế hoạch, Hà Châu, 2022-08-28 (plan_000)."""

    number: str | None = None  # key: "128/2025/QĐ-UBND", "97-QĐ/TW"; None when blank
    number_start: int | None = None  # offset of the number in the text
    number_line: bool = False  # a "Số:" line exists, even blank ("Số: /KH-UBND", plan_003)
    doc_type: str | None = None  # "Kế hoạch", "Quy chế", "Công văn", …
    place: str | None = None  # "Hà Châu"
    issue_date: date | None = None
    dateline_start: int | None = None


@cache
def _headings() -> dict[str, str]:
    """Type words in capitals -> canonical word: 'QUYẾT ĐỊNH' -> 'Quyết định'; also without
    marks ('QUYET DINH'), as a text typed without them prints it."""
    words = [t.word for t in ref_types() if t.kind != "standard"]
    return {strip_marks(w).upper(): w for w in words} | {w.upper(): w for w in words}


def _number(text: str, span: int) -> tuple[Symbol | None, int | None, bool, str | None]:
    """The own number after the first 'Số:' anchor: (symbol, offset, anchor seen, type word)."""
    at = HEADER_NUMBER_AT_RE.search(text, 0, span)
    if at is None:
        return None, None, False, None
    typed = canonical_type(at.group("type")) if at.group("type") else None
    m = HEADER_NUMBER_RE.match(text, at.end())
    if m is None:
        return None, None, True, typed
    return parse_symbol(m), m.start("num"), True, typed


def _heading(lines: list[str]) -> str | None:
    """The first line that is a type word in capitals; 'QUYẾT' + 'ĐỊNH' on two lines joined."""
    clean = [HEADING_MARKUP_RE.sub("", line) for line in lines[:_HEADING_LINES]]
    for i, line in enumerate(clean):
        if not line or line.upper() != line:
            continue
        for candidate in (line, f"{line} {clean[i + 1] if i + 1 < len(clean) else ''}"):
            word = _headings().get(SPACES_RE.sub(" ", candidate).strip())
            if word is not None:
                return word
    return None


def _dateline(text: str, span: int) -> tuple[str | None, date | None, int | None]:
    """The place-and-date line: ('Hà Châu', 2022-08-28, offset); a blank day gives no date."""
    m = DATELINE_RE.search(text, 0, span)
    if m is None:
        return None, None, None
    place = SPACES_RE.sub(" ", m.group("place"))
    if m.group("d") is None or m.group("m") is None:
        return place, None, m.start()
    try:
        return place, date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m.start()
    except ValueError:
        return place, None, m.start()


def _annex(text: str) -> tuple[str | None, str | None]:
    """'(Ban hành kèm theo Quyết định số: 09/QĐ-UBND)' -> ('09/QĐ-UBND', 'Quyết định')."""
    m = ANNEX_OF_RE.search(text)
    if m is None:
        return None, None
    return parse_symbol(m).key, canonical_type(m.group("type"))


def _type_of(sym: Symbol | None, typed: str | None, text: str, span: int) -> str | None:
    """Type when no heading says it: 'Luật số:' / 'V/v …' (công văn) / the symbol's type code."""
    if typed is not None:
        return typed
    if VV_LINE_RE.search(text, 0, span):
        return "Công văn"
    if sym is not None and sym.type_code is not None:
        return type_by_code()[sym.type_code].word
    return None


def parse_header(text: str) -> Header:
    """Header of a document's text: 'Số: 57/KH-UBND\\nHà Châu, ngày 28 tháng 8 năm 2022\\nKẾ
    HOẠCH' -> Header('57/KH-UBND', …, 'Kế hoạch', 'Hà Châu', date(2022, 8, 28))."""
    span = min(len(text), HEADER_SPAN)
    sym, start, anchored, typed = _number(text, span)
    place, issued, date_at = _dateline(text, span)
    doc_type = _heading(text[:span].split("\n")) or _type_of(sym, typed, text, span)
    number = sym.key if sym is not None else None
    if not anchored:
        number, annex_type = _annex(text)
        doc_type = doc_type or annex_type
    return Header(number, start, anchored, doc_type, place, issued, date_at)


# Title-case a name printed in capitals: "SƠN THƯỢNG" -> "Sơn Thượng".
def title_case(name: str) -> str:
    """'GIANG ĐIỀN' -> 'Giang Điền' (word by word, Vietnamese letters kept)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in regex.split(r"\s+", name.strip()))
