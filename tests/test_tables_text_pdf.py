"""Issue 13: PDF tables drawn without ruling lines (borderless, booktabs, horizontal rules
only) give the same rows as the ruled samples, through the text-based table path.

The fixtures are made here: the sample DOCX with its appendix's borders changed
(tests/variant_docx.borders), printed to PDF by LibreOffice as the samples were. The
expected rows are the golden files (tests/fixtures/tables/*.rows.jsonl).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extract.readers import read_document
from extract.tables import find_tables
from models.document import Document, GridRow, RawTable
from tests.test_tables_variants import (
    WITH_TABLES,
    assert_golden,
    needs_soffice,
    sample_docx,
)
from tests.variant_docx import (
    BORDER_STYLES,
    borders,
    header_once_and_page_numbers,
    restyle,
)
from tests.variant_forms import printed_pdf

_MADE: dict[tuple[str, str], Path] = {}


def unruled_pdf(sample: str, style: str, folder: Path, variant: str = "") -> Path:
    """plan_NNN.pdf with its appendix drawn in `style` (made once per test session);
    variant 'sans': typed in Liberation Sans 11 pt with a centred bold header; 'once': the
    header typed once and page numbers atop the pages."""
    key = (sample, f"{style}-{variant}")
    if key not in _MADE:
        doc = docx.Document(str(sample_docx(sample)))
        borders(doc, style)
        if variant == "sans":
            restyle(doc, "Liberation Sans", 22, centre_header=True)
        if variant == "once":
            header_once_and_page_numbers(doc)
        _MADE[key] = printed_pdf(doc, sample, folder / key[1])
    return _MADE[key]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unruled")


# One of each style in the default run, each on a plan with sub-rows or a two-row header.
QUICK = [("004", "borderless"), ("002", "booktabs"), ("000", "hrules")]


@needs_soffice
@pytest.mark.parametrize(("sample", "style"), QUICK)
def test_unruled_pdf_gives_the_golden_rows(sample: str, style: str, made: Path) -> None:
    assert_golden(unruled_pdf(sample, style, made), sample)


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("style", BORDER_STYLES)
@pytest.mark.parametrize("sample", WITH_TABLES)
def test_every_unruled_form_gives_the_golden_rows(sample: str, style: str, made: Path) -> None:
    assert_golden(unruled_pdf(sample, style, made), sample)


@needs_soffice
@pytest.mark.parametrize("sample", ["001", pytest.param("002", marks=pytest.mark.slow)])
def test_another_font_and_a_centred_header_give_the_golden_rows(sample: str, made: Path) -> None:
    """Other wraps and page breaks; header cells narrower than their columns, scores left
    of their centred header and a column-number row aligned its own way (plan_001)."""
    assert_golden(unruled_pdf(sample, "borderless", made, "sans"), sample)


@needs_soffice
def test_header_typed_once_and_page_numbers_atop_give_the_golden_rows(made: Path) -> None:
    """Later pages start with rows, under a page number: the columns come from the first
    page, the number is not a row (it would join the row above as a continuation)."""
    assert_golden(unruled_pdf("002", "borderless", made, "once"), "002")


@needs_soffice
def test_text_table_is_reported_with_its_strategy_and_confidence(made: Path) -> None:
    found = find_tables(read_document(unruled_pdf("004", "borderless", made)))
    (table,) = [t for t in found.tables if t.kind == "appendix"]
    assert table.strategy == "pdf_text"
    assert 0.5 <= table.confidence < 1.0  # rows told by text alone cost a little
    assert table.roles[:2] == ("stt", "objective") and "lead" in table.roles
    assert not found.warnings


@needs_soffice
def test_row_rules_make_the_text_table_surer(made: Path) -> None:
    found = find_tables(read_document(unruled_pdf("000", "hrules", made)))
    assert [t.confidence for t in found.tables if t.kind == "appendix"] == [1.0]


@needs_soffice
def test_body_text_around_an_unruled_table_stays_body(made: Path) -> None:
    """The words of the table are not body lines, the plan's own text is."""
    doc = read_document(unruled_pdf("004", "borderless", made))
    texts = [line.text for line in doc.lines]
    assert any(t.startswith("TM. ỦY BAN NHÂN DÂN") or "CHỦ TỊCH" in t for t in texts)
    assert not any("Cơ quan chủ trì" in t and "\t" not in t for t in texts)


def test_ruled_sample_keeps_the_ruled_strategy() -> None:
    from tests.conftest import RAW

    found = find_tables(read_document(RAW / "plan_000.pdf"))
    assert {t.strategy for t in found.tables} == {"pdf"}


def _page(rows: list[tuple[str, ...]], page: int, index: int) -> RawTable:
    return RawTable(tuple(GridRow(r, page) for r in rows), page, page, (), index)


def test_section_title_split_by_a_page_break_joins_its_title() -> None:
    """'1.1 Đảm bảo hạ' at the foot of a page, 'tầng công nghệ thông tin' atop the next,
    alone in the STT cell (plan_002 VI.1.1 when the break falls there)."""
    head = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành")
    first = _page(
        [head, ("1", "Rà soát văn bản", "UBND xã", "Quý I"), ("1.1 Đảm bảo hạ", "", "", "")], 1, 0
    )
    second = _page(
        [head, ("tầng công nghệ thông tin", "", "", ""), ("1.1.1", "Cập nhật", "VP", "Năm 2025")],
        2,
        3,
    )
    doc = Document("x", "x.pdf", "pdf", 2, (), (first, second))
    rows = find_tables(doc).rows
    assert [(r.code, r.kind, r.page_last) for r in rows] == [
        ("1", "item", 1),
        ("1.1", "section", 2),
        ("1.1.1", "item", 2),
    ]
    assert rows[1].task == "Đảm bảo hạ tầng công nghệ thông tin"
    assert rows[2].parent_code == "1.1"
