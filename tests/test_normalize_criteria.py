"""Criterion and field codes of table rows (normalize.criteria), checked against the samples.

Expected fields are hand-checked files tests/fixtures/fields/plan_00N.expected.tsv (code<TAB>field);
the places and years below were read off the documents (header, 'huyện …', 'tỉnh …').
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.readers import read_document
from extract.tables import find_table_rows
from models.document import ScoreCell, TableRow
from normalize.criteria import (
    THRESHOLD,
    CriterionMatch,
    doc_kind_of,
    field_of_title,
    match_rows,
    match_text,
)
from tests.conftest import SAMPLE_PLACES as PLACES

ROOT = Path(__file__).resolve().parent.parent
FIELDS_DIR = Path(__file__).resolve().parent / "fixtures" / "fields"
# plan -> (province, district, plan year), as printed in the plans (002's province from its
# decisions, e.g. 'QĐ 1493/QĐ-UBND … của UBND tỉnh' of Bình Phước; 003's from Sơn Hà).


@lru_cache(maxsize=8)
def sample(plan: str) -> tuple[tuple[TableRow, ...], tuple[CriterionMatch, ...]]:
    rows = tuple(find_table_rows(read_document(ROOT / "data" / "raw" / f"plan_{plan}.txt")))
    province, district, year = PLACES[plan]
    return rows, tuple(match_rows(rows, province=province, district=district, plan_year=year))


def by_code(plan: str, code: str) -> tuple[TableRow, CriterionMatch]:
    rows, matches = sample(plan)
    for row, match in zip(rows, matches, strict=True):
        if row.code == code:
            return row, match
    raise AssertionError(f"plan_{plan} has no row {code}")


def expected_fields(plan: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (FIELDS_DIR / f"plan_{plan}.expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, field = line.split("\t")[:2]
            out[code] = field
    return out


def item(criterion: str = "", code: str = "", section: str | None = None, **cells: str) -> TableRow:
    return TableRow(0, 0, "item", code, code, None, 2, None, section, criterion=criterion, **cells)


MAX_SCORE = ScoreCell("Điểm tối đa", "score_max", None, 1.0)


def match_row(
    row: TableRow,
    *,
    province: str | None,
    district: str | None,
    plan_year: int | None,
    doc_kind: str,
) -> CriterionMatch:
    """One row through the production path, match_rows, as the only row of its table: a
    criteria table is one whose rows carry scores (a code table may also confirm it), so a
    'criteria' row gets a maximum score cell."""
    if doc_kind == "criteria" and not row.scores:
        row = replace(row, scores=(MAX_SCORE,))
    (match,) = match_rows([row], province=province, district=district, plan_year=plan_year)
    return match


# --- acceptance: F3.ONTIME in every sample ------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "code", "method"),
    [
        ("000", "3.2.2", "code_table"),  # Hà Châu 2023: 'Tỷ lệ hồ sơ đúng hạn do UBND xã …'
        ("000", "3.2.3", "code_table"),  # the same label repeated (hazard 2)
        ("001", "3.3.1", "code_table"),  # Thanh Liệt 2024: '… đúng và trước hạn …', 4.5 points
        (
            "002",
            "II.2.2",
            "alias",
        ),  # Lộc Hòa 2025: 'Tỷ lệ giải quyết hồ sơ đúng hạn đạt tối thiểu 96%'
        ("004", "3.2", "alias"),  # Giang Điền 2023: same wording
    ],
)
def test_on_time_rate_is_found_in_every_table(plan: str, code: str, method: str) -> None:
    _, match = by_code(plan, code)
    assert (match.field_code, match.criterion_code, match.match_method) == (
        "F3",
        "F3.ONTIME",
        method,
    )
    assert match.match_score is not None and THRESHOLD <= match.match_score <= 1.0


@pytest.mark.parametrize(
    ("code", "label", "concept"),
    [
        (
            "1.2.1",
            "**1.1. Tiêu chí thành phần: “1.2.1. Thực hiện đầy đủ về số lượng (báo cáo quý, "
            "6 tháng, 9 tháng và năm), nội dung và thời hạn theo quy định về báo cáo CCHC”**",
            "F1.REPORT",
        ),
        (
            "3.4.1",
            "**3.2. Tiêu chí thành phần:** *“3.4.1. Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận "
            "trong năm được giải quyết trước hạn, đúng hạn”*",
            "F3.ONTIME",
        ),
        (
            "1.5.1",
            "“1.5.1. Có từ 02 - 03 cuộc đối thoại/diễn đàn được tổ chức trong năm”",
            "F1.DIALOGUE",
        ),
        ("7.3.1.2", "“7.3.1.2. Đã chuyển đổi sang công nghệ IPv6”", "F7.IPV6"),
    ],
)
def test_son_thuong_heading_rows_match_by_label(code: str, label: str, concept: str) -> None:
    # plan_003 has no table: its criteria are quoted headings; the lead turns them into rows.
    row = item(label, code, section="Lĩnh vực: Công tác chỉ đạo điều hành cải cách hành chính")
    match = match_row(
        row, province="Quảng Ngãi", district="Sơn Hà", plan_year=2024, doc_kind="criteria"
    )
    assert match.criterion_code == concept
    assert match.field_code == concept.split(".")[0]
    assert match.match_method in ("alias", "fuzzy")


# --- field accuracy on the samples --------------------------------------------------------------


@pytest.mark.parametrize("plan", ["000", "001", "002", "003", "004"])
def test_field_accuracy_on_hand_checked_rows(plan: str) -> None:
    rows, matches = sample(plan)
    got = {row.code: match.field_code for row, match in zip(rows, matches, strict=True)}
    expected = expected_fields(plan)
    wrong = {
        code: (field, got.get(code)) for code, field in expected.items() if got.get(code) != field
    }
    rate = 1 - len(wrong) / len(expected)
    assert rate >= 0.95, f"plan_{plan}: {rate:.1%} right; wrong: {wrong}"


@pytest.mark.parametrize("plan", ["000", "001"])
def test_criteria_tables_use_their_verified_code_table(plan: str) -> None:
    rows, matches = sample(plan)
    assert doc_kind_of(rows, {}) == ("criteria" if plan == "001" else "task_plan")
    assert all(m.match_method == "code_table" for m in matches)


@pytest.mark.parametrize("plan", ["002", "004"])
def test_task_plans_never_use_numbers(plan: str) -> None:
    rows, _ = sample(plan)
    # Even placed in Thanh Trì, a task plan (no scores, numbering unlike the table) is label-only.
    matches = match_rows(rows, province="Hà Nội", district="Thanh Trì", plan_year=2024)
    assert not any(m.match_method == "code_table" for m in matches)


# --- behaviour of the matcher -------------------------------------------------------------------


def test_canonical_field_overrides_the_local_section() -> None:
    # 004 lists DVC online under 'Kiểm soát TTHC'; the canonical field is F7 (§3.1).
    _, match = by_code("004", "2.6")
    assert (match.field_code, match.criterion_code) == ("F7", "F7.ONLINE_DVC")
    # 001 files CCHC training under its content 4 (staff, F5); the concept is F1.
    _, match = by_code("001", "4.1.6")
    assert (match.field_code, match.criterion_code) == ("F1", "F1.CCHC_TRAINING")


def test_section_rows_get_their_field_from_the_title() -> None:
    assert field_of_title("CẢI CÁCH THỦ TỤC HÀNH CHÍNH") == "F3"
    assert field_of_title("HIỆN ĐẠI HÓA HÀNH CHÍNH") == "F7"
    assert field_of_title("NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ") == "F5"
    assert field_of_title("Chỉ đạo điều hành cài cách hành chính") == "F1"  # typo 'cài' (002)
    assert (
        field_of_title("5. Lĩnh vực: Xây dựng và phát triển chính quyền điện tử, chính quyền số")
        == "F7"
    )
    assert field_of_title("") is None


def test_unmatched_item_keeps_candidates_and_inherits_its_section_field() -> None:
    row = item("Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận", section="CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    match = match_row(row, province=None, district=None, plan_year=None, doc_kind="task_plan")
    assert (
        match.criterion_code is None and match.match_method == "none" and match.match_score is None
    )
    assert match.field_code == "F3"
    # F3.REVIEW leads on 'rà soát' alone (BM25 blended above THRESHOLD, key score below
    # criteria_keys.KEY_FLOOR): a candidate for review, not a code.
    assert match.candidates[0][0] == "F3.REVIEW"
    assert all(score < THRESHOLD for _, score in match.candidates[1:])
    assert list(match.candidates) == sorted(match.candidates, key=lambda c: -c[1])


def test_code_table_hit_needs_the_label_to_agree() -> None:
    place = {"province": "Thái Nguyên", "district": "huyện Phú Bình", "doc_kind": "criteria"}
    agreeing = item("Tỷ lệ hồ sơ đúng hạn do UBND xã tiếp nhận, giải quyết", "3.2.2")
    assert match_row(agreeing, plan_year=2023, **place).match_method == "code_table"  # type: ignore[arg-type]
    # Same number, another label: the numbering drifted, fall back to the label.
    other = item("Thực hiện thanh toán trực tuyến", "3.2.2")
    match = match_row(other, plan_year=2023, **place)  # type: ignore[arg-type]
    assert (match.criterion_code, match.match_method) == ("F7.PAYMENT", "alias")
    # A plan older than the framework gets no table.
    assert match_row(agreeing, plan_year=2022, **place).match_method != "code_table"  # type: ignore[arg-type]


def test_typo_forms_match() -> None:
    for text, code in [
        ("Tạo Efrom để người dân điền tự động", "F7.EFORM"),
        ("Kiểm tra, rà soát, xử lý hệ thống hóa VB OPPL", "F2.DOC_REVIEW"),
        (
            "Tỷ lệ khảo sát hài lòng của người dân trực tuyến trên Công ty đạt tối thiểu 94%",
            "F3.SATISFACTION",
        ),
        ("Tỉnh giàn biên chế theo Kế hoạch", "F4.STAFF_QUOTA"),
    ]:
        assert match_text(text).criterion_code == code, text


def test_score_table_is_criteria_kind() -> None:
    score = ScoreCell("Điểm năm 2024", "score_year", 2024, 1.0)
    row = TableRow(0, 0, "item", "1", "1", None, 1, "1", "X", criterion="X", scores=(score,))
    assert doc_kind_of([row], {}) == "criteria"


def test_body_sentence_matches_on_its_words() -> None:
    match = match_text("đảm bảo tỷ lệ hồ sơ được giải quyết đúng và trước hạn từ 98% trở lên")
    assert (match.field_code, match.criterion_code) == ("F3", "F3.ONTIME")


@given(st.text(max_size=200))
def test_match_text_never_fails_and_scores_stay_in_range(text: str) -> None:
    match = match_text(text)
    assert match.match_method in ("alias", "fuzzy", "none")
    assert all(0.0 <= score <= 1.0 for _, score in match.candidates)
    assert (match.criterion_code is None) or match.match_score is not None


def test_a_rare_word_shared_with_one_concept_ranks_it_first_without_its_aliases() -> None:
    # 'ISO' is in F7.ISO's label only; its plan-taught aliases are hidden here (plan-out of 001).
    from normalize.codelist import load_codelist, without_sources
    from normalize.retrieval import bm25_for

    codes = without_sources(load_codelist(), frozenset({"001"}))
    scores = bm25_for(codes).scores([("Áp dụng quy trình ISO 9001:2015 tại xã", 1.0)])
    assert max(scores, key=lambda c: scores[c]) == "F7.ISO"


def test_indices_named_together_are_a_topic_not_the_par_score() -> None:
    row = item(
        "Tổ chức bồi dưỡng tổ trưởng tổ dân phố về CCHC, chỉ số Par-index, SIPAS, PAPI",
        section="NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ",
    )
    match = match_row(row, province=None, district=None, plan_year=None, doc_kind="criteria")
    assert match.criterion_code not in ("F0.PAR_SCORE", "F8.SIPAS", "F8.PAPI")


def test_scattered_words_of_another_fields_concept_leave_the_row_to_review() -> None:
    # Words of F1.NON_TTHC_PROC ('danh mục', 'quy trình giải quyết') under a TTHC section.
    row = item(
        "Công khai danh mục và quy trình giải quyết công việc",
        section="CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    )
    match = match_row(row, province=None, district=None, plan_year=None, doc_kind="criteria")
    if match.criterion_code is not None:
        assert match.field_code == "F3"
    else:
        assert match.field_code == "F3" and match.top_candidates


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # an index named by its acronym alone (my own sentences, as plans' targets state it)
        ("Chỉ số SIPAS đạt trên 85%", "F8.SIPAS"),
        ("Phấn đấu Chỉ số PAPI của xã tăng 5 bậc", "F8.PAPI"),
    ],
)
def test_an_index_named_by_its_acronym_is_that_index(text: str, code: str) -> None:
    # A member's label names its group first ('SIPAS: Tiếp cận dịch vụ'): the group's name is
    # no key of the member (matching.GROUP_PREFIX_RE), so 'sipas' names the index.
    assert match_text(text).criterion_code == code, match_text(text).top_candidates
