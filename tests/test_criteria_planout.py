"""Plan-out measure of the criterion matcher (issue 19) and the provenance it relies on.

Each sample plan is mapped with the aliases and code-table entries that only it taught hidden
(`without_sources`), and compared with the hand-checked concepts of tests/fixtures/criteria.
The issue's plan-out acceptance holds on every sample plan (test_plan_out_acceptance); the
floors below guard the rest of what holds today.
"""

from __future__ import annotations

import pytest

from normalize.codelist import load_codelist, without_sources
from normalize.criteria import THRESHOLD, match_rows
from tests.conftest import SAMPLE_PLACES
from tests.criteria_planout import PLANS, expected, sample_rows, score_plan

CODES = load_codelist()


@pytest.mark.parametrize("plan", PLANS)
def test_with_all_aliases_every_hand_checked_field_is_right(plan: str) -> None:
    score = score_plan(plan, hide=False)
    assert score.field_right == score.rows, score.wrong_rows


# 002 V.2 'Thực hiện đúng quy định về quản lý ngân sách, tài sản công' names both the budget
# and public assets: F6.ASSETS is right too (hand-checked file). VI.2.3#2, whose output cell
# arrives in the task column, was F7.PORTAL ('Trang thông tin điện tử xã'); since PHRASE_FLOOR
# it goes to review (its words as a whole are F7.E_FILE's), and no assigned code is wrong.
@pytest.mark.parametrize("plan", PLANS)
def test_with_all_aliases_assigned_codes_are_right(plan: str) -> None:
    score = score_plan(plan, hide=False)
    assert score.precision >= 0.97, score.wrong_rows
    assert score.wrong == 0, score.wrong_rows


