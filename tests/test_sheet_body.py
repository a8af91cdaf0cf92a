"""Issue 13: an appendix sent as a spreadsheet beside its body document is one plan: the
sheet's rows carry the body's metadata (pipeline/ingest/appendix.py, hooked into process_file).

The fixtures are made here from plan_004 (its DOCX as the body, its appendix grid written
as an .ods); the expected metadata is the hand-checked DocMeta of tests/test_metadata.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.ingest.process import process_file
from tests.test_metadata import EXPECTED
from tests.test_tables_variants import sample_docx, write_sheet

BODY = EXPECTED["004"]  # 18/KH-UBND, xã Giang Điền, 2023


def _folder(tmp_path: Path, body_name: str | None) -> Path:
    """plan_004's appendix as 'plan_004 - Phu luc.ods', its body as `body_name` beside it."""
    if body_name is not None:
        (tmp_path / body_name).write_bytes(sample_docx("004").read_bytes())
    return write_sheet("004", tmp_path)


def test_sheet_beside_its_body_takes_the_body_metadata(tmp_path: Path) -> None:
    sheet = _folder(tmp_path, "plan_004.docx")  # same name stem
    result = process_file(str(sheet), "r")
    meta = result.documents[0].meta
    assert (meta.doc_number, meta.commune, meta.district, meta.plan_year) == (
        BODY.doc_number,
        BODY.commune,
        BODY.district,
        BODY.plan_year,
    )
    assert (meta.signer, meta.issue_date) == (BODY.signer, BODY.issue_date)
    assert len(result.plan_items) == 48  # the golden rows of plan_004
    assert {item.plan_year for item in result.plan_items} == {2023}
    assert result.status == "ok", result.errors


def test_phu_luc_in_the_name_finds_the_only_body_beside_it(tmp_path: Path) -> None:
    sheet = _folder(tmp_path, "KH 18-UBND Giang Dien.docx")  # another stem, 'Phu luc' in the name
    assert process_file(str(sheet), "r").documents[0].meta.doc_number == "18/KH-UBND"


def test_sheet_alone_keeps_its_own_metadata(tmp_path: Path) -> None:
    result = process_file(str(_folder(tmp_path, None)), "r")
    meta = result.documents[0].meta
    assert meta.doc_number is None and meta.commune is None
    assert len(result.plan_items) == 48


def test_unreadable_body_is_a_warning_not_silence(tmp_path: Path) -> None:
    (tmp_path / "plan_004.docx").write_bytes(b"not a docx at all")
    sheet = write_sheet("004", tmp_path)
    result = process_file(str(sheet), "r")
    assert result.status == "partial"
    (error,) = [e for e in result.errors if e.kind == "body_unreadable"]
    assert "plan_004.docx" in error.message and str(sheet) in error.message
    assert len(result.plan_items) == 48


def test_body_document_itself_is_untouched(tmp_path: Path) -> None:
    _folder(tmp_path, "plan_004.docx")
    result = process_file(str(tmp_path / "plan_004.docx"), "r")
    assert result.documents[0].meta.doc_number == "18/KH-UBND"
    assert not [e for e in result.errors if e.kind == "body_unreadable"]


def _sheet_meta(data: Path) -> tuple[str | None, str | None]:
    from pipeline.query.views import connect

    row = (
        connect(data)
        .execute("SELECT doc_number, commune FROM all_documents WHERE source_format = 'ods'")
        .fetchone()
    )
    assert row is not None
    return row[0], row[1]


@pytest.mark.parametrize("mode", ["ingest", "nightly"])
def test_a_changed_body_re_extracts_its_sheet(mode: str, tmp_path: Path) -> None:
    # The sheet's bytes did not change, but the metadata it carries comes from its body:
    # when the body becomes another plan's text, the sheet's row must follow it.
    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    _folder(raw, "plan_004.docx")
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    assert _sheet_meta(data) == ("18/KH-UBND", "Giang Điền")
    (raw / "plan_004.docx").write_bytes(sample_docx("000").read_bytes())  # 57/KH-UBND, Hà Châu
    assert main([mode, str(raw), "--out", str(data), "--jobs", "1"]) == 0
    assert _sheet_meta(data) == (EXPECTED["000"].doc_number, EXPECTED["000"].commune)


def test_an_unchanged_body_leaves_its_sheet_skipped(tmp_path: Path) -> None:
    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    _folder(raw, "plan_004.docx")
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    from pipeline.query.views import connect

    skipped = connect(data).execute("SELECT docs_skipped FROM runs ORDER BY run_id").fetchall()
    assert skipped[-1][0] == 2  # the body and its sheet


