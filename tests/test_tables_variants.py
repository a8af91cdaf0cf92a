"""Issue 13: the samples' appendix tables re-laid out and re-typed the way other communes
send them; every variant must give the sample's golden rows (tests/fixtures/tables).

Each fixture is made here from a sample (python-docx, LibreOffice, a hand-written .ods);
the expected rows are the golden files, never this code's output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.readers import read_document
from extract.tables import find_table_rows, find_tables
from tests.conftest import FIXTURES, RAW, SAMPLES
from tests.test_tables import comparable
from tests.variant_forms import ods_bytes, soffice_convert

SAMPLE_DIR = RAW  # the samples ship in data/raw
TABLES = FIXTURES / "tables"
WITH_TABLES = tuple(s for s in SAMPLES if s != "003")  # 003 prints its criteria as headings
HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) not installed")


def golden(sample: str) -> list[dict[str, object]]:
    lines = (TABLES / f"plan_{sample}.rows.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def rows_as_json(path: Path) -> list[dict[str, object]]:
    return json.loads(json.dumps(comparable(find_table_rows(read_document(path)))))


def identical_share(got: list[dict[str, object]], want: list[dict[str, object]]) -> float:
    same = sum(1 for a, b in zip(got, want, strict=False) if a == b)
    return same / max(len(got), len(want), 1)


def assert_golden(path: Path, sample: str) -> None:
    got, want = rows_as_json(path), golden(sample)
    if got != want:
        diff = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), None)
        detail = f"first difference at row {diff}: {got[diff]} != {want[diff]}" if diff else ""
        pytest.fail(
            f"{path.name}: {identical_share(got, want):.3f} identical "
            f"({len(got)} rows, {len(want)} expected) {detail}"
        )


def sample_docx(sample: str) -> Path:
    return SAMPLE_DIR / f"plan_{sample}.docx"


def appendix_grids(sample: str) -> list[list[list[str | None]]]:
    """The sample DOCX's table grids as laid out in the file (merged slots None)."""
    doc = read_document(sample_docx(sample))
    return [[list(row.cells) for row in table.rows] for table in doc.tables]


# --- file types: .doc/.odt/.rtf through LibreOffice, spreadsheets through calamine ----------


@needs_soffice
def test_doc_gives_the_docx_rows(tmp_path: Path) -> None:
    """A Word 97 .doc of plan_004 (LibreOffice made) -> the golden rows."""
    source = tmp_path / "plan_004.docx"
    source.write_bytes(sample_docx("004").read_bytes())
    assert_golden(soffice_convert(source, ".doc", tmp_path), "004")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".odt", ".rtf"])
@pytest.mark.parametrize("sample", WITH_TABLES)
def test_office_forms_give_the_docx_rows(sample: str, suffix: str, tmp_path: Path) -> None:
    source = tmp_path / f"plan_{sample}.docx"
    source.write_bytes(sample_docx(sample).read_bytes())
    assert_golden(soffice_convert(source, suffix, tmp_path), sample)


def write_sheet(sample: str, folder: Path) -> Path:
    """plan_NNN's appendix as an .ods (one sheet per table, a title row above each)."""
    sheets = [
        (f"Phụ lục {i + 1}", ["PHỤ LỤC", "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"], grid)
        for i, grid in enumerate(appendix_grids(sample))
    ]
    path = folder / f"plan_{sample} - Phu luc.ods"
    path.write_bytes(ods_bytes(sheets))
    return path


@pytest.mark.parametrize("sample", WITH_TABLES)
def test_ods_appendix_gives_the_docx_rows(sample: str, tmp_path: Path) -> None:
    assert_golden(write_sheet(sample, tmp_path), sample)


@needs_soffice
def test_xlsx_appendix_keeps_merges_and_rows(tmp_path: Path) -> None:
    """The .ods made into .xlsx by LibreOffice: calamine's merged ranges give the same grid."""
    ods = write_sheet("002", tmp_path)
    xlsx = soffice_convert(ods, ".xlsx", tmp_path)
    grid = read_document(xlsx).tables[0].rows
    section = next(r for r in grid if r.cells[0] == "VI")
    assert section.cells[2:] == (None,) * (len(section.cells) - 2)  # merged, not empty
    assert_golden(xlsx, "002")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("sample", WITH_TABLES)
def test_excel_forms_give_the_docx_rows(sample: str, suffix: str, tmp_path: Path) -> None:
    assert_golden(soffice_convert(write_sheet(sample, tmp_path), suffix, tmp_path), sample)


# --- header vocabulary: one case per synonym, group headers, the ambiguous "Nội dung" ------

from extract.tables.roles import column_roles, header_words, role_of  # noqa: E402


@pytest.mark.parametrize("word", header_words(), ids=lambda w: f"{w.role}:{w.word}")
def test_each_header_synonym_gives_its_role(word) -> None:  # type: ignore[no-untyped-def]
    assert role_of(word.example) == word.role
    assert role_of(word.example.upper()) == word.role  # typed in capitals


