"""Legal references of a plan: find_legal_refs(doc) / find_refs_in_text(text) -> LegalRefRecord.

Stages: hits.find_hits (numbered references, laws, standards) -> date and issuer after each key
-> lists share a trailing issuer -> the plan's own number ("self") -> relation per clause ->
subject up to the next reference -> records sorted by char_start.

Decisions (DESIGN.md "Legal references" leaves them open):
- A symbol without a type word counts when its type code is known: "Số: 57/KH-UBND", "và số
  107/2021/NĐ-CP"; the type is derived from the code (QĐ -> "Quyết định"). "Mẫu số 01/ĐK-TCT" is
  a form (ĐK is no type code, and "Mẫu số" is refused anyway).
- A normative short form "Nghị định 167/2017" becomes key "167/2017/NĐ-CP" (only Chính phủ
  issues Nghị định); "Thông tư 01/2020" keeps key "01/2020" with no symbol. Both flag "short_form".
- "Đề án 06" (plan_001, plan_002) is a reference with number "06", key None, flag "no_symbol".
- Laws are found by name ("Luật Cán bộ, công chức"), dated or not; key None, subject = the name.
- Standards: key "TCVN ISO 9001:2015", "ISO 9001:2015" and "ISO 9001" are three keys.
- Only the issuer is shared along a list, never the date: in "Nghị định số 107/2020/NĐ-CP,
  Nghị định số 108/2020/NĐ-CP ngày 14/9/2020" (plan_002) 107/2020 stays undated.
- char_end covers key, date and issuer (not the subject).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from extract.legal.clauses import is_attached, relation_at, subject_at
from extract.legal.dates import date_after
from extract.legal.header import parse_header
from extract.legal.hits import Hit, find_hits
from extract.legal.issuers import issuer_after, issuer_level, level_of_code
from extract.legal.patterns import LIST_JOIN_RE, SPACES_RE
from extract.legal.vocab import name_by_code
from models.document import Document
from models.marks import is_bare
from models.records import LegalRefRecord

PageOf = Callable[[int], int | None]

# Slips that are no slips in a text typed without marks ('Nghi dinh so 61/2018/ND-CP'): the
# bare 'so' and 'ND' are how such a text writes 'số' and 'NĐ'; its references keep no such flag.
BARE_TEXT_FLAGS = frozenset({"garbled_so", "missing_diacritic"})
_CONTEXT_BEFORE = 40
_CONTEXT_WIDTH = 120


def _attach_date_and_issuer(text: str, hit: Hit) -> None:
    """Read ', ngày 26/4/2023 của Ban Thường vụ Tỉnh ủy' after the key into the hit."""
    pos = hit.key_end
    if hit.kind in ("numbered", "law"):
        found = date_after(text, pos)
        if found is not None:
            hit.issued_date, pos = found
            if hit.issued_date is None:
                hit.flags.append("bad_date")
    hit.core_end = pos
    if hit.kind == "numbered":
        issuer = issuer_after(text, pos)
        if issuer is not None:
            hit.issuer_text, pos = issuer
            if hit.issued_date is None and (late := date_after(text, pos)) is not None:
                hit.issued_date, pos = late  # "Quyết định số X của UBND tỉnh ngày 09/9/2021"
    hit.end = pos


def _joined(text: str, left: Hit, right: Hit) -> bool:
    """True when only ', ' / '; ' / ' và ' stands between two numbered references."""
    if left.kind != "numbered" or right.kind != "numbered" or right.start < left.core_end:
        return False
    return LIST_JOIN_RE.match(text[left.core_end : right.start]) is not None


def _share_list_issuers(text: str, hits: list[Hit]) -> None:
    """'Nghị định số 107/2020/NĐ-CP, Nghị định số 108/2020/NĐ-CP … của Chính phủ': both CP.

    Not to a reference whose symbol names another body: in '… tại Tờ trình số 1702/TTr-SNV
    … và Báo cáo thẩm định số 41/BCTĐ-STP … của Sở Tư pháp' the Tờ trình is Sở Nội vụ's."""
    for i in range(len(hits) - 2, -1, -1):
        left, right = hits[i], hits[i + 1]
        if left.issuer_text is None and right.issuer_text and _joined(text, left, right):
            if _other_bodies(left, right):
                continue
            left.issuer_text = right.issuer_text
            left.flags.append("shared_issuer")


def _other_bodies(left: Hit, right: Hit) -> bool:
    """True when both symbols name a body (issuers.csv) and not the same one: SNV and STP,
    TTg and CP; 'UBND' names no one body, so it conflicts with none."""
    names = name_by_code()
    mine, theirs = names.get(left.issuer_code or ""), names.get(right.issuer_code or "")
    return mine is not None and theirs is not None and mine != theirs


def _self_key(text: str, hits: list[Hit]) -> str | None:
    """The plan's own key: the header's number (header.parse_header, also read by the
    metadata), else the '(Ban hành kèm theo …' line. The header's date dates it."""
    header = parse_header(text)
    if header.number_start is not None:
        for hit in hits:
            if hit.key and hit.start <= header.number_start < hit.key_end:
                if hit.issued_date is None:
                    hit.issued_date = header.issue_date
                return hit.key
    for hit in hits:
        if hit.kind == "numbered" and is_attached(text, hit.start):
            return hit.key
    return None


