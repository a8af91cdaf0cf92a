"""Criteria printed as headings instead of a table (plan_003, Sơn Thượng).

    5. Lĩnh vực: Xây dựng và phát triển chính quyền điện tử, chính quyền số
    5.1. Tiêu chí thành phần: “7.1.1. Triển khai, duy trì, cập nhật Kiến trúc …”
    - Thời gian thực hiện: Thường xuyên trong năm 2024.
    - Công chức thực hiện: Văn phòng – Thống kê phối hợp với …

Each "Tiêu chí thành phần" heading becomes an item row whose code is the quoted criterion
code (7.1.1), not the list number (5.1, kept as stt_raw): the plan's list numbers restart
and its field 5 holds 7.x criteria. Each "Lĩnh vực" heading becomes a section row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract.marks import AnyMarks
from models.document import TableRow, TextLine

# "5. Lĩnh vực: Xây dựng và phát triển chính quyền điện tử, chính quyền số"
FIELD_HEADING_RE = AnyMarks(r"^(?P<num>\d{1,2})\.\s*Lĩnh vực\s*:\s*(?P<title>\S.*)$")
# "3.2. Tiêu chí thành phần: “3.4.1. Tỷ lệ hồ sơ TTHC … đúng hạn”" (quotes may be "…" or “…”,
# the closing one may be missing: '“2.1.2. Xử lý kết quả … theo thẩm quyền”').
CRITERION_HEADING_RE = AnyMarks(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s*Tiêu chí(?: thành phần)?\s*:\s*[“\"]\s*"
    r"(?P<code>\d{1,2}(?:\.\d{1,2}){1,4})\.?\s*(?P<label>[^”\"]+?)\s*[”\"]?\s*$"
)
# "- Thời gian thực hiện: Trước Quý II năm 2024."
DEADLINE_LINE_RE = AnyMarks(r"^-?\s*Thời gian thực hiện\s*:\s*(?P<text>.+?)\.?$")
# "- Công chức thực hiện: Bộ phận Văn phòng – thống kê, phối hợp với …"
STAFF_LINE_RE = AnyMarks(r"^-?\s*(?:Công chức|Bộ phận|Người) thực hiện\s*:\s*(?P<text>.+)$")
# The lead agency at the start of the staff text: up to "phối hợp", "chủ trì" or a comma.
LEAD_PREFIX_RE = AnyMarks(r"^(?P<lead>.+?)(?:,|\s+phối hợp|\s+chủ trì|\s+thường xuyên|\s+căn cứ|$)")


@dataclass
class _Item:
    stt: str
    code: str
    label: str
    page: int
    deadline: str | None = None
    staff: str | None = None
    page_last: int = 0
    section: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class HeadingItems:
    """Rows built from headings and the body paragraphs they were built from (indices into
    `paragraphs(doc)`), which the body text then leaves out (nothing counts twice)."""

    rows: tuple[TableRow, ...] = ()
    used: frozenset[int] = frozenset()


def heading_items(paras: Sequence[TextLine]) -> HeadingItems:
    """Rows from 'Lĩnh vực' / 'Tiêu chí thành phần' headings (plan_003's 17 criteria) of a
    document's paragraphs, and which paragraphs they used."""
    rows: list[TableRow] = []
    used: set[int] = set()
    section: tuple[str, str] | None = None
    current: _Item | None = None
    for index, para in enumerate(paras):
        page, text = para.page, para.text
        if match := FIELD_HEADING_RE.match(text):
            _flush(rows, current)
            current = None
            section = (match.group("num"), match.group("title").strip())
            rows.append(_section_row(len(rows), section, page))
        elif match := CRITERION_HEADING_RE.match(text):
            _flush(rows, current)
            current = _Item(
                match.group("num"), match.group("code"), match.group("label"), page, section=section
            )
        elif current is None or not _attach(current, text, page):
            continue
        used.add(index)
    _flush(rows, current)
    if not any(r.kind == "item" for r in rows):
        return HeadingItems()
    return HeadingItems(tuple(rows), frozenset(used))


def _attach(item: _Item, text: str, page: int) -> bool:
    if match := DEADLINE_LINE_RE.match(text):
        item.deadline = match.group("text").strip()
    elif match := STAFF_LINE_RE.match(text):
        item.staff = match.group("text").strip()
    else:
        return False
    item.page_last = max(item.page_last, page)
    return True


def _section_row(index: int, section: tuple[str, str], page: int) -> TableRow:
    num, title = section
    return TableRow(
        table_index=0,
        row_index=index,
        kind="section",
        stt_raw=num,
        code=num,
        parent_code=None,
        level=1,
        section_code=num,
        section_title=title,
        criterion=title,
        page_first=page,
        page_last=page,
        flags=("from_headings",),
    )


def _flush(rows: list[TableRow], item: _Item | None) -> None:
    if item is None:
        return
    section_code, section_title = item.section or (None, None)
    lead = None
    if item.staff and (match := LEAD_PREFIX_RE.match(item.staff)):
        lead = match.group("lead").strip() or None
    rows.append(
        TableRow(
            table_index=0,
            row_index=len(rows),
            kind="item",
            stt_raw=item.stt,
            code=item.code,
            parent_code=section_code,
            level=2,
            section_code=section_code,
            section_title=section_title,
            criterion=item.label,
            task=item.staff,
            lead=lead,
            deadline=item.deadline,
            page_first=item.page,
            page_last=max(item.page, item.page_last),
            flags=("from_headings",),
        )
    )
