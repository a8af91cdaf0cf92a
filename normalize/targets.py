"""Quantitative targets of a plan -> TargetRecord rows, comparable across communes and years.

Sources, in output order:
1. Score tables: every score column of the plan year or later ('Điểm năm 2024' in a 2024
   plan) is a target in points, comparator '>=' (the plans aim at least at that score:
   'tối thiểu bằng điểm chấm năm 2023', 001). With no plan year, the latest score column.
   Earlier years are results, not targets (they go to item_scores only).
2. Table cells - criterion, objective, requirement and output - through `numbers.find_numbers`.
   A cell with one quantity takes the row's code; when a cell holds several ('… 90% - 80% các
   TTHC …'), each clause is matched on its own and keeps the row's code unless another concept
   clearly fits better (ROW_BIAS). A cell repeated by the sub-rows of a vertical merge counts once.
3. Body paragraphs as extract gives them (`Extracted.body`: wrapped lines re-joined, table
   rows and the paragraphs heading rows were built from left out, so nothing counts twice).
   A clause that names only past years and no target word ('Năm 2023, … đạt 96.56%') is a
   result, not a target. Body targets have table_index/row_index None and the code of
   `body_matcher`.
Conflicting values of one plan (Lộc Hòa: on-time >= 98 % in the body, >= 96 % in appendix
II.2.2) are all kept, each with its location; comparing them is the analyst's job.

The criterion code of a target whose row matched a field only (a section row) is that field
code ('F1'); its metric is then 'F1_SCORE'. Metrics are `{SLUG}_RATE|_SCORE|_COUNT` of the code
(F3.ONTIME, % -> ONTIME_RATE), or RATE/SCORE/COUNT when there is no code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from models.document import TableRow, TextLine
from models.records import TargetRecord
from normalize.criteria import CriterionMatch, match_text
from normalize.numbers import Quantity, find_numbers
from normalize.patterns import TARGET_CUE_RE, YEAR_MENTION_RE
from normalize.text import fold_keep_length

BodyMatcher = Callable[[str], CriterionMatch]
# Cells read for targets (the task column holds activities, not targets).
TARGET_CELLS = ("criterion", "objective", "requirement", "output")
# A clause keeps the row's code when that code scores within this of the clause's best code.
ROW_BIAS = 0.05
METRIC_SUFFIX = {"%": "_RATE", "points": "_SCORE", "count": "_COUNT"}


def find_targets(
    doc_id: str,
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    body: Sequence[TextLine],
    plan_year: int | None,
    body_matcher: BodyMatcher = match_text,
) -> list[TargetRecord]:
    """Targets of a plan: 'tối thiểu đạt từ 99,9% trở lên' (000 3.2.2) -> ONTIME_RATE >= 99.9 %."""
    if len(rows) != len(matches):
        raise ValueError(f"{len(rows)} rows but {len(matches)} matches")
    years = target_years(rows, plan_year)
    out: list[TargetRecord] = []
    seen: set[tuple[int, str, str]] = set()
    for row, match in zip(rows, matches, strict=True):
        out.extend(_score_targets(doc_id, row, match, years, plan_year))
        for name in _cells_of(row):
            text = getattr(row, name)
            if not text or (row.table_index, name, text) in seen:
                continue
            seen.add((row.table_index, name, text))
            out.extend(_cell_targets(doc_id, row, match, text, plan_year, body_matcher))
    for para in body:
        out.extend(_body_targets(doc_id, para.page, para.text, plan_year, body_matcher))
    return out


def _cells_of(row: TableRow) -> tuple[str, ...]:
    """Cells that state targets; a criterion printed as a heading (plan_003) states them in
    its 'Công chức thực hiện' text ('… đảm bảo đạt tỷ lệ tối thiểu 97% …'), kept as task."""
    return (*TARGET_CELLS, "task") if "from_headings" in row.flags else TARGET_CELLS


def metric_for(code: str | None, unit: str) -> str:
    """Canonical metric: ('F3.ONTIME', '%') -> 'ONTIME_RATE'; (None, 'count') -> 'COUNT'."""
    suffix = METRIC_SUFFIX[unit]
    if not code:
        return suffix.lstrip("_")
    slug = code.split(".", 1)[1] if "." in code else code
    return slug if slug.endswith(suffix) else slug + suffix


def target_years(rows: Sequence[TableRow], plan_year: int | None) -> set[int]:
    """Score-column years that are targets: the plan year and later (latest if no plan year)."""
    years = {s.year for r in rows for s in r.scores if s.role == "score_year" and s.year}
    if plan_year is None:
        return {max(years)} if years else set()
    return {y for y in years if y >= plan_year}


def row_code(match: CriterionMatch) -> str | None:
    """The code a row's targets take: its criterion, or its field for a field-only match."""
    if match.criterion_code:
        return match.criterion_code
    return match.field_code if match.match_method != "none" else None


