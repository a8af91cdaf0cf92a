"""The order of the candidates of rows left for review (issue 19): what a row's place in its
table says about its right code, used to order what `plans review` shows, never to assign.

`criteria.match_rows` decides every row first; then each row in review has its candidates
ordered again from its whole ranked list (not only the five it stored):

    review(c) = (own(c) * field(c) + FAMILY_WEIGHT * family(c)) / (1 + FAMILY_WEIGHT)

- field(c) is 1 for a concept of the row's field (known from its section) and REVIEW_FIELD for
  another field's; the bare field code itself is left out: the row holds it already (with its
  score and method when it is a field-only answer), and the list is what the analyst picks a
  concept from;
- family(c) is the mean score of c over the first FAMILY_DEPTH candidates (or the code given)
  of the row's parent and siblings: sub-rows of one item often measure one concept, and a
  concept they keep naming is a candidate for each. A row under a top heading has no family
  (the heading's rows are its list of different criteria) and keeps its own scores.
Rows under a group concept keep the group's members first (`criteria_place.within_group`).

A phrase hit sent to review because BM25 over the whole row names another concept
(`criteria_rank.PHRASE_FLOOR`) shows that concept second, whatever its score: the two readings
the row was torn between are the first two candidates. Any other row shows among its first
three BM25's best concept (BM25_READING_BY), the concept of the unit it or its parent names as
a place (PLACE_READING_BY), its field's best concept (FIELD_READING_BY) and a group concept
several of whose members it names (GROUP_DEPTH); where two compete for the third place, the
later in that order keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from models.document import TableRow
from models.records import MatchMethod
from normalize.codelist import CodeList, Concept
from normalize.criteria_keys import places_in
from normalize.criteria_match import N_CANDIDATES, Candidate, CriterionMatch, method_of
from normalize.criteria_place import children
from normalize.criteria_rank import PHRASE_FLOOR
from normalize.groups import members_seen
from normalize.matching import Scored
from normalize.patterns import QUOTED_NAME_RE
from normalize.retrieval import bm25_for, features

# Another field's concept in the review list of a row whose field is known scales by this.
# 'Tiếp nhận, xử lý và trả lời, báo cáo kết quả giải quyết đơn khiếu nại, tố cáo' under
# '1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH' (001 1.8) leads with three F3 concepts (0.52-0.63) from
# 'tiếp nhận … kết quả giải quyết'; F1.COMPLAINTS (0.51) is second of F1's. Pooled over the
# five plans (bench --sweep REVIEW_FIELD=…), plan-out: flat from 0.75 to 0.85, rows with the
# right code in the top 3 fall by 3 at 1.
REVIEW_FIELD = 0.8
# Weight of the family's mean against the row's own score, and how many candidates of each
# relative count: '3.6.3 Thời gian giải quyết TTHC tại Bộ phận một cửa' (001) leads with
# F3.IDX766 and F3.RESULTS from its own words, while its parent ('Chất lượng phục vụ …') and
# two siblings name F3.XHH_SERVICE. Pooled, plan-out: depth 2 beats 1 and 3 at every weight
# from 0.75 to 2 (by 2-6 rows); weight 1 gave 55/63, 0.75 and 1.5 54/63 (before BM25's reading
# was shown second and the field left out, which add 2).
FAMILY_WEIGHT = 1.0
FAMILY_DEPTH = 2
# BM25's best concept is shown at this place (0-based) at the latest, so both scorers' readings
# are among the first three (`_bm25_reading_shown`). Pooled over the five plans, plan-out:
# review rows with the right code in the top 3, 39/43 (38/43 without); no other row moves out.
BM25_READING_BY = 2
# A row scored by a survey that went to review shows its field's survey concept (kind 'xhh') at
# this place at the latest: it went to review because a survey row takes a self-assessed concept
# only on a phrase (`criteria_rank.SURVEY_NEEDS_PHRASE`), so the survey's reading is one of the
# two it was torn between ('Đánh giá chất lượng, hiệu quả làm việc của cán bộ, công chức' scored
# 3.84 of 4: F5.EVALUATION by its words, F5.XHH_STAFF by its score; 001 4.6).
SURVEY_READING_BY = 2
# Concepts BM25 ranks within this share of its best are its reading alike; the one ranked first
# by score is shown (`_bm25_reading_shown`): '… sử dụng bản chứng thực điện tử trong giải quyết
# hồ sơ trực tuyến' (004 4.3) is F3.E_RESULT by its words (0.998 of BM25's best, key score
# 0.56) as much as F7.ONLINE_DVC (1.0, key score 0.36, one place ahead by the section prior).
BM25_TIE = 0.01
# A row in review shows the best concept of its own field (known from its section) at this place
# at the latest: the field is right on 98.7 % of rows plan-out, so the field's reading is one the
# analyst needs in view when frame and actor words lead the list to other fields. 'Tính hiệu quả
# của việc thực hiện quy trình ISO trong hoạt động của UBND xã, thị trấn' under 'HIỆN ĐẠI HÓA
# HÀNH CHÍNH' leads with F4.WORK_RULES and F1.DISCLOSURE; F7's best is F7.ISO (001 6.9).
# Pooled over the five plans, plan-out: review rows with the right code in the top 3, 24/27
# (23/27 without); no other row moves out.
FIELD_READING_BY = 2

# A row that quotes a name the code list does not know ('Tổ chức chấm điểm đạt chuẩn “Chính
# quyền thân thiện” theo Quyết định số …/QĐ-UBND … của UBND tỉnh') names a province's or
# district's own model, movement or title: in review it shows LOCAL_CONCEPT at LOCAL_READING_BY
# at the latest, never assigned on that alone (a row may name a local model as the topic of its
# communication or training). A name is unknown when fewer than LOCAL_KNOWN_PAIRS of its pairs
# of adjacent syllables occur in any concept's wording: '“Một cửa”', '“sáng kiến, giải pháp
# đổi mới”', '“thư xin lỗi …”' (003) are known; in 002 VII.3 only 'chính quyền' of
# 'Chính quyền thân thiện' is. Pooled over the five plans, plan-out: review rows with the right
# code in the top 3, 25/27 (24/27 without); the one row that quotes an unknown name.
LOCAL_CONCEPT = "F1.LOCAL_SPECIAL"
LOCAL_READING_BY = 2
LOCAL_KNOWN_PAIRS = 0.5

# A row in review whose first GROUP_DEPTH candidates hold GROUP_NAMED members of one group
# concept (`groups.members_seen`: the official frameworks' numbering and the verified local
# tables') shows the group at GROUP_READING_BY at the latest: a row spread over several ways of
# one concept names the concept. 'Công khai danh mục và quy trình giải quyết TTHC' (001 1.9.1)
# lists the publicity online and of internal procedures among its first six, members of
# F3.PUBLICITY in Phú Bình's table (000 3.1). Pooled over the five plans, plan-out: review rows
# with the right code in the top 3, 22/23 (21/23 without; 4 members or a depth of 4: 21/23);
# no other row moves out; unseen wording unchanged.
GROUP_DEPTH = 6
GROUP_NAMED = 2
GROUP_READING_BY = 2
# A row in review that names a place, or whose parent does ('3.1 Thực hiện các quy định pháp
# luật tại Bộ phận Một cửa'), is read among the concepts of that place too: BM25 over its words
# and the place, among the concepts whose wording holds the place; that concept is shown at
# PLACE_READING_BY at the latest. 'Ban hành, cập nhật kịp thời, đầy đủ các văn bản …' under it
# (001 3.1.1) reads as F2's and F1's by its action words; among the one-stop's concepts it is
# F3.ONESTOP_RULES. Pooled, plan-out: review rows with the right code in the top 3, +1 (3.1.1);
# no other row moves out; unseen wording unchanged.
PLACE_READING_BY = 2

Key = tuple[int, str]
_NO_CONCEPT = Concept("", "", "", "leaf", "", "", (), "", ())
Family = dict[str, float]


def review_order(
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    pools: Sequence[list[Scored] | None],
    codes: CodeList,
    surveys: frozenset[int] = frozenset(),
) -> list[CriterionMatch]:
    """`matches` with the candidates of rows in review ordered again (see the module doc);
    `pools` holds each row's whole ranked list, or None when its order must stay; `surveys`
    the positions of the rows scored by a survey (SURVEY_READING_BY)."""
    index = {(r.table_index, r.code): i for i, r in enumerate(rows)}
    kids = children(rows)
    out = list(matches)
    sums: dict[Key, Sums] = {}
    for i, pool in enumerate(pools):
        if pool is not None and matches[i].criterion_code is None:
            family = _family(i, rows, matches, index, kids, sums)
            at = index.get((rows[i].table_index, rows[i].parent_code or ""))
            place = place_reading(rows[i], rows[at] if at is not None else None, codes)
            out[i] = _reordered(matches[i], pool, family, codes, (i in surveys, place))
            if names_local_title(rows[i], codes):
                out[i] = _local_reading_shown(out[i], pool, codes)
    return out


def names_local_title(row: TableRow, codes: CodeList) -> bool:
    """True when the row quotes a name no concept's wording holds (LOCAL_CONCEPT)."""
    known = bm25_for(codes).idf
    text = " ".join(_cells(row))
    for name in QUOTED_NAME_RE.findall(text):
        pairs = [f for f in features(name) if "_" in f]
        if pairs and sum(f in known for f in pairs) / len(pairs) < LOCAL_KNOWN_PAIRS:
            return True
    return False


