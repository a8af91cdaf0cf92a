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

from extract import extract_document
from extract.readers import doc_id_of, read_document
from models.document import Document
from models.errors import ExtractError
from models.records import (
    DocStatus,
    DocumentRecord,
    ErrorRecord,
    ItemScore,
    LegalRefRecord,
    PlanItem,
    Severity,
    Stage,
    TargetRecord,
)
from models.stages import Extracted, Finding
from normalize.document import NormalizedDocument, normalize_document

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
        doc = read_document(source, data, doc_id)
    except ExtractError as e:
        return _failed(path, doc_id, fmt, run_id, "read", e.kind, str(e))
    result = _extract(doc, run_id, started)
    return result


def _extract(doc: Document, run_id: str, started: datetime) -> DocResult:
    """read -> extract_document -> normalize_document -> records stamped with the run."""
    failures: list[Finding] = []
    try:
        extracted = extract_document(doc)
    except ExtractError as e:
        failures.append(Finding("extract", e.kind, str(e)))
        extracted = Extracted()
    try:
        normalized = normalize_document(doc, extracted)
    except ExtractError as e:
        failures.append(Finding("normalize", e.kind, str(e)))
        normalized = NormalizedDocument(meta=extracted.meta)
    status: DocStatus = "partial" if failures else "ok"
    errors = (
        [_error(run_id, doc, Finding("read", "reader_warning", w), "warning") for w in doc.warnings]
        + [_error(run_id, doc, f, "error") for f in failures]
        + [_error(run_id, doc, f, "warning") for f in normalized.findings]
    )
    return _result(doc, status, normalized, errors, started)


def _error(run_id: str, doc: Document, finding: Finding, severity: Severity) -> ErrorRecord:
    return ErrorRecord(
        run_id, doc.doc_id, doc.source_path, finding.stage, finding.kind, finding.message, severity
    )


def _result(
    doc: Document,
    status: DocStatus,
    normalized: NormalizedDocument,
    errors: list[ErrorRecord],
    started: datetime,
) -> DocResult:
    record = DocumentRecord(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format,
        ocr=doc.ocr,
        page_count=doc.page_count,
        meta=normalized.meta,
        status=status,
        extracted_at=started,
    )
    return DocResult(
        source_path=doc.source_path,
        doc_id=doc.doc_id,
        source_format=doc.source_format,
        status=status,
        documents=(record,),
        plan_items=normalized.plan_items,
        item_scores=normalized.item_scores,
        targets=normalized.targets,
        legal_refs=normalized.legal_refs,
        errors=tuple(errors),
        pages=doc.page_count,
        seconds=(datetime.now(UTC) - started).total_seconds(),
    )


def _failed(
    path: str, doc_id: str | None, fmt: str, run_id: str, stage: Stage, kind: str, message: str
) -> DocResult:
    error = ErrorRecord(run_id, doc_id, path, stage, kind, message)
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