def test_plan_out_pooled_floors() -> None:
    # Pooled over the five plans (bench/bench_criteria.py, 'all' line): field 97.1 % since top
    # headings take their field from the rows below, precision of assigned codes 94.4 % since a
    # phrase hit needs BM25's agreement (PHRASE_FLOOR); concept 240/315 (76.2 %) since PAPI's
    # and other sets' wording is in frameworks.csv, a row naming its section's own field
    # takes the concept after it (SECTION_FIELD_YIELDS) and a sure parent's concept no longer
    # outranks a sub-row's own phrase (`with_parent`); review rows with the right code in the
    # top 3: 55/61 (90.2 %, the target pooled) since review candidates are ordered by
    # field and family, list concepts only, and show BM25's reading second after a
    # PHRASE_FLOOR review (`criteria_review`; 48/63, then 55/63 before). Since both scorers'
    # leaders are judged where the row stands and BM25's from its uncapped shares (`rank`):
    # concept 243/315 (77.1 %), but precision 93.8 % (16 wrong): 001 4.6 'Đánh giá chất lượng,
    # hiệu quả làm việc của cán bộ, công chức' (a survey group, F5.XHH_STAFF) reads as
    # F5.EVALUATION, and its sub-row 4.6.3 follows it. Both were in review only because BM25's
    # leader had been chosen among ties at 1.0 by the code's name. Since the typo fixes a plan
    # alone taught are hidden with its aliases (codes/typos.csv: 'VB OPPL' in 001 2.2), 242
    # right and 16 wrong (93.8 %). Since a label's name (before a parenthesis, before the
    # first ';') is a key of its own (`matching._label_keys`): field 97.5 %, 252 right
    # (80.0 %), 16 wrong (94.0 %), top 3 43/47. Since a word only one concept has lowers the
    # key floor (OWN_WORD_FLOOR): 256 right (81.3 %), 16 wrong (94.1 %), top 3 39/43. Since a
    # phrase's BM25 share is judged where the row stands: 259 (82.2 %), 16 wrong (94.2 %), top
    # 3 36/40 (90 %, on the target). Since 'sự' is a function word: 260 (82.5 %), 15 wrong
    # (94.5 %): 001 7 'TÁC ĐỘNG ĐẾN SỰ PHÁT TRIỂN …' is the field its framework names. Since
    # a row scored by a survey leans to survey concepts (SURVEY_PRIOR): 12 wrong (95.6 %), top
    # 3 39/43. Since a place a row names does not carry it across fields (PLACES_STAY): field
    # 98.1 %, 10 wrong (96.3 %), top 3 41/45. Since abbreviations of people and terms are
    # their words (CBCC, CCVC, QLVB …): 262 (83.2 %), top 3 38/43; since review rows show
    # BM25's reading among the first three: 39/43. Since 002's shifted sub-rows are read in
    # their columns (extract.tables.realign), they share their group's objective: 260 (82.5
    # %) and 12 wrong (VI.2.3#2, #3 took the group's F7.E_WORKFLOW); since the aims of a
    # shared objective are not a sub-row's (criteria_keys.SHARED_AIMS): 10 wrong (96.3 %),
    # top 3 41/45. Since a shared objective's words may back a sub-row's own phrase but not
    # disown it (criteria_rank.OWN_WORDS_SHARE): 262 (83.2 %), 10 wrong, top 3 39/43 (002
    # VI.2.3#4, VI.3.1#2 right). Since slips in loanwords and abbreviations are fixed against
    # the code list's words (normalize.text.loanword_slip): 263 (83.5 %), top 3 38/42 (001 2.2
    # 'VB OPPL' is F2.DOC_REVIEW). Since the names of indices a row lists as its topic are
    # out of its BM25 reading (criteria_keys.TOPIC_WORDS_OUT): 264 (83.8 %), 10 wrong
    # (96.4 %), top 3 37/41 (001 1.2 F1.REPORT). Since two answers found as phrases at a near
    # tie go to review (criteria_rank.PHRASE_MARGIN): 8 wrong (97.1 %), top 3 39/43. Since a
    # survey row takes a self-assessed concept only on a phrase (SURVEY_NEEDS_PHRASE) and shows
    # its field's survey concept in review (criteria_review.SURVEY_READING_BY): 7 wrong (97.4
    # %), top 3 40/44. Since a framework's sub-criterion close to another concept than its
    # criterion's goes to review (criteria_place.PARENT_MARGIN): field 98.4 %, 5 wrong (98.1
    # %), top 3 42/46; since it takes its criterion's concept (PARENT_BREAKS_TIES): 266 right
    # (84.4 %), 5 wrong (98.2 %), top 3 40/44. Since a scored table's total row is the index
    # score (criteria_scores.total_rows): 267 (84.8 %), field 98.7 %, top 3 39/43. Since a
    # group listing all its members in the framework's order gives each its place
    # (criteria_place.members_in_order: 000 8.1.2-8.1.5, SIPAS's factors): 271 (86.0 %), 5
    # wrong, top 3 35/39 (89.7 %: the four rows it answers had the right code in their top 3,
    # so the rate falls while no review row lost its code from the top 3). Since a phrase of
    # the section's field found only in a place needs BM25's lead (PLACE_NEEDS_LEAD): 4 wrong
    # (98.5 %), top 3 36/40 (90.0 %). Since a criterion and its sub-criteria take the concept
    # their family agrees on (criteria_place.families_agree): 274 (87.0 %), 4 wrong, top 3
    # 33/37 (89.2 %: the three rows it answers had the right code first in review). The top-3
    # floor counts the review rows whose right code is missing from their first three (4, the
    # 0.90 of 40 it was), not the rate, whose denominator shrinks as review rows get answered.
    # Since a phrase BM25 disowns gives way to the next one of the section's field that BM25
    # backs (criteria_rank.PHRASE_FALLBACK): 275 (87.3 %), 4 wrong, top 3 32/36 (002 III.1).
    # Since a row in review takes its sure parent's concept when close behind and backed by its
    # own words (criteria_place.PARENT_SETTLES_REVIEW): 277 (87.9 %), top 3 30/34 (004 5.1,
    # 5.1#2). Since a survey-scored row in review takes its field's survey concept when BM25
    # backs it (criteria_place.SURVEY_BACKED): 284 (90.2 %), 4 wrong (98.6 %), top 3 23/27 (001
    # 1.12, 1.12.1-1.12.4, 4.6.1, 4.6.3). Since the process a task serves ('trong giải quyết
    # …') is a place and BM25's near ties show the keys' first (criteria_review.BM25_TIE): 3
    # wrong (99.0 %), top 3 24/28 (004 4.3 to review with F3.E_RESULT third). Since a phrase
    # BM25 disowns gives way to the sure parent's concept BM25 ranks first
    # (criteria_place.PARENT_AND_BM25): 285 (90.5 %), top 3 23/27 (001 4.2.2). Since a row in
    # review shows its field's best concept (criteria_review.FIELD_READING_BY): top 3 24/27
    # (001 6.9). Since a row quoting a name no concept holds shows the local concept
    # (criteria_review.LOCAL_CONCEPT): top 3 25/27 (002 VII.3). Since a scored criterion takes
    # the concept most of its sub-criteria took (criteria_place.FAMILY_MAJORITY): 286 (90.8 %),
    # top 3 24/26 (001 4.6). Since 'tổ dân phố' is 'TDP' (normalize.text.CONTRACTIONS), the
    # analyst alias 'tổ trưởng TDP' finds the spelled-out form: 287 (91.1 %), top 3 23/25 (001
    # 4.1.3). Since the aims a sub-row shares with its group yield to its own backed reading
    # (criteria_rank.AIMS_YIELD) and a label's aspects after ';' count as words
    # (matching.LABEL_ASPECTS): 289 (91.7 %), top 3 21/23 (002 VI.2.3#2, #3).
    scores = [score_plan(plan, hide=True) for plan in PLANS]
    rows = sum(s.rows for s in scores)
    right, wrong = sum(s.right for s in scores), sum(s.wrong for s in scores)
    assert sum(s.field_right for s in scores) / rows >= 0.987
    assert right / rows >= 0.92
    assert right / (right + wrong) >= 0.989
    review, top3 = sum(s.review for s in scores), sum(s.review_top3 for s in scores)
    assert review == top3, [r for s in scores for r in s.review_rows]


