"""What a row's place in a table says against its own best candidate (issue 19): under a group
concept a row is one of the group's members (or goes to review); in a scored framework a
sub-criterion measures its criterion unless another concept is clearly ahead.
`normalize.criteria` applies them after `criteria_rank.decide`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from models.document import TableRow
from normalize.codelist import CodeList
from normalize.criteria_keys import field_of
from normalize.criteria_match import (
    N_CANDIDATES,
    Candidate,
    CriterionMatch,
    Parent,
    method_of,
    top_candidates,
)
from normalize.criteria_rank import PHRASE_FLOOR, THRESHOLD
from normalize.groups import ordered_members
from normalize.matching import Scored

# In a scored framework (a criteria table) a sub-criterion (tiêu chí thành phần) measures the
# criterion it sits under: another concept is assigned to it only when it leads the parent's
# concept among the sub-row's candidates by this much; closer, the sub-row takes the parent's
# concept when that passes THRESHOLD (PARENT_BREAKS_TIES), else it goes to review. '1.3.1 Có
# tổ chức … Hội nghị, tọa đàm, ứng dụng CNTT trong hoạt động tuyên truyền' under '1.3 Công tác
# thông tin, tuyên truyền' (F1.COMMS) found F1.INNOVATION's phrase 0.009 ahead; 'Thái độ phục
# vụ của cán bộ, công chức tại Bộ phận tiếp nhận …' under 'Chất lượng phục vụ tại Bộ phận …'
# (F3.XHH_SERVICE) found F5.XHH_STAFF 0.077 ahead (001, plan-out). Pooled over the five plans,
# plan-out: 2 wrong codes fewer and, with the ties broken for the parent, 2 right ones more;
# no right one lost (the task plans' sub-rows, narrower than their umbrella task, are not
# framework criteria and keep their codes); with all aliases no change.
PARENT_MARGIN = 0.1
# ... when the sub-row's own words back the criterion's concept: BM25 over them ranks it at
# least this share of their best (the criterion's concept by inheritance alone is no rival:
# 'Công khai dự toán, quyết toán ngân sách xã' under '1.3 Công tác thông tin, tuyên truyền' is
# F6.BUDGET_PUBLIC).
PARENT_EVIDENCE = 0.5
PARENT_BREAKS_TIES = True
# A row of any table left for review (a tie, a phrase BM25 disowns) takes its sure parent's
# concept on the same terms (PARENT_MARGIN, PARENT_EVIDENCE): what its own words cannot decide,
# its family does. '5.1 Tăng cường trách nhiệm … trong giải quyết các phản ánh, kiến nghị …'
# with the aims '95% PAKN xử lý … đúng hạn; tỷ lệ hài lòng … về giải quyết PAKN' finds the
# phrases of on-time processing and of satisfaction 0.001 apart, F3.PAKN 0.1 behind, under
# '5 Nâng cao hiệu quả giải quyết phản ánh kiến nghị' (F3.PAKN; 004, a task plan). Pooled over
# the five plans, plan-out: 2 more right codes (004 5.1, 5.1#2), no wrong one; all aliases no
# change.
PARENT_SETTLES_REVIEW = True
# ... at any distance behind, when the row's best is a phrase BM25 disowns (PHRASE_FLOOR) and
# BM25 over the row ranks the parent's concept first: the family and the words as a whole
# against one phrase. 'Tổ chức bồi dưỡng tổ trưởng tổ dân phố về CCHC …' finds the phrase of
# training, but its words and its criterion '4.2 Nâng cao chất lượng Tổ trưởng Tổ dân phố'
# are F5.HAMLET_LEADER (001 4.2.2).
PARENT_AND_BM25 = True
# A row scored by a survey (`criteria_scores.surveyed`) left for review takes its field's
# best-ranked survey concept (kind 'xhh') when BM25 over the row ranks that at least this share
# of its best (`survey_settles`): the score says respondents rated the row, its words say what
# they rated. '1.12.1 Chất lượng các văn bản chỉ đạo, điều hành công tác CCHC' scored 0.97 of 1
# reads as F1.PLAN by the phrase 'văn bản chỉ đạo', as F1.XHH_DIRECTION by BM25 (001). A top
# heading is its field even when scored by the survey. Pooled over the five plans, plan-out: 7
# more right codes (001 1.12, 1.12.1-1.12.4, 4.6.1, 4.6.3), no wrong one; at 1.0 (BM25's first
# only) 5; with all aliases no change. Only 001 of the samples scores by surveys.
SURVEY_BACKED = 0.9
# The score of a concept given by a row's place rather than its words: a member by its place in
# a framework's order (`members_in_order`), by its family (`families_agree`), by the survey that
# scored it (`survey_settles`). At THRESHOLD, below the 0.75 under which `plans review` lists a
# row, so an analyst sees it.
MEMBER_SCORE = THRESHOLD
# A row's place: its table and its code.
Key = tuple[int, str]
# A top heading whose words name no field takes the field of most concepts assigned below it
# when at least this many vote for it (and more than half of the votes).
HEADING_VOTES = 2
# The total row of a scored criteria table ('TỔNG ĐIỂM', `criteria_scores.total_rows`) is the
# score of the index the table scores: the PAR Index of the commune.
TOTAL_CONCEPT = "F0.PAR_SCORE"
# A criterion left for review whose first candidate is the concept every one of its assigned
# sub-criteria took, when at least this many took it, takes it too; then so does each of its
# sub-criteria in review whose first candidate it is (`families_agree`). '6.8 Áp dụng quy trình
# ISO 9001:2015 trong hoạt động của xã' (F7.ISO first at 0.47) above '6.8.1 Công bố hệ thống
# quản lý chất lượng …' and '6.8.2 Duy trì, cải tiến hệ thống …' (both F7.ISO) is F7.ISO, and
# so is '6.8.3 Xây dựng … quy trình … đáp ứng tiêu chuẩn ISO …' (001, plan-out). Pooled over
# the five plans, plan-out: 3 more right codes (001 1.6, 6.8, 6.8.3), no wrong one (at 1: one
# right fewer and one wrong more; at 3: two right fewer); with all aliases no change.
FAMILY_VOTES = 2
# ... and in a scored framework (the criterion row has points), a criterion left for review
# whose first three candidates hold the concept more than half of its sub-criteria took (and at
# least FAMILY_VOTES) takes it: the criterion is the sum of its sub-criteria. '4.6 Đánh giá
# chất lượng, hiệu quả làm việc của cán bộ, công chức' (3.84 of 4, read as the yearly
# evaluation by its words) above three sub-criteria given F5.XHH_STAFF, one F5.CONDUCT and one
# F5.CHAIR_EVAL is F5.XHH_STAFF (001, plan-out). Pooled over the five plans, plan-out: 1 more
# right code, no wrong one; in any table (task plans too) 1 right and 1 wrong more (a task
# group's objective is not the sum of its tasks); with all aliases no change.
FAMILY_MAJORITY = True


def children(rows: Sequence[TableRow]) -> dict[Key, list[int]]:
    """The positions of each row's sub-rows, in order, by the row's place: {(0, '1.9'): [12,
    13, 14, 15], …}; a row without sub-rows is not a key."""
    out: dict[Key, list[int]] = {}
    for i, row in enumerate(rows):
        if row.parent_code:
            out.setdefault((row.table_index, row.parent_code), []).append(i)
    return out


def total_match(codes: CodeList) -> CriterionMatch:
    """The match of a scored table's total row (TOTAL_CONCEPT), found by its place."""
    return _assigned(field_of(TOTAL_CONCEPT, codes), Scored(TOTAL_CONCEPT, 1.0, "exact"), [])


