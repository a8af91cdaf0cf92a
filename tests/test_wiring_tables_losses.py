"""No silent empty result, through a real ingest (issues 13 and 14): the `tables` table, an
announced appendix without rows, pages OCR could not read, a zip of page photos as one plan,
and the formats LibreOffice and spreadsheets bring."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pymupdf
import pytest

from extract.readers.ocr.engine import tesseract_path
from pipeline.cli import main
from pipeline.query.views import connect
from tests.conftest import FIXTURES, RAW

NO_PROGRESS = ["--progress", "none"]


def _ingest(src: Path, out: Path) -> int:
    return main(["ingest", str(src), "--out", str(out), *NO_PROGRESS])


def test_every_detected_table_is_a_row_of_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest(RAW / "plan_000.docx", out) == 0
    rows = (
        connect(out)
        .execute("select table_index, kind, rows, columns, roles, strategy, confidence from tables")
        .fetchall()
    )
    assert rows == [
        (
            0,
            "appendix",
            63,
            6,
            ["stt", "criterion", "requirement", "deadline", "lead", "support"],
            "docx",
            1.0,
        )
    ]


def test_an_announced_appendix_without_rows_makes_the_plan_partial(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    header = (RAW / "plan_003.txt").read_text(encoding="utf-8").splitlines()[:12]
    body = [*header, "Phụ lục I: Danh mục nhiệm vụ kèm theo Kế hoạch này (gửi kèm bản giấy)."]
    (src / "no_table.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    con = connect(out)
    assert con.execute("select status from documents").fetchall() == [("partial",)]
    [(kind, severity, message)] = con.execute(
        "select kind, severity, message from errors where kind = 'no_table_rows'"
    ).fetchall()
    assert severity == "warning" and "no_table.txt" in message and "appendix" in message


@pytest.mark.ocr
def test_pages_ocr_cannot_read_make_the_plan_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    with pymupdf.open(RAW / "plan_004.pdf") as mixed:
        with pymupdf.open(FIXTURES / "scans" / "plan_004.scan.p7-8.pdf") as scan:
            mixed.insert_pdf(scan, from_page=0, to_page=0)
        mixed.save(src / "typed_and_scanned.pdf")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no tesseract: the scanned page cannot be read
    tesseract_path.cache_clear()  # found by an earlier test in this process
    out = tmp_path / "out"
    try:
        assert _ingest(src, out) == 0
    finally:
        tesseract_path.cache_clear()
    con = connect(out)
    assert con.execute("select status from documents").fetchall() == [("partial",)]
    [(message,)] = con.execute("select message from errors where kind = 'read_loss'").fetchall()
    assert "not OCR'd" in message and "typed_and_scanned.pdf" in message
    assert con.execute("select count(*) from plan_items").fetchone()[0] > 0  # typed pages kept


@pytest.mark.ocr
def test_a_zip_of_page_photos_is_one_plan(tmp_path: Path) -> None:
    from tests import scan_fixtures as sf

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("IMG_2.jpg", sf.photo("plan_004", 19))
        archive.writestr("IMG_1.jpg", sf.photo("plan_004", 18))
    src = tmp_path / "in"
    src.mkdir()
    (src / "ke_hoach_anh.zip").write_bytes(buffer.getvalue())
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    con = connect(out)
    assert con.execute("select source_format, page_count from documents").fetchall() == [
        ("image", 2)
    ]
    codes = [c for (c,) in con.execute("select code from plan_items where kind='item'").fetchall()]
    assert codes and codes[0].startswith("5")  # plan_004 p.18 starts inside section 5


def test_a_doc_file_keeps_its_own_format(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    src = tmp_path / "in"
    src.mkdir()
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(src)]
        + [str(RAW / "plan_003.docx")]
        + [f"-env:UserInstallation=file://{tmp_path / 'profile'}"],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    rows = connect(out).execute("select source_format, commune from documents").fetchall()
    assert rows == [("doc", "Sơn Thượng")]


def test_a_text_file_that_is_no_plan_is_a_warning_not_an_ok_plan(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text("Gọi lại cho chị Lan về lịch họp thứ Hai.\n", encoding="utf-8")
    shutil.copy(RAW / "plan_003.txt", src / "plan_003.txt")
    out = tmp_path / "out"
    assert _ingest(src, out) == 0
    con = connect(out)
    rows = con.execute("select source_path, status from all_documents order by 1").fetchall()
    assert [(Path(p).name, s) for p, s in rows] == [
        ("notes.txt", "partial"),
        ("plan_003.txt", "ok"),
    ]
    [(message,)] = con.execute("select message from errors where kind = 'not_a_plan'").fetchall()
    assert "notes.txt" in message and "no plan header" in message
