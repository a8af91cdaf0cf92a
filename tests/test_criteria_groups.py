"""Rows under a group concept are its members (issue 19): the official frameworks number the
five SIPAS factors under the index, so a sub-row of 'Chỉ số SIPAS' is one of them or goes to
review with them first; it never takes another field's concept from shared words."""

from __future__ import annotations

from models.document import TableRow
from normalize.codelist import group_members, load_codelist
from normalize.criteria import match_rows

CODES = load_codelist()
SIPAS_FACTORS = {
    "F8.SIPAS_ACCESS",
    "F8.SIPAS_TTHC",
    "F8.SIPAS_STAFF",
    "F8.SIPAS_RESULT",
    "F8.SIPAS_PAKN",
}


def row(code: str, parent: str | None, level: int, label: str, section: str) -> TableRow:
    kind = "section" if parent is None else "item"
    top = code.split(".")[0]
    return TableRow(0, 0, kind, code, code, parent, level, top, section, criterion=label)


def test_members_come_from_the_frameworks_numbering() -> None:
    members = group_members(CODES)
    assert members["F8.SIPAS"] == SIPAS_FACTORS  # SIPAS '0' -> '1'..'5'
    assert members["F2.TDTHPL"] == {"F2.TDTHPL_ACT", "F2.TDTHPL_FOLLOW"}  # 876 '2.4' -> '2.4.x'
    assert "F3.ONTIME" not in members  # a leaf has no members
    assert all(CODES.get(g).level == "group" for g in members)  # type: ignore[union-attr]


def _sipas_table(child: str) -> list[TableRow]:
    section = "TÁC ĐỘNG CỦA CẢI CÁCH HÀNH CHÍNH"
    return [
        row("8", None, 1, section, section),
        row("8.1", "8", 2, "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2025", section),
        row("8.1.1", "8.1", 3, child, section),
    ]


def test_a_member_under_the_group_is_assigned() -> None:
    matches = match_rows(
        _sipas_table("Tiếp cận dịch vụ"), province=None, district=None, plan_year=None
    )
    assert matches[1].criterion_code == "F8.SIPAS"
    assert matches[2].criterion_code == "F8.SIPAS_ACCESS"


def test_another_fields_concept_under_the_group_goes_to_review_with_the_members_first() -> None:
    label = "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về thủ tục hành chính"
    alone = match_rows(
        [row("3.5", "3", 2, label, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")],
        province=None,
        district=None,
        plan_year=None,
    )
    assert alone[0].criterion_code == "F3.PAKN"  # its own concept outside the SIPAS table
    under = match_rows(_sipas_table(label), province=None, district=None, plan_year=None)[2]
    assert under.criterion_code is None and under.match_method == "none"
    assert under.field_code == "F8"
    top3 = [c.code for c in under.top_candidates[:3]]
    assert "F8.SIPAS_PAKN" in top3
    assert top3[0] in SIPAS_FACTORS
