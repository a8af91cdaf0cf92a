"""Rows under a group concept are its members (issue 19): the official frameworks number the
five SIPAS factors under the index, so a sub-row of 'Chỉ số SIPAS' is one of them or goes to
review with them first; it never takes another field's concept from shared words."""

from __future__ import annotations

from models.document import TableRow
from normalize.codelist import load_codelist, without_sources
from normalize.criteria import CriterionMatch, match_rows
from normalize.criteria_place import MEMBER_SCORE
from normalize.groups import group_members, ordered_members

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


def test_ordered_members_follow_the_frameworks_numbering() -> None:
    members = ordered_members(CODES)
    assert members["F8.SIPAS"] == (
        "F8.SIPAS_ACCESS",
        "F8.SIPAS_TTHC",
        "F8.SIPAS_STAFF",
        "F8.SIPAS_RESULT",
        "F8.SIPAS_PAKN",
    )
    assert members["F2.TDTHPL"] == ("F2.TDTHPL_ACT", "F2.TDTHPL_FOLLOW")


# Five sub-rows naming SIPAS's factors in the framework's order, in a commune's own short words:
# the first and last are found by their words, the middle three by their place.
FACTORS_IN_ORDER = (
    "Tiếp cận dịch vụ hành chính công",
    "Quy trình, hồ sơ giải quyết",
    "Người trực tiếp giải quyết hồ sơ",
    "Kết quả nhận được",
    "Góp ý, phản ánh, kiến nghị",
)


def _factors(labels: tuple[str, ...]) -> list[CriterionMatch]:
    section = "TÁC ĐỘNG CỦA CẢI CÁCH HÀNH CHÍNH"
    rows = _sipas_table(labels[0])[:2]
    rows += [row(f"8.1.{i}", "8.1", 3, label, section) for i, label in enumerate(labels, 1)]
    codes = without_sources(CODES, frozenset({"000"}))  # 000 8.1, plan-out
    return match_rows(rows, province=None, district=None, plan_year=None, codes=codes)[2:]


def test_a_group_listing_all_its_members_in_order_gives_each_its_place() -> None:
    matches = _factors(FACTORS_IN_ORDER)
    assert [m.criterion_code for m in matches] == list(ordered_members(CODES)["F8.SIPAS"])
    by_place = matches[1:4]
    assert all(m.match_score == MEMBER_SCORE < 0.75 for m in by_place)  # in `plans review`
    assert all(m.field_code == "F8" for m in by_place)


def test_without_every_member_listed_the_place_says_nothing() -> None:
    matches = _factors(FACTORS_IN_ORDER[:4])  # four of the five factors
    assert matches[1].criterion_code is None and matches[2].criterion_code is None


def test_a_member_found_out_of_order_says_the_list_has_another_order() -> None:
    swapped = (FACTORS_IN_ORDER[4], *FACTORS_IN_ORDER[1:4], FACTORS_IN_ORDER[0])
    matches = _factors(swapped)
    assert matches[1].criterion_code is None and matches[2].criterion_code is None
