"""One frozen record type per Parquet table of DESIGN.md (the data contract).

Field names are the Parquet column names. `run_id` and `extractor_version` are stamped by
`pipeline.store` on every row and are therefore not fields here (except in ErrorRecord and
RunRecord, where they are part of what the record says). Names are fixed: add, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

DocStatus = Literal["ok", "partial", "failed"]
ItemKind = Literal["section", "item"]
DeadlineKind = Literal["date", "quarter", "month", "year", "recurring", "event", "none"]
MatchMethod = Literal["code_table", "alias", "fuzzy", "none"]
ScoreKind = Literal["max", "actual", "target"]
Comparator = Literal[">=", "<=", "="]
Relation = Literal["basis", "implements", "mention", "self"]
IssuerLevel = Literal["central", "ministry", "province", "district", "commune", "party", "unknown"]
Stage = Literal["read", "extract", "normalize", "write"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A row of `documents`: one issued plan, e.g. 57/KH-UBND of UBND xã Hà Châu."""

    doc_id: str
    source_path: str
    source_format: str
    ocr: bool
    page_count: int
    doc_number: str | None
    doc_type: str | None
    title: str | None
    commune: str | None
    district: str | None
    province: str | None
    issue_date: date | None
    plan_year: int | None
    signer: str | None
    signer_title: str | None
    status: DocStatus
    extracted_at: datetime


@dataclass(frozen=True, slots=True)
class PlanItem:
    """A row of `plan_items`: one section or item row of an appendix table, e.g. '3.2.2'."""

    doc_id: str
    table_index: int
    row_index: int
    kind: ItemKind
    stt_raw: str
    code: str
    parent_code: str | None
    level: int
    section_code: str | None
    section_title: str | None
    criterion: str | None
    objective: str | None
    task: str | None
    requirement: str | None
    output: str | None
    lead: str | None
    support: str | None
    deadline_text: str | None
    deadline_date: date | None
    deadline_kind: DeadlineKind
    score_max: float | None
    lead_role: str | None
    field_code: str | None
    criterion_code: str | None
    match_score: float | None
    match_method: MatchMethod
    page_first: int
    page_last: int
    plan_year: int | None
    note: str | None = None
    ocr_confidence: float | None = None
    commune: str | None = None  # the document's, so plan_items answers "who" on its own
    district: str | None = None
    province: str | None = None
    code_list_version: str | None = None  # the canonical list field/criterion codes come from


@dataclass(frozen=True, slots=True)
class ItemScore:
    """A row of `item_scores`: 'Điểm năm 2023' = 23.27 for item 1 of Thanh Liệt."""

    doc_id: str
    table_index: int
    row_index: int
    code: str
    year: int | None
    kind: ScoreKind
    value: float


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """A row of `targets`: 'tối thiểu đạt từ 99,9% trở lên' -> ONTIME_RATE >= 99.9 %."""

    doc_id: str
    table_index: int | None
    row_index: int | None
    page: int | None
    criterion_code: str | None
    metric: str
    comparator: Comparator
    value: float
    unit: str
    scope: str
    text: str
    plan_year: int | None
    code_list_version: str | None = None


@dataclass(frozen=True, slots=True)
class LegalRefRecord:
    """A row of `legal_refs`: 'Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình'."""

    doc_id: str
    key: str | None
    ref_type: str
    number: str | None
    symbol_year: int | None
    symbol: str | None
    issuer_code: str | None
    issuer_level: IssuerLevel
    issued_date: date | None
    issuer_text: str | None
    subject: str | None
    relation: Relation
    page: int | None
    char_start: int
    char_end: int
    context: str
    flags: tuple[str, ...] = ()
    # Who the cited document is: the key for normative documents (their number carries the
    # year), key|issuer|year for administrative and Party ones, whose numbers restart every
    # year at every issuer ('22/KH-UBND' of two districts are two documents).
    identity: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A row of `errors`: a file that could not be read, or a warning about one."""

    run_id: str
    doc_id: str | None
    source_path: str
    stage: Stage
    kind: str
    message: str
    severity: Severity = "error"


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A row of `runs`: one `plans ingest` or `plans nightly` run with its counts."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    mode: Literal["ingest", "nightly"]
    executor: str
    docs_seen: int
    docs_done: int
    docs_skipped: int
    docs_failed: int
    extractor_version: str
    code_list_version: str


@dataclass(frozen=True, slots=True)
class ManifestRecord:
    """A row of `manifest`: what was extracted from one file, to skip it when unchanged."""

    source_path: str
    doc_id: str | None  # sha256 of the bytes; None when the file could not be read
    size: int
    mtime_ns: int
    source_format: str
    status: DocStatus
    extractor_version: str
    code_list_version: str
    extracted_at: datetime


@dataclass(frozen=True, slots=True)
class DocChange:
    """A row of `doc_changes`: how a re-extraction changed one document's plan_items."""

    run_id: str
    source_path: str
    doc_id: str | None
    added: int
    removed: int
    changed: int