def _local_reading_shown(
    match: CriterionMatch, pool: list[Scored], codes: CodeList
) -> CriterionMatch:
    """`match` with LOCAL_CONCEPT among its first candidates (LOCAL_READING_BY), with its own
    score in the row's ranked list (0 when the row's words do not name it at all)."""
    top = list(match.top_candidates)
    shown = [c.code for c in top[: LOCAL_READING_BY + 1]]
    if codes.get(LOCAL_CONCEPT) is None or LOCAL_CONCEPT in shown:
        return match
    score = next((round(s.score, 3) for s in pool if s.code == LOCAL_CONCEPT), 0.0)
    rest = [c for c in top if c.code != LOCAL_CONCEPT]
    at = min(LOCAL_READING_BY, len(rest))
    top = [*rest[:at], Candidate(LOCAL_CONCEPT, score, "fuzzy"), *rest[at:]][:N_CANDIDATES]
    pairs = tuple((c.code, c.score) for c in top)
    return replace(match, candidates=pairs, top_candidates=tuple(top))


def _family(
    i: int,
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    index: dict[Key, int],
    kids: dict[Key, list[int]],
    sums: dict[Key, Sums],
) -> Family:
    """Each concept's mean score over the first candidates of a sub-row's parent and siblings
    (as decided, before any review order); none under a top heading. The parent's and all its
    sub-rows' sums are made once per parent (`sums`) and the row's own share taken out, so a
    table of many sub-rows under one item costs linear time, not quadratic."""
    row = rows[i]
    at = index.get((row.table_index, row.parent_code or ""))
    if at is None or rows[at].parent_code is None:
        return {}
    key = (row.table_index, rows[at].code)
    if key not in sums:
        sums[key] = _sums([at, *kids[key]], matches)
    total, named = dict(sums[key][0]), dict(sums[key][1])
    for candidate in matches[i].top_candidates[:FAMILY_DEPTH]:
        total[candidate.code] -= candidate.score
        named[candidate.code] -= 1
    members = len(kids[key])  # the parent and the siblings: the row itself is one of the kids
    return {code: total[code] / members for code in total if named[code] > 0}


