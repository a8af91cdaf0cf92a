"""An appendix sent as a document of its own ('KH 18 - Phu luc.docx' beside 'KH 18.docx') is one
plan with its body, as a spreadsheet appendix is (issue 13, tests/test_sheet_body.py): its rows
carry the body's number, commune and year, and the body is not flagged for a missing appendix.

The fixtures are made here from plan_004.docx: the body with its table taken out and the
appendix announced, the appendix with the table alone under its own heading (as communes send
them). The expected metadata is the hand-checked DocMeta of tests/test_metadata.py; the 48 rows
are the golden rows of plan_004.
"""

from __future__ import annotations

from pathlib import Path

import docx
import duckdb
import pytest

from pipeline.cli import main
from pipeline.ingest.process import process_file
from tests.test_metadata import EXPECTED
from tests.test_tables_variants import sample_docx

BODY = EXPECTED["004"]  # 18/KH-UBND, xã Giang Điền, 2023
ANNOUNCED = "(Có Phụ lục chi tiết kèm theo)"
ATTACHED = "(Kèm theo Kế hoạch số 18/KH-UBND ngày 03/02/2023 của UBND xã Giang Điền)"


def split(folder: Path, appendix_name: str = "plan_004 - Phu luc.docx", line: str = "") -> Path:
    """plan_004 as two files: 'plan_004.docx' (its table replaced by ANNOUNCED) and the
    appendix (its table alone, under 'PHỤ LỤC' and `line`). Returns the appendix."""
    body = docx.Document(str(sample_docx("004")))
    table = body.tables[0]._element
    table.addprevious(body.add_paragraph(ANNOUNCED)._element)
    table.getparent().remove(table)
    body.save(str(folder / "plan_004.docx"))
    appendix = docx.Document(str(sample_docx("004")))
    for element in list(appendix.element.body.iterchildren()):
        if not element.tag.endswith(("}tbl", "}sectPr")):
            appendix.element.body.remove(element)
    table = appendix.tables[0]._element
    for text in ("PHỤ LỤC", "NỘI DUNG VÀ THỜI GIAN TRIỂN KHAI", line):
        if text:
            table.addprevious(appendix.add_paragraph(text)._element)
    appendix.save(str(folder / appendix_name))
    return folder / appendix_name


def _meta(path: Path) -> tuple[object, ...]:
    result = process_file(str(path), "r")
    meta = result.documents[0].meta
    return (meta.doc_number, meta.commune, meta.district, meta.plan_year, len(result.plan_items))


def test_an_appendix_document_beside_its_body_takes_the_body_metadata(tmp_path: Path) -> None:
    appendix = split(tmp_path)
    want = (BODY.doc_number, BODY.commune, BODY.district, BODY.plan_year, 48)
    assert _meta(appendix) == want
    result = process_file(str(appendix), "r")
    assert result.status == "ok", result.errors
    body = process_file(str(tmp_path / "plan_004.docx"), "r").documents[0]
    assert result.documents[0].body_doc_id == body.doc_id


def test_an_appendix_naming_its_plan_is_joined_too(tmp_path: Path) -> None:
    # '(Kèm theo Kế hoạch số 18/KH-UBND … của UBND xã Giang Điền)' gives the appendix a number
    # and a commune of its own, but no year: alone it would be another plan than its body.
    appendix = split(tmp_path, line=ATTACHED)
    assert _meta(appendix) == ("18/KH-UBND", "Giang Điền", BODY.district, 2023, 48)


def test_a_body_beside_its_appendix_document_is_not_missing_it(tmp_path: Path) -> None:
    split(tmp_path)
    result = process_file(str(tmp_path / "plan_004.docx"), "r")
    assert result.status == "ok" and not result.errors
    # with no appendix beside it, the same body still says its appendix is missing
    (tmp_path / "plan_004 - Phu luc.docx").unlink()
    alone = process_file(str(tmp_path / "plan_004.docx"), "r")
    assert alone.status == "partial" and [e.kind for e in alone.errors] == ["no_table_rows"]