def test_with_all_aliases_pooled_concepts() -> None:
    # The issue wants 100 % here, and it holds: 315 of 315, no wrong code. The last two rows
    # (004 2.5, 3.3#2) went to review because BM25 over the whole row disowned the plan's own
    # phrase (PHRASE_FLOOR, a precision rule for plan-out), until a phrase that two distinct
    # keys of its concept find in the row's own words stood against it (CORROBORATING_KEYS).
    # 313 before; 312 before 002 VI.2.3#2's wording, read in its columns, was an alias of 002;
    # 310 before a sub-row's shared objective could back but not disown its own phrase
    # (OWN_WORDS_SHARE) and its own objective weighed as a row's.
    scores = [score_plan(plan, hide=False) for plan in PLANS]
    assert sum(s.right for s in scores) == sum(s.rows for s in scores) == 315
    assert sum(s.wrong for s in scores) == 0


@pytest.mark.parametrize("plan", PLANS)
def test_plan_out_floors(plan: str) -> None:
    # Measured when the measure was written (bench/bench_criteria.py prints the table): field
    # 87-100 %, concept 60-86 %. A change that loses ground fails here.
    score = score_plan(plan, hide=True)
    assert score.field_rate >= 0.85, score.wrong_rows
    assert score.concept_rate >= 0.55, (score.wrong_rows, score.review_rows)


