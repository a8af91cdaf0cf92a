"""Table rows -> canonical field and criterion codes (issue "Canonical criteria and targets").

Resolution order (criteria_concepts.md §3.1):
1. `criteria` documents whose place and year have a verified code table: the local code is
   looked up and trusted when its label agrees (method 'code_table'); a row worded as one an
   analyst chose a code for takes that code (`normalize.learned`, method 'alias').
2. Otherwise the row's label is scored against every label and alias of the code list
   (`normalize.matching`): a phrase hit is method 'alias', token overlap is 'fuzzy'.
   `task_plan` documents are matched on labels only, never on their numbers.
3. Below THRESHOLD the row gets no criterion (method 'none') but keeps its best candidates for
   review, and its field is inherited from its section.
4. A row under a group concept (F8.SIPAS) is one of the group's members, as the official
   frameworks number them (`normalize.groups.group_members`); any other concept goes to review
   with the members first among its candidates (`criteria_place.within_group`); a group that
   lists all its members in the framework's order gives each the member of its place
   (`criteria_place.members_in_order`).
5. A code is assigned only when it is clearly ahead (`criteria_rank`: MARGIN, KEY_FLOOR, and
   PHRASE_FLOOR: a phrase hit needs BM25 over the whole row to agree, or gives way to the next
   phrase of the section's field that BM25 backs, PHRASE_FALLBACK); a row whose score is a
   survey's mean (0.92 of 1 point) leans to the survey concepts (SURVEY_PRIOR); a parent row
   in review passes its best candidate to its sub-rows as a guess that is never assigned alone
   (REVIEW_PRIOR); a top heading whose words name no field takes the field of most concepts
   assigned below it (HEADING_VOTES, a second pass). Two phrase hits at a near tie
   (PHRASE_MARGIN), a phrase found only in a place the row names (PLACE_NEEDS_LEAD) and a
   self-assessed concept read on a survey-scored row (SURVEY_NEEDS_PHRASE) go to review; in a
   scored framework a sub-criterion near a tie takes its criterion's concept and the total row
   is the index score (`criteria_place`); in any table a row left for review takes its sure
   parent's concept when its own words put it close behind (`settled_by_parent`), and a
   survey-scored one its field's survey concept when BM25 reads it (`survey_settles`).
6. Rows left for review have their candidates ordered again (`criteria_review`): the row's
   field first, and the concepts its parent and siblings name; no assigned code moves. Then a
   criterion in review whose first candidate is the concept all its assigned sub-criteria took
   takes it, and so do its sub-criteria in review that list it first; a scored criterion takes
   the concept most of its sub-criteria took when it lists it among its first three
   (`criteria_place.families_agree`).

`field_code` is the canonical (876) field: the matched concept's field when there is one (so a
DVC-online task listed under a TTHC section is F7), else the field of the section.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from models.document import TableRow
from normalize.code_tables import lookup, table_for
from normalize.codelist import CodeList, CodeTableEntry, load_codelist
from normalize.criteria_match import NO_MATCH, Candidate, CriterionMatch, Parent, given_match
from normalize.criteria_place import (
    Key,
    families_agree,
    fields_from_children,
    members_in_order,
    settled_by_parent,
    survey_settles,
    total_match,
    within_criterion,
    within_group,
)
from normalize.criteria_rank import (
    THRESHOLD,
    decide,
    rank,
    with_parent,
)
from normalize.criteria_review import review_order
from normalize.criteria_scores import survey_rows, total_rows
from normalize.groups import group_members
from normalize.learned import taught_match
from normalize.matching import Scored
from normalize.patterns import ROMAN_STT_RE
from normalize.text import clean_label

__all__ = [
    "THRESHOLD",
    "Candidate",
    "CriterionMatch",
    "doc_kind_of",
    "field_of_title",
    "match_rows",
    "match_text",
]

DocKind = Literal["criteria", "task_plan"]
# Weights of the cells of a row (the primary label first).
TextSpec = tuple[tuple[str, float], ...]
CRITERIA_TEXTS: TextSpec = (
    ("criterion", 1.0),
    ("objective", 0.9),
    ("requirement", 0.85),
    ("task", 0.85),
)
PLAN_TEXTS: TextSpec = (
    ("objective", 1.0),
    ("criterion", 1.0),
    ("task", 0.9),
    ("requirement", 0.85),
    ("output", 0.65),
)
# A sub-row shares its objective with the row above: its own task tells it apart.
SUB_ROW_TEXTS: TextSpec = (
    ("task", 1.0),
    ("objective", 0.8),
    ("criterion", 0.8),
    ("requirement", 0.8),
    ("output", 0.65),
)


@dataclass(frozen=True, slots=True)
class Context:
    """What a row's place in its table says: its section's field, its parent's concept."""

    section_field: str | None
    parent: Parent | None = None
    # the members of the parent row's group concept (F8.SIPAS -> its five factors), if any
    members: frozenset[str] = frozenset()
    # the row's score is a survey's (`surveyed`, in a table that scores by surveys)
    survey: bool = False
    # the row is the total of a scored table (`total_rows`)
    total: bool = False