def test_a_whole_plan_named_with_phu_luc_keeps_its_own_metadata(tmp_path: Path) -> None:
    # another plan whose file name says 'kèm phụ lục' (57/KH-UBND of Hà Châu, body and table
    # in one file) is not an appendix of the body beside it
    split(tmp_path)
    whole = tmp_path / "KH 57 kem phu luc.docx"
    whole.write_bytes(sample_docx("000").read_bytes())
    result = process_file(str(whole), "r")
    assert result.documents[0].meta.doc_number == EXPECTED["000"].doc_number
    assert result.documents[0].body_doc_id is None


def test_a_copy_of_a_whole_plan_is_no_appendix_of_it(tmp_path: Path) -> None:
    # 'plan_004 va phu luc.docx' beside 'plan_004.docx', both the whole plan: paired, the
    # table's rows would count twice
    (tmp_path / "plan_004.docx").write_bytes(sample_docx("004").read_bytes())
    copy = tmp_path / "plan_004 va phu luc.docx"
    copy.write_bytes(sample_docx("004").read_bytes())
    assert process_file(str(copy), "r").documents[0].body_doc_id is None


def test_a_plan_sent_as_body_and_appendix_documents_is_one_plan(tmp_path: Path) -> None:
    from pipeline.query.views import connect

    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    split(raw, line=ATTACHED)
    assert main(["ingest", str(raw), "--out", str(data), "--jobs", "1"]) == 0
    con = connect(data)
    assert con.execute("SELECT kind FROM errors").fetchall() == []
    assert con.execute("SELECT count(*) FROM plan_items").fetchall() == [(48,)]
    # the body is the plan's document; its legal references count with the appendix's rows
    documents = con.execute("SELECT source_path, commune, plan_year FROM documents").fetchall()
    assert documents == [(str(raw / "plan_004.docx"), "Giang Điền", 2023)]
    assert con.execute("SELECT count(*) FROM legal_refs").fetchone()[0] > 0  # type: ignore[index]
    # and the Parquet stamps (written by the run, in Python) say the same as the view (SQL)
    files = [str(p) for p in (data / "current" / "documents").rglob("*.parquet")]
    chosen = f"SELECT source_path FROM read_parquet({files}) WHERE chosen"
    assert duckdb.sql(chosen).fetchall() == [(str(raw / "plan_004.docx"),)]


def test_the_body_is_the_one_whose_whole_name_the_appendix_starts_with() -> None:
    from extract.readers.sheet import body_of

    folder = Path("/plans")
    siblings = [folder / n for n in ("KH 1.docx", "KH 18.docx", "KH 180.docx")]
    for appendix in ("KH 18 - Phu luc.docx", "KH 18 - Phu luc.xlsx", "KH 18_PL01.pdf"):
        # 'kh 18 phu luc' starts with 'kh 1' too, and 'KH 1.docx' sorts first
        assert body_of(folder / appendix, siblings) == folder / "KH 18.docx", appendix
    # in a folder of many plans, an appendix named for none of them has no body
    assert body_of(folder / "Phu luc.docx", siblings) is None
    # a document whose name does not say appendix is nobody's appendix
    assert body_of(folder / "KH 18 ban sao.docx", siblings) is None


def test_a_document_not_named_an_appendix_does_not_list_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every document is asked for a body now, each in a forked worker whose folder listing
    # starts cold: listing the folder for every plan of a folder of N plans grows as N².
    from pipeline.ingest import appendix

    split(tmp_path)
    listed: list[Path] = []
    monkeypatch.setattr(appendix, "files_in", lambda folder: listed.append(folder) or ())
    assert appendix.read_body(tmp_path / "plan_004.docx") is None
    assert listed == []
    appendix.read_body(tmp_path / "plan_004 - Phu luc.docx")  # an appendix looks for its body
    assert listed == [tmp_path]