def fields_from_children(
    rows: Sequence[TableRow], matches: Sequence[CriterionMatch], codes: CodeList
) -> dict[Key, str]:
    """The field of a top heading whose words name none: the field of most of the concepts
    assigned below it. 'NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ' (001 4) names no 876 field, but its rows
    are evaluations, training and recruitment of officials: F5, and its rows without a concept
    of their own then keep F5 too."""
    votes: dict[Key, Counter[str]] = {}
    top_of: dict[Key, Key] = {}
    for row, match in zip(rows, matches, strict=True):
        key = (row.table_index, row.code)
        parent = (row.table_index, row.parent_code or "")
        top_of[key] = top_of.get(parent, key) if row.parent_code else key
        concept = codes.get(match.criterion_code or "")
        if row.parent_code and concept is not None:
            votes.setdefault(top_of[key], Counter())[concept.field] += 1
    heads = {
        (r.table_index, r.code) for r, m in zip(rows, matches, strict=True) if not m.field_code
    }
    out: dict[Key, str] = {}
    for key in heads & votes.keys():
        (field, n), total = votes[key].most_common(1)[0], votes[key].total()
        if n >= HEADING_VOTES and 2 * n > total:
            out[key] = field
    return out


def members_in_order(
    rows: Sequence[TableRow], matches: Sequence[CriterionMatch], codes: CodeList
) -> tuple[list[CriterionMatch], frozenset[int]]:
    """A group row whose sub-rows list all its members (as many rows as the framework numbers
    members, `groups.ordered_members`), in the framework's order where they were matched,
    gives each sub-row left for review the member of its place: SIPAS's five factors listed
    1-5 under 'Kết quả Chỉ số hài lòng … (SIPAS)' (000 8.1), the first found by its words
    ('Tiếp cận dịch vụ'), the others in review ('Tổ chức giải quyết TTHC' is the factor
    'Thủ tục hành chính'). Returns the matches and the positions given a member this way."""
    out, placed, ordered = list(matches), set(), ordered_members(codes)
    kids = children(rows)
    for i, row in enumerate(rows):
        members = ordered.get(matches[i].criterion_code or "", ())
        below = kids.get((row.table_index, row.code), [])
        if not members or len(below) != len(members):
            continue
        found = [matches[k].criterion_code for k in below]
        if not any(code == member for code, member in zip(found, members, strict=True)):
            continue  # no sub-row of its own confirms the order
        if any(code is not None and code != m for code, m in zip(found, members, strict=True)):
            continue  # a sub-row matched out of order: another order, or not the list
        for k, member in zip(below, members, strict=True):
            if out[k].criterion_code is None:
                out[k] = _by_place(out[k], member, codes)
                placed.add(k)
    return out, frozenset(placed)