Sums = tuple[dict[str, float], dict[str, int]]


def _sums(members: list[int], matches: Sequence[CriterionMatch]) -> Sums:
    """Per code, the summed score and the number of members naming it among their first
    FAMILY_DEPTH candidates."""
    total: dict[str, float] = {}
    named: dict[str, int] = {}
    for k in members:
        for candidate in matches[k].top_candidates[:FAMILY_DEPTH]:
            total[candidate.code] = total.get(candidate.code, 0.0) + candidate.score
            named[candidate.code] = named.get(candidate.code, 0) + 1
    return total, named


def place_reading(row: TableRow, parent: TableRow | None, codes: CodeList) -> str | None:
    """The concept of the place the row names, or else its parent (PLACE_READING_BY): BM25's
    best over the row's words and the place, among the concepts whose wording holds it."""
    texts = _cells(row)
    places = [p for t in texts for p in places_in(t)] or [
        p for t in (_cells(parent) if parent is not None else []) for p in places_in(t)
    ]
    bm25 = bm25_for(codes)
    for place in places:
        holders = bm25.holders(place)
        if holders:
            shares = bm25.views([(t, 1.0) for t in (*texts, place)])[1]
            found = [(score, code) for code, score in shares.items() if code in holders]
            return max(found)[1] if found else None
    return None


def _cells(row: TableRow) -> list[str]:
    return [t for t in (row.criterion, row.objective, row.task, row.requirement) if t]


