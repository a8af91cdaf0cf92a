"""The order of the candidates of rows left for review (issue 19): what a row's place in its
table says about its right code, used to order what `plans review` shows, never to assign.

`criteria.match_rows` decides every row first; then each row in review has its candidates
ordered again from its whole ranked list (not only the five it stored):

    review(c) = (own(c) * field(c) + FAMILY_WEIGHT * family(c)) / (1 + FAMILY_WEIGHT)

- field(c) is 1 for a concept of the row's field (known from its section) and REVIEW_FIELD for
  another field's; the bare field code itself is left out (the row holds it already), but
  stays first for a field-only answer ('F7' for a row that names only the field: the stored
  list says why it has it);
- family(c) is the mean score of c over the first FAMILY_DEPTH candidates (or the code given)
  of the row's parent and siblings: sub-rows of one item often measure one concept, and a
  concept they keep naming is a candidate for each. A row under a top heading has no family
  (the heading's rows are its list of different criteria) and keeps its own scores.
Rows under a group concept keep the group's members first (`criteria_rank.within_group`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from models.document import TableRow
from models.records import MatchMethod
from normalize.codelist import CodeList
from normalize.criteria_rank import N_CANDIDATES, Candidate, CriterionMatch
from normalize.matching import Scored

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
# from 0.75 to 2 (by 2-6 rows); weight 1 gives 55/63, 0.75 and 1.5 54/63.
FAMILY_WEIGHT = 1.0
FAMILY_DEPTH = 2

Key = tuple[int, str]
Family = dict[str, float]


def review_order(
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    pools: Sequence[list[Scored] | None],
    codes: CodeList,
) -> list[CriterionMatch]:
    """`matches` with the candidates of rows in review ordered again (see the module doc);
    `pools` holds each row's whole ranked list, or None when its order must stay."""
    index = {(r.table_index, r.code): i for i, r in enumerate(rows)}
    kids: dict[Key, list[int]] = {}
    for i, row in enumerate(rows):
        if row.parent_code:
            kids.setdefault((row.table_index, row.parent_code), []).append(i)
    out = list(matches)
    for i, pool in enumerate(pools):
        if pool is not None and matches[i].criterion_code is None:
            family = _family(i, rows, matches, index, kids)
            out[i] = _reordered(matches[i], pool, family, codes)
    return out


def _family(
    i: int,
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    index: dict[Key, int],
    kids: dict[Key, list[int]],
) -> Family:
    """Each concept's mean score over the first candidates of a sub-row's parent and siblings
    (as decided, before any review order); none under a top heading."""
    row = rows[i]
    at = index.get((row.table_index, row.parent_code or ""))
    if at is None or rows[at].parent_code is None:
        return {}
    members = [at, *(k for k in kids[(row.table_index, rows[at].code)] if k != i)]
    total: Family = {}
    for k in members:
        for candidate in matches[k].top_candidates[:FAMILY_DEPTH]:
            total[candidate.code] = total.get(candidate.code, 0.0) + candidate.score
    return {code: score / len(members) for code, score in total.items()}


def _reordered(
    match: CriterionMatch, pool: list[Scored], family: Family, codes: CodeList
) -> CriterionMatch:
    field = match.field_code
    methods: dict[str, MatchMethod] = {s.code: _method(s) for s in pool}
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
    top = tuple(Candidate(c, round(scores[c], 3), methods.get(c, "fuzzy")) for c in order)
    if match.match_method != "none" and match.top_candidates:
        top = (match.top_candidates[0], *top)  # a field-only answer: the field it was given
    top = top[:N_CANDIDATES]
    return replace(match, candidates=tuple((c.code, c.score) for c in top), top_candidates=top)


def _field_factor(code: str, field: str | None, codes: CodeList) -> float:
    concept = codes.get(code)
    same = field is None or concept is None or concept.field == field
    return 1.0 if same else REVIEW_FIELD


def _method(scored: Scored) -> MatchMethod:
    return "alias" if scored.hit in ("exact", "phrase") else "fuzzy"
