"""One frozen record type per Parquet table of DESIGN.md (the data contract).

Every column is declared once, here or on the extract record a table holds (TableRow in
PlanItem, DocMeta in DocumentRecord), with its meaning (models.columns); the Arrow schemas
and the data dictionary are derived from these declarations. `run_id` and
`extractor_version` are stamped by `pipeline.dataset.store` on every row and are therefore not
fields here (except in ErrorRecord and RunRecord, where they are part of what the record
says). Names are fixed: add, never rename.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from models.columns import column, flattened, record
from models.document import DocMeta, ItemKind, SourceFormat, TableInfo, TableRow, UnitCodes

DocStatus = Literal["ok", "partial", "failed"]
DeadlineKind = Literal["date", "quarter", "month", "year", "recurring", "event", "none"]
MatchMethod = Literal["code_table", "alias", "fuzzy", "none", "analyst"]
ScoreKind = Literal["max", "actual", "target"]
Comparator = Literal[">=", "<=", "="]
Relation = Literal["basis", "implements", "mention", "self"]
IssuerLevel = Literal["central", "ministry", "province", "district", "commune", "party", "unknown"]
Stage = Literal["read", "extract", "normalize", "write", "correct"]
Severity = Literal["error", "warning"]

__all__ = ["DocMeta", "ItemKind", "SourceFormat", "TableRow"]  # re-exported for the records

_DOC = "the document"


@record
class DocumentRecord:
    """A row of `documents`: one issued plan, e.g. 57/KH-UBND of UBND xã Hà Châu."""

    doc_id: str = column("sha256 of the file bytes (hex); joins every other table")
    source_path: str = column("path of the file as given to `plans ingest`")
    source_format: str = column("pdf | docx | txt | md | image")
    ocr: bool = column("true when text came from OCR")
    page_count: int = column("pages (DOCX: counted from explicit page and section breaks)")
    meta: DocMeta = flattened()
    status: DocStatus = column("ok | partial (some stage failed) | failed")
    extracted_at: datetime = column("when the file was extracted (UTC)")
    units: UnitCodes = flattened(default=UnitCodes())
    body_doc_id: str | None = column(
        "for an appendix sent as a file of its own (a spreadsheet, 'KH 18 - Phu luc.docx') "
        "beside its body document: the body's doc_id (the appendix's rows count with the body "
        "when either is its plan's chosen file)",
        default=None,
    )


@record
class PlanItem:
    """A row of `plan_items`: one section or item row of an appendix table, e.g. '3.2.2'."""

    doc_id: str = column(_DOC)
    row: TableRow = flattened()
    deadline_date: date | None = column("deadline as a date (quarter/year: its last day)")
    deadline_kind: DeadlineKind = column("date | quarter | month | year | recurring | event | none")
    score_max: float | None = column("maximum score ('Điểm tối đa') where the table has scores")
    lead_role: str | None = column("canonical agency role of the lead (e.g. VP_TK)")
    field_code: str | None = column("canonical PAR field F1..F8 (F0: composite indices)")
    criterion_code: str | None = column("canonical concept code, e.g. F3.ONTIME")
    match_score: float | None = column("confidence of the criterion match, 0..1")
    match_method: MatchMethod = column(
        "code_table | alias | fuzzy | none | analyst (chosen or confirmed in `plans serve`)"
    )
    plan_year: int | None = column("the document's plan year (partition key)")
    commune: str | None = column(
        "the document's commune (copied so plan_items answers 'who' alone)", default=None
    )
    district: str | None = column("the document's district", default=None)
    province: str | None = column("the document's province", default=None)
    code_list_version: str | None = column(
        "version of normalize/codes used for field_code and criterion_code", default=None
    )
    criterion_candidates: tuple[str, ...] = column(
        "the matcher's best codes, 'code score method' best first ('F3.ONTIME 0.91 alias'): "
        "what `plans review` shows for a row left without a code; for such a row the readings "
        "it was torn between come among the first three whatever their score: BM25's best "
        "concept, a survey-scored row's survey concept, its own field's best concept, the "
        "group concept when several of its members are among the first six, the concept of "
        "the unit it or its parent names as a place ('tại Bộ phận Một cửa') and, when it "
        "quotes a name no concept knows, the local-criterion concept F1.LOCAL_SPECIAL",
        default=(),
    )
    corrected: bool = column(
        "an analyst's correction (data/parquet/corrections.csv) changed this row; "
        "the `corrections` table lists each one",
        default=False,
    )


@record
class ItemScore:
    """A row of `item_scores`: 'Điểm năm 2023' = 23.27 for item 1 of Thanh Liệt."""

    doc_id: str = column(_DOC)
    table_index: int = column("table of the item")
    row_index: int = column("row of the item")
    code: str = column("the item's code")
    year: int | None = column("year of the score column; null for 'Điểm tối đa'")
    kind: ScoreKind = column("max | actual (a past year) | target (the plan year or later)")
    value: float = column("the score")


@record
class TargetRecord:
    """A row of `targets`: 'tối thiểu đạt từ 99,9% trở lên' -> ONTIME_RATE >= 99.9 %."""

    doc_id: str = column(_DOC)
    table_index: int | None = column("table of the cell; null when from body text")
    row_index: int | None = column("row of the cell; null when from body text")
    page: int | None = column("page of the text")
    criterion_code: str | None = column("canonical concept the target is about")
    metric: str = column("canonical metric, e.g. ONTIME_RATE")
    comparator: Comparator = column(">= | <= | =")
    value: float = column("the number (99,9 % -> 99.9)")
    unit: str = column("% | points | count")
    scope: str = column("commune | district | province")
    text: str = column("the text the target was read from")
    plan_year: int | None = column("the document's plan year (partition key)")
    code_list_version: str | None = column(
        "version of normalize/codes used for criterion_code", default=None
    )


@record
class LegalRefRecord:
    """A row of `legal_refs`: 'Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình'."""

    doc_id: str = column("the citing document")
    key: str | None = column(
        "canonical number/symbol, e.g. 61/2018/NĐ-CP; null for laws cited by name"
    )
    ref_type: str = column("Nghị định | Quyết định | Kế hoạch | Luật | Tiêu chuẩn | …")
    number: str | None = column("the number, e.g. 106 or 22a")
    symbol_year: int | None = column("year inside the symbol (61/2018/NĐ-CP -> 2018)")
    symbol: str | None = column("the symbol, e.g. NĐ-CP, KH-UBND, CT/TU")
    issuer_code: str | None = column("issuer part of the symbol, e.g. CP, UBND, TU")
    issuer_level: IssuerLevel = column(
        "central | ministry | province | district | commune | party | unknown"
    )
    issued_date: date | None = column("date given with the reference")
    issuer_text: str | None = column("issuer as written ('UBND huyện Phú Bình')")
    subject: str | None = column("the 'về …' subject phrase")
    relation: Relation = column(
        "basis (Căn cứ) | implements (Thực hiện) | mention | self (own number)"
    )
    page: int | None = column("page of the reference")
    char_start: int = column("start offset in the document text")
    char_end: int = column("end offset in the document text")
    context: str = column("text around the reference")
    flags: tuple[str, ...] = column("repairs made, e.g. double_slash, eth_for_d", default=())
    # Who the cited document is: the key for normative documents (their number carries the
    # year), key|issuer|year for administrative and Party ones, whose numbers restart every
    # year at every issuer ('22/KH-UBND' of two districts are two documents); key||year for a
    # national body's (its key names it: '766/QĐ-TTg', '126-KL/TW'), however its issuer is written.
    identity: str | None = column(
        "the cited document: key (normative), key|issuer|year (administrative, "
        "Party: their numbers restart per issuer and year), key||year (a national body's: "
        "766/QĐ-TTg, 126-KL/TW), Luật|name|date (laws by name)",
        default=None,
    )
    match_key: str | None = column(
        "the identity folded to ASCII, for joins across spellings ('Đề án|06|' -> 'de an|06|')",
        default=None,
    )


@record
class TableRecord:
    """A row of `tables`: one table detected in a document, appendix or not, with how its
    grid was found and how sure the column roles are (no silent empty result)."""

    doc_id: str = column(_DOC)
    info: TableInfo = flattened()


AgencyRole = Literal["lead", "support"]
AgencyLevel = Literal["commune", "district", "province", "central", "party", "mass_org"]


@record
class ItemAgency:
    """A row of `item_agencies`: one agency named in a lead or support cell of plan_items,
    e.g. 'CC VHXH xã' -> VH_XH (commune) in the support cell of item 3.2.2."""

    doc_id: str = column(_DOC)
    table_index: int = column("table of the item")
    row_index: int = column("row of the item")
    code: str = column("the item's code")
    role: AgencyRole = column("lead | support: the cell the mention is in")
    text: str = column("the agency as printed")
    agency_code: str | None = column(
        "canonical agency code (normalize/codes/agencies.csv), as the plan's date means it "
        "('Phòng Kinh tế': the district's before July 2025, the commune's KT_XA after: "
        "agency_successors.csv); null: not in the list, for review"
    )
    level: AgencyLevel | None = column("commune | district | province | central | party | mass_org")
    char_start: int = column("start of the mention in the cell text")
    char_end: int = column("end of the mention in the cell text")
    plan_year: int | None = column("the document's plan year")


@record
class ErrorRecord:
    """A row of `errors`: a file that could not be read, or a warning about one."""

    run_id: str = column("the run that found the problem")
    doc_id: str | None = column("the document (null when the file could not be read)")
    source_path: str = column("the file")
    stage: Stage = column("read | extract | normalize | write | correct (a stale correction)")
    kind: str = column("machine-readable kind, e.g. unreadable_file, crash, score_mismatch")
    message: str = column("what went wrong, naming the file and the reason")
    severity: Severity = column("error | warning", default="error")


@record
class CorrectionRecord:
    """A row of `corrections`: one analyst correction applied by the run, e.g. the task of
    row 3.2.2 in table 0 changed from 'Tỷ lệ hồ sơ đúng hẹn' to '… đúng hạn'."""

    doc_id: str = column(_DOC)
    source_path: str = column("the file the correction was made on")
    table_index: int = column("table of the row")
    code: str = column("the row's code, e.g. '3.2.2'")
    col: str = column(
        "the corrected plan_items column, e.g. task, criterion_code, kind", name="column"
    )
    old_value: str = column("the extracted value the correction was made against")
    new_value: str = column("the value the dataset now holds")
    author: str = column("who made the correction")
    at: datetime = column("when it was made (UTC)")
    note: str = column("why, in the analyst's words")


@record
class RunRecord:
    """A row of `runs`: one `plans ingest` or `plans nightly` run with its counts."""

    run_id: str = column("the run")
    started_at: datetime = column("start (UTC)")
    finished_at: datetime = column("end (UTC)")
    mode: Literal["ingest", "nightly"] = column("ingest | nightly")
    executor: str = column("local[N] or dask[...]")
    docs_seen: int = column("files found under the paths")
    docs_done: int = column("files extracted (ok or partial)")
    docs_skipped: int = column("files skipped as unchanged")
    docs_failed: int = column("files that failed")
    extractor_version: str = column("extractor version of the run")
    code_list_version: str = column("canonical code list version of the run")


@record
class ManifestRecord:
    """A row of `manifest`: what was extracted from one file, to skip it when unchanged."""

    source_path: str = column("the file")
    doc_id: str | None = column("sha256 of its bytes")  # None when the file could not be read
    size: int = column("size in bytes when extracted", arrow="int64")
    mtime_ns: int = column("modification time when extracted (ns)", arrow="int64")
    source_format: str = column("format by suffix")
    status: DocStatus = column("ok | partial | failed")
    extractor_version: str = column("extractor version that extracted it")
    code_list_version: str = column("code list version used")
    extracted_at: datetime = column("when (UTC)")
    depends_on_path: str | None = column(
        "another file its rows depend on: the body document an appendix file takes its "
        "metadata from",
        default=None,
    )
    depends_on_doc_id: str | None = column(
        "sha256 of that file's bytes when extracted (a change re-extracts this file)",
        default=None,
    )


@record
class DocChange:
    """A row of `doc_changes`: how a re-extraction changed one document's plan_items."""

    run_id: str = column("the run that re-extracted the file")
    source_path: str = column("the file")
    doc_id: str | None = column("its new doc_id (null when the file disappeared)")
    added: int = column("plan_items rows that are new (by table and code)")
    removed: int = column("plan_items rows that are gone")
    changed: int = column("plan_items rows whose content changed")