# 000 reaches it since SIPAS's factors are read by their place (criteria_place.members_in_order),
# 003 since a phrase found only in a place needs BM25's lead (criteria_rank.PLACE_NEEDS_LEAD),
# 004 since a row in review takes its sure parent's concept when close behind
# (criteria_place.PARENT_SETTLES_REVIEW) and the process a task serves is a place, 002 since a
# sub-row's own reading is judged without its group's aims (criteria_rank.AIMS_YIELD, with
# matching.LABEL_ASPECTS) and a quoted local title shows the local concept
# (criteria_review.LOCAL_CONCEPT), 001 since a row spread over a group's members shows the group
# (1.9.1, criteria_review.GROUP_DEPTH) and a row under a place shows the place's concept (3.1.1,
# PLACE_READING_BY). Until then a strict xfail: the top 3 of 001 was 7/9.
@pytest.mark.parametrize("plan", PLANS)
def test_plan_out_acceptance(plan: str) -> None:
    score = score_plan(plan, hide=True)
    assert score.field_rate >= 0.95
    assert score.concept_rate >= 0.90
    assert score.precision >= 0.98
    assert score.top3_rate >= 0.90, score.review_rows


def test_hiding_a_plan_drops_what_only_it_taught_and_keeps_what_others_share() -> None:
    hidden = without_sources(CODES, frozenset({"002"}))
    before = {(a.code, a.alias) for a in CODES.aliases}
    after = {(a.code, a.alias) for a in hidden.aliases}
    only_002 = {(a.code, a.alias) for a in CODES.aliases if a.sources == ("002",)}
    shared = {(a.code, a.alias) for a in CODES.aliases if "002" in a.sources and len(a.sources) > 1}
    assert only_002 and shared
    assert after == before - only_002
    assert hidden.version != CODES.version
    assert hidden.get("F3.ONTIME") is not None
    assert len(hidden.get("F3.ONTIME").aliases) <= len(CODES.get("F3.ONTIME").aliases)  # type: ignore[union-attr]


def test_hiding_a_criteria_plan_drops_its_code_table() -> None:
    assert any(e.sources == ("000",) for e in CODES.code_tables)
    hidden = without_sources(CODES, frozenset({"000"}))
    assert not any("000" in e.sources for e in hidden.code_tables)
    assert any("001" in e.sources for e in hidden.code_tables)


def test_framework_wording_is_part_of_each_concepts_keys() -> None:
    ontime = CODES.get("F3.ONTIME")
    assert ontime is not None and ontime.descriptions
    # A description survives plan-out: it comes from a framework, not from a sample.
    hidden = without_sources(CODES, frozenset({"000", "001", "002", "003", "004"}))
    assert hidden.get("F3.ONTIME").descriptions == ontime.descriptions  # type: ignore[union-attr]


def test_review_rows_keep_their_top_candidates_with_method() -> None:
    plan = "001"
    rows = sample_rows(plan)
    province, district, year = SAMPLE_PLACES[plan]
    codes = without_sources(CODES, frozenset({plan}))
    matches = match_rows(rows, province=province, district=district, plan_year=year, codes=codes)
    review = [m for m in matches if m.criterion_code is None and m.top_candidates]
    assert review
    for match in review:
        assert [c.code for c in match.top_candidates] == [c for c, _ in match.candidates]
        assert all(c.method in ("alias", "fuzzy") for c in match.top_candidates)
        scores = [c.score for c in match.top_candidates]
        # in score order, but for the readings a review row shows second or third whatever
        # their score (criteria_review: BM25's, the field's, a survey's, a group's, a place's),
        # two at most in one row (001 3.1.1: BM25's F1.PLAN and the place's F3.ONESTOP_RULES)
        moved = [(a, b) for a in range(1, 5) for b in range(a, 5)]
        without = ([s for i, s in enumerate(scores) if i not in pair] for pair in moved)
        assert any(r == sorted(r, reverse=True) for r in without), scores
    assigned = [m for m in matches if m.criterion_code]
    assert all(m.match_score is not None and m.match_score >= THRESHOLD for m in assigned)


@pytest.mark.parametrize("plan", PLANS)
def test_hand_checked_files_cover_every_row_with_known_codes(plan: str) -> None:
    want = expected(plan)
    assert {r.code for r in sample_rows(plan)} == set(want)
    for exp in want.values():
        for code in exp.concepts - {"-"}:
            concept = CODES.get(code)
            assert concept is not None and concept.field == exp.field, (code, exp)