def _reordered(
    match: CriterionMatch,
    pool: list[Scored],
    family: Family,
    codes: CodeList,
    readings: tuple[bool, str | None],
) -> CriterionMatch:
    field = match.field_code
    methods: dict[str, MatchMethod] = {s.code: method_of(s) for s in pool}
    own = {s.code: s.score * _field_factor(s.code, field, codes) for s in pool}
    scores = (
        {
            code: (own.get(code, 0.0) + FAMILY_WEIGHT * family.get(code, 0.0)) / (1 + FAMILY_WEIGHT)
            for code in own.keys() | family.keys()
            if code != field
        }
        if family
        else {code: score for code, score in own.items() if code != field}
    )
    order = sorted(scores, key=lambda c: (-round(scores[c], 6), c))
    survey, place = readings  # a survey-scored row; the concept of the place it names
    # The readings are shown among the first three; where two compete for a place, the one
    # shown later keeps it: BM25's, then the place's ('Ban hành, cập nhật … các văn bản' under
    # '… tại Bộ phận Một cửa' is the one-stop's, 001 3.1.1), the field's best by score ('Rà
    # soát thủ tục hành chính …' there is F3.REVIEW, 001 3.1.2), a survey's, a group's.
    by_field = _field_best(order, field, codes)
    order = _bm25_reading_shown(order, pool, codes)
    order = _shown_by(order, place if place in scores else None, PLACE_READING_BY)
    order = _shown_by(order, by_field, FIELD_READING_BY)
    if survey:
        order = _survey_reading_shown(order, field, codes)
    order = _group_reading_shown(order, members_seen(codes))
    top = tuple(Candidate(c, round(scores[c], 3), methods.get(c, "fuzzy")) for c in order)
    top = top[:N_CANDIDATES]
    return replace(match, candidates=tuple((c.code, c.score) for c in top), top_candidates=top)


def _bm25_reading_shown(order: list[str], pool: list[Scored], codes: CodeList) -> list[str]:
    """`order` with BM25's best concept among the first three: second when the row's best was a
    phrase hit that BM25 ranks below PHRASE_FLOOR ('Rà soát, cập nhật … công bố, công khai kịp
    thời …' (004 2.1) has the phrase of F3.PUBLICITY, while its words as a whole are
    F3.PUBLISH's, fourth by score), else third at the latest: a row bundling several tasks
    ('Đảm bảo hạ tầng truyền dẫn …; Cử CCVC tham gia các lớp tập huấn …', 002 VI.1.1#2) leads
    with one task's concept and its family's, while BM25 reads the row as F7.INFRA_SEC."""
    concepts = (s for s in pool if not (codes.get(s.code) or _NO_CONCEPT).is_field)
    tied = 1.0 - BM25_TIE
    reading = next((s.code for s in concepts if s.bm25_share >= tied and s.code in order), None)
    if reading is None:
        return order
    best = pool[0]
    at = 1 if best.hit != "tokens" and best.bm25_share < PHRASE_FLOOR else BM25_READING_BY
    return _shown_by(order, reading, at)


def _group_reading_shown(order: list[str], groups: dict[str, frozenset[str]]) -> list[str]:
    """`order` with the first group concept GROUP_NAMED of whose members are among the first
    GROUP_DEPTH candidates shown at GROUP_READING_BY at the latest."""
    head = order[:GROUP_DEPTH]
    for code in order:
        if sum(c in groups.get(code, ()) for c in head) >= GROUP_NAMED:
            return _shown_by(order, code, GROUP_READING_BY)
    return order


def _survey_reading_shown(order: list[str], field: str | None, codes: CodeList) -> list[str]:
    """`order` with the first survey concept of the row's field at SURVEY_READING_BY at the
    latest (unchanged when none is among the candidates)."""
    surveyed = (c for c in order if (codes.get(c) or _NO_CONCEPT).kind == "xhh")
    reading = next((c for c in surveyed if (codes.get(c) or _NO_CONCEPT).field == field), None)
    return _shown_by(order, reading, SURVEY_READING_BY)


def _field_best(order: list[str], field: str | None, codes: CodeList) -> str | None:
    """The best concept of the row's field in `order` (FIELD_READING_BY; None when the field is
    unknown or none of its concepts is among the candidates)."""
    return next((c for c in order if (codes.get(c) or _NO_CONCEPT).field == field), None)


def _shown_by(order: list[str], reading: str | None, at: int) -> list[str]:
    """`order` with `reading` moved up to place `at` when it stands further down (unchanged
    when it is None or already shown by then)."""
    if reading is None or order.index(reading) <= at:
        return order
    rest = [c for c in order if c != reading]
    return [*rest[:at], reading, *rest[at:]]


def _field_factor(code: str, field: str | None, codes: CodeList) -> float:
    concept = codes.get(code)
    same = field is None or concept is None or concept.field == field
    return 1.0 if same else REVIEW_FIELD
