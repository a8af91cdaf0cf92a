"""Stage 1 of the finder: raw hits (numbered references, laws, standards) before their context."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from extract.legal.patterns import (
    BARE_REF_RE,
    FORM_BEFORE_RE,
    LAW_NAME_END_RE,
    LAW_NUMBER_RE,
    LAW_START_RE,
    NO_SYMBOL_REF_RE,
    SHORT_REF_RE,
    SPACES_RE,
    STANDARD_RE,
    TYPED_REF_RE,
)
from extract.legal.symbols import Symbol, parse_symbol, short_form_symbol
from extract.legal.vocab import IssuerKind, type_by_code, type_by_word
from models.records import Relation

HitKind = Literal["numbered", "law", "standard", "plain"]

_LAW_NAME_MAX = 250  # characters; a longer "name" means no terminator was found


@dataclass(slots=True)
class Hit:
    """A reference being assembled, e.g. 'Kế hoạch số 106/KH-UBND' at 1234 before its date."""

    start: int
    key_end: int  # end of the number/symbol (or law name, standard)
    ref_type: str
    key: str | None = None
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    issuer_code: str | None = None
    issuer_kind: IssuerKind = "symbol"
    flags: list[str] = field(default_factory=list)
    subject: str | None = None
    issued_date: date | None = None
    issuer_text: str | None = None
    relation: Relation = "mention"
    core_end: int = -1  # after the date: where a list joiner ", " / "; " / " và " may start
    end: int = -1  # after the issuer: char_end of the record
    # numbered: takes a date, an issuer and a list's issuer; law: takes a date; others: neither
    kind: HitKind = "numbered"


def canonical_type(written: str) -> str:
    """The type word in canonical spelling: 'QUYẾT ĐỊNH' / 'Quyết\\nđịnh' -> 'Quyết định'."""
    return type_by_word()[SPACES_RE.sub(" ", written).casefold()].word


def _from_symbol(start: int, end: int, ref_type: str, sym: Symbol) -> Hit:
    """A Hit from a parsed symbol: ('Nghị định', 61/2018/NĐ-CP) -> Hit(key='61/2018/NĐ-CP', …)."""
    return Hit(
        start,
        end,
        ref_type,
        sym.key or None,
        sym.number,
        sym.year,
        sym.symbol or None,
        sym.issuer_code,
        flags=list(sym.flags),
    )


def _typed(text: str) -> Iterator[Hit]:
    """'Quyết định số 4020/QĐ-UBND' (plan_000) -> Hit with ref_type 'Quyết định'."""
    for m in TYPED_REF_RE.finditer(text):
        sym = parse_symbol(m)
        hit = _from_symbol(m.start(), m.end(), canonical_type(m.group("type")), sym)
        if "\n" in text[m.start() : m.start("num")] and "line_break" not in hit.flags:
            hit.flags.append("line_break")
        if m.group("so") is not None and m.group("so").casefold() != "số":
            hit.flags.append("garbled_so")  # "Nghị định s20/2008/NĐ-CP" (issue 15)
        if m.start() > 0 and text[m.start() - 1].isalpha():
            hit.flags.append("glued")  # "tạiTờ trình số 350/TTr-SXD" (issue 15)
        yield hit


def _short(text: str) -> Iterator[Hit]:
    """'Nghị định 167/2017' -> key '167/2017/NĐ-CP' with flag 'short_form'."""
    for m in SHORT_REF_RE.finditer(text):
        ref_type = canonical_type(m.group("type"))
        code = type_by_word()[ref_type.casefold()].code
        sym = short_form_symbol(code, m.group("num"), int(m.group("year")))
        yield _from_symbol(m.start(), m.end(), ref_type, sym)


def _no_symbol(text: str) -> Iterator[Hit]:
    """'Đề án 06' (plan_001) -> Hit(key=None, number='06', flags=['no_symbol'])."""
    for m in NO_SYMBOL_REF_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            canonical_type(m.group("type")),
            None,
            m.group("num"),
            flags=["no_symbol"],
            kind="plain",
        )


def _bare(text: str) -> Iterator[Hit]:
    """'Số: 57/KH-UBND' (plan_000) -> Hit typed from the symbol; not 'Mẫu số 01/ĐK-TCT'."""
    for m in BARE_REF_RE.finditer(text):
        sym = parse_symbol(m)
        if sym.type_code is None or sym.typed_only:
            continue
        if FORM_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield _from_symbol(m.start(), m.end(), type_by_code()[sym.type_code].word, sym)


def _laws(text: str) -> Iterator[Hit]:
    """'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015' -> Hit(subject=name)."""
    pos = 0
    while (m := LAW_START_RE.search(text, pos)) is not None:
        end = LAW_NAME_END_RE.search(text, m.end(), min(len(text), m.end() + _LAW_NAME_MAX))
        if end is None or end.start() >= m.end() + _LAW_NAME_MAX:
            pos = m.end()
            continue
        name = SPACES_RE.sub(" ", text[m.start() : end.start()]).strip(" ,")
        hit = Hit(m.start(), end.start(), "Luật", subject=name, issuer_code="QH", kind="law")
        numbered = LAW_NUMBER_RE.match(text, end.start())
        if numbered is not None:  # "Luật Tổ chức chính quyền địa phương số 77/2015/QH13"
            sym = parse_symbol(numbered)
            hit.key, hit.number, hit.year, hit.symbol = sym.key, sym.number, sym.year, sym.symbol
            hit.key_end, hit.flags = numbered.end(), list(sym.flags)
        yield hit
        pos = hit.key_end


def _standards(text: str) -> Iterator[Hit]:
    """'TCVN ISO 9001:2015', 'TCNV ISO 9001:2015' (typo, flagged), 'ISO 9001' (plan_001)."""
    for m in STANDARD_RE.finditer(text):
        flags = ["tcnv_typo"] if m.group("tc") == "TCNV" else []
        body = f"{'TCVN ' if m.group('tc') else ''}{'ISO ' if m.group('iso') else ''}"
        year = int(m.group("year")) if m.group("year") else None
        key = f"{body}{m.group('num')}" + (f":{year}" if year else "")
        issuer = "TCVN" if m.group("tc") else "ISO"
        yield Hit(
            m.start(),
            m.end(),
            "Tiêu chuẩn",
            key,
            m.group("num"),
            year,
            body.strip(),
            issuer,
            "standard",
            flags,
            kind="standard",
        )


def _span(hit: Hit) -> tuple[int, int]:
    return hit.start, hit.key_end


def _overlaps(hit: Hit, taken: list[Hit]) -> bool:
    """True when `hit` shares characters with a hit of `taken` (disjoint, sorted by _span).

    Sorted disjoint spans also have ascending ends, so of the spans starting before `hit`
    ends, the last one reaches furthest: it alone decides (issue 11: no scan of all hits)."""
    before = bisect.bisect_left(taken, hit.key_end, key=lambda t: t.start)
    return before > 0 and hit.start < taken[before - 1].key_end


def first_come(groups: Iterable[Iterable[Hit]]) -> list[Hit]:
    """Each hit that shares no character with a hit kept before it, sorted by (start, key_end)."""
    taken: list[Hit] = []
    for group in groups:
        fresh: list[Hit] = []
        for hit in group:
            if not _overlaps(hit, taken) and not _overlaps(hit, fresh):
                bisect.insort(fresh, hit, key=_span)  # a finder's hits come in order: appended
        taken = sorted(taken + fresh, key=_span)  # two sorted runs: one merge
    return taken


FINDERS = (_laws, _typed, _short, _no_symbol, _standards, _bare)  # a numbered law first


def find_hits(text: str) -> list[Hit]:
    """All raw hits, most specific finder first, without overlaps, sorted by start."""
    return first_come(finder(text) for finder in FINDERS)