def families_agree(
    rows: Sequence[TableRow], matches: Sequence[CriterionMatch], codes: CodeList
) -> list[CriterionMatch]:
    """Rows in review given the concept their family agrees on (FAMILY_VOTES): a criterion
    whose first candidate every assigned sub-criterion took, then its sub-criteria in review
    whose first candidate it is; a scored criterion the concept most of them took
    (FAMILY_MAJORITY). `matches` in their review order (`criteria_review`)."""
    out, kids = list(matches), children(rows)
    for i, row in enumerate(rows):
        below = kids.get((row.table_index, row.code), [])
        concept = _first_in_review(out[i])
        taken = [code for k in below if (code := out[k].criterion_code)]
        if concept is None or len(taken) < FAMILY_VOTES:
            continue
        if set(taken) != {concept}:
            out[i] = _by_majority(out[i], taken, len(below), codes) if row.scores else out[i]
            continue
        for k in (i, *below):
            if _first_in_review(out[k]) == concept:
                out[k] = _by_family(out[k], codes)
    return out


def _by_majority(
    match: CriterionMatch, taken: list[str], below: int, codes: CodeList
) -> CriterionMatch:
    """A scored criterion in review given the concept most of its `below` sub-criteria took
    when it is among its first three candidates (FAMILY_MAJORITY), else unchanged."""
    common, votes = Counter(taken).most_common(1)[0]
    shown = [c.code for c in match.top_candidates[:3]]
    if not FAMILY_MAJORITY or votes * 2 <= below or common not in shown:
        return match
    top = sorted(match.top_candidates, key=lambda c: c.code != common)  # stable: it goes first
    pairs = tuple((c.code, c.score) for c in top)
    return _by_family(replace(match, candidates=pairs, top_candidates=tuple(top)), codes)


def _first_in_review(match: CriterionMatch) -> str | None:
    """The first candidate of a match left for review (None when it has a concept)."""
    if match.criterion_code is not None or not match.top_candidates:
        return None
    return match.top_candidates[0].code


def _by_family(match: CriterionMatch, codes: CodeList) -> CriterionMatch:
    """`match` given its first candidate by its family (FAMILY_VOTES), at MEMBER_SCORE like a
    member given by its place: `plans review` still lists it; its candidates keep theirs."""
    first = match.top_candidates[0].code
    field = field_of(first, codes) or match.field_code
    return CriterionMatch(
        field, first, MEMBER_SCORE, "fuzzy", match.candidates, match.top_candidates
    )


def _by_place(match: CriterionMatch, member: str, codes: CodeList) -> CriterionMatch:
    """`match` given `member` by its place (MEMBER_SCORE), its own candidates kept after it."""
    chosen = Candidate(member, MEMBER_SCORE, "fuzzy")
    top = (chosen, *(c for c in match.top_candidates if c.code != member))[:N_CANDIDATES]
    pairs = tuple((c.code, c.score) for c in top)
    return CriterionMatch(field_of(member, codes), member, MEMBER_SCORE, "fuzzy", pairs, top)


