"""A sub-row shares its group's objective (DESIGN rule 3): an objective naming several aims is
the whole group's, and the sub-row's own cells say which one it serves (issue 19,
criteria_keys.SHARED_AIMS). Plan 002's wording is hidden (plan-out), as for a plan never seen."""

from __future__ import annotations

import pytest

from models.document import TableRow
from normalize.criteria import CriterionMatch, match_rows
from normalize.criteria_keys import group_aims, text_hits
from normalize.matching import _label_aspects, index_for
from tests.criteria_planout import codes_for

SECTION = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
TWO_AIMS = (
    "100% văn bản, hồ sơ công việc của xã được xử lý trên môi trường mạng; "
    "100% lãnh đạo xã dùng chữ ký số trong chỉ đạo, điều hành"
)


def _sub_row(objective: str, task: str, output: str = "") -> CriterionMatch:
    def row(code: str, stt: str, parent: str | None, **cells: str) -> TableRow:
        flags = ("sub_row",) if "#" in code else ()
        kind = "section" if parent is None else "item"
        return TableRow(0, 0, kind, stt, code, parent, 1, "VI", SECTION, flags=flags, **cells)

    rows = [
        row("VI", "VI", None, objective=SECTION),
        row("VI.1", "1", "VI", objective=objective, task="Duy trì phần mềm quản lý văn bản"),
        row("VI.1#2", "", "VI", objective=objective, task=task, output=output),
    ]
    codes = codes_for("002", hide=True)
    return match_rows(rows, province=None, district=None, plan_year=None, codes=codes)[2]


def test_a_sub_row_does_not_take_an_aim_of_its_group_that_it_does_not_name() -> None:
    # Before SHARED_AIMS: F7.E_WORKFLOW, from 'môi trường mạng' in the shared objective; then
    # review. Since the aims yield to the sub-row's own reading (criteria_rank.AIMS_YIELD) and
    # the aspect 'lưu trữ điện tử' of F7.E_FILE's label counts as words (matching.
    # LABEL_ASPECTS): the concept its own cells name.
    match = _sub_row(TWO_AIMS, "Vận hành hiệu quả kho lưu trữ điện tử của xã", "Kho lưu trữ")
    assert (match.field_code, match.criterion_code) == ("F7", "F7.E_FILE"), match.top_candidates
    # the group's aims stay among its candidates, behind it
    assert match.top_candidates[0].code == "F7.E_FILE"
    assert "F7.E_WORKFLOW" in [c.code for c in match.top_candidates]


@pytest.mark.parametrize(
    ("task", "output"),
    [
        ("Duy trì vận hành kho lưu trữ điện tử của xã", "Kho lưu trữ điện tử"),
        ("Lưu trữ điện tử hồ sơ công việc đã giải quyết", ""),
    ],
)
def test_the_aims_yield_to_a_sub_rows_own_backed_reading(task: str, output: str) -> None:
    assert _sub_row(TWO_AIMS, task, output).criterion_code == "F7.E_FILE"


def test_without_a_reading_of_its_own_the_sub_row_stays_in_review() -> None:
    # its own words name nothing: the group's aims are never assigned alone
    match = _sub_row(TWO_AIMS, "Thực hiện theo kế hoạch của UBND huyện", "Báo cáo")
    assert match.criterion_code is None, match.top_candidates


def _aims(shared: str, *own: str) -> frozenset[str]:
    codes = codes_for("002", hide=True)
    texts = [(text, 1.0) for text in own] + [(shared, 0.8)]
    hits = text_hits(texts, index_for(codes), codes, "F7")
    return group_aims(hits, frozenset({shared}), codes)


def test_the_aims_of_a_group_are_the_concepts_its_objective_names_and_the_row_does_not() -> None:
    assert _aims(TWO_AIMS, "Vận hành kho lưu trữ") == {"F7.E_WORKFLOW", "F7.DIGSIG"}
    assert _aims(TWO_AIMS, "Cấp chứng thư chữ ký số cho lãnh đạo xã") == {"F7.E_WORKFLOW"}


def test_an_objective_with_one_aim_carries_its_sub_rows() -> None:
    assert _aims("100% lãnh đạo xã dùng chữ ký số", "Vận hành kho lưu trữ") == frozenset()


# OWN_WORDS_SHARE: the shared objective's words may back a sub-row's phrase, never disown it.
OWN_PHRASE_CASES = [
    (TWO_AIMS, "Cấp chứng thư chữ ký số cho toàn bộ lãnh đạo xã", "F7.DIGSIG"),
    (
        "Tỷ lệ hồ sơ nộp trực tuyến đạt tối thiểu 85%; 70% hồ sơ có nghĩa vụ tài chính "
        "được thanh toán trực tuyến",
        "Nâng cấp trang thông tin điện tử của xã, dễ tra cứu cho người dân",
        "F7.PORTAL",
    ),
]


@pytest.mark.parametrize(("objective", "task", "want"), OWN_PHRASE_CASES)
def test_a_sub_row_keeps_the_concept_its_own_words_name(
    objective: str, task: str, want: str
) -> None:
    match = _sub_row(objective, task)
    assert match.criterion_code == want, match.top_candidates


def test_a_labels_aspects_are_words_to_find_never_a_phrase() -> None:
    # F7.E_FILE 'Hồ sơ công việc điện tử; lưu trữ điện tử': the aspect after ';' is a key of
    # its own (matching.LABEL_ASPECTS) whose words a row recalls whole, but finding it is never
    # a phrase hit: as phrase keys, aspects named rows that mention them in passing (3 wrong).
    assert _label_aspects("Hồ sơ công việc điện tử; lưu trữ điện tử") == ("lưu trữ điện tử",)
    assert _label_aspects("Tự chủ; khoán chi") == ()  # two words: no key
    assert _label_aspects("Công khai TTHC (niêm yết; điện tử)") == ()  # inside a parenthesis
    index = index_for(codes_for("002", hide=True))
    hit = index.score_all("Vận hành có hiệu quả kho lưu trữ điện tử")["F7.E_FILE"]
    assert hit.hit == "tokens" and hit.score >= 0.5
