"""One document's extract results -> the records of every table it fills, plus warnings.

`normalize_document(doc, extracted)` is the one verb of this stage: criterion codes per row,
deadlines, lead roles, score kinds, targets, reference identities, and the consistency
checks (children's scores against their parent's, the header date against the date the plan
cites its own number with). The pipeline only stamps and stores what comes out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from models.document import DocMeta, Document, TableRow, UnitCodes
from models.records import (
    AgencyLevel,
    AgencyRole,
    ItemAgency,
    ItemScore,
    LegalRefRecord,
    PlanItem,
    ScoreKind,
    TargetRecord,
)
from models.stages import Extracted, Finding
from normalize.agencies import lead_role, mentions_as_of
from normalize.codelist import CodeList, load_codelist
from normalize.criteria import CriterionMatch, match_rows
from normalize.deadlines import parse_deadline
from normalize.legal_refs import match_key, with_identities
from normalize.places import resolve_places
from normalize.targets import find_targets

# agency_mentions' level names as the Literal of item_agencies.level
LEVELS: dict[str, AgencyLevel] = {
    "commune": "commune",
    "district": "district",
    "province": "province",
    "central": "central",
    "party": "party",
    "mass_org": "mass_org",
}
SCORE_TOLERANCE = 0.011  # scores are printed with two decimals


@dataclass(frozen=True, slots=True)
class NormalizedDocument:
    """The records of one plan for every table but `documents` (whose status and time the
    pipeline knows), and the warnings about its data."""

    meta: DocMeta = DocMeta()
    units: UnitCodes = UnitCodes()
    plan_items: tuple[PlanItem, ...] = ()
    item_scores: tuple[ItemScore, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    legal_refs: tuple[LegalRefRecord, ...] = ()
    item_agencies: tuple[ItemAgency, ...] = ()
    findings: tuple[Finding, ...] = ()


def normalize_document(
    doc: Document, extracted: Extracted, codes: CodeList | None = None
) -> NormalizedDocument:
    """Canonical records of a plan: row '3.2.2 Tỷ lệ hồ sơ đúng hạn' -> criterion F3.ONTIME,
    'Trong năm 2023' -> 2023-12-31, 'Tối thiểu đạt 99,9%' -> ONTIME_RATE >= 99.9 …

    `codes` defaults to the shipped list; the pipeline passes it with learned aliases
    (`normalize.codelist.with_aliases`)."""
    meta, units = with_places(extracted.meta)
    rows = extracted.rows
    matches = match_rows(
        rows,
        province=meta.province,
        district=meta.district,
        plan_year=meta.plan_year,
        codes=codes,
    )
    refs = own_refs(extracted.refs, meta)
    findings = [Finding("normalize", "score_mismatch", m) for m in score_mismatches(rows)]
    findings += date_conflicts(doc, meta, refs)
    return NormalizedDocument(
        meta=meta,
        units=units,
        item_agencies=tuple(agencies_of(doc.doc_id, rows, meta)),
        plan_items=tuple(
            plan_item(doc.doc_id, meta, r, m) for r, m in zip(rows, matches, strict=True)
        ),
        item_scores=tuple(scores_of(doc.doc_id, rows, meta.plan_year)),
        targets=tuple(targets_of(doc.doc_id, extracted, meta, matches)),
        legal_refs=tuple(refs),
        findings=tuple(findings),
    )


def own_refs(refs: Sequence[LegalRefRecord], meta: DocMeta) -> list[LegalRefRecord]:
    """References with their identity: a bare 'Kế hoạch số 22/KH-UBND' of a commune plan is
    one of 'UBND xã <commune>' (administrative numbers restart at every issuer)."""
    own_issuer = f"UBND xã {meta.commune}" if meta.commune else None
    places = {"xa": meta.commune, "huyen": meta.district, "tinh": meta.province}
    found = with_identities(list(refs), own_issuer, places)
    return [replace(r, match_key=match_key(r.identity)) for r in found]


def with_places(meta: DocMeta) -> tuple[DocMeta, UnitCodes]:
    """The plan's places against the gazetteer: the province filled from the district when
    the text leaves it out (Lộc Hòa, huyện Lộc Ninh -> Bình Phước), official codes, the
    successor commune after 1 July 2025."""
    found = resolve_places(meta.commune, meta.district, meta.province, meta.issue_date)
    if meta.province is None and found.province is not None:
        meta = replace(meta, province=found.province)
    return meta, found.units


def agencies_of(doc_id: str, rows: Sequence[TableRow], meta: DocMeta) -> list[ItemAgency]:
    """item_agencies: every agency named in the lead and support cells of item rows
    ('Văn phòng UBND xã chủ trì; CC VHXH phối hợp' -> VP_TK lead, VH_XH support)."""
    out: list[ItemAgency] = []
    for row in rows:
        if row.kind != "item":
            continue
        cells: tuple[tuple[AgencyRole, str | None], ...] = (
            ("lead", row.lead),
            ("support", row.support),
        )
        for role, text in cells:
            for m in mentions_as_of(text or "", plan_date(meta)):
                out.append(
                    ItemAgency(
                        doc_id=doc_id,
                        table_index=row.table_index,
                        row_index=row.row_index,
                        code=row.code,
                        role=role,
                        text=m.text,
                        agency_code=m.agency_code,
                        level=LEVELS.get(m.level or ""),
                        char_start=m.char_start,
                        char_end=m.char_end,
                        plan_year=meta.plan_year,
                    )
                )
    return out


def plan_item(doc_id: str, meta: DocMeta, row: TableRow, match: CriterionMatch) -> PlanItem:
    """A TableRow as a plan_items record: deadline parsed, lead role and criterion code added."""
    deadline_date, deadline_kind = parse_deadline(row.deadline, meta.plan_year)
    return PlanItem(
        doc_id=doc_id,
        row=row,
        deadline_date=deadline_date,
        deadline_kind=deadline_kind,
        score_max=next((s.value for s in row.scores if s.role == "score_max"), None),
        lead_role=lead_role(row.lead, plan_date(meta)),
        field_code=match.field_code,
        criterion_code=match.criterion_code,
        match_score=match.match_score,
        match_method=match.match_method,
        plan_year=meta.plan_year,
        commune=meta.commune,
        district=meta.district,
        province=meta.province,
        code_list_version=load_codelist().version,
        criterion_candidates=tuple(
            f"{c.code} {c.score:.2f} {c.method}" for c in match.top_candidates
        ),
    )


def scores_of(doc_id: str, rows: Sequence[TableRow], plan_year: int | None) -> list[ItemScore]:
    """Score cells -> item_scores: 'Điểm tối đa' is max, past years actual, later target."""
    out: list[ItemScore] = []
    for row in rows:
        for cell in row.scores:
            kind: ScoreKind
            if cell.role == "score_max":
                kind = "max"
            elif plan_year is not None and cell.year is not None and cell.year >= plan_year:
                kind = "target"
            else:
                kind = "actual"
            out.append(
                ItemScore(
                    doc_id, row.table_index, row.row_index, row.code, cell.year, kind, cell.value
                )
            )
    return out


def targets_of(
    doc_id: str,
    extracted: Extracted,
    meta: DocMeta,
    matches: Sequence[CriterionMatch],
) -> list[TargetRecord]:
    """Quantitative targets of the tables and of the body paragraphs (which extract gives
    without the table rows and the paragraphs heading rows were built from)."""
    version = load_codelist().version
    targets = find_targets(doc_id, extracted.rows, matches, extracted.body, meta.plan_year)
    return [replace(t, code_list_version=version) for t in targets]


def score_mismatches(rows: Sequence[TableRow]) -> list[str]:
    """'6: children sum to 16.00 (Điểm tối đa), parent says 15.00' for each inconsistent parent
    (plan_001 sums exactly once its printed '6.1' after '6.9' is read as 6.10)."""
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


def date_conflicts(doc: Document, meta: DocMeta, refs: Sequence[LegalRefRecord]) -> list[Finding]:
    """The plan's own number cited with another date than its header (plan_000: header
    28/8/2022, appendix 'kèm theo Kế hoạch số: 57 /KH-UBND ngày 25 tháng 8 năm 2023')."""
    if meta.issue_date is None:
        return []
    other = sorted(
        {r.issued_date for r in refs if r.relation == "self" and r.issued_date} - {meta.issue_date}
    )
    if not other:
        return []
    dates = ", ".join(d.isoformat() for d in other)
    message = (
        f"{doc.source_path}: header date {meta.issue_date.isoformat()} but the plan's own "
        f"number is cited with {dates}; issue_date keeps the header"
    )
    return [Finding("extract", "date_conflict", message)]


def plan_date(meta: DocMeta) -> date | None:
    """When a plan speaks: its issue date, else the first day of its year (a plan of 2025
    without a date is read as before the July 2025 reform)."""
    if meta.issue_date is not None:
        return meta.issue_date
    return date(meta.plan_year, 1, 1) if meta.plan_year else None
