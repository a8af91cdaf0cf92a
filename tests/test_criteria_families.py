"""A criterion and its sub-criteria measure one concept (issue 19): when the sub-criteria that
got a concept all took the one their criterion, left for review, lists first, the family
agrees on it (`criteria_place.families_agree`); a row left for review takes its sure parent's
concept when its own words put it close behind (`criteria_place.settled_by_parent`). The rows
are my own, in the forms plans use; the matches are built by hand so that only the rule is
under test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.document import ScoreCell, TableRow
from normalize.codelist import load_codelist
from normalize.criteria import Candidate, CriterionMatch
from normalize.criteria_place import (
    FAMILY_VOTES,
    families_agree,
    settled_by_parent,
    survey_settles,
)
from normalize.matching import Scored

CODES = load_codelist()
SECTION = "HIỆN ĐẠI HÓA HÀNH CHÍNH"


def row(code: str, parent: str | None, label: str) -> TableRow:
    level = code.count(".") + 1
    return TableRow(0, 0, "item", code, code, parent, level, "6", SECTION, criterion=label)


def review(*firsts: tuple[str, float]) -> CriterionMatch:
    top = tuple(Candidate(code, score, "fuzzy") for code, score in firsts)
    return CriterionMatch("F7", None, None, "none", tuple(firsts), top)


def assigned(code: str, score: float = 0.8) -> CriterionMatch:
    return CriterionMatch("F7", code, score, "alias", ((code, score),))


ROWS = [
    row("6.5", None, "Triển khai hệ thống quản lý chất lượng tại UBND xã"),
    row("6.5.1", "6.5", "Công bố hệ thống quản lý chất lượng theo TCVN ISO 9001:2015"),
    row("6.5.2", "6.5", "Duy trì, cải tiến hệ thống quản lý chất lượng hằng năm"),
    row("6.5.3", "6.5", "Các quy trình giải quyết công việc được chuẩn hóa theo ISO"),
    row("6.5.4", "6.5", "Lưu trữ hồ sơ công việc trên phần mềm"),
    row("6.6", None, "Sử dụng thư điện tử công vụ"),
]


def test_a_criterion_and_its_sub_criteria_in_review_take_the_concept_the_family_agrees_on() -> None:
    matches = [
        review(("F7.ISO", 0.47), ("F3.INTERNAL_PROC", 0.41)),
        assigned("F7.ISO"),
        assigned("F7.ISO"),
        review(("F7.ISO", 0.55), ("F1.NON_TTHC_PROC", 0.21)),
        review(("F7.E_FILE", 0.52), ("F7.ISO", 0.3)),
        assigned("F7.EMAIL"),
    ]
    out = families_agree(ROWS, matches, CODES)
    assert [m.criterion_code for m in out] == [
        "F7.ISO",
        "F7.ISO",
        "F7.ISO",
        "F7.ISO",
        None,  # its own first candidate is another concept: still for review
        "F7.EMAIL",
    ]
    # given at MEMBER_SCORE (THRESHOLD), below the score under which `plans review` lists a row
    assert (out[0].match_score, out[0].match_method, out[0].field_code) == (0.6, "fuzzy", "F7")
    assert out[0].top_candidates == matches[0].top_candidates


def test_sub_criteria_that_disagree_give_nothing() -> None:
    matches = [
        review(("F7.ISO", 0.47)),
        assigned("F7.ISO"),
        assigned("F7.E_FILE"),
        review(("F7.ISO", 0.55)),
        review(("F7.ISO", 0.5)),
        assigned("F7.EMAIL"),
    ]
    assert families_agree(ROWS, matches, CODES) == matches


def test_fewer_than_family_votes_sub_criteria_give_nothing() -> None:
    assert FAMILY_VOTES == 2
    matches = [
        review(("F7.ISO", 0.47)),
        assigned("F7.ISO"),
        review(("F7.ISO", 0.5)),
        review(("F7.ISO", 0.55)),
        review(("F7.ISO", 0.5)),
        assigned("F7.EMAIL"),
    ]
    assert families_agree(ROWS, matches, CODES) == matches


def test_a_criterion_whose_first_candidate_is_another_concept_keeps_its_review() -> None:
    matches = [
        review(("F3.INTERNAL_PROC", 0.5), ("F7.ISO", 0.47)),
        assigned("F7.ISO"),
        assigned("F7.ISO"),
        review(("F7.ISO", 0.55)),
        review(("F7.ISO", 0.5)),
        assigned("F7.EMAIL"),
    ]
    assert families_agree(ROWS, matches, CODES) == matches


# A scored criterion (my wording of 001 4.6's form) whose words read as the officials' yearly
# evaluation, above sub-criteria most of which measure what the people surveyed say of them.
STAFF = "NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ"
POINTS = (ScoreCell("Điểm tối đa", "score_max", None, 1.0),)


def staff_rows(*, scores: bool = True) -> list[TableRow]:
    labels = [
        ("4.6", None, "Đánh giá hiệu quả công tác của công chức xã"),
        ("4.6.1", "4.6", "Năng lực giải quyết công việc của công chức"),
        ("4.6.2", "4.6", "Thái độ phục vụ người dân của công chức"),
        ("4.6.3", "4.6", "Sự tận tụy, trách nhiệm của công chức với người dân"),
        ("4.6.4", "4.6", "Thực hiện quy tắc ứng xử nơi công cộng"),
        ("4.6.5", "4.6", "Đánh giá Chủ tịch UBND xã"),
    ]
    rows = [
        TableRow(0, i, "item", c, c, p, c.count(".") + 1, "4", STAFF, criterion=t)
        for i, (c, p, t) in enumerate(labels)
    ]
    return [replace(r, scores=POINTS) for r in rows] if scores else rows


def staff_matches(votes: int = 3, third: str = "F5.XHH_STAFF") -> list[CriterionMatch]:
    taken = ["F5.XHH_STAFF"] * votes + ["F5.CONDUCT"] * (4 - votes) + ["F5.CHAIR_EVAL"]
    criterion = review(("F5.EVALUATION", 0.71), ("F5.HR_DATA", 0.54), (third, 0.4))
    return [criterion, *(assigned(code) for code in taken)]


def test_a_scored_criterion_takes_the_concept_most_of_its_sub_criteria_took() -> None:
    out = families_agree(staff_rows(), staff_matches(), CODES)
    assert (out[0].criterion_code, out[0].field_code) == ("F5.XHH_STAFF", "F5")
    assert out[0].top_candidates[0].code == "F5.XHH_STAFF"
    assert out[1:] == staff_matches()[1:]


@pytest.mark.parametrize(
    ("rows", "matches"),
    [
        # a task plan's group is not the sum of its tasks
        (staff_rows(scores=False), staff_matches()),
        # two of five is no majority
        (staff_rows(), staff_matches(votes=2)),
        # the criterion's own first three do not hold it
        (staff_rows(), staff_matches(third="F5.STANDARD")),
    ],
)
def test_otherwise_the_scored_criterion_stays_in_review(
    rows: list[TableRow], matches: list[CriterionMatch]
) -> None:
    assert families_agree(rows, matches, CODES) == matches


# A task row's aims name two concepts' phrases at a tie while its parent is sure of a third
# (my wording of the class: the aims of a PAKN task state its on-time and satisfaction rates).
PAKN_ROW = [
    Scored("F3.SATISFACTION", 0.86, "phrase", True, 0.99),
    Scored("F3.ONTIME", 0.859, "phrase", True, 0.99),
    Scored("F3.PAKN", 0.76, "phrase", True, 1.0),
]
SURE_PAKN = ("F3.PAKN", 0.89, True)


def test_a_row_in_review_takes_its_sure_parents_concept_when_close_and_backed() -> None:
    match = settled_by_parent(review(("F3.SATISFACTION", 0.86)), PAKN_ROW, SURE_PAKN, CODES)
    assert (match.criterion_code, match.field_code) == ("F3.PAKN", "F3")
    assert match.top_candidates[0].code == "F3.PAKN"


@pytest.mark.parametrize(
    ("ranked", "parent"),
    [
        # the parent only guessed it (in review itself)
        (PAKN_ROW, ("F3.PAKN", 0.89, False)),
        # more than PARENT_MARGIN behind the row's best
        ([*PAKN_ROW[:2], replace(PAKN_ROW[2], score=0.75)], SURE_PAKN),
        # the row's own words do not back it (PARENT_EVIDENCE)
        ([*PAKN_ROW[:2], replace(PAKN_ROW[2], bm25_share=0.4)], SURE_PAKN),
        # the row does not name it at all
        (PAKN_ROW[:2], SURE_PAKN),
    ],
)
def test_otherwise_the_row_stays_in_review(
    ranked: list[Scored], parent: tuple[str, float, bool]
) -> None:
    before = review(("F3.SATISFACTION", 0.86))
    assert settled_by_parent(before, ranked, parent, CODES) == before


# A sub-criterion whose one phrase names a topic (training) while its words as a whole and its
# sure criterion name the people trained (my wording of the class: 001 4.2.2's form).
HAMLET_ROW = [
    Scored("F5.TRAINING", 0.84, "phrase", False, 0.43),
    Scored("F5.HAMLET_LEADER", 0.62, "tokens", True, 1.0),
    Scored("F1.CCHC_TRAINING", 0.57, "tokens", False, 0.34),
]
SURE_HAMLET = ("F5.HAMLET_LEADER", 0.6, True)


def test_a_phrase_bm25_disowns_gives_way_to_the_sure_parents_concept_bm25_ranks_first() -> None:
    match = settled_by_parent(review(("F5.TRAINING", 0.84)), HAMLET_ROW, SURE_HAMLET, CODES)
    assert (match.criterion_code, match.field_code) == ("F5.HAMLET_LEADER", "F5")


@pytest.mark.parametrize(
    "ranked",
    [
        # BM25 backs the phrase (share over PHRASE_FLOOR): the margin rules
        [replace(HAMLET_ROW[0], bm25_share=0.8), *HAMLET_ROW[1:]],
        # BM25 ranks another concept first
        [HAMLET_ROW[0], replace(HAMLET_ROW[1], bm25_share=0.9), *HAMLET_ROW[2:]],
        # the best is found from scattered words, not a phrase
        [replace(HAMLET_ROW[0], hit="tokens"), *HAMLET_ROW[1:]],
    ],
)
def test_far_behind_the_parents_concept_needs_bm25_first_against_a_disowned_phrase(
    ranked: list[Scored],
) -> None:
    before = review(("F5.TRAINING", 0.84))
    assert settled_by_parent(before, ranked, SURE_HAMLET, CODES) == before


def test_an_assigned_row_is_left_alone() -> None:
    before = assigned("F3.ONTIME")
    assert settled_by_parent(before, PAKN_ROW, SURE_PAKN, CODES) == before


# A survey-scored row (my wording: 'Mức độ kịp thời của văn bản chỉ đạo công tác CCHC', 0.95 of
# 1) whose phrase names the plan (F1.PLAN) while BM25 reads the direction survey.
SURVEY_ROW = [
    Scored("F1.PLAN", 0.77, "phrase", False, 0.65),
    Scored("F1.XHH_DIRECTION", 0.65, "tokens", False, 1.0),
    Scored("F1.SELF_ASSESS", 0.4, "tokens", False, 0.5),
]


def test_a_survey_row_in_review_takes_its_fields_survey_concept_bm25_backs() -> None:
    match = survey_settles(review(("F1.XHH_DIRECTION", 0.65)), SURVEY_ROW, "F1", CODES)
    assert (match.criterion_code, match.field_code, match.match_method) == (
        "F1.XHH_DIRECTION",
        "F1",
        "fuzzy",
    )
    assert match.match_score == 0.6  # MEMBER_SCORE: `plans review` still lists it
    assert match.top_candidates[0].code == "F1.XHH_DIRECTION"


@pytest.mark.parametrize(
    ("ranked", "field"),
    [
        # BM25 reads the survey concept below SURVEY_BACKED of its best
        ([SURVEY_ROW[0], replace(SURVEY_ROW[1], bm25_share=0.8), SURVEY_ROW[2]], "F1"),
        # the survey concept is another field's than the row's
        (SURVEY_ROW, "F5"),
        # no survey concept among the candidates
        ([SURVEY_ROW[0], SURVEY_ROW[2]], "F1"),
    ],
)
def test_otherwise_the_survey_row_stays_in_review(ranked: list[Scored], field: str) -> None:
    before = review(("F1.PLAN", 0.77))
    assert survey_settles(before, ranked, field, CODES) == before
