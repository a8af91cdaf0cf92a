"""The data dictionary: what every table and column means (README and `plans schema`).

Generated text comes from here and from models.arrow, so it cannot drift from the
schemas; tests check that every column has a description and that README.md matches.
"""

from __future__ import annotations

from models.arrow import TABLES, schema_of

STAMPS = {
    "run_id": "the run that wrote the row (e.g. 20261122T044301Z-3fa9c1)",
    "extractor_version": "package version + digest of the extract/normalize code that made the row",
}

TABLE_DOCS: dict[str, str] = {
    "documents": "one row per plan file (the same plan as DOCX and PDF gives two rows)",
    "plan_items": "one row per appendix-table row: sections and items with their cells by role",
    "item_scores": "the numbers of score columns ('Điểm tối đa', 'Điểm năm 2023', …)",
    "targets": "quantitative targets found in tables and body text, comparable across plans",
    "legal_refs": "every legal reference in a plan, with its span in the text",
    "errors": "problems: files that could not be read, warnings about inconsistent data",
    "runs": "one row per `plans ingest` / `plans nightly` run with its counts",
    "manifest": "what was extracted from each file (to skip unchanged files)",
    "doc_changes": "per run, how re-extracting a file changed its plan_items",
}

COLUMN_DOCS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "sha256 of the file bytes (hex); joins every other table",
        "source_path": "path of the file as given to `plans ingest`",
        "source_format": "pdf | docx | txt | md | image",
        "ocr": "true when text came from OCR",
        "page_count": "pages (DOCX: counted from explicit page and section breaks)",
        "doc_number": "the plan's own number, e.g. 57/KH-UBND; null when printed blank",
        "doc_type": "Kế hoạch | Quyết định | …",
        "title": "the title under the type heading",
        "commune": "commune (xã), e.g. Hà Châu",
        "district": "district (huyện) named in the text, e.g. Phú Bình",
        "province": "province or centrally-run city named in the text, e.g. Thái Nguyên",
        "issue_date": "date of the place-and-date line ('Hà Châu, ngày 28 tháng 8 năm 2022')",
        "plan_year": "the year the plan is for (from the title; partition key)",
        "signer": "name under the signature",
        "signer_title": "Chủ tịch | Phó Chủ tịch",
        "status": "ok | partial (some stage failed) | failed",
        "extracted_at": "when the file was extracted (UTC)",
    },
    "plan_items": {
        "doc_id": "the document",
        "table_index": "0-based index of the appendix table in the document",
        "row_index": "0-based row index in the stitched table (headers removed)",
        "kind": "section (a heading row) | item",
        "stt_raw": "the STT as printed ('3.4.', 'II'); empty for sub-rows",
        "code": "unique code: '3.4', '6.10' (printed 6.1), 'II.2.2', '2.6#2' (2nd sub-row)",
        "parent_code": "code of the parent row, e.g. '3.2' for '3.2.2'",
        "level": "depth in the table's hierarchy, 1 = top",
        "section_code": "code of the top-level ancestor, e.g. 'III'",
        "section_title": "label of the top-level ancestor",
        "criterion": "text of the criterion/content column",
        "objective": "text of the objective column (Mục tiêu)",
        "task": "text of the task column (Nhiệm vụ)",
        "requirement": "text of the requirement/target column (Yêu cầu, Chỉ tiêu)",
        "output": "text of the output column (Kết quả/Sản phẩm)",
        "lead": "lead agency as printed (Cơ quan chủ trì)",
        "support": "supporting agencies as printed (phối hợp, tham mưu)",
        "deadline_text": "deadline as printed",
        "deadline_date": "deadline as a date (quarter/year: its last day)",
        "deadline_kind": "date | quarter | month | year | recurring | event | none",
        "score_max": "maximum score ('Điểm tối đa') where the table has scores",
        "lead_role": "canonical agency role of the lead (e.g. VP_TK)",
        "field_code": "canonical PAR field F1..F8 (F0: composite indices)",
        "criterion_code": "canonical concept code, e.g. F3.ONTIME",
        "match_score": "confidence of the criterion match, 0..1",
        "match_method": "code_table | alias | fuzzy | none",
        "page_first": "first page of the row",
        "page_last": "last page of the row (a row split by a page break)",
        "plan_year": "the document's plan year (partition key)",
        "note": "text of a note column (Ghi chú)",
        "ocr_confidence": "mean OCR confidence of the row's cells (0-100), scans only",
        "commune": "the document's commune (copied so plan_items answers 'who' alone)",
        "district": "the document's district",
        "province": "the document's province",
        "code_list_version": "version of normalize/codes used for field_code and criterion_code",
    },
    "item_scores": {
        "doc_id": "the document",
        "table_index": "table of the item",
        "row_index": "row of the item",
        "code": "the item's code",
        "year": "year of the score column; null for 'Điểm tối đa'",
        "kind": "max | actual (a past year) | target (the plan year or later)",
        "value": "the score",
    },
    "targets": {
        "doc_id": "the document",
        "table_index": "table of the cell; null when from body text",
        "row_index": "row of the cell; null when from body text",
        "page": "page of the text",
        "criterion_code": "canonical concept the target is about",
        "metric": "canonical metric, e.g. ONTIME_RATE",
        "comparator": ">= | <= | =",
        "value": "the number (99,9 % -> 99.9)",
        "unit": "% | points | count",
        "scope": "commune | district | province",
        "text": "the text the target was read from",
        "plan_year": "the document's plan year (partition key)",
        "code_list_version": "version of normalize/codes used for criterion_code",
    },
    "legal_refs": {
        "doc_id": "the citing document",
        "key": "canonical number/symbol, e.g. 61/2018/NĐ-CP; null for laws cited by name",
        "ref_type": "Nghị định | Quyết định | Kế hoạch | Luật | Tiêu chuẩn | …",
        "number": "the number, e.g. 106 or 22a",
        "symbol_year": "year inside the symbol (61/2018/NĐ-CP -> 2018)",
        "symbol": "the symbol, e.g. NĐ-CP, KH-UBND, CT/TU",
        "issuer_code": "issuer part of the symbol, e.g. CP, UBND, TU",
        "issuer_level": "central | ministry | province | district | commune | party | unknown",
        "issued_date": "date given with the reference",
        "issuer_text": "issuer as written ('UBND huyện Phú Bình')",
        "subject": "the 'về …' subject phrase",
        "relation": "basis (Căn cứ) | implements (Thực hiện) | mention | self (own number)",
        "page": "page of the reference",
        "char_start": "start offset in the document text",
        "char_end": "end offset in the document text",
        "context": "text around the reference",
        "flags": "repairs made, e.g. double_slash, eth_for_d",
        "identity": "the cited document: key (normative), key|issuer|year (administrative, "
        "Party: their numbers restart per issuer and year), Luật|name|date (laws by name)",
    },
    "errors": {
        "run_id": "the run that found the problem",
        "doc_id": "the document (null when the file could not be read)",
        "source_path": "the file",
        "stage": "read | extract | normalize | write",
        "kind": "machine-readable kind, e.g. unreadable_file, crash, score_mismatch",
        "message": "what went wrong, naming the file and the reason",
        "severity": "error | warning",
    },
    "runs": {
        "run_id": "the run",
        "started_at": "start (UTC)",
        "finished_at": "end (UTC)",
        "mode": "ingest | nightly",
        "executor": "local[N] or dask[...]",
        "docs_seen": "files found under the paths",
        "docs_done": "files extracted (ok or partial)",
        "docs_skipped": "files skipped as unchanged",
        "docs_failed": "files that failed",
        "extractor_version": "extractor version of the run",
        "code_list_version": "canonical code list version of the run",
    },
    "manifest": {
        "source_path": "the file",
        "doc_id": "sha256 of its bytes",
        "size": "size in bytes when extracted",
        "mtime_ns": "modification time when extracted (ns)",
        "source_format": "format by suffix",
        "status": "ok | partial | failed",
        "extractor_version": "extractor version that extracted it",
        "code_list_version": "code list version used",
        "extracted_at": "when (UTC)",
    },
    "doc_changes": {
        "run_id": "the run that re-extracted the file",
        "source_path": "the file",
        "doc_id": "its new doc_id (null when the file disappeared)",
        "added": "plan_items rows that are new (by table and code)",
        "removed": "plan_items rows that are gone",
        "changed": "plan_items rows whose content changed",
    },
}


def describe(table: str, column: str) -> str:
    """The description of one column, e.g. describe('plan_items', 'code')."""
    return COLUMN_DOCS[table].get(column) or STAMPS[column]


def dictionary_markdown() -> str:
    """Every table as a Markdown section with a column table."""
    parts = []
    for table, (_, schema, partition) in TABLES.items():
        where = f" — partitioned by `{partition}`" if partition else ""
        parts.append(f"#### `{table}`{where}\n\n{TABLE_DOCS[table]}.\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        for field in schema:
            meaning = describe(table, field.name).replace("|", "\\|")  # a cell, not a column
            parts.append(f"| `{field.name}` | {field.type} | {meaning} |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def dictionary_text() -> str:
    """Every table and column as plain text."""
    lines = []
    for table in TABLES:
        lines.append(f"{table}: {TABLE_DOCS[table]}")
        for field in schema_of(table):
            lines.append(f"  {field.name:<18} {str(field.type):<14} {describe(table, field.name)}")
    return "\n".join(lines)