def match_rows(
    rows: Sequence[TableRow],
    *,
    province: str | None,
    district: str | None,
    plan_year: int | None,
    codes: CodeList | None = None,
) -> list[CriterionMatch]:
    """Codes of every row of a document, in order; sections pass their field to their items.

    `codes` defaults to the shipped list; the plan-out measure passes one with a plan's own
    aliases hidden (`normalize.codelist.without_sources`).
    """
    codes = codes or load_codelist()
    table = table_for(codes, province, district, plan_year)
    kinds = {
        t: doc_kind_of([r for r in rows if r.table_index == t], table)
        for t in {r.table_index for r in rows}
    }
    scored = survey_rows(rows), total_rows(rows)  # found once for both passes and the review
    out, pools = _match_all(rows, codes, table, kinds, {}, scored)
    headings = fields_from_children(rows, out, codes)
    if headings:
        out, pools = _match_all(rows, codes, table, kinds, headings, scored)
    out, placed = members_in_order(rows, out, codes)
    pools = [None if i in placed else pool for i, pool in enumerate(pools)]
    out = review_order(rows, out, pools, codes, scored[0])
    return families_agree(rows, out, codes)


def _match_all(
    rows: Sequence[TableRow],
    codes: CodeList,
    table: dict[str, CodeTableEntry],
    kinds: dict[int, DocKind],
    headings: dict[Key, str],
    scored: tuple[frozenset[int], frozenset[int]],
) -> tuple[list[CriterionMatch], list[list[Scored] | None]]:
    """One pass over the rows in order; `headings` gives the field of top rows whose own text
    names none (`criteria_place.fields_from_children`), `scored` the positions of the rows
    scored by a survey and of the scored tables' totals. With each match, the row's whole
    ranked list for `review_order` (None when its candidates' order must stay)."""
    fields: dict[Key, str | None] = {}
    found: dict[Key, Parent] = {}
    groups: dict[Key, frozenset[str]] = {}
    by_code = {(r.table_index, r.code): r for r in rows}
    surveys, totals = scored
    out: list[CriterionMatch] = []
    pools: list[list[Scored] | None] = []
    for i, row in enumerate(rows):
        kind = kinds[row.table_index]
        context = Context(
            _inherited_field(row, fields, by_code),
            _parent_concept(row, found, by_code),
            groups.get((row.table_index, row.parent_code or ""), frozenset()),
            i in surveys,
            i in totals,
        )
        own = _own_objective(row, by_code)
        match, pool = _match(row, codes, table if kind == "criteria" else {}, kind, context, own)
        if match.field_code is None:
            field = context.section_field or headings.get((row.table_index, row.code))
            match = replace(match, field_code=field or _titled_field(row, codes))
        fields[(row.table_index, row.code)] = match.field_code
        _remember(row, match, codes, found, groups)
        out.append(match)
        pools.append(pool)
    return out, pools


