"""`plans` end to end, in-process: ingest real samples, read the Parquet back with DuckDB."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from models.arrow import TABLE_NAMES
from pipeline.cli import build_parser, main
from pipeline.dataset.store import Store
from tests.conftest import RAW

# The four plans with an appendix table, plus Sơn Thượng whose criteria are printed as
# 'Tiêu chí thành phần' headings (extracted as plan_items too, as the criteria issue asks).
EXPECTED_COMMUNES = {
    ("Hà Châu", 2023),
    ("Thanh Liệt", 2024),
    ("Lộc Hòa", 2025),
    ("Giang Điền", 2023),
    ("Sơn Thượng", 2024),
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All samples (DOCX, PDF, text) ingested once for the module."""
    out = tmp_path_factory.mktemp("parquet")
    code = main(["ingest", str(RAW), "--out", str(out), "--jobs", "2", "--progress", "none"])
    assert code == 0
    return out


def _sql(out: Path, sql: str) -> list[tuple[object, ...]]:
    from pipeline.query.views import connect

    return connect(out).execute(sql).fetchall()


def test_every_subcommand_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, subparser in sub.choices.items():  # type: ignore[union-attr]
        assert subparser.description or subparser.format_help(), name
        for action in subparser._actions:
            if action.dest != "help":
                assert action.help, f"plans {name}: {action.dest} has no help"
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0


def test_ingest_writes_all_tables(ingested: Path) -> None:
    for table in TABLE_NAMES:
        assert (ingested / table).is_dir(), table
    docs = _sql(ingested, "select count(*), count(distinct source_format) from all_documents")
    assert docs == [(15, 3)]
    assert _sql(ingested, "select count(*), count(distinct plan_id) from documents") == [(5, 5)]


def test_plan_items_per_commune_and_year(ingested: Path) -> None:
    """The acceptance query of the foundation issue."""
    rows = _sql(ingested, "select commune, plan_year, count(*) from plan_items group by all")
    assert {(c, y) for c, y, _ in rows} == EXPECTED_COMMUNES
    per_format = _sql(
        ingested,
        "select d.commune, d.source_format, count(*) from plan_items i join documents d "
        "using (doc_id) group by all order by all",
    )
    counts: dict[str, set[int]] = {}
    for commune, _fmt, n in per_format:
        counts.setdefault(commune, set()).add(n)
    assert all(len(v) == 1 for v in counts.values()), per_format  # same rows in every format


def test_duckdb_reads_the_written_parquet_directly(ingested: Path) -> None:
    rows = duckdb.sql(
        f"select count(*) from read_parquet('{ingested}/plan_items/**/*.parquet', "
        "hive_partitioning = true) where plan_year = 2024"
    ).fetchall()
    # 2024: plan_001 (Thanh Liệt, 118 rows) and plan_003 (Sơn Thượng, 22), three formats each
    assert rows[0][0] == 3 * (118 + 22)


def test_query_command_formats(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "select commune, plan_year from documents where source_format = 'docx' order by 2, 1"
    assert main(["query", sql, "--data", str(ingested), "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {"commune": "Hà Châu", "plan_year": 2023} in lines and len(lines) == 5
    assert main(["query", sql, "--data", str(ingested)]) == 0
    out = capsys.readouterr().out
    assert "Thanh Liệt" in out and "(5 rows)" in out


def test_query_reports_sql_errors_as_usage(
    ingested: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "select nope from documents", "--data", str(ingested)]) == 2
    assert "SQL error" in capsys.readouterr().err


def test_second_ingest_skips_everything(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = ingested
    assert main(["ingest", str(RAW), "--out", str(out), "--progress", "none"]) == 0
    assert "skipped unchanged 15" in capsys.readouterr().out
    runs = _sql(out, "select docs_seen, docs_skipped, docs_done from runs order by started_at")
    assert runs[-1] == (15, 15, 0)


def test_bad_files_become_error_rows_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_000.txt", src / "good.txt")
    (src / "empty.pdf").write_bytes(b"")
    (src / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (src / "table.numbers").write_bytes(b"whatever")
    (src / "truncated.pdf").write_bytes((RAW / "plan_003.pdf").read_bytes()[:5000])
    out = tmp_path / "out"
    code = main(["ingest", str(src), "--out", str(out), "--progress", "none"])
    assert code == 1
    errors = {
        Path(p).name: (k, m)
        for p, k, m in _sql(
            out, "select source_path, kind, message from errors where severity = 'error'"
        )
    }
    assert set(errors) == {"empty.pdf", "broken.docx", "table.numbers", "truncated.pdf"}
    for name, (_kind, message) in errors.items():
        assert name in message
    assert errors["table.numbers"][0] == "unsupported_format"
    assert _sql(out, "select commune from documents where status = 'ok'") == [("Hà Châu",)]


def test_locked_dataset_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path).writer_lock():
        code = main(
            ["ingest", str(RAW / "plan_003.txt"), "--out", str(tmp_path), "--progress", "none"]
        )
    assert code == 2
    assert "another run" in capsys.readouterr().err


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_refs_command_prints_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa"
    )
    assert main(["refs", "--text", text]) == 0
    refs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["key"], r["relation"], r["issued_date"]) for r in refs] == [
        ("61/2018/NĐ-CP", "basis", "2018-04-23")
    ]


def test_schema_command_matches_readme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--markdown"]) == 0
    generated = capsys.readouterr().out
    readme = (RAW.parent.parent / "README.md").read_text(encoding="utf-8")
    assert generated.strip() in readme, "README data dictionary is stale: run `make docs`"


