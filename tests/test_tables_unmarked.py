"""Plans typed without marks (old fonts, phones, OCR that loses them): the samples' text
exports with every mark stripped give the golden rows, their marks stripped too. Header words,
deadline forms, task verbs and 003's criterion headings are read as their marked forms
(`extract.marks.AnyMarks`). Before it, every sample gave 0 rows ('a 52x7 table but no rows').
The header, metadata and legal references are read so too.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from extract import extract_document, read_document
from extract.legal import find_legal_refs
from extract.marks import AnyMarks
from extract.metadata import find_metadata
from extract.tables.roles import role_of
from models.marks import is_bare, strip_marks
from models.records import LegalRefRecord
from pipeline.cli import main
from pipeline.query.views import connect
from tests.conftest import RAW, SAMPLES
from tests.test_tables_variants import golden, rows_as_json


def _bare(value: object) -> object:
    """A golden row's value with its marks stripped (strings inside lists and dicts too)."""
    if isinstance(value, str):
        return strip_marks(value)
    if isinstance(value, list):
        return [_bare(v) for v in value]
    if isinstance(value, dict):
        return {k: _bare(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_plan_typed_without_marks_gives_the_golden_rows(sample: str, tmp_path: Path) -> None:
    text = (RAW / f"plan_{sample}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"plan_{sample}.txt"
    path.write_text(strip_marks(text), encoding="utf-8")
    want = [_bare(row) for row in golden(sample)]
    got = json.loads(json.dumps(rows_as_json(path)))
    assert len(got) == len(want)
    assert [r for r in got if r not in want] == []


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Co quan chu tri", "lead"),
        ("Don vi phoi hop", "support"),
        ("Thoi gian hoan thanh", "deadline"),
        ("Noi dung nhiem vu", "task"),
        ("Ket qua dau ra", "output"),
        ("Diem toi da", "score_max"),
        ("STT", "stt"),
    ],
)
def test_a_header_typed_without_marks_keeps_its_role(header: str, role: str) -> None:
    assert role_of(header) == role


def test_any_marks_reads_a_bare_text_as_its_marked_form_and_a_marked_text_only_so() -> None:
    deadline = AnyMarks(r"^(?:Thường xuyên|Hằng năm|Trước ngày)")
    assert deadline.match("Thuong xuyen") and deadline.match("Hang nam")
    assert deadline.match("Thường xuyên") and not deadline.match("Thuờng xuyen")
    verb = AnyMarks(r"^(?:Cử|Rà soát)\b")
    assert verb.match("Cu can bo di hoc") and not verb.match("Cụ thể hóa")  # marked: 'Cụ' only
    assert (
        is_bare("“1.2.1. Bao cao quy” – nam 2024")
        and not is_bare("Báo cáo")
        and not is_bare("2024")
    )
    assert AnyMarks(r"Lĩnh vực", re.IGNORECASE).search("2. LINH VUC: Cai cach the che")


def test_a_plan_typed_without_marks_is_no_partial_plan(tmp_path: Path) -> None:
    # Everything is read without marks, so nothing is reported missing: the findings equal
    # the marked plan's (none for 004).
    text = (RAW / "plan_004.txt").read_text(encoding="utf-8")
    bare = tmp_path / "plan_004.txt"
    bare.write_text(strip_marks(text), encoding="utf-8")
    assert not extract_document(read_document(bare)).findings
    assert not extract_document(read_document(RAW / "plan_004.txt")).findings


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_plan_typed_without_marks_gives_its_header(sample: str, tmp_path: Path) -> None:
    # number, type, title, places, date, year and signer, as with marks (extract.marks)
    text = (RAW / f"plan_{sample}.txt").read_text(encoding="utf-8")
    bare = tmp_path / f"plan_{sample}.txt"
    bare.write_text(strip_marks(text), encoding="utf-8")
    want = find_metadata(read_document(RAW / f"plan_{sample}.txt"))
    got = find_metadata(read_document(bare))
    assert {k: _bare(v) for k, v in asdict(got).items()} == {
        k: _bare(v) for k, v in asdict(want).items()
    }
    assert got.doc_type == want.doc_type  # the canonical word, with its marks


def _ref_fields(ref: LegalRefRecord) -> tuple[object, ...]:
    return tuple(
        _bare(v)
        for v in (ref.key, ref.ref_type, ref.issued_date, ref.issuer_text, ref.issuer_level)
    ) + (_bare(ref.subject), ref.relation, ref.flags)


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_plan_typed_without_marks_gives_its_legal_references(sample: str, tmp_path: Path) -> None:
    # key, type (canonical, with marks), date, issuer and its level, subject, relation and
    # flags as with marks; before, dates, issuers and relations were lost ('ngay', 'cua',
    # 'Can cu' were matched with marks only) and 'so' / 'ND' were flagged as slips.
    text = (RAW / f"plan_{sample}.txt").read_text(encoding="utf-8")
    bare = tmp_path / f"plan_{sample}.txt"
    bare.write_text(strip_marks(text), encoding="utf-8")
    want = [_ref_fields(r) for r in find_legal_refs(read_document(RAW / f"plan_{sample}.txt"))]
    got = [_ref_fields(r) for r in find_legal_refs(read_document(bare))]
    assert got == want


VOLATILE = {"run_id", "extractor_version", "code_list_version", "extracted_at", "source_path"}
VOLATILE |= {"doc_id", "plan_id", "context", "match_key", "identity", "message"}
VOLATILE |= {"criterion_candidates", "match_score"}  # scores move by 0.01 (function words)
TABLES = ("documents", "plan_items", "targets", "legal_refs", "item_agencies", "item_scores")


def _dataset(folder: Path, out: Path) -> dict[str, list[str]]:
    assert main(["ingest", str(folder), "--out", str(out), "--progress", "none"]) == 0
    con = connect(out)
    found: dict[str, list[str]] = {}
    for table in (*TABLES, "errors", "tables"):
        cursor = con.execute(f"select * from {table}")
        names = [c[0] for c in cursor.description]
        found[table] = sorted(
            repr(tuple(_bare(v) for n, v in zip(names, row, strict=True) if n not in VOLATILE))
            for row in cursor.fetchall()
        )
    return found


def test_the_samples_typed_without_marks_give_every_table_of_the_marked_ones(
    tmp_path: Path,
) -> None:
    # A real ingest of the five text exports, with and without marks: every row of every
    # table is the same, marks aside (and no row of 'errors' more).
    marked, bare = tmp_path / "marked", tmp_path / "bare"
    marked.mkdir()
    bare.mkdir()
    for sample in SAMPLES:
        text = (RAW / f"plan_{sample}.txt").read_text(encoding="utf-8")
        (marked / f"plan_{sample}.txt").write_text(text, encoding="utf-8")
        (bare / f"plan_{sample}.txt").write_text(strip_marks(text), encoding="utf-8")
    want = _dataset(marked, tmp_path / "out_marked")
    got = _dataset(bare, tmp_path / "out_bare")
    for table in want:
        assert got[table] == want[table], table