def _remember(
    row: TableRow,
    match: CriterionMatch,
    codes: CodeList,
    found: dict[tuple[int, str], Parent],
    groups: dict[tuple[int, str], frozenset[str]],
) -> None:
    """Keep a row's leaf concept for its sub-rows (PARENT_PRIOR), or its best candidate when
    it went to review (REVIEW_PRIOR), or its group's members."""
    concept = codes.get(match.criterion_code or "")
    if concept and concept.level == "leaf" and match.match_score is not None:
        found[(row.table_index, row.code)] = (concept.code, match.match_score, True)
    elif match.criterion_code is None and match.top_candidates:
        best = match.top_candidates[0]
        hint = codes.get(best.code)
        if hint and hint.level == "leaf" and hint.field == match.field_code:
            found[(row.table_index, row.code)] = (hint.code, best.score, False)
    if concept and concept.level == "group":
        groups[(row.table_index, row.code)] = group_members(codes).get(concept.code, frozenset())


def doc_kind_of(rows: Sequence[TableRow], table: dict[str, CodeTableEntry]) -> DocKind:
    """'criteria' for a score table, or a table most of whose items a code table confirms."""
    if any(r.scores for r in rows):
        return "criteria"
    items = [r for r in rows if r.kind == "item"]
    if not table or not items:
        return "task_plan"
    confirmed = sum(lookup(table, r.code, _label(r)) is not None for r in items)
    return "criteria" if confirmed / len(items) >= 0.5 else "task_plan"


def _label(row: TableRow) -> str:
    texts = _texts(row, "criteria")
    return texts[0][0] if texts else ""


def match_text(text: str, section_field: str | None = None) -> CriterionMatch:
    """Codes of a free sentence: 'tỷ lệ hồ sơ được giải quyết đúng và trước hạn' -> F3.ONTIME."""
    codes = load_codelist()
    return decide(rank([(text, 1.0)], codes, section_field, top=False), codes)


def field_of_title(title: str) -> str | None:
    """The field of a section heading: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH' -> 'F3'."""
    return _field_of_title(title, load_codelist())


@lru_cache(maxsize=1024)
def _field_of_title(title: str, codes: CodeList) -> str | None:
    if not title.strip():
        return None
    return decide(rank([(clean_label(title), 1.0)], codes, None, top=True), codes).field_code


def _match(
    row: TableRow,
    codes: CodeList,
    table: dict[str, CodeTableEntry],
    kind: DocKind,
    context: Context,
    own_objective: bool = False,
) -> tuple[CriterionMatch, list[Scored] | None]:
    """A row's match and its ranked candidates (None for a code-table hit, or under a group
    concept, whose members stay first)."""
    texts = _texts(row, kind, own_objective)
    given = _given(row, codes, table, kind)
    if given is not None:
        return given, None
    if context.total:
        return total_match(codes), None
    if not texts:
        return NO_MATCH, None
    shared = _shared_objective(row, kind, own_objective)
    ranked = with_parent(
        rank(
            texts,
            codes,
            context.section_field,
            top=_is_top(row),
            survey=context.survey,
            shared=shared,
        ),
        context.parent,
    )
    match = decide(ranked, codes, context.section_field)
    if context.members:
        return within_group(match, ranked, context.members, context.section_field), None
    match = settled_by_parent(match, ranked, context.parent, codes)
    if context.survey and not _is_top(row):
        match = survey_settles(match, ranked, context.section_field or match.field_code, codes)
    if kind == "criteria":
        match = within_criterion(match, ranked, context.parent, codes)
    return match, ranked