def test_vocabulary_is_clean() -> None:
    words = header_words()
    assert len({w.word for w in words}) == len(words), "a word is listed twice"
    for w in words:
        assert w.word == w.word.strip().lower() and w.example.strip() == w.example


@pytest.mark.parametrize(
    ("top", "sub", "want"),
    [
        (("STT", "Tiêu chí", "Điểm", None, None), ("", "", "Tối đa", "Năm 2023", "Năm 2024"),
         ["stt", "criterion", "score_max", "score_year", "score_year"]),
        (("TT", "Nhiệm vụ", "Thời gian", None), (None, None, "Bắt đầu", "Hoàn thành"),
         ["stt", "task", "start", "deadline"]),
        (("STT", "Nội dung", "Đơn vị thực hiện", None), (None, None, "Chủ trì", "Phối hợp"),
         ["stt", "task", "lead", "support"]),
        (("STT", "Nội dung", "Điểm", ""), ("", "", "Tự chấm", "Thẩm định"),
         ["stt", "criterion", "score_year", "score_year"]),
    ],
)  # fmt: skip
def test_group_header_resolved_per_sub_column(top, sub, want) -> None:  # type: ignore[no-untyped-def]
    assert column_roles([top, sub], len(top)) == want


@pytest.mark.parametrize(
    ("header", "body", "want"),
    [
        (("STT", "Tiêu chí", "Nội dung công việc", "Thời hạn"), (), "task"),
        (("STT", "Nội dung", "Nhiệm vụ", "Thời hạn"), (), "criterion"),
        (("STT", "Nội dung", "Chủ trì", "Thời hạn"),
         (("1", "Tổ chức tuyên truyền Nghị định 61", "VP", ""),
          ("2", "Rà soát TTHC", "TP-HT", "")), "task"),
        (("STT", "Nội dung", "Chủ trì", "Thời hạn"),
         (("1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "VP", ""),
          ("2", "Số TTHC được công khai", "TP-HT", "")), "criterion"),
    ],
)  # fmt: skip
def test_ambiguous_content_from_other_columns_and_cells(header, body, want) -> None:  # type: ignore[no-untyped-def]
    col = header.index("Nội dung") if "Nội dung" in header else 2
    assert column_roles([header], len(header), body)[col] == want


# --- row rules --------------------------------------------------------------------------------


def test_sub_row_with_empty_deadline_is_not_a_continuation() -> None:
    """plan_002 V.2: the DOCX row under '2' has its own objective, task, output and agencies
    but no deadline; it is a sub-row 'V.2#2', not text joined into V.2 (checked by hand)."""
    rows = {r.code: r for r in find_table_rows(read_document(sample_docx("002")))}
    assert rows["V.2"].objective == "Thực hiện đúng quy định về quản lý ngân sách, tài sản công"
    sub = rows["V.2#2"]
    assert sub.task == (
        "Kịp thời triển khai các giải pháp thực hiện các kiến nghị sau thanh tra, "
        "kiểm tra, kiểm toán"
    )
    assert sub.output == "Báo cáo kết quả thực hiện kết luận kiểm toán Nhà nước"
    four = {r.code: r for r in find_table_rows(read_document(sample_docx("004")))}
    assert four["4.3#3"].task == "Tập huấn quy trình số hóa cho CCVC tiếp nhận, giải quyết TTHC"
    assert four["4.3#3"].output == "Lớp tập huấn" and four["4.3#3"].deadline is None


# --- layouts of other communes: python-docx re-layouts of the samples ------------------------

import re  # noqa: E402

import docx  # noqa: E402

from tests import variant_docx as vd  # noqa: E402

SECTION_STT = re.compile(r"[IVX]+\.?|\d+\.?")
SYNONYMS = {
    "STT": "TT",
    "Stt": "Số TT",
    "Lĩnh vực, tiêu chí": "Tiêu chí",
    "Mục tiêu": "Mục tiêu cần đạt",
    "Nhiệm vụ/Hoạt động": "Nội dung công việc",
    "Nhiệm vụ": "Công việc cụ thể",
    "Nội dung thực hiện": "Nội dung",
    "Kết quả/Sản phẩm": "Sản phẩm đầu ra",
    "Kết quả/ Sản phẩm": "Hình thức sản phẩm",
    "Cơ quan chủ trì": "Đơn vị chủ trì",
    "Cơ quan chủ trì thực hiện": "Bộ phận chủ trì",
    "Cơ quan phối hợp": "Đơn vị phối hợp",
    "CB, công chức tham mưu": "Công chức phối hợp",
    "Thời gian hoàn thành": "Thời hạn",
    "Thời gian chậm nhất phải hoàn thành": "Tiến độ thực hiện",
    "Nội dung/Tiêu chí/tiêu chí thành phần": "Tiêu chí, chỉ số",
    "Điểm tối đa": "Thang điểm",
    "Điểm năm 2023": "Điểm tự chấm năm 2023",
    "Điểm năm 2024": "Điểm tự đánh giá năm 2024",
    "Chủ trì tham mưu": "Người phụ trách",
}


def variant(sample: str, folder: Path, *edits, name: str = "variant") -> Path:  # type: ignore[no-untyped-def]
    document = docx.Document(str(sample_docx(sample)))
    for edit in edits:
        edit(document)
    path = folder / f"plan_{sample}.{name}.docx"
    document.save(str(path))
    return path


def without_score_headers(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The score header text is the header as printed: it changes with the layout."""
    out = []
    for row in rows:
        scores = [{k: v for k, v in s.items() if k != "header"} for s in row["scores"]]  # type: ignore[attr-defined]
        out.append({**row, "scores": scores})
    return out


@pytest.mark.parametrize("sample", WITH_TABLES)
def test_header_synonyms(sample: str, tmp_path: Path) -> None:
    path = variant(sample, tmp_path, lambda d: vd.relabel(d, SYNONYMS))
    got, want = without_score_headers(rows_as_json(path)), without_score_headers(golden(sample))
    assert identical_share(got, want) == 1.0


@pytest.mark.parametrize(
    ("sample", "order"), [("000", [0, 5, 4, 3, 2, 1]), ("001", [0, 5, 4, 3, 2, 1])]
)
def test_header_synonyms_and_columns_reordered(
    sample: str, order: list[int], tmp_path: Path
) -> None:
    edits = (lambda d: vd.relabel(d, SYNONYMS), lambda d: vd.reorder(d, order))
    path = variant(sample, tmp_path, *edits)
    got, want = without_score_headers(rows_as_json(path)), without_score_headers(golden(sample))
    assert identical_share(got, want) == 1.0


def test_two_row_group_header_scores(tmp_path: Path) -> None:
    """'Điểm' over 'Tối đa | Năm 2023 | Năm 2024' (plan_001): three scores per row again."""
    edit = lambda d: vd.group_header(d, 2, "Điểm", ["Tối đa", "Năm 2023", "Năm 2024"])  # noqa: E731
    path = variant("001", tmp_path, edit)
    got = rows_as_json(path)
    assert without_score_headers(got) == without_score_headers(golden("001"))
    assert got[5]["scores"][1]["header"] == "Điểm / Năm 2023"  # type: ignore[index]


def test_two_row_group_header_agencies(tmp_path: Path) -> None:
    """'Đơn vị thực hiện' over 'Chủ trì | Phối hợp' (plan_002)."""
    path = variant(
        "002",
        tmp_path,
        lambda d: vd.group_header(d, 4, "Đơn vị thực hiện", ["Chủ trì", "Phối hợp"]),
    )
    assert rows_as_json(path) == golden("002")


@pytest.mark.parametrize("sample", WITH_TABLES)
def test_header_typed_on_each_page_without_tblheader(sample: str, tmp_path: Path) -> None:
    """The header typed again every 9 rows, the last copy cut by a page break."""
    path = variant(sample, tmp_path, lambda d: vd.untag_and_repeat_header(d, 9, split_tail=True))
    assert_golden(path, sample)


@pytest.mark.parametrize("sample", WITH_TABLES)
def test_decoy_tables_around_the_appendix(sample: str, tmp_path: Path) -> None:
    """A header block, a 3-row statistics table and a signature table are not plan_items."""
    path = variant(sample, tmp_path, vd.decoys)
    assert_golden(path, sample)
    infos = find_tables(read_document(path)).tables
    assert [i.kind for i in infos] == ["layout", "unrelated", "appendix", "layout"]


@pytest.mark.parametrize("sample", WITH_TABLES)
def test_appendix_split_per_section_keeps_one_numbering(sample: str, tmp_path: Path) -> None:
    path = variant(sample, tmp_path, lambda d: vd.split_per_section(d, SECTION_STT.fullmatch))
    assert len(read_document(path).tables) > 3
    assert_golden(path, sample)


def test_letter_items_under_roman_sections(tmp_path: Path) -> None:
    """plan_002's items '1', '2' under I-V relabelled 'a)', 'b)': codes 'I.a', 'I.a#2' …
    with the same parents and levels (expected: the golden rows with the STT mapped)."""
    mapping: dict[str, str] = {}
    path = variant(
        "002",
        tmp_path,
        lambda d: mapping.update(vd.letter_labels(d, ["I", "II", "III", "IV", "V"])),
    )
    want = []
    for row in golden("002"):
        base, _, ordinal = str(row["code"]).partition("#")
        if base in mapping:
            code = mapping[base] + (f"#{ordinal}" if ordinal else "")
            stt = mapping[base].split(".")[1] + ")" if row["stt_raw"] else ""
            row = {**row, "code": code, "stt_raw": stt}
        want.append(row)
    assert mapping and rows_as_json(path) == want