def test_extract_document_takes_the_body_document_it_is_given(tmp_path: Path) -> None:
    # the seam: the pipeline finds and reads the body (I/O); extract joins the metadata
    from extract import extract_document
    from extract.readers import read_document

    sheet = _folder(tmp_path, "plan_004.docx")
    alone = extract_document(read_document(sheet))
    joined = extract_document(read_document(sheet), read_document(tmp_path / "plan_004.docx"))
    assert alone.meta.doc_number is None and joined.meta.doc_number == BODY.doc_number
    assert joined.meta.commune == BODY.commune and joined.rows == alone.rows


def _body_without_tables(folder: Path, note: str | None = None) -> Path:
    """plan_004's DOCX with its appendix taken out: the body a commune sends beside the sheet
    (`note`: a closing paragraph, e.g. one that announces the appendix)."""
    import docx

    document = docx.Document(str(sample_docx("004")))
    for table in list(document.tables):
        table._element.getparent().remove(table._element)
    if note:
        document.add_paragraph(note)
    path = folder / "plan_004.docx"
    document.save(str(path))
    return path


def test_a_plan_sent_as_body_and_sheet_counts_the_sheets_rows(tmp_path: Path) -> None:
    # The body DOCX is the plan's chosen file (docx ranks first) and holds no table; the
    # appendix rows are the sheet's. Counted per chosen file alone, `plan_items` had 0 rows of
    # the plan and the analyst lost its appendix.
    import duckdb

    from pipeline.query.views import connect

    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    _body_without_tables(raw)
    write_sheet("004", raw)
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    con = connect(data)
    assert con.execute("SELECT count(*) FROM plan_items").fetchone() == (48,)
    assert con.execute("SELECT source_format FROM documents").fetchall() == [("docx",)]
    body_refs = "SELECT count(*) FROM legal_refs JOIN all_documents d USING (doc_id) WHERE "
    assert con.execute(body_refs + "d.source_format = 'docx'").fetchone()[0] > 0  # type: ignore[index]
    # the Parquet stamps say the same to readers of the files
    files = [str(p) for p in (data / "current" / "plan_items").rglob("*.parquet")]
    stamped = duckdb.sql(f"SELECT count(*) FROM read_parquet({files}) WHERE chosen").fetchall()
    assert stamped == [(48,)]


def test_a_body_announcing_its_sheet_is_ok_and_keeps_its_references(tmp_path: Path) -> None:
    # '(Có Phụ lục chi tiết kèm theo)': the body announces the appendix that the sheet beside it
    # holds. The body must not be flagged for a missing appendix, and whichever half is the
    # chosen file, the plan counts the body's legal references and the sheet's rows.
    from pipeline.query.views import connect

    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    _body_without_tables(raw, "(Có Phụ lục chi tiết kèm theo Kế hoạch này)")
    write_sheet("004", raw)
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    con = connect(data)
    assert con.execute("SELECT kind FROM errors").fetchall() == []
    assert con.execute("SELECT DISTINCT status FROM all_documents").fetchall() == [("ok",)]
    assert con.execute("SELECT count(*) FROM plan_items").fetchall() == [(48,)]
    counted = "SELECT count(*) FROM legal_refs JOIN all_documents d USING (doc_id) WHERE "
    in_body = con.execute(counted + "d.source_format = 'docx'").fetchall()[0][0]
    assert (
        in_body
        == con.execute(
            "SELECT count(*) FROM all_legal_refs JOIN all_documents d USING (doc_id) "
            "WHERE d.source_format = 'docx'"
        ).fetchall()[0][0]
        > 0
    )


def test_a_body_announcing_an_appendix_that_is_nowhere_still_says_so(tmp_path: Path) -> None:
    body = _body_without_tables(tmp_path, "(Có Phụ lục chi tiết kèm theo Kế hoạch này)")
    result = process_file(str(body), "r")
    assert result.status == "partial"
    assert [e.kind for e in result.errors] == ["no_table_rows"]


def test_a_folder_is_listed_once_for_all_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every sheet looks for its body, and every body announcing an appendix for its sheet:
    # listing the folder for each file would grow as the square of the folder's size.
    from pipeline.ingest import appendix

    for i in range(5):
        (tmp_path / f"KH {i}.docx").write_bytes(b"x")
        (tmp_path / f"KH {i} - Phu luc.ods").write_bytes(b"x")
    listed: list[Path] = []
    real = Path.iterdir

    def counting(self: Path):  # type: ignore[no-untyped-def]
        listed.append(self)
        return real(self)

    monkeypatch.setattr(Path, "iterdir", counting)
    bodies = [appendix.appendices_beside(tmp_path / f"KH {i}.docx") for i in range(5)]
    assert bodies == [[tmp_path / f"KH {i} - Phu luc.ods"] for i in range(5)]
    assert listed == [tmp_path]
    (tmp_path / "KH 9.docx").write_bytes(b"x")  # the folder changed: listed again
    assert appendix.appendices_beside(tmp_path / "KH 9.docx") == []
    assert len(listed) == 2