def test_compare_ontime_across_communes(ingested: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The acceptance of the criteria issue, read off `plans compare F3.ONTIME`."""
    assert main(["compare", "F3.ONTIME", "--data", str(ingested), "--max-width", "200"]) == 0
    lines = capsys.readouterr().out.splitlines()

    def has(commune: str, year: int, location: str, target: str) -> bool:
        return any(
            line.startswith(commune) and f" {year} " in line and location in line and target in line
            for line in lines
        )

    assert has("Hà Châu", 2023, "item 3.2.2", ">= 99.9 %")
    assert has("Lộc Hòa", 2025, "item II.2.2", ">= 96 %")
    assert has("Lộc Hòa", 2025, "body p.1", ">= 98 %")
    assert has("Sơn Thượng", 2024, "item 3.4.1", ">= 97 %")
    assert has("Giang Điền", 2023, "item 3.2", ">= 96 %")
    assert has("Thanh Liệt", 2024, "item 3.3.1", ">= 4.5 points")
    thanh_liet = next(line for line in lines if line.startswith("Thanh Liệt"))
    assert "actual 2023: 4.5/4.5" in thanh_liet and "target 2024: 4.5/4.5" in thanh_liet


def test_compare_unknown_criterion_is_a_usage_error(
    ingested: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", "F3.NOPE", "--data", str(ingested)]) == 2
    assert "unknown criterion" in capsys.readouterr().err


def test_review_lists_weak_matches_with_candidates(
    ingested: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--data", str(ingested), "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "candidates" in out.splitlines()[0]
    assert "Giang Điền" in out or "Lộc Hòa" in out


def test_report_command_writes_html(
    ingested: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--data", str(ingested), "--out", str(out)]) == 0
    charts = int(capsys.readouterr().out.split(": ")[1].split()[0])
    html = out.read_text(encoding="utf-8")
    assert charts >= 5 and html.count("<svg") >= charts
    assert "http://" not in html.replace("http://www.w3.org", "")  # nothing fetched


def test_targets_wide_has_one_row_per_commune_year(ingested: Path) -> None:
    rows = _sql(ingested, "select commune, plan_year, ONTIME_RATE from targets_wide order by 2, 1")
    assert ("Hà Châu", 2023, 99.9) in rows and ("Giang Điền", 2023, 96.0) in rows
    assert len({(c, y) for c, y, _ in rows}) == len(rows)


def test_citations_resolve_to_documents_of_the_corpus(tmp_path: Path) -> None:
    """A district report citing Hà Châu's plan 57/KH-UBND finds it in the corpus; the same
    number from another commune does not."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_000.txt", src / "ha_chau.txt")
    (src / "report.txt").write_text(
        "Số: 12/BC-UBND\nPhú Bình, ngày 10 tháng 12 năm 2023\nBÁO CÁO\nKết quả cải cách hành "
        "chính năm 2023\nCăn cứ Kế hoạch số 57/KH-UBND ngày 28/8/2022 của UBND xã Hà Châu về "
        "duy trì Chỉ số cải cách hành chính;\nKế hoạch số 57/KH-UBND ngày 03/3/2023 của UBND "
        "xã Lộc Hòa.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["ingest", str(src), "--out", str(out), "--progress", "none"]) == 0
    rows = _sql(
        out,
        "select identity, cited_commune from citations where key = '57/KH-UBND' order by 1",
    )
    assert rows == [
        ("57/KH-UBND|ubnd xa ha chau|2022", "Hà Châu"),
        ("57/KH-UBND|ubnd xa loc hoa|2023", None),
    ]


def test_json_logs_give_one_line_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "plan_003.txt", src / "a.txt")
    (src / "b.pdf").write_bytes(b"")
    main(["ingest", str(src), "--out", str(tmp_path / "o"), "--progress", "none", "--log-json"])
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    per_doc = {Path(e["path"]).name: e["status"] for e in events if e["message"] == "extracted"}
    assert per_doc == {"a.txt": "ok", "b.pdf": "failed"}


def test_same_plan_same_plan_items_in_every_format(ingested: Path) -> None:
    """DESIGN.md: the same plan must give the same rows in every format (pages aside)."""
    rows = _sql(
        ingested,
        "select d.source_format, i.* exclude (doc_id, page_first, page_last, run_id, "
        "extractor_version, ocr_confidence, chosen, box_page, box_x0, box_top, box_x1, "
        "box_bottom, cell_boxes) from all_plan_items i join all_documents d using (doc_id) "
        "order by all",
    )
    by_format: dict[str, list[tuple[object, ...]]] = {}
    for fmt, *rest in rows:
        by_format.setdefault(str(fmt), []).append(tuple(rest))
    assert set(by_format) == {"docx", "pdf", "txt"}
    assert by_format["docx"] == by_format["pdf"] == by_format["txt"]
    assert len(by_format["docx"]) == 60 + 118 + 67 + 22 + 48


def test_progress_lines_show_counts_and_eta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("plan_000.txt", "plan_003.txt", "plan_004.docx"):
        shutil.copy(RAW / name, src / name)
    main(["ingest", str(src), "--out", str(tmp_path / "o"), "--progress", "lines"])
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "extracting 3 file(s), 0 unchanged skipped"
    assert err[1].startswith("[1/3] ok") and ", eta " in err[1]
    assert err[3].startswith("[3/3] ok")


def test_python_m_pipeline_runs_the_plans_command() -> None:
    # STYLE.md: `python -m pipeline` works too, for a machine without the installed script.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("plans "), done.stdout
