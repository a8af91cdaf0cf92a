"""The per-document function: one file in, every table's rows for it out.

The same function runs in the local process pool and on Dask workers, so it takes only
plain arguments and returns a picklable `DocResult`. Expected failures (`ExtractError`)
become `errors` rows; the document is then `failed` (nothing readable) or `partial`.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract.legal import find_legal_refs
from extract.metadata import find_metadata
from extract.readers import doc_id_of, read_document
from extract.tables import find_table_rows
from models.document import DocMeta, Document, TableRow
from models.errors import ExtractError
from models.records import (
    DocumentRecord,
    ErrorRecord,
    ItemScore,
    LegalRefRecord,
    PlanItem,
    TargetRecord,
)
from normalize.legal_refs import with_identities
from pipeline.assemble import (
    criterion_matches,
    plan_items_of,
    score_mismatches,
    scores_of,
    targets_of,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything one file contributes to the dataset."""

    source_path: str
    doc_id: str | None
    source_format: str
    status: str  # ok | partial | failed
    documents: tuple[DocumentRecord, ...] = ()
    plan_items: tuple[PlanItem, ...] = ()
    item_scores: tuple[ItemScore, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    legal_refs: tuple[LegalRefRecord, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()
    pages: int = 0
    seconds: float = 0.0


def process_file(path: str, run_id: str) -> DocResult:
    """Extract one plan file, e.g. process_file('data/raw/plan_000.docx', run_id)."""
    started = datetime.now(UTC)
    source = Path(path)
    fmt = source.suffix.lower().lstrip(".")
    try:
        data = source.read_bytes()
    except OSError as e:
        return _failed(path, None, fmt, run_id, "read", "unreadable_file", f"{path}: {e.strerror}")
    doc_id = doc_id_of(data)
    try:
        doc = read_document(source, data)
    except ExtractError as e:
        return _failed(path, doc_id, fmt, run_id, "read", e.kind, str(e))
    result = _extract(doc, run_id, started)
    return result


def _extract(doc: Document, run_id: str, started: datetime) -> DocResult:
    errors: list[ErrorRecord] = [
        ErrorRecord(run_id, doc.doc_id, doc.source_path, "read", "reader_warning", w, "warning")
        for w in doc.warnings
    ]
    meta, rows, refs = DocMeta(), [], []
    stage = "extract"
    try:
        meta = find_metadata(doc)
        rows = find_table_rows(doc)
        own_issuer = f"UBND xã {meta.commune}" if meta.commune else None
        places = {"xa": meta.commune, "huyen": meta.district, "tinh": meta.province}
        refs = with_identities(find_legal_refs(doc), own_issuer, places)
        stage = "normalize"
        matches = criterion_matches(meta, rows)
        items = plan_items_of(doc, meta, rows, matches)
        scores = scores_of(doc.doc_id, rows, meta.plan_year)
        targets = targets_of(doc, meta, rows, matches)
    except ExtractError as e:
        errors.append(ErrorRecord(run_id, doc.doc_id, doc.source_path, stage, e.kind, str(e)))
        items, scores, targets = [], [], []
    status = "partial" if any(e.severity == "error" for e in errors) else "ok"
    errors.extend(_score_warnings(run_id, doc, rows))
    errors.extend(_date_warnings(run_id, doc, meta, refs))
    record = _document_record(doc, meta, status, started)
    return DocResult(
        source_path=doc.source_path,
        doc_id=doc.doc_id,
        source_format=doc.source_format,
        status=status,
        documents=(record,),
        plan_items=tuple(items),
        item_scores=tuple(scores),
        targets=tuple(targets),
        legal_refs=tuple(refs),
        errors=tuple(errors),
        pages=doc.page_count,
        seconds=(datetime.now(UTC) - started).total_seconds(),
    )


def _document_record(doc: Document, meta: DocMeta, status: str, at: datetime) -> DocumentRecord:
    return DocumentRecord(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format,
        ocr=doc.ocr,
        page_count=doc.page_count,
        meta=meta,
        status=status,  # type: ignore[arg-type]
        extracted_at=at,
    )


def _score_warnings(run_id: str, doc: Document, rows: list[TableRow]) -> list[ErrorRecord]:
    """Children whose scores do not sum to their parent's (plan_001 sums once 6.10 is right)."""
    return [
        ErrorRecord(
            run_id, doc.doc_id, doc.source_path, "normalize", "score_mismatch", msg, "warning"
        )
        for msg in score_mismatches(rows)
    ]


def _date_warnings(
    run_id: str, doc: Document, meta: DocMeta, refs: list[LegalRefRecord]
) -> list[ErrorRecord]:
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
    return [
        ErrorRecord(
            run_id, doc.doc_id, doc.source_path, "extract", "date_conflict", message, "warning"
        )
    ]


def _failed(
    path: str, doc_id: str | None, fmt: str, run_id: str, stage: str, kind: str, message: str
) -> DocResult:
    error = ErrorRecord(run_id, doc_id, path, stage, kind, message)  # type: ignore[arg-type]
    return DocResult(path, doc_id, fmt, "failed", errors=(error,))


# A small plan in the text-export format: enough to load every lazily built table (code
# list, aliases, legal vocabularies, compiled patterns) in a parent process before it forks,
# so each forked worker inherits them instead of rebuilding them (0.2 s per document).
WARM_UP_TEXT = """Số: 57/KH-UBND
Hà Châu, ngày 28 tháng 8 năm 2022
KẾ HOẠCH
Duy trì, nâng cao Chỉ số cải cách hành chính năm 2023
Thực hiện Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình.
STT\tLĩnh vực, tiêu chí\tYêu cầu\tThời gian\tCơ quan chủ trì\tCB, công chức tham mưu
III\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t\t\t\t
3.2.2\tTỷ lệ hồ sơ đúng hạn\tTối thiểu đạt 99,9%\tTrong năm 2023\tUBND xã\tVăn phòng UBND xã
"""
_warm = False


def warm_up() -> None:
    """Build every cache of the extract and normalize stages once in this process."""
    global _warm
    if _warm:
        return
    from extract.readers.text import read as read_text

    doc = read_text(Path("warm-up.txt"), WARM_UP_TEXT.encode(), "0" * 64)
    _extract(doc, "warm-up", datetime.now(UTC))
    _warm = True


def crashed(path: str, run_id: str, exc: BaseException) -> DocResult:
    """A bug or a killed worker while processing a file: recorded, the batch goes on."""
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    log.error("processing %s crashed: %s", path, detail)
    return _failed(
        path, None, Path(path).suffix.lstrip("."), run_id, "extract", "crash", f"{path}: {detail}"
    )
