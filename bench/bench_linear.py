"""Issue 11 benchmark: hostile inputs at 1x, 2x, 4x and 8x size, seconds and ratio to 1x.

    python bench/bench_linear.py [--text 50000] [--rows 1000] [--docx-rows 250]
                                 [--match-rows 250] [--repeat 2]

Stages: legal-reference search on one long line and on many lines; CodeBook numbering of
rows that all print STT '1'; find_table_rows on generated grids (repeated '1' rows, '6.9'
'6.1' pairs, sub-rows, lettered rows before '1'); read + rows + references + metadata of a
generated DOCX; the criterion matcher (normalize.criteria.match_rows) on sub-rows that all sit
under one item, so each row's family (parent and siblings, `criteria_review`) is the whole
table. Linear time gives ratios of about 2, 4, 8; quadratic about 4, 16, 64. Each
size is timed `--repeat` times and the best kept (the machine is shared).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from extract.legal import find_legal_refs, find_refs_in_text  # noqa: E402
from extract.metadata import find_metadata  # noqa: E402
from extract.readers import read_document  # noqa: E402
from extract.tables import find_table_rows  # noqa: E402
from extract.tables.codes import CodeBook  # noqa: E402
from models.document import Document, GridRow, RawTable, TableRow  # noqa: E402
from normalize.criteria import match_rows  # noqa: E402

SCALES = (1, 2, 4, 8)
UNIT = (
    "Căn cứ Quyết định số {i}/QĐ-UBND ngày 02/8/2023 của UBND huyện Phú Bình về việc ban "
    "hành kế hoạch, Kế hoạch số {i}/KH-UBND và Luật Cán bộ, công chức; thực hiện Nghị định "
    "167/2017 "
)
HEADER = ("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian")


def legal_text(size: int, sep: str) -> str:
    """About `size` characters of references, one unit per line or all on one line."""
    units, total, i = [], 0, 0
    while total < size:
        units.append(UNIT.format(i=i) + sep)
        total, i = total + len(units[-1]), i + 1
    return "".join(units)


def stt_grid(stts: list[str]) -> Document:
    """A one-table document whose rows print the given STTs."""
    head = GridRow(HEADER, 1, is_header=True)
    rows = [GridRow((s, f"Nhiệm vụ {i}", "UBND xã", "Thường xuyên"), 1) for i, s in enumerate(stts)]
    return Document("bench", "bench.docx", "docx", 1, (), (RawTable((head, *rows), 1, 1),))


GRIDS: dict[str, Callable[[int], list[str]]] = {
    "rows '1' repeated": lambda n: ["1"] * n,
    "rows '6.9' '6.1' pairs": lambda n: ["6.9", "6.1"] * (n // 2),
    "sub-rows under '1'": lambda n: ["1"] + [""] * (n - 1),
    "rows 'a' then '1'": lambda n: ["a"] * (n // 2) + ["1"] * (n // 2),
}


def docx_bytes(rows: int) -> bytes:
    """A plan with a paragraph of references per ten rows and a table of repeated STTs."""
    document = docx.Document()
    document.add_paragraph("Số: 57/KH-UBND")
    for i in range(rows // 10):
        document.add_paragraph(UNIT.format(i=i))
    table = document.add_table(rows=rows + 1, cols=len(HEADER))
    for col, text in enumerate(HEADER):
        table.cell(0, col).text = text
    for r in range(rows):
        cells = table.rows[r + 1].cells
        for col, text in enumerate(("1" if r % 3 else "", f"Nhiệm vụ {r}", "UBND xã", "Quý II")):
            cells[col].text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def extract_docx(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.docx"
        path.write_bytes(data)
        doc = read_document(path, data)
    find_metadata(doc)
    find_table_rows(doc)
    find_legal_refs(doc)


def number_codes(n: int) -> None:
    book = CodeBook()
    for _ in range(n):
        book.assign("1", "Nhiệm vụ")


SUB_ROWS = (
    "Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận hồ sơ",
    "Công khai danh sách hộ nghèo trên địa bàn",
    "Bố trí nguồn lực cho công tác cải cách hành chính",
    "Thời gian giải quyết TTHC tại Bộ phận một cửa",
)


def criteria_rows(n: int) -> list[TableRow]:
    """A section, one item and `n` sub-rows under it (many of them go to review)."""
    title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    rows = [
        TableRow(0, 0, "section", "1", "1", None, 1, "1", title, criterion=title),
        TableRow(0, 1, "item", "1.1", "1.1", "1", 2, "1", title, criterion="Kết quả chỉ đạo"),
    ]
    for i in range(n):
        code, label = f"1.1.{i + 1}", f"{SUB_ROWS[i % len(SUB_ROWS)]} {i}"
        rows.append(TableRow(0, i + 2, "item", code, code, "1.1", 3, "1", title, criterion=label))
    return rows


def match_all(rows: list[TableRow]) -> None:
    match_rows(rows, province=None, district=None, plan_year=None)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def report(label: str, base: int, make: Callable[[int], object], run: Callable[[object], object],
           repeat: int) -> None:  # fmt: skip
    """Time `run(make(base * k))` for every scale; print seconds and the ratio to 1x."""
    seconds = []
    for k in SCALES:
        case = make(base * k)
        seconds.append(best_of(repeat, lambda case=case: run(case)))  # type: ignore[misc]
    pairs = zip(SCALES, seconds, strict=True)
    cells = "  ".join(f"{k}x {s:7.3f}s ({s / seconds[0]:5.1f})" for k, s in pairs)
    print(f"{label:44} {cells}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--text", type=int, default=50_000, help="characters of text at 1x")
    parser.add_argument("--rows", type=int, default=1000, help="grid rows at 1x")
    parser.add_argument("--docx-rows", type=int, default=250, help="DOCX table rows at 1x")
    parser.add_argument("--match-rows", type=int, default=250, help="matcher rows at 1x")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size, best kept")
    args = parser.parse_args()
    print(f"{'stage (1x size)':44} seconds (ratio to 1x; linear = 2, 4, 8)")
    for sep, name in (("", "one line"), ("\n", "one reference a line")):
        report(f"legal refs, {name} ({args.text} ch)", args.text,
               lambda n, sep=sep: legal_text(n, sep), find_refs_in_text, args.repeat)  # fmt: skip
    codes = 20 * args.rows  # numbering alone is fast: a bigger base keeps timer noise out
    report(f"CodeBook, STT '1' ({codes} rows)", codes, lambda n: n, number_codes, args.repeat)
    for label, stts in GRIDS.items():
        report(f"find_table_rows, {label}", args.rows, lambda n, f=stts: stt_grid(f(n)),
               find_table_rows, args.repeat)  # fmt: skip
    report(f"DOCX extraction ({args.docx_rows} rows)", args.docx_rows, docx_bytes, extract_docx,
           args.repeat)  # fmt: skip
    match_all(criteria_rows(10))  # the code list and its indexes are built once, not timed
    report(f"match_rows, sub-rows of one item ({args.match_rows})", args.match_rows,
           criteria_rows, match_all, args.repeat)  # fmt: skip


if __name__ == "__main__":
    main()