def _score_targets(
    doc_id: str, row: TableRow, match: CriterionMatch, years: set[int], plan_year: int | None
) -> Iterator[TargetRecord]:
    maximum = next((s.value for s in row.scores if s.role == "score_max"), None)
    code = row_code(match)
    label = f"{row.stt_raw} {row.criterion}" if row.criterion else row.stt_raw
    for cell in row.scores:
        if cell.role != "score_year" or cell.year not in years:
            continue
        text = f"{label.strip()}: {cell.header} {cell.value:g}"
        text += f" / tối đa {maximum:g}" if maximum is not None else ""
        yield TargetRecord(
            doc_id,
            row.table_index,
            row.row_index,
            row.page_first,
            code,
            metric_for(code, "points"),
            ">=",
            cell.value,
            "points",
            "commune",
            text.strip(),
            plan_year,
        )


def _cell_targets(
    doc_id: str,
    row: TableRow,
    match: CriterionMatch,
    text: str,
    plan_year: int | None,
    matcher: BodyMatcher,
) -> Iterator[TargetRecord]:
    found = find_numbers(text)
    clauses = {q.text for q in found}
    for q in found:
        code = row_code(match) if len(clauses) == 1 else _clause_code(q.text, match, matcher)
        yield _record(doc_id, row.table_index, row.row_index, row.page_first, code, q, plan_year)


def _clause_code(clause: str, match: CriterionMatch, matcher: BodyMatcher) -> str | None:
    own = row_code(match)
    found = matcher(clause)
    best = row_code(found)
    if best is None:
        return own
    scores = dict(found.candidates)
    if own is not None and scores.get(own, 0.0) >= (found.match_score or 0.0) - ROW_BIAS:
        return own
    return best


def _body_targets(
    doc_id: str, page: int, text: str, plan_year: int | None, matcher: BodyMatcher
) -> Iterator[TargetRecord]:
    for q in find_numbers(text):
        if is_past_result(q, plan_year):
            continue
        code = row_code(matcher(q.text)) or row_code(matcher(text))
        yield _record(doc_id, None, None, page, code, q, plan_year)


def is_past_result(q: Quantity, plan_year: int | None) -> bool:
    """'Năm 2023, chỉ số … đạt 96.56%' in a 2024 plan: only past years and no target word."""
    if plan_year is None:
        return False
    folded = fold_keep_length(q.segment)
    years = [int(y) for y in YEAR_MENTION_RE.findall(folded)]
    return bool(years) and max(years) < plan_year and not TARGET_CUE_RE.search(folded)


def _record(
    doc_id: str,
    table_index: int | None,
    row_index: int | None,
    page: int | None,
    code: str | None,
    q: Quantity,
    plan_year: int | None,
) -> TargetRecord:
    return TargetRecord(
        doc_id,
        table_index,
        row_index,
        page,
        code,
        metric_for(code, q.unit),
        q.comparator,
        q.value,
        q.unit,
        q.scope,
        q.text,
        plan_year,
    )