def _given(
    row: TableRow, codes: CodeList, table: dict[str, CodeTableEntry], kind: DocKind
) -> CriterionMatch | None:
    """The code given for the row: its district's code table's, or an analyst's choice for a
    row worded the same way (`normalize.learned`)."""
    hit = lookup(table, row.code, _label(row)) if kind == "criteria" and table else None
    if hit is None:
        return taught_match(row, codes)
    return given_match(hit.canonical_code, hit.label_overlap, "code_table", codes)


def _own_objective(row: TableRow, by_code: dict[Key, TableRow]) -> bool:
    """True for a sub-row whose objective is not the one of the row it hangs under: its own
    statement, not a shared one ('Tối thiểu 15% hồ sơ thủ tục hành chính ở cấp xã được số
    hóa' under a row about electronic results, 004 4.3#3)."""
    if "sub_row" not in row.flags:
        return False
    origin = by_code.get((row.table_index, row.code.split("#")[0]))
    return origin is not None and bool(row.objective) and origin.objective != row.objective


def _shared_objective(row: TableRow, kind: DocKind, own_objective: bool) -> frozenset[str]:
    """The objective a sub-row shares with the row it hangs under (criteria_keys.SHARED_AIMS)."""
    if kind == "criteria" or "sub_row" not in row.flags or own_objective or not row.objective:
        return frozenset()
    return frozenset({clean_label(row.objective)})


def _texts(row: TableRow, kind: DocKind, own_objective: bool = False) -> list[tuple[str, float]]:
    """A row's texts and their weights; a sub-row weighs its objective less only when it is
    the one shared with the row above (SUB_ROW_TEXTS), one of its own counts as a row's."""
    if kind == "criteria":
        spec = CRITERIA_TEXTS
    elif "sub_row" in row.flags and not own_objective:
        spec = SUB_ROW_TEXTS
    else:
        spec = PLAN_TEXTS
    seen: set[str] = set()
    texts: list[tuple[str, float]] = []
    for name, weight in spec:
        text = clean_label(getattr(row, name) or "")
        if text and text not in seen:
            seen.add(text)
            texts.append((text, weight))
    if not texts and row.section_title and row.kind == "section":
        texts.append((clean_label(row.section_title), 1.0))
    if (
        not texts
        and any(ch.isalpha() for ch in row.stt_raw)
        and not ROMAN_STT_RE.match(row.stt_raw)
    ):
        texts.append((row.stt_raw, 1.0))  # a label printed in the STT column: 'TỔNG ĐIỂM' (001)
    return texts


def _is_top(row: TableRow) -> bool:
    return row.parent_code is None and (row.kind == "section" or row.level <= 1)


def _parent_concept(
    row: TableRow,
    found: dict[tuple[int, str], Parent],
    by_code: dict[tuple[int, str], TableRow],
) -> Parent | None:
    """The concept of the nearest ancestor that has one: 1.4.1 -> 1.4's ('F1.INSPECT', 0.9,
    True); an ancestor in review gives its best candidate, not sure (False)."""
    parent = row.parent_code
    seen: set[str] = set()
    while parent and parent not in seen and parent != row.code:
        seen.add(parent)
        if (row.table_index, parent) in found:
            return found[(row.table_index, parent)]
        above = by_code.get((row.table_index, parent))
        parent = above.parent_code if above else None
    return None


def _titled_field(row: TableRow, codes: CodeList) -> str | None:
    """The field its section's title names when the section row is not among the rows (an
    item under 'III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH' printed as a heading above its table)."""
    return None if _is_top(row) else _field_of_title(row.section_title or "", codes)


def _inherited_field(
    row: TableRow,
    fields: dict[tuple[int, str], str | None],
    by_code: dict[tuple[int, str], TableRow],
) -> str | None:
    parent = row.parent_code
    seen: set[str] = set()
    while parent and parent not in seen:
        seen.add(parent)
        field = fields.get((row.table_index, parent))
        if field:
            return field
        above = by_code.get((row.table_index, parent))
        parent = above.parent_code if above else None
    if row.section_code and row.section_code != row.code:
        return fields.get((row.table_index, row.section_code))
    return None
