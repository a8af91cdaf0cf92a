"""The one file of each plan to count, decided twice on purpose: stamped on the Parquet rows
by the run (pipeline/ingest/plan_ids.py, for readers of the files) and computed by the views
(pipeline/query/sql/chosen_documents.sql, also for datasets written before the columns existed).
The two must agree on every document."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.cli import main
from pipeline.ingest.plan_ids import plan_ids, row_plan_ids
from pipeline.query.views import connect, sql_text
from tests.conftest import RAW


def test_stamped_plan_ids_equal_the_views(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("plan_003.docx", "plan_003.pdf", "plan_003.txt", "plan_004.txt"):
        shutil.copy(RAW / name, src / name)
    (src / "broken.pdf").write_bytes(b"not a pdf")  # failed: no plan, never chosen
    (src / "notes.txt").write_text("Ghi chú họp.\n", encoding="utf-8")  # no commune
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 1
    files = [str(p) for p in (out / "current" / "documents").rglob("*.parquet")]
    stored = duckdb.sql(
        f"select doc_id, plan_id, chosen from read_parquet({files}) order by doc_id"
    ).fetchall()
    viewed = (
        connect(out)
        .execute("select doc_id, plan_id, chosen from document_plans order by doc_id")
        .fetchall()
    )
    assert stored == viewed
    assert sum(chosen for _, _, chosen in stored) == 3  # Sơn Thượng, Giang Điền, the notes
    assert len({plan for _, plan, _ in stored if plan}) == 3


def _documents(*files: tuple[str, str, bool]) -> pa.Table:
    """One plan (Sơn Thượng 2024, 12/KH-UBND) held by several files: (path, format, ocr)."""
    return pa.table(
        {
            "doc_id": [f"{i:064x}" for i in range(len(files))],
            "source_path": [path for path, _, _ in files],
            "source_format": [fmt for _, fmt, _ in files],
            "ocr": [ocr for _, _, ocr in files],
            "status": ["ok"] * len(files),
            "commune": ["Sơn Thượng"] * len(files),
            "plan_year": pa.array([2024] * len(files), pa.int32()),
            "doc_number": ["12/KH-UBND"] * len(files),
            "title": ["Kế hoạch CCHC năm 2024"] * len(files),
            "body_doc_id": pa.array([None] * len(files), pa.string()),
        }
    )


def _chosen_both_ways(documents: pa.Table) -> str:
    """The chosen file's path, by the Python stamps and by the view's SQL (which must agree)."""
    stamped = plan_ids(documents)
    by_python = [
        p
        for p, d in zip(
            documents["source_path"].to_pylist(), documents["doc_id"].to_pylist(), strict=True
        )
        if stamped[d][1]
    ]
    con = duckdb.connect()
    con.register("docs", documents)
    chosen = con.execute(
        "SELECT d.source_path FROM (" + sql_text("chosen_documents", documents="docs") + ") p "
        "JOIN docs d USING (doc_id) WHERE p.chosen"
    ).fetchall()
    assert [row[0] for row in chosen] == by_python
    (path,) = by_python
    return path


def test_a_typed_file_is_chosen_before_a_scan_of_the_same_format() -> None:
    # 'a_scan.pdf' sorts before 'b.pdf'; by format and path alone the OCR'd copy was counted.
    assert (
        _chosen_both_ways(_documents(("a_scan.pdf", "pdf", True), ("b.pdf", "pdf", False)))
        == "b.pdf"
    )


def test_office_and_web_formats_rank_before_scans_and_exports() -> None:
    # .doc/.odt/.rtf become DOCX through LibreOffice (the same table structure), a web page
    # keeps its table markup: each ranked with the images and zips before.
    files = (("a.jpg", "image", True), ("b.txt", "txt", False), ("c.html", "html", False))
    assert _chosen_both_ways(_documents(*files)) == "c.html"
    files = (("a.pdf", "pdf", False), ("b.odt", "odt", False))
    assert _chosen_both_ways(_documents(*files)) == "b.odt"


def test_both_halves_of_a_body_and_its_sheet_count_in_python_and_sql() -> None:
    # The body is partial (it announces an appendix it does not hold), so the sheet is the
    # chosen file; the tables of rows still count the body's rows, and the other plan's file
    # (a lone scan of the same plan, not chosen) stays out.
    docs = _documents(
        ("body.docx", "docx", False), ("body.ods", "ods", False), ("s.pdf", "pdf", True)
    )
    ids = docs["doc_id"].to_pylist()
    docs = docs.set_column(4, "status", pa.array(["partial", "ok", "ok"]))
    docs = docs.set_column(9, "body_doc_id", pa.array([None, ids[0], None], pa.string()))
    assert _chosen_both_ways(docs) == "body.ods"
    by_python = {d: chosen for d, (_, chosen) in row_plan_ids(docs, plan_ids(docs)).items()}
    con = duckdb.connect()
    con.register("docs", docs)
    by_sql = dict(
        con.execute(
            "SELECT doc_id, rows_chosen FROM ("
            + sql_text("chosen_documents", documents="docs")
            + ")"
        ).fetchall()
    )
    assert by_python == by_sql == {ids[0]: True, ids[1]: True, ids[2]: False}
