"""Issue 11: hostile inputs must cost linear work, and the fast code must say what the old did.

Work is counted, never timed: each counting test feeds a hostile input of size n and 4n and
checks that a deterministic work counter grows about 4x (the old quadratic code: about 16x).
Equivalence: the old implementations live in tests/linear_reference.py and are compared with
the new ones on the golden cases, the sample plans and hypothesis inputs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # --import-mode=importlib does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

import tests.linear_reference as old  # noqa: E402
from extract.legal import clauses, find_refs_in_text  # noqa: E402
from extract.legal.hits import FINDERS, Hit, first_come  # noqa: E402
from extract.readers import read_document  # noqa: E402
from extract.tables import find_table_rows  # noqa: E402
from extract.tables.codes import CodeBook  # noqa: E402
from extract.tables.repeats import HeaderRows  # noqa: E402
from extract.tables.stitch import stitch_tables  # noqa: E402
from tests.legal_cases import NEGATIVE, POSITIVE  # noqa: E402

RAW = ROOT / "data" / "raw"
LINEAR = 6.0  # work(4n) / work(n): linear gives ~4, quadratic ~16

# A reference with its date, issuer and subject, as plans cite them (plan_000, plan_002).
UNIT = (
    "Căn cứ Quyết định số {i}/QĐ-UBND ngày 02/8/2023 của UBND huyện Phú Bình về việc ban "
    "hành kế hoạch, Kế hoạch số {i}/KH-UBND và Luật Cán bộ, công chức; thực hiện Nghị định "
    "167/2017 "
)


def one_line(n: int) -> str:
    """About `n` characters of references on one line (a PDF that lost its line breaks)."""
    units, size, i = [], 0, 0
    while size < n:
        units.append(UNIT.format(i=i))
        size, i = size + len(units[-1]), i + 1
    return "".join(units)


@cache
def sample_texts() -> tuple[str, ...]:
    """The plans' body texts (text exports and DOCX) and the case table's strings."""
    docs = [read_document(p) for p in sorted(RAW.glob("plan_*")) if p.suffix in (".txt", ".docx")]
    cases = [c.text for c in POSITIVE] + list(NEGATIVE)
    return tuple([d.text for d in docs] + cases)


def positions(text: str) -> Iterator[int]:
    """Every reference start, every line start and its neighbours."""
    seen = {h.start for f in FINDERS for h in f(text)}
    seen |= {i + d for i, ch in enumerate(text) if ch == "\n" for d in (-1, 0, 1, 2)}
    return (p for p in sorted(seen) if 0 <= p <= len(text))


# --- equivalence with the old code on the golden inputs -------------------------------------


def test_clauses_same_as_before_on_samples_and_cases() -> None:
    for text in sample_texts():
        for pos in positions(text):
            assert clauses.clause_start(text, pos) == old.clause_start(text, pos), (text, pos)
            assert clauses.relation_at(text, pos) == old.relation_at(text, pos), (text, pos)
            assert clauses.is_attached(text, pos) == old.is_attached(text, pos), (text, pos)


def test_hits_same_as_before_on_samples_and_cases() -> None:
    for text in sample_texts():
        groups = [list(f(text)) for f in FINDERS]
        assert first_come(groups) == old.first_come(groups)


def test_header_repeats_same_as_before_on_samples() -> None:
    for path in sorted(RAW.glob("plan_*")):
        if path.suffix not in (".txt", ".docx", ".pdf"):
            continue
        doc = read_document(path)
        for table in stitch_tables(doc):
            rows = HeaderRows.of(table.header)
            for frag in doc.tables:
                for row in frag.rows:
                    assert rows.repeated_by(row.cells) == old.repeats_header(
                        row.cells, table.header
                    ), (path.name, row.cells)


# --- equivalence on random inputs -----------------------------------------------------------

PIECES = (
    "Căn cứ ", "Thực hiện ", "thực hiện có hiệu quả ", "Quyết định số 4/QĐ-UBND", " ngày 2/8/2023",
    " của UBND huyện Phú Bình", " về việc ban hành", ", ", "; ", " và ", ". ", ".** ", "? ", "\n",
    "\n\n", "\t", "Kế hoạch số 106/KH-UBND", "kế hoạch số 5/KH-UBND", "Luật Cán bộ, công chức",
    "Nghị định 167/2017", "Đề án 06", "ISO 9001", "- ", "1. ", "a) ", "(Ban hành kèm theo ",
    "kèm theo ", "Số: 57/KH-UBND", "số 107/2021/NĐ-CP", "Chỉ thị số 20-CT/TU", "tiếp tục ", "  ",
    "A", "a", "*", "(", ",", "x", "\u00a0",
)  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_clauses_same_as_reference(text: str, data: st.DataObject) -> None:
    for pos in data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=8)):
        assert clauses.clause_start(text, pos) == old.clause_start(text, pos)
        assert clauses.relation_at(text, pos) == old.relation_at(text, pos)
    for pos in sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8))):
        assert clauses.is_attached(text, pos) == old.is_attached(text, pos)  # dead lines too


spans = st.tuples(st.integers(0, 40), st.integers(0, 6))
groups = st.lists(st.lists(spans, max_size=12), max_size=5)


def _hits(raw: list[list[tuple[int, int]]]) -> list[list[Hit]]:
    return [
        [Hit(s, s + n, f"g{g}h{i}") for i, (s, n) in enumerate(grp)] for g, grp in enumerate(raw)
    ]


@settings(max_examples=400, deadline=None)
@given(groups)
def test_first_come_same_as_reference(raw: list[list[tuple[int, int]]]) -> None:
    assert first_come(_hits(raw)) == old.first_come(_hits(raw))


CELLS = (None, "", "STT", "Thời gian", "thời  gian hoàn thành", "THỜI GIAN HOÀN", "(1)", "a", "ab")
rows_of = st.lists(st.lists(st.sampled_from(CELLS), max_size=4).map(tuple), max_size=6)


@settings(max_examples=400, deadline=None)
@given(rows_of, rows_of)
def test_header_repeats_same_as_reference(header: list[Any], rows: list[Any]) -> None:
    index = HeaderRows.of(header)
    for cells in rows:
        assert index.repeated_by(cells) == old.repeats_header(cells, header)


STTS = ("1", "1", "1.", "6.9", "6.1", "6.10", "I", "II", "1.1", "2", "2.2", "?", "1#2", "", "a")
ops = st.lists(st.tuples(st.sampled_from(STTS), st.booleans()), max_size=60)


def _run_book(book: CodeBook, steps: list[tuple[str, bool]]) -> list[object]:
    """Rows as rows._code_of numbers them: a sub-row takes the last code with an ordinal."""
    out: list[object] = []
    last: str | None = None
    for stt, sub in steps:
        if sub and last is not None:
            code = book.ordinal(last.split("#")[0])
            out.append((code, book.register_subrow(code, last, "x")))
        else:
            assigned = book.assign(stt, "x")
            out.append(assigned)
            last = assigned[0]
    return out + [book.levels, book.labels, book.last_child]


@settings(max_examples=300, deadline=None)
@given(ops, st.booleans())
def test_codebook_same_as_probing_reference(steps: list[tuple[str, bool]], qualify: bool) -> None:
    assert _run_book(CodeBook(qualify=qualify), steps) == _run_book(
        old.ProbingBook(qualify=qualify), steps
    )


# --- work counters --------------------------------------------------------------------------


def _ratio(work: Any, n: int) -> float:
    return float(work(4 * n)) / float(work(n))


class _CountedHit(Hit):
    """A Hit that counts reads of its span: the work of the overlap test."""

    __slots__ = ("_s", "_e")
    reads = 0

    @property  # type: ignore[override]
    def start(self) -> int:
        _CountedHit.reads += 1
        return self._s

    @start.setter
    def start(self, value: int) -> None:
        self._s = value

    @property  # type: ignore[override]
    def key_end(self) -> int:
        _CountedHit.reads += 1
        return self._e

    @key_end.setter
    def key_end(self, value: int) -> None:
        self._e = value


def _overlap_reads(n: int) -> int:
    """Span reads to select among n disjoint hits then n hits overlapping them."""
    first = [_CountedHit(10 * i, 10 * i + 5, "Kế hoạch") for i in range(n)]
    second = [_CountedHit(10 * i + 3, 10 * i + 8, "Quyết định") for i in range(n)]
    _CountedHit.reads = 0
    assert len(first_come([first, second])) == n
    return _CountedHit.reads


def test_overlap_selection_work_grows_linearly() -> None:
    assert _ratio(_overlap_reads, 500) < LINEAR


class _CountingDict(dict[str, int]):
    probes = 0

    def __contains__(self, key: object) -> bool:
        _CountingDict.probes += 1
        return super().__contains__(key)


def _ordinal_probes(n: int) -> int:
    """Membership probes to number n rows that all print STT '1' (plan rows copied down)."""
    book = CodeBook(levels=_CountingDict())
    _CountingDict.probes = 0
    codes = [book.assign("1", "x")[0] for _ in range(n)]
    assert codes[-1] == f"1#{n}"
    return _CountingDict.probes


def test_duplicate_code_numbering_work_grows_linearly() -> None:
    assert _ratio(_ordinal_probes, 300) < LINEAR


class _Scanned(str):
    """A text that counts the characters its str methods scan or copy (slices, find, rfind)."""

    chars = 0

    def __getitem__(self, key: Any) -> str:
        part = super().__getitem__(key)
        _Scanned.chars += len(part)
        return part

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        found = super().rfind(sub, start, end)
        _Scanned.chars += (len(self) if end is None else end) - max(found, start or 0)
        return found

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        _Scanned.chars += (found if found >= 0 else len(self)) - (start or 0) + 1
        return found


def _text_scans(n: int) -> int:
    text = _Scanned(one_line(n))
    _Scanned.chars = 0
    assert len(find_refs_in_text(text)) > n // 60
    return _Scanned.chars


def test_legal_reference_text_scans_grow_linearly() -> None:
    assert _ratio(_text_scans, 20_000) < LINEAR


class _Folded(str):
    lowered = 0

    def lower(self) -> str:
        _Folded.lowered += 1
        return super().lower()


def _header_folds(n: int) -> int:
    """Folds to test n rows against a header of n rows ('a' rows before the first '1')."""
    header = [tuple(_Folded(t) for t in ("a", f"Việc {i}", "UBND xã")) for i in range(n)]
    rows = [tuple(_Folded(t) for t in ("1", f"Việc {i}", "UBND xã")) for i in range(n)]
    _Folded.lowered = 0
    index = HeaderRows.of(header)
    assert not any(index.repeated_by(r) for r in rows)
    return _Folded.lowered


def test_header_repeat_work_grows_linearly() -> None:
    assert _ratio(_header_folds, 200) < LINEAR


# --- end to end, as a guard only (slow: run with -m slow) -----------------------------------

GUARD = """
import sys
sys.path.insert(0, {root!r})
from tests.test_linear_inputs import hostile_run
hostile_run()
"""


def hostile_run() -> None:
    """1.5 MB of references on one line and a 16,000-row table of '1' rows after 'a' rows."""
    from models.document import Document, GridRow, RawTable

    assert len(find_refs_in_text(one_line(1_500_000))) > 30_000
    head = GridRow(("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"), 1, is_header=True)
    rows = [
        GridRow((s, f"Việc {i}", "UBND xã", "Thường xuyên"), 1) for s in "a1" for i in range(8000)
    ]
    doc = Document("x", "x.docx", "docx", 1, (), (RawTable((head, *rows), 1, 1),))
    assert len(find_table_rows(doc)) == 8000


@pytest.mark.slow
def test_hostile_inputs_finish_well_inside_the_nightly_budget() -> None:
    """A guard, not a benchmark: the old code needed minutes; 120 s only catches a relapse."""
    script = GUARD.format(root=str(ROOT))
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
