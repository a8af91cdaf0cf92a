"""The per-document function: one file in, every table's rows for it out.

The same function runs in the local process pool and on Dask workers, so it takes only
plain arguments and returns a picklable `DocResult`. Expected failures (`ExtractError`)
become `errors` rows; the document is then `failed` (nothing readable) or `partial`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract import extract_document
from extract.cleantext import nfc
from extract.readers import doc_id_of, read_document
from models.document import Document
from models.errors import ExtractError, UnreadableFile
from models.records import (
    DocStatus,
    DocumentRecord,
    ErrorRecord,
    ItemAgency,
    ItemScore,
    LegalRefRecord,
    PlanItem,
    Severity,
    Stage,
    TableRecord,
    TargetRecord,
)
from models.stages import Extracted, Finding
from normalize.codelist import AliasEntry, CodeList, load_codelist, with_aliases
from normalize.document import NormalizedDocument, normalize_document
from pipeline.ingest.appendix import appendices_beside, joins, read_body

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything one file contributes to the dataset."""

    source_path: str
    doc_id: str | None
    source_format: str
    status: DocStatus  # ok | partial | failed
    documents: tuple[DocumentRecord, ...] = ()
    plan_items: tuple[PlanItem, ...] = ()
    item_scores: tuple[ItemScore, ...] = ()
    item_agencies: tuple[ItemAgency, ...] = ()
    tables: tuple[TableRecord, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    legal_refs: tuple[LegalRefRecord, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()
    pages: int = 0
    seconds: float = 0.0
    # size and mtime of the bytes actually read (-1: nothing was read), for the manifest
    size: int = -1
    mtime_ns: int = -1
    # another file the rows depend on, with the sha256 of its bytes read (a spreadsheet
    # appendix's body document: pipeline.ingest.appendix)
    depends_on: tuple[str, str | None] | None = None


# The code list with the dataset's learned aliases (set by the run before its workers fork).
_codes: CodeList | None = None


def use_learned_aliases(learned: list[tuple[str, str, str]]) -> None:
    """Match the next documents with these learned (code, alias, source) too."""
    global _codes
    entries = [AliasEntry(code, alias, (source,)) for code, alias, source in learned]
    _codes = with_aliases(load_codelist(), entries) if entries else None


READ_ATTEMPTS = 3  # a file still changing after this many reads is left for the next run


class FileChanging(ExtractError):
    """The file kept changing while it was read; the next run reads it again."""

    kind = "file_changing"


def path_key(path: str) -> str:
    """How a path is stored (source_path): NFC, as DESIGN.md asks of every string."""
    return nfc(path)


def process_file(path: str, run_id: str) -> DocResult:
    """Extract one plan file, e.g. process_file('data/raw/plan_000.docx', run_id)."""
    started = datetime.now(UTC)
    source = Path(path)
    fmt = source.suffix.lower().lstrip(".")
    try:
        data, st = read_stable(source)
    except OSError as e:
        reason = e.strerror or str(e)
        return _failed(path, None, fmt, run_id, "read", "unreadable_file", f"{path}: {reason}")
    except ExtractError as e:
        return _failed(path, None, fmt, run_id, "read", e.kind, str(e))
    doc_id = doc_id_of(data)
    try:
        doc = read_document(source, data, doc_id)
    except ExtractError as e:
        result = _failed(path, doc_id, fmt, run_id, "read", e.kind, str(e))
    else:
        result = _extract(doc, run_id, started)
    return dataclasses.replace(result, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_ino, b.st_size, b.st_mtime_ns)


def read_stable(source: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the stat of exactly those bytes: read again when the file
    changed during the read (written in place, or replaced by a rename)."""
    for _ in range(READ_ATTEMPTS):
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the run
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise UnreadableFile(f"{source}: not a regular file")
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read()
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if _same_file(before, after) and _same_file(after, os.stat(source)):
            return data, after
    raise FileChanging(f"{source}: the file kept changing while it was read; read again next run")


def _named(path: str, message: str) -> str:
    """Every message names its file (a reader's warning may not)."""
    return message if message.startswith(path) else f"{path}: {message}"


def _extract(doc: Document, run_id: str, started: datetime) -> DocResult:
    """read -> extract_document -> normalize_document -> records stamped with the run."""
    failures: list[Finding] = []
    _debug_read(doc)
    body = read_body(Path(doc.source_path))  # an appendix file's body document
    if body is not None and body.doc is not None and not joins(doc, body.doc):
        body = None  # 'KH 57 kem phu luc.docx': a whole plan of its own
    body_findings = (
        [] if body is None or body.doc else [Finding("read", "body_unreadable", body.problem or "")]
    )
    try:
        extracted = extract_document(doc, body.doc if body else None)
    except ExtractError as e:
        failures.append(Finding("extract", e.kind, str(e)))
        extracted = Extracted()
    _debug_extracted(doc, extracted)
    try:
        normalized = normalize_document(doc, extracted, _codes)
    except ExtractError as e:
        failures.append(Finding("normalize", e.kind, str(e)))
        normalized = NormalizedDocument(meta=extracted.meta)
    # partial: a stage failed, or content was lost or is missing (a page read badly, an
    # announced appendix without rows): each reason is an errors row, never silence
    losses = [Finding("read", "read_loss", w) for w in doc.losses]
    losses += _without_appendix_beside(doc, list(extracted.findings))
    losses += body_findings
    status: DocStatus = "partial" if failures or losses else "ok"
    errors = (
        [_error(run_id, doc, Finding("read", "reader_warning", w), "warning") for w in doc.warnings]
        + [_error(run_id, doc, f, "error") for f in failures]
        + [_error(run_id, doc, f, "warning") for f in [*losses, *normalized.findings]]
    )
    tables = tuple(TableRecord(doc.doc_id, info) for info in extracted.tables)
    result = _result(doc, status, normalized, errors, started, tables)
    if body is None:
        return result
    sheet = dataclasses.replace(result.documents[0], body_doc_id=body.doc_id if body.doc else None)
    depends_on = (path_key(body.path), body.doc_id)
    return dataclasses.replace(result, documents=(sheet,), depends_on=depends_on)


def _without_appendix_beside(doc: Document, findings: list[Finding]) -> list[Finding]:
    """`findings` without 'an appendix is announced but no rows' when the appendix is a file
    beside this body document (its rows are that file's)."""
    if not any(f.kind == "no_table_rows" for f in findings):
        return findings
    appendices = appendices_beside(Path(doc.source_path))
    if not appendices:
        return findings
    log.debug("%s: its appendix is %s", doc.source_path, ", ".join(map(str, appendices)))
    return [f for f in findings if f.kind != "no_table_rows"]


def _debug_read(doc: Document) -> None:
    """`plans -v`: what the reader found ('plan_000.pdf: read 9 pages (pdf), …')."""
    ocr = ", OCR" if doc.ocr else ""
    log.debug(
        "%s: read %d pages (%s%s), %d lines, %d table fragments",
        *(doc.source_path, doc.page_count, doc.source_format, ocr, len(doc.lines)),
        len(doc.tables),
    )


def _debug_extracted(doc: Document, found: Extracted) -> None:
    """`plans -v`: what extract found in the document."""
    log.debug(
        "%s: extracted %d tables, %d appendix rows, %d legal references",
        *(doc.source_path, len(found.tables), len(found.rows), len(found.refs)),
    )


def _error(run_id: str, doc: Document, finding: Finding, severity: Severity) -> ErrorRecord:
    return ErrorRecord(
        run_id,
        doc.doc_id,
        doc.source_path,
        finding.stage,
        finding.kind,
        _named(doc.source_path, finding.message),
        severity,
    )


def _result(
    doc: Document,
    status: DocStatus,
    normalized: NormalizedDocument,
    errors: list[ErrorRecord],
    started: datetime,
    tables: tuple[TableRecord, ...] = (),
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
        units=normalized.units,
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
        item_agencies=normalized.item_agencies,
        tables=tables,
        errors=tuple(errors),
        pages=doc.page_count,
        seconds=(datetime.now(UTC) - started).total_seconds(),
    )


def _failed(
    path: str,
    doc_id: str | None,
    fmt: str,
    run_id: str,
    stage: Stage,
    kind: str,
    message: str,
    seconds: float = 0.0,
) -> DocResult:
    key = path_key(path)
    error = ErrorRecord(run_id, doc_id, key, stage, kind, message)
    return DocResult(key, doc_id, fmt, "failed", errors=(error,), seconds=seconds)


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


def crashed(
    path: str, run_id: str, exc: BaseException, kind: str = "crash", seconds: float = 0.0
) -> DocResult:
    """A bug, a killed worker or a limit while processing a file: recorded, the batch goes
    on. `kind` says which ('crash', 'timeout', 'limit_exceeded')."""
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    log.error("processing %r failed (%s): %s", path, kind, detail)
    fmt = Path(path).suffix.lower().lstrip(".")
    return _failed(path, None, fmt, run_id, "extract", kind, f"{path}: {detail}", seconds)