def within_group(
    match: CriterionMatch, ranked: list[Scored], members: frozenset[str], field: str | None
) -> CriterionMatch:
    """Under a group concept a row is one of its members: 'Công chức giải quyết TTHC' under
    'Chỉ số hài lòng (SIPAS)' (000 8.1.3) is F8.SIPAS_STAFF, not F5's staff concepts. A match
    outside the members goes to review, the members first among its candidates."""
    if not members or match.criterion_code in members:
        return match
    inside = [s for s in ranked if s.code in members]
    outside = [s for s in ranked if s.code not in members]
    return _review(field, [*inside, *outside])


def within_criterion(
    match: CriterionMatch, ranked: list[Scored], parent: Parent | None, codes: CodeList
) -> CriterionMatch:
    """A framework's sub-criterion given another concept than its sure parent's, less than
    PARENT_MARGIN ahead of it while its own words back the parent's (PARENT_EVIDENCE), takes
    the parent's concept (PARENT_BREAKS_TIES) or goes to review with the parent's field."""
    if parent is None or not parent[2] or match.criterion_code in (None, parent[0]):
        return match
    mine = next((s for s in ranked if s.code == parent[0]), None)
    best = next((s for s in ranked if s.code == match.criterion_code), None)
    if mine is None or best is None or mine.bm25_share < PARENT_EVIDENCE:
        return match
    if best.score - mine.score >= PARENT_MARGIN:
        return match
    field = field_of(parent[0], codes) or match.field_code
    if codes.get(parent[0]) is not None and PARENT_BREAKS_TIES and mine.score >= THRESHOLD:
        return _assigned(field, mine, ranked)
    return _review(field, ranked)


def settled_by_parent(
    match: CriterionMatch, ranked: list[Scored], parent: Parent | None, codes: CodeList
) -> CriterionMatch:
    """A row left for review given its sure parent's concept when that is less than
    PARENT_MARGIN behind its best candidate, passes THRESHOLD, and the row's own words back it
    (PARENT_EVIDENCE): PARENT_SETTLES_REVIEW."""
    if not PARENT_SETTLES_REVIEW or parent is None or not parent[2] or not ranked:
        return match
    if match.criterion_code is not None or codes.get(parent[0]) is None:
        return match
    mine = next((s for s in ranked if s.code == parent[0]), None)
    if mine is None or mine.bm25_share < PARENT_EVIDENCE or mine.score < THRESHOLD:
        return match
    if ranked[0].score - mine.score >= PARENT_MARGIN and not _bm25_sides(mine, ranked[0]):
        return match
    return _assigned(field_of(parent[0], codes), mine, ranked)


def _bm25_sides(mine: Scored, best: Scored) -> bool:
    """True when BM25 ranks the parent's concept first and disowns the best phrase hit
    (PARENT_AND_BM25)."""
    return (
        PARENT_AND_BM25
        and mine.bm25_share >= 1.0
        and best.hit != "tokens"
        and best.bm25_share < PHRASE_FLOOR
    )


def survey_settles(
    match: CriterionMatch, ranked: list[Scored], field: str | None, codes: CodeList
) -> CriterionMatch:
    """A survey-scored row left for review given its field's best-ranked survey concept when
    BM25 backs it (SURVEY_BACKED), at MEMBER_SCORE: `plans review` still lists it."""
    if match.criterion_code is not None or field is None:
        return match
    for scored in ranked:
        concept = codes.get(scored.code)
        if concept is None or concept.kind != "xhh" or concept.field != field:
            continue
        if scored.bm25_share < SURVEY_BACKED:
            return match
        chosen = Scored(scored.code, MEMBER_SCORE, "tokens", bm25_share=scored.bm25_share)
        return _assigned(field, chosen, ranked)  # method 'fuzzy', as for any word-found code
    return match


def _assigned(field: str | None, chosen: Scored, ranked: list[Scored]) -> CriterionMatch:
    """`chosen` assigned, first among the candidates."""
    top = top_candidates([chosen, *(s for s in ranked if s.code != chosen.code)])
    pairs = tuple((c.code, c.score) for c in top)
    score = round(chosen.score, 3)
    return CriterionMatch(field, chosen.code, score, method_of(chosen), pairs, top)


def _review(field: str | None, ranked: list[Scored]) -> CriterionMatch:
    top = top_candidates(ranked)
    pairs = tuple((c.code, c.score) for c in top)
    return CriterionMatch(field, None, None, "none", pairs, top)
