"""The decision of the criterion matcher (issue 19): a code only when the best candidate is
clearly ahead, otherwise review with the top candidates stored. Case strings written for the
classes of variation, checked by hand against the concept list (criteria.csv)."""

from __future__ import annotations

from models.document import TableRow
from normalize.criteria import match_rows

E_GOV = "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"


def item(label: str, section: str, code: str = "7.2") -> TableRow:
    top = code.split(".")[0]
    return TableRow(0, 0, "item", code, code, top, 2, top, section, criterion=label)


def heading(section: str, code: str = "7") -> TableRow:
    return TableRow(0, 0, "section", code, code, None, 1, code, section, criterion=section)


def one(label: str, section: str) -> tuple[str | None, str | None, list[str]]:
    """Field, concept and top-3 candidates of an item under its section heading."""
    rows = [heading(section), item(label, section)]
    match = match_rows(rows, province=None, district=None, plan_year=None)[1]
    return match.field_code, match.criterion_code, [c.code for c in match.top_candidates[:3]]


def test_a_phrase_whose_row_as_a_whole_names_another_concept_goes_to_review() -> None:
    # 'hồ sơ điện tử' is a phrase of F5.HR_DATA (officials' e-records), but the row is about
    # the commune keeping electronic files (F7.E_FILE); BM25 over the whole row says so.
    field, concept, top3 = one("Trang thông tin điện tử xã lưu trữ hồ sơ điện tử", E_GOV)
    assert concept is None
    assert field == "F7"
    assert "F7.E_FILE" in top3


def test_a_phrase_the_whole_row_agrees_with_is_assigned() -> None:
    assert one("Công khai dự toán, quyết toán ngân sách xã", "CẢI CÁCH TÀI CHÍNH CÔNG")[1] == (
        "F6.BUDGET_PUBLIC"
    )
    label = "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn, trước hạn"
    assert one(label, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")[1] == "F3.ONTIME"
