"""Deadline cells -> (date, kind) (normalize.deadlines); every case is a cell of the samples."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.deadlines import parse_deadline

CASES = [
    ("Chậm nhất trước ngày 31/12/2023", 2023, date(2023, 12, 31), "date"),  # 000 1.1
    ("Trước 31/12/2023", 2023, date(2023, 12, 31), "date"),  # 000 5.3
    ("Trước ngày 31 tháng 01 năm 2023", 2023, date(2023, 1, 31), "date"),  # 004 1.1
    ("Hoàn thành trước ngày 15/01/2023", 2023, date(2023, 1, 15), "date"),  # 004 2.7
    ("Trước 01/06/2023", 2023, date(2023, 6, 1), "date"),  # 004 3.1
    ("trước ngày 31/12", 2024, date(2024, 12, 31), "date"),  # no year: the plan year
    ("Quý III/2023", 2023, date(2023, 9, 30), "quarter"),  # 004 2.5
    ("Quý III năm 2023", 2023, date(2023, 9, 30), "quarter"),  # 000 7.3.2
    ("Quý I/2025", 2025, date(2025, 3, 31), "quarter"),  # 002 II.2.4
    ("Quý II và Quý III năm 2024", 2024, date(2024, 9, 30), "quarter"),  # 003 1.3: the latest
    ("tháng 6/2024", 2024, date(2024, 6, 30), "month"),
    ("trong tháng 01/2023", 2023, date(2023, 1, 31), "month"),  # 004 body
    ("Trong năm 2023", 2023, date(2023, 12, 31), "year"),  # 000
    ("Năm 2025", 2025, date(2025, 12, 31), "year"),  # 002 VI.2.1
    ("Thường xuyên", 2023, None, "recurring"),
    ("- Thường xuyên", 2023, None, "recurring"),  # 004 3.1
    ("Thường xuyên Thường xuyên Thường xuyên", 2025, None, "recurring"),  # 002 VI.1.1 (merged)
    ("Hàng Quý/Năm", 2023, None, "recurring"),  # 004 1.4
    ("Thường xuyên trong năm 2024", 2024, None, "recurring"),  # 003
    ("Khi có hướng dẫn của Bộ ngành TW", 2023, None, "event"),  # 004 3.1
    ("Theo hướng dẫn của tỉnh", 2025, None, "event"),  # 002 II.4
    ("Theo Kế hoạch UBND tỉnh phê duyệt", 2023, None, "event"),  # 004 3.3
    ("Theo thời hạn đã đăng ký", 2025, None, "event"),  # 002 I.1
    ("Theo Kế hoạch cải cách hành chính năm 2024", 2024, None, "event"),  # 003 2.1
    # Decided: 'Theo tiến độ thời gian' (000 1.4, tasks the province/district assigns) is set by
    # whoever assigns the task -> an event-bound deadline, no date.
    ("Theo tiến độ thời gian", 2023, None, "event"),
    (None, 2023, None, "none"),
    ("", 2023, None, "none"),
    ("xuyên", 2023, None, "none"),  # a fragment of a split cell
    ("Văn phòng UBND xã; Các bộ phận có liên quan", 2025, None, "none"),  # shifted cell (002)
    ("trước ngày 31/02/2023", 2023, None, "none"),  # no such day
    # as other plans write them (my own cells; they failed before)
    ("Trước 30/6", 2026, date(2026, 6, 30), "date"),  # no 'ngày', no year
    ("Chậm nhất 15/12", 2026, date(2026, 12, 15), "date"),
    ("6 tháng đầu năm", 2026, date(2026, 6, 30), "month"),
    ("6 tháng cuối năm 2026", 2026, date(2026, 12, 31), "month"),
    ("19/19 tiêu chí", 2026, None, "none"),  # a count, no date
]


@pytest.mark.parametrize(("text", "year", "when", "kind"), CASES)
def test_parse_deadline(text: str | None, year: int, when: date | None, kind: str) -> None:
    assert parse_deadline(text, year) == (when, kind)


def test_points_without_a_year_need_the_plan_year() -> None:
    assert parse_deadline("Quý III", 2024) == (date(2024, 9, 30), "quarter")
    assert parse_deadline("Quý III", None) == (None, "quarter")
    assert parse_deadline("Quý III/2023", None) == (date(2023, 9, 30), "quarter")


@given(st.text(max_size=80), st.one_of(st.none(), st.integers(1990, 2100)))
def test_parse_deadline_never_fails(text: str, year: int | None) -> None:
    when, kind = parse_deadline(text, year)
    assert kind in ("date", "quarter", "month", "year", "recurring", "event", "none")
    assert when is None or isinstance(when, date)
