"""Document metadata from the body text: number, type, title, places, dates, signer.

Every rule comes from the samples: the blank "Số: /KH-UBND" of plan_003 is a null number,
the decision plan_002 has no "Số:" line but its annex says "kèm theo Quyết định số: 09/QĐ-UBND",
and plan_000's header says 2022 for a plan whose title and appendix say 2023, so plan_year
comes from the title before the header date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from functools import cache
from importlib import resources

import regex

from extract.legal.header import HEADER_SPAN, Header, parse_header, title_case
from extract.legal.patterns import HEADING_MARKUP_RE
from extract.marks import bare_equal
from extract.metadata_patterns import (
    COMMUNE_RE,
    DISTRICT_RE,
    HEADER_COMMUNE_RE,
    HEADER_HIGHER_RE,
    PERSON_NAME_RE,
    PLAN_YEAR_RE,
    PROVINCE_RE,
    SIGNER_TITLE_RE,
    TITLE_STOP_RE,
)
from extract.paragraphs import paragraphs
from models.document import DocMeta, Document
from models.marks import is_bare, strip_marks

HEAD_LINES = 25  # number, date and type lines stand in the first lines of a plan


def find_metadata(doc: Document) -> DocMeta:
    """Metadata of a plan: 'Số: 57/KH-UBND' … 'Hà Châu, ngày 28 tháng 8 năm 2022' … -> DocMeta.

    Number, type, place and date come from the one header parser (extract.legal.header)."""
    lines = [line.text for line in doc.lines if "\t" not in line.text]
    head = lines[:HEAD_LINES]
    texts = [p.text for p in paragraphs(doc)]  # names wrapped over PDF lines re-joined
    header = parse_header(doc.text)
    title = _title(head, header)
    title_year = _year_in(title)
    signer, signer_title = _signer(lines)
    return DocMeta(
        doc_number=header.number,
        doc_type=header.doc_type,
        title=title,
        commune=_commune(doc.text, texts, header.place),
        district=_district(texts),
        province=_province(texts),
        issue_date=header.issue_date,
        plan_year=title_year or (header.issue_date.year if header.issue_date else None),
        signer=signer,
        signer_title=signer_title,
    )


def _title(head: list[str], header: Header) -> str | None:
    """The lines under the type heading, up to 'Căn cứ …' or a capitals line."""
    if header.doc_type is None:
        return None
    heading = header.doc_type.upper()
    for i, text in enumerate(head):
        if not bare_equal(HEADING_MARKUP_RE.sub("", text), heading):
            continue
        parts: list[str] = []
        for nxt in head[i + 1 : i + 4]:
            if TITLE_STOP_RE.match(nxt) or len(nxt) > 250:
                break
            parts.append(nxt)
        return " ".join(parts) or None
    return None


def _year_in(title: str | None) -> int | None:
    years = [int(m.group("year")) for m in PLAN_YEAR_RE.finditer(title or "")]
    return years[-1] if years else None


def _commune(text: str, texts: list[str], place: str | None) -> str | None:
    """The commune: the letterhead 'ỦY BAN NHÂN DÂN / XÃ SƠN THƯỢNG', else the dateline's place
    when the text names it 'xã Hà Châu', else the commune named most, unless the letterhead is
    a district's, province's or ministry's (issue 15: never 'Nội', 'Định', 'Việt Nam')."""
    head = text[:HEADER_SPAN]
    letterhead = HEADER_COMMUNE_RE.search(head)
    if letterhead:
        return title_case(letterhead.group("name"))
    mentioned = Counter(_clean_name(m.group("name")) for t in texts for m in COMMUNE_RE.finditer(t))
    if place and place in mentioned:
        return place
    if HEADER_HIGHER_RE.search(head) or not mentioned:
        return None
    return mentioned.most_common(1)[0][0]


def _clean_name(name: str) -> str:
    """'Thạch Kimhttps' (a link glued to the name) -> 'Thạch Kim'."""
    return regex.sub(r"(?<=\p{Ll})https?$", "", name)


def _district(texts: list[str]) -> str | None:
    """The district named most; a name also counts for longer ones it begins
    ('huyện Trảng Bom Nai' is a typo for 'huyện Trảng Bom' in plan_004)."""
    counts = Counter(m.group("name") for t in texts for m in DISTRICT_RE.finditer(t))
    scored = {
        n: sum(c for m, c in counts.items() if m == n or m.startswith(n + " ")) for n in counts
    }
    return max(sorted(scored), key=lambda n: scored[n]) if scored else None


@cache
def province_names() -> tuple[str, ...]:
    """Known province and city names, longest first (extract/data/provinces.csv)."""
    text = resources.files("extract").joinpath("data/provinces.csv").read_text("utf-8")
    names = [line.split(",")[0] for line in text.splitlines()[1:] if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


def _province(texts: list[str]) -> str | None:
    counts: Counter[str] = Counter()
    for text in texts:
        for m in PROVINCE_RE.finditer(text):
            found: str = m.group("name")
            name = next((p for p in province_names() if _starts(found, p)), None)
            if name:
                counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _signer(texts: list[str]) -> tuple[str | None, str | None]:
    """The name under the signature block: 'CHỦ TỊCH' / 'Hoàng Văn Oanh'."""
    title: str | None = None
    start = next((i for i, t in enumerate(texts) if _starts(t, "Nơi nhận")), 0)
    for text in texts[start:]:
        match = SIGNER_TITLE_RE.match(text)
        if match and not bare_equal(match.group("title"), "ỦY BAN NHÂN DÂN"):
            title = "Phó Chủ tịch" if _starts(match.group("title"), "PHÓ") else "Chủ tịch"
            continue
        if start and PERSON_NAME_RE.match(text) and not _starts(text, "Lưu"):
            return text, title
    return None, title


def _starts(text: str, word: str) -> bool:
    """'Nơi nhận:' starts with 'Nơi nhận', and so does 'Noi nhan:' (a text typed without marks)."""
    return text.startswith(word) or (is_bare(text) and text.startswith(strip_marks(word)))


def with_body(own: DocMeta, body: DocMeta) -> DocMeta:
    """An appendix file's metadata from its body document ('KH 18 - Phu luc.xlsx'
    beside 'KH 18.docx'): the body's fields, the appendix's own where the body has none."""
    return DocMeta(
        **{
            f.name: getattr(body, f.name)
            if getattr(body, f.name) is not None
            else getattr(own, f.name)
            for f in fields(DocMeta)
        }
    )
