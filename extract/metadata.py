"""Document metadata from the body text: number, type, title, places, dates, signer.

Every rule comes from the samples: the blank "Số: /KH-UBND" of plan_003 is a null number,
the decision plan_002 has no "Số:" line but its annex says "kèm theo Quyết định số: 09/QĐ-UBND",
and plan_000's header says 2022 for a plan whose title and appendix say 2023, so plan_year
comes from the title before the header date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from importlib import resources

from extract.metadata_patterns import (
    ANNEX_OF_RE,
    COMMUNE_RE,
    DISTRICT_RE,
    DOC_NUMBER_RE,
    DOC_TYPE_RE,
    HEADER_COMMUNE_RE,
    PERSON_NAME_RE,
    PLACE_DATE_RE,
    PLAN_YEAR_RE,
    PROVINCE_RE,
    SIGNER_TITLE_RE,
    TITLE_STOP_RE,
)
from extract.paragraphs import paragraphs
from models.document import DocMeta, Document

HEAD_LINES = 25  # number, date and type lines stand in the first lines of a plan


def find_metadata(doc: Document) -> DocMeta:
    """Metadata of a plan: 'Số: 57/KH-UBND' … 'Hà Châu, ngày 28 tháng 8 năm 2022' … -> DocMeta."""
    lines = [line.text for line in doc.lines if "\t" not in line.text]
    head = lines[:HEAD_LINES]
    texts = [text for _, text in paragraphs(doc)]  # names wrapped over PDF lines re-joined
    doc_type, title = _type_and_title(head)
    number, annex_type = _doc_number(lines)
    place, issue_date = _place_and_date(head)
    title_year = _year_in(title)
    signer, signer_title = _signer(lines)
    return DocMeta(
        doc_number=number,
        doc_type=doc_type or annex_type,
        title=title,
        commune=_commune(head, texts, place),
        district=_district(texts),
        province=_province(texts),
        issue_date=issue_date,
        plan_year=title_year or (issue_date.year if issue_date else None),
        signer=signer,
        signer_title=signer_title,
    )


def _doc_number(texts: list[str]) -> tuple[str | None, str | None]:
    for text in texts[:HEAD_LINES]:
        match = DOC_NUMBER_RE.match(text)
        if match:
            num = match.group("num")
            return (f"{num}/{match.group('sym')}" if num else None), None
    for text in texts:
        annex = ANNEX_OF_RE.search(text)
        if annex:
            return f"{annex.group('num')}/{annex.group('sym')}", annex.group("type").capitalize()
    return None, None


def _type_and_title(head: list[str]) -> tuple[str | None, str | None]:
    for i, text in enumerate(head):
        match = DOC_TYPE_RE.match(text)
        if not match:
            continue
        parts: list[str] = []
        for nxt in head[i + 1 : i + 4]:
            if TITLE_STOP_RE.match(nxt) or len(nxt) > 250:
                break
            parts.append(nxt)
        return match.group("type").capitalize(), " ".join(parts) or None
    return None, None


def _place_and_date(head: list[str]) -> tuple[str | None, date | None]:
    for text in head:
        match = PLACE_DATE_RE.match(text)
        if not match:
            continue
        place = match.group("place").strip()
        if not match.group("day"):
            return place, None
        try:
            day, month, year = (int(match.group(g)) for g in ("day", "month", "year"))
            return place, date(year, month, day)
        except ValueError:
            return place, None
    return None, None


def _year_in(title: str | None) -> int | None:
    years = [int(m.group("year")) for m in PLAN_YEAR_RE.finditer(title or "")]
    return years[-1] if years else None


def _commune(head: list[str], texts: list[str], place: str | None) -> str | None:
    mentioned = Counter(m.group("name") for t in texts for m in COMMUNE_RE.finditer(t))
    if place and place in mentioned:
        return place
    for text in head:
        match = HEADER_COMMUNE_RE.match(text)
        if match:
            return match.group("name").strip().title()
    if place:
        return place
    return mentioned.most_common(1)[0][0] if mentioned else None


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
            name = next((p for p in province_names() if found.startswith(p)), None)
            if name:
                counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _signer(texts: list[str]) -> tuple[str | None, str | None]:
    """The name under the signature block: 'CHỦ TỊCH' / 'Hoàng Văn Oanh'."""
    title: str | None = None
    start = next((i for i, t in enumerate(texts) if t.startswith("Nơi nhận")), 0)
    for text in texts[start:]:
        match = SIGNER_TITLE_RE.match(text)
        if match and match.group("title") != "ỦY BAN NHÂN DÂN":
            title = "Phó Chủ tịch" if "PHÓ" in text else "Chủ tịch"
            continue
        if start and PERSON_NAME_RE.match(text) and not text.startswith("Lưu"):
            return text, title
    return None, title
