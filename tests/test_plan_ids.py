"""The one file of each plan to count, decided twice on purpose: stamped on the Parquet rows
by the run (pipeline/ingest/plan_ids.py, for readers of the files) and computed by the views
(pipeline/query/sql/chosen_documents.sql, also for datasets written before the columns existed).
The two must agree on every document."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipeline.cli import main
from pipeline.query.views import connect
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
