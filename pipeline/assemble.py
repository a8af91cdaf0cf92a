"""Extract records + normalize results -> the Parquet records of one document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from models.document import DocMeta, Document, TableRow
from models.records import ItemScore, PlanItem, TargetRecord
from normalize.agencies import lead_role
from normalize.codelist import load_codelist
from normalize.criteria import CriterionMatch, match_rows
from normalize.deadlines import parse_deadline
from normalize.targets import find_targets

SCORE_TOLERANCE = 0.011  # scores are printed with two decimals


def criterion_matches(meta: DocMeta, rows: Sequence[TableRow]) -> list[CriterionMatch]:
    """Canonical criterion per row, with the document's province, district and year."""
    return match_rows(
        rows, province=meta.province, district=meta.district, plan_year=meta.plan_year
    )


def plan_items_of(
    doc: Document, meta: DocMeta, rows: Sequence[TableRow], matches: Sequence[CriterionMatch]
) -> list[PlanItem]:
    """TableRows -> plan_items records: deadline parsed, lead role and criterion code added."""
    return [_item(doc.doc_id, meta, row, match) for row, match in zip(rows, matches, strict=True)]


def _item(doc_id: str, meta: DocMeta, row: TableRow, match: CriterionMatch) -> PlanItem:
    deadline_date, deadline_kind = parse_deadline(row.deadline, meta.plan_year)
    score_max = next((s.value for s in row.scores if s.role == "score_max"), None)
    return PlanItem(
        doc_id=doc_id,
        row=row,
        deadline_date=deadline_date,
        deadline_kind=deadline_kind,
        score_max=score_max,
        lead_role=lead_role(row.lead),
        field_code=match.field_code,
        criterion_code=match.criterion_code,
        match_score=match.match_score,
        match_method=match.match_method,
        plan_year=meta.plan_year,
        commune=meta.commune,
        district=meta.district,
        province=meta.province,
        code_list_version=load_codelist().version,
    )


def scores_of(doc_id: str, rows: Sequence[TableRow], plan_year: int | None) -> list[ItemScore]:
    """Score cells -> item_scores: 'Điểm tối đa' is max, past years actual, later target."""
    out: list[ItemScore] = []
    for row in rows:
        for cell in row.scores:
            if cell.role == "score_max":
                kind = "max"
            elif plan_year is not None and cell.year is not None and cell.year >= plan_year:
                kind = "target"
            else:
                kind = "actual"
            out.append(
                ItemScore(
                    doc_id, row.table_index, row.row_index, row.code, cell.year, kind, cell.value
                )  # type: ignore[arg-type]
            )
    return out


def targets_of(
    doc: Document, meta: DocMeta, rows: Sequence[TableRow], matches: Sequence[CriterionMatch]
) -> list[TargetRecord]:
    """Quantitative targets of the tables and of the body text (table rows not counted twice:
    tab-separated lines are table rows, and lines a heading row was built from are skipped)."""
    consumed = _heading_texts(rows)
    body = [
        (line.page, line.text)
        for line in doc.lines
        if "\t" not in line.text and not _consumed(line.text, consumed)
    ]
    version = load_codelist().version
    targets = find_targets(doc.doc_id, rows, matches, body, meta.plan_year)
    return [replace(t, code_list_version=version) for t in targets]


def _heading_texts(rows: Sequence[TableRow]) -> list[str]:
    texts: list[str] = []
    for row in rows:
        if "from_headings" in row.flags:
            texts += [t for t in (row.criterion, row.task, row.deadline) if t]
    return texts


def _consumed(line: str, texts: Sequence[str]) -> bool:
    """'- Công chức thực hiện: Các công chức …' is part of the heading row whose task it is."""
    body = line.strip().lstrip("-+• ").strip()
    label, sep, rest = body.partition(": ")
    if sep and len(label) < 40:
        body = rest
    return len(body) > 8 and any(body in text or text in body for text in texts)


def score_mismatches(rows: Sequence[TableRow]) -> list[str]:
    """'6: children sum to 16.00 (Điểm tối đa), parent says 15.00' for each inconsistent parent."""
    children: dict[tuple[int, str], list[TableRow]] = defaultdict(list)
    for row in rows:
        if row.parent_code is not None and row.scores:
            children[(row.table_index, row.parent_code)].append(row)
    messages: list[str] = []
    for row in rows:
        kids = children.get((row.table_index, row.code))
        if not kids or not row.scores:
            continue
        for cell in row.scores:
            values = [s.value for k in kids for s in k.scores if s.header == cell.header]
            if values and abs(sum(values) - cell.value) > SCORE_TOLERANCE:
                messages.append(
                    f"table {row.table_index} item {row.code}: children sum to {sum(values):.2f} "
                    f"in '{cell.header}', the item says {cell.value:.2f}"
                )
    return messages