def _set_relations(text: str, hits: list[Hit]) -> None:
    """self for the plan's own number, else basis/implements/mention from the clause."""
    own = _self_key(text, hits)
    for i, hit in enumerate(hits):
        if (hit.key is not None and hit.key == own) or is_attached(text, hit.start):
            hit.relation = "self"
            continue
        hit.relation = relation_at(text, hit.start)
        if hit.relation == "mention" and i > 0 and hits[i - 1].relation == "implements":
            if _joined(text, hits[i - 1], hit):  # "thực hiện A; B" implements B too
                hit.relation = "implements"


def _set_subjects(text: str, hits: list[Hit]) -> None:
    """Subject of each numbered reference, up to the next reference: 'về việc ban hành …'."""
    for i, hit in enumerate(hits):
        if hit.kind != "numbered":
            continue
        limit = hits[i + 1].start if i + 1 < len(hits) else len(text)
        hit.subject = subject_at(text, hit.end, limit)


def _context(text: str, start: int) -> str:
    """~120 characters around `start` on one line, whitespace folded."""
    left = max(0, start - _CONTEXT_BEFORE)
    return SPACES_RE.sub(" ", text[left : left + _CONTEXT_WIDTH]).strip()


def _record(text: str, doc_id: str, hit: Hit, page_of: PageOf | None) -> LegalRefRecord:
    """Freeze a finished hit into the Parquet record."""
    if hit.issuer_kind == "standard":
        level = level_of_code(hit.issuer_code, "standard")
    else:
        level = issuer_level(hit.issuer_text, hit.issuer_code)
    bare = is_bare(text)
    return LegalRefRecord(
        doc_id=doc_id,
        key=hit.key,
        ref_type=hit.ref_type,
        number=hit.number,
        symbol_year=hit.year,
        symbol=hit.symbol,
        issuer_code=hit.issuer_code,
        issuer_level=level,
        issued_date=hit.issued_date,
        issuer_text=hit.issuer_text,
        subject=hit.subject,
        relation=hit.relation,
        page=page_of(hit.start) if page_of is not None else None,
        char_start=hit.start,
        char_end=hit.end,
        context=_context(text, hit.start),
        flags=tuple(dict.fromkeys(f for f in hit.flags if not (f in BARE_TEXT_FLAGS and bare))),
    )


def find_refs_in_text(
    text: str, doc_id: str = "", page_of_offset: PageOf | None = None
) -> list[LegalRefRecord]:
    """References in plain text: 'Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 …' -> records."""
    hits = find_hits(text)
    for hit in hits:
        _attach_date_and_issuer(text, hit)
    _share_list_issuers(text, hits)
    _set_relations(text, hits)
    _set_subjects(text, hits)
    records = [_record(text, doc_id, hit, page_of_offset) for hit in hits]
    records.sort(key=lambda r: (r.char_start, r.char_end))
    return records


def page_lookup(doc: Document) -> PageOf:
    """Offset in Document.text -> page of the line holding it (lines joined by '\\n')."""
    starts: list[int] = []
    pos = 0
    for line in doc.lines:
        starts.append(pos)
        pos += len(line.text) + 1
    pages = [line.page for line in doc.lines]

    def page_of(offset: int) -> int | None:
        index = bisect.bisect_right(starts, offset) - 1
        return pages[index] if 0 <= index < len(pages) else None

    return page_of


def find_legal_refs(doc: Document) -> list[LegalRefRecord]:
    """References of a read plan: 'Số: 57/KH-UBND' (self), 'Thực hiện Kế hoạch số 106/KH-UBND …'."""
    return find_refs_in_text(doc.text, doc.doc_id, page_lookup(doc))
