"""Quantitative targets (normalize.numbers, normalize.targets), checked against the samples."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import extract_document
from extract.readers import read_document
from extract.tables import find_table_rows
from models.document import ScoreCell, TableRow, TextLine
from models.records import TargetRecord
from normalize.criteria import CriterionMatch, match_rows
from normalize.document import normalize_document
from normalize.numbers import find_numbers
from normalize.targets import find_targets, metric_for, target_years

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=8)
def targets(plan: str) -> tuple[tuple[TableRow, ...], tuple[TargetRecord, ...]]:
    """Rows and targets of a sample through the public entry points, as `plans ingest` does."""
    doc = read_document(ROOT / "data" / "raw" / f"plan_{plan}.txt")
    extracted = extract_document(doc)
    return extracted.rows, normalize_document(doc, extracted).targets


def in_row(plan: str, code: str) -> list[TargetRecord]:
    rows, found = targets(plan)
    row = next(r for r in rows if r.code == code)
    return [t for t in found if (t.table_index, t.row_index) == (row.table_index, row.row_index)]


def ontime(plan: str) -> list[tuple[object, ...]]:
    _, found = targets(plan)
    return [
        (t.table_index is None, t.comparator, t.value, t.unit, t.scope)
        for t in found
        if t.criterion_code == "F3.ONTIME"
    ]


# --- acceptance ---------------------------------------------------------------------------------


def test_ha_chau_on_time_target() -> None:
    # 000 3.2.2: 'Phân đầu tỷ lệ hồ sơ … đúng hạn, trước hạn … tối thiểu đạt từ 99,9% trở lên'
    [target] = in_row("000", "3.2.2")
    assert (target.criterion_code, target.metric, target.comparator, target.value, target.unit) == (
        "F3.ONTIME",
        "ONTIME_RATE",
        ">=",
        99.9,
        "%",
    )
    assert target.scope == "commune" and "99,9%" in target.text and target.plan_year == 2023


def test_loc_hoa_keeps_both_conflicting_on_time_targets() -> None:
    # Body 'đúng và trước hạn từ 98% trở lên' vs appendix II.2.2 'đạt tối thiểu 96%': both kept.
    assert sorted(ontime("002")) == [
        (False, ">=", 96.0, "%", "commune"),
        (True, ">=", 98.0, "%", "commune"),
    ]
    [table] = in_row("002", "II.2.2")
    assert table.text == "Tỷ lệ giải quyết hồ sơ đúng hạn đạt tối thiểu 96%"
    body = [t for t in targets("002")[1] if t.criterion_code == "F3.ONTIME" and t.row_index is None]
    assert body[0].page == 1 and "98% trở lên" in body[0].text


def test_a_target_in_a_sub_row_typed_from_the_left_is_kept() -> None:
    # 002 VI.3.1#3: '- Tỷ lệ giao dịch thanh toán trực tuyến các hộ sơ TTHC đạt tối thiểu 75%'
    # typed under Mục tiêu of a sub-row whose cells stand one column left; read as its task
    # (a column targets do not read), the target was lost when the cells were put back.
    [target] = in_row("002", "VI.3.1#3")
    assert (target.criterion_code, target.comparator, target.value, target.unit) == (
        "F7.PAYMENT",
        ">=",
        75.0,
        "%",
    )


def test_giang_dien_on_time_target() -> None:
    assert [t for t in in_row("004", "3.2") if t.criterion_code == "F3.ONTIME"][0].value == 96.0
    assert (False, ">=", 96.0, "%", "commune") in ontime("004")
    assert (True, ">=", 96.0, "%", "commune") in ontime("004")  # the same goal in the body


def test_thanh_liet_on_time_score_is_a_points_target_of_the_plan_year() -> None:
    [target] = in_row("001", "3.3.1")
    assert (target.criterion_code, target.metric, target.comparator, target.value, target.unit) == (
        "F3.ONTIME",
        "ONTIME_SCORE",
        ">=",
        4.5,
        "points",
    )
    assert "Điểm năm 2024 4.5" in target.text and "tối đa 4.5" in target.text
    # Only the 2024 column is a target; 2023 (5.5 for content 2) is a result.
    assert [t.value for t in in_row("001", "2")] == [5.75]
    [total] = in_row("001", "TỔNG ĐIỂM")
    assert (total.criterion_code, total.metric, total.value) == ("F0.PAR_SCORE", "PAR_SCORE", 97.06)


def test_son_thuong_on_time_target_counted_once_from_its_heading_row() -> None:
    # 003 has no table: under the heading of criterion 3.4.1 its 'Công chức thực hiện'
    # paragraph says 'đảm bảo đạt tỷ lệ tối thiểu 97% kết quả giải quyết đúng hạn, trước hạn';
    # that paragraph is the heading row's task, so the body does not give it a second time.
    assert ontime("003") == [(False, ">=", 97.0, "%", "commune")]


def test_district_scope_and_counts_of_ha_chau() -> None:
    [disburse] = in_row("000", "6.1.1")  # 'tỷ lệ giải ngân vốn đầu tư công của huyện đạt …'
    assert (disburse.criterion_code, disburse.value, disburse.scope) == (
        "F6.DISBURSE",
        95.0,
        "district",
    )
    [online] = in_row("000", "7.3.3")  # '… năm 2023 huyện Phú Bình đạt tỷ lệ 90% trở lên'
    assert (online.metric, online.value, online.scope) == ("ONLINE_RATE", 90.0, "district")
    [innovation] = in_row("000", "1.1")  # 'Tối thiểu 1 sáng kiến'
    assert (innovation.metric, innovation.comparator, innovation.value, innovation.unit) == (
        "INNOVATION_COUNT",
        ">=",
        1.0,
        "count",
    )
    body = {(t.criterion_code, t.value, t.unit) for t in targets("000")[1] if t.row_index is None}
    assert body == {("F0.PAR_SCORE", 80.0, "points"), ("F8.SIPAS", 90.0, "%")}


def test_a_cell_with_several_targets_matches_each_clause() -> None:
    # 002 VI.3.1: '- Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 90% - 80% các TTHC … thanh toán …'
    got = [(t.criterion_code, t.comparator, t.value) for t in in_row("002", "VI.3.1")]
    assert got == [("F7.ONLINE_RATE", ">=", 90.0), ("F7.PAYMENT", "=", 80.0)]
    # 000 7.3.4: three payment rates in one cell, one clause each.
    assert [t.value for t in in_row("000", "7.3.4")] == [100.0, 70.0, 30.0]


def test_past_results_in_the_body_are_not_targets() -> None:
    # 001: 'Năm 2023, chỉ số cải cách hành chính … đạt 96.56%, đứng thứ 5/16' is last year's result.
    assert not [t for t in targets("001")[1] if t.value == 96.56]


def test_merged_objective_of_sub_rows_counts_once() -> None:
    assert len(in_row("004", "3.2")) == 1 and in_row("004", "3.2#2") == []


# --- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tối thiểu đạt từ 99,9% trở lên", [(">=", 99.9, "%")]),
        ("Hoàn thành 100% Kế hoạch", [("=", 100.0, "%")]),
        ("100 % số vấn đề qua kiểm tra được xử lý", [("=", 100.0, "%")]),
        ("Có từ 02 - 03 cuộc đối thoại/diễn đàn", [(">=", 2.0, "count"), ("<=", 3.0, "count")]),
        ("đơn giản hóa tối thiểu từ 10-20% TTHC", [(">=", 10.0, "%"), ("<=", 20.0, "%")]),
        ("Chỉ số CCHC đạt tối thiểu 80 điểm trở lên", [(">=", 80.0, "points")]),
        ("Thực hiện 02 nhóm TTHC liên thông", [("=", 2.0, "count")]),
        ("tỷ lệ chi không quá 5% tổng chi", [("<=", 5.0, "%")]),
        ("(Điểm trừ: công khai chậm, trừ 0,1 điểm/TTHC)", []),  # a penalty (001 3.1.3)
        ("giai đoạn 2021 - 2030; 1.2.1; Nghị định số 61/2018/NĐ-CP", []),
        ("cho trẻ em dưới 6 tuổi; 17 hệ thống; 3 cấp chính quyền", []),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(q.comparator, q.value, q.unit) for q in find_numbers(text)] == expected


def test_clauses_cut_between_targets() -> None:
    text = (
        "Tỷ lệ TTHC được triển khai thanh toán trực tuyến đạt 100%; tỷ lệ TTHC có phát sinh giao "
        "dịch thanh toán trực tuyến đạt 70% và tỷ lệ hồ sơ thanh toán trực tuyến đạt 30%."
    )
    assert [q.text for q in find_numbers(text)] == [
        "Tỷ lệ TTHC được triển khai thanh toán trực tuyến đạt 100%",
        "tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến đạt 70%",
        "tỷ lệ hồ sơ thanh toán trực tuyến đạt 30%",
    ]


def test_scope() -> None:
    def scope(text: str) -> str:
        return find_numbers(text)[0].scope

    assert (
        scope("tỷ lệ giải ngân vốn đầu tư công của huyện đạt tối thiểu từ 95% trở lên")
        == "district"
    )
    assert scope("100% TTHC … trên Hệ thống thông tin giải quyết TTHC của tỉnh") == "commune"
    assert scope("xử lý hồ sơ trên phần mềm tỉnh đảm bảo đạt tỷ lệ tối thiểu 97%") == "commune"
    assert scope("tỷ lệ hồ sơ trực tuyến của tỉnh đạt 50%") == "province"
    assert scope("100% quy trình … của UBND cấp huyện, UBND cấp xã được phê duyệt") == "commune"


def test_metric_names() -> None:
    assert metric_for("F3.ONTIME", "%") == "ONTIME_RATE"
    assert metric_for("F7.ONLINE_RATE", "%") == "ONLINE_RATE"
    assert metric_for("F0.PAR_SCORE", "points") == "PAR_SCORE"
    assert metric_for("F1", "points") == "F1_SCORE"
    assert metric_for(None, "count") == "COUNT"


def test_target_years() -> None:
    def row(*years: int) -> TableRow:
        cells = tuple(ScoreCell(f"Điểm năm {y}", "score_year", y, 1.0) for y in years)
        return TableRow(0, 0, "item", "1", "1", None, 1, None, None, scores=cells)

    assert target_years([row(2023, 2024)], 2024) == {2024}
    assert target_years([row(2023, 2024)], None) == {2024}
    assert target_years([row(2022, 2023)], 2024) == set()


def test_rows_and_matches_must_align() -> None:
    with pytest.raises(ValueError):
        find_targets("d", [TableRow(0, 0, "item", "1", "1", None, 1, None, None)], [], [], 2024)


def test_body_matcher_is_injectable() -> None:
    def always(_: str) -> CriterionMatch:
        return CriterionMatch("F3", "F3.ONTIME", 1.0, "alias", (("F3.ONTIME", 1.0),))

    [target] = find_targets(
        "d", [], [], [TextLine(2, "Phấn đấu đạt 90% trở lên")], 2024, body_matcher=always
    )
    assert (target.criterion_code, target.page, target.table_index, target.row_index) == (
        "F3.ONTIME",
        2,
        None,
        None,
    )


@given(st.text(max_size=200))
def test_find_numbers_never_fails(text: str) -> None:
    for q in find_numbers(text):
        assert q.value >= 0 and q.unit in ("%", "points", "count")
        assert q.comparator in (">=", "<=", "=") and q.scope in ("commune", "district", "province")


def test_heading_rows_state_targets_in_their_task_text() -> None:
    """plan_003 prints '… đảm bảo đạt tỷ lệ tối thiểu 97% …' under criterion 3.4.1."""
    from extract.readers import read_document
    from normalize.targets import find_targets
    from tests.conftest import RAW

    rows = find_table_rows(read_document(RAW / "plan_003.txt"))
    matches = match_rows(rows, province=None, district="Sơn Hà", plan_year=2024)
    targets = find_targets("d", rows, matches, [], 2024)
    ontime = [t for t in targets if t.criterion_code == "F3.ONTIME"]
    assert [(t.metric, t.comparator, t.value, t.unit, t.scope) for t in ontime] == [
        ("ONTIME_RATE", ">=", 97.0, "%", "commune")
    ]
    row = next(r for r in rows if r.code == "3.4.1")
    assert (ontime[0].table_index, ontime[0].row_index) == (row.table_index, row.row_index)
