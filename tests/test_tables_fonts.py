"""Issue 13: the same plan typed in another font, size and margins, so its lines wrap and
its pages break elsewhere, gives the DOCX's rows; ruled and without rules.

Each fixture is made here from a sample DOCX (python-docx: tests/variant_docx.restyle,
margins, borders) printed to PDF by LibreOffice, as the samples were. The expected rows are
the golden files (tests/fixtures/tables/*.rows.jsonl), never this code's output.

Two variants lose one cell's hyphen spacing in the PDF itself: the source writes 'HĐND-
UBND' (plan_004 3.2) or 'NDXP- National' (plan_000 8.1.4) with a space, the line wraps
there and the trailing space is not painted (it does not fit in the line), so the PDF reads
the same as 'HĐND-UBND'; the document writes the pair tight 18 times. Those two are held to
the golden rows but for that one space (`assert_golden_but_unpainted_spaces`).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.test_tables_variants import (
    assert_golden,
    golden,
    identical_share,
    needs_soffice,
    rows_as_json,
    sample_docx,
)
from tests.variant_docx import BORDER_STYLES, borders, margins, restyle
from tests.variant_forms import printed_pdf

# name -> (font, half-points, margins in cm or None, borders or None)
LAYOUTS: dict[str, tuple[str, int, float | None, str | None]] = {
    "sans11": ("Liberation Sans", 22, None, None),
    "dvserif12": ("DejaVu Serif", 24, None, None),
    "serif14m": ("Liberation Serif", 28, 1.5, None),
    "sans10m": ("Liberation Sans", 20, 3.0, None),
    "narrow13": ("Liberation Sans Narrow", 26, 2.0, None),
    "sans11-borderless": ("Liberation Sans", 22, None, "borderless"),
    "dvserif12-booktabs": ("DejaVu Serif", 24, None, "booktabs"),
    "sans10m-hrules": ("Liberation Sans", 20, 3.0, "hrules"),
    "narrow13-borderless": ("Liberation Sans Narrow", 26, 2.0, "borderless"),
}
SAMPLES_ALL = ("000", "001", "002", "003", "004")  # 003 prints its criteria as headings
# (sample, layout) -> the rows whose hyphen spacing the PDF does not carry (see above)
UNPAINTED = {("004", "sans11"): 1, ("004", "sans11-borderless"): 1, ("000", "dvserif12"): 1,
             ("000", "dvserif12-booktabs"): 1}  # fmt: skip

_MADE: dict[tuple[str, str], Path] = {}


def relaid_pdf(sample: str, layout: str, folder: Path) -> Path:
    """plan_NNN.pdf typed in `layout` (made once per test session)."""
    if (sample, layout) not in _MADE:
        font, half_points, cm, style = LAYOUTS[layout]
        doc = docx.Document(str(sample_docx(sample)))
        table = sample != "003"  # 003 has no appendix table to restyle
        if style and table:
            borders(doc, style)
        restyle(doc, font, half_points, centre_header=bool(style) and table)
        if cm:
            margins(doc, cm)
        _MADE[(sample, layout)] = printed_pdf(doc, sample, folder / layout)
    return _MADE[(sample, layout)]


def assert_golden_but_unpainted_spaces(path: Path, sample: str, allowed: int) -> None:
    """The golden rows, but for `allowed` rows whose only difference is a space after a
    hyphen ('HĐND- UBND' read 'HĐND-UBND')."""
    got, want = rows_as_json(path), golden(sample)
    assert len(got) == len(want)
    differ = [(a, b) for a, b in zip(got, want, strict=True) if a != b]
    assert len(differ) <= allowed, f"{identical_share(got, want):.3f} identical"
    for a, b in differ:
        keys = [k for k in b if a.get(k) != b[k]]
        assert all(str(b[k]).replace("- ", "-") == str(a[k]) for k in keys), (a, b)


def check(sample: str, layout: str, folder: Path) -> None:
    path = relaid_pdf(sample, layout, folder)
    allowed = UNPAINTED.get((sample, layout))
    if allowed:
        assert_golden_but_unpainted_spaces(path, sample, allowed)
    else:
        assert_golden(path, sample)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("relaid")


# The default run: a hyphen wrap read from its painted space both ways (000 in 10 pt), a
# shifted row split by the break (004 without rules), a column-number row and a cell's last
# line at the foot of a page that looks like 'Trang 4' (001 with row rules only).
QUICK = [("000", "sans10m"), ("004", "sans11-borderless"), ("001", "sans10m-hrules")]


@needs_soffice
@pytest.mark.parametrize(("sample", "layout"), QUICK)
def test_another_font_gives_the_golden_rows(sample: str, layout: str, made: Path) -> None:
    check(sample, layout, made)


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("sample", SAMPLES_ALL)
def test_every_font_and_layout_gives_the_golden_rows(sample: str, layout: str, made: Path) -> None:
    check(sample, layout, made)


# --- the space after a wrapped hyphen, read from the characters the producer painted -------

CHAR_W, SIZE = 5.0, 10.0


def _line(text: str, top: float, x0: float = 100.0) -> list[dict[str, object]]:
    """One printed line as pdfplumber characters, every glyph 5 pt wide (a space too)."""
    chars: list[dict[str, object]] = []
    for n, ch in enumerate(text):
        x = x0 + n * CHAR_W
        box = {"x0": x, "x1": x + CHAR_W, "top": top, "doctop": top, "bottom": top + SIZE}
        chars.append({"text": ch, **box, "size": SIZE, "fontname": "Sans", "upright": True})
    return chars


def _cell(*lines: str, seen: str = "Văn phòng- Thống kê") -> str:
    from pdfplumber.utils.text import extract_text

    from extract.cleantext import mark_wrapped_cell
    from extract.hyphens import hyphen_evidence, resolve_wraps
    from extract.readers.pdf_wraps import tag_hyphen_wraps

    chars = [c for n, text in enumerate(lines) for c in _line(text, 100.0 + 12 * n)]
    text = mark_wrapped_cell(extract_text(tag_hyphen_wraps(chars)))
    # `seen`: how the document writes the pair elsewhere, what decides without the page
    return resolve_wraps(text, hyphen_evidence([seen]))


def test_painted_space_after_a_wrapped_hyphen_is_kept() -> None:
    """Though the document writes the pair tight elsewhere (plan_000 does both)."""
    got = _cell("Văn phòng- ", "Thống kê", seen="Văn phòng-Thống kê")
    assert got == "Văn phòng- Thống kê"


def test_no_space_where_one_would_have_fitted_means_none() -> None:
    """A painted trailing space in the column reaches x=185; 'phòng-' ends at 150 with
    room for a space, and none is painted: the source wrote 'phòng-Thống' (plan_000 in
    Liberation Sans 10 pt, three of eleven)."""
    got = _cell("Công chức các xã ", "Văn phòng-", "Thống kê")
    assert got == "Công chức các xã Văn phòng-Thống kê"


def test_no_room_for_a_space_leaves_it_to_the_document() -> None:
    """'Văn hoá-' ends where no space fits (plan_000.pdf: the DOCX has 'Văn hoá- xã
    hội'): nothing is read from the page, the same words elsewhere decide."""
    assert _cell("Cán bộ xã ", "Văn phòng-", "Thống kê") == "Cán bộ xã Văn phòng- Thống kê"


@pytest.mark.parametrize(
    ("text", "furniture"),
    [("2", True), ("- 3 -", True), ("Trang 4", True), ("Trang 4/12", True),
     ("Trang thông tin điện tử", False), ("Trang 4 của kế hoạch", False)],
)  # fmt: skip
def test_page_numbers_are_told_from_a_cell_line_opening_with_trang(
    text: str, furniture: bool
) -> None:
    from extract.readers.pdf_text_table import PAGE_NUMBER_RE

    assert bool(PAGE_NUMBER_RE.fullmatch(text.strip(" -–—"))) is furniture


# --- cells vertically centred in a table without rules (issue 13) -------------------------


def centred_pdf(sample: str, style: str, folder: Path) -> Path:
    """plan_NNN.pdf with its appendix drawn in `style` and every cell vertically centred."""
    from tests.variant_docx import centre_vertically

    key = (sample, f"centred-{style}")
    if key not in _MADE:
        doc = docx.Document(str(sample_docx(sample)))
        borders(doc, style)
        centre_vertically(doc)
        _MADE[key] = printed_pdf(doc, sample, folder / key[1])
    return _MADE[key]


# The default run: the header and rows found about mid-row STTs (001, scores on the STT's
# line), STTs merged over sub-rows (004, which gave 0 rows before).
@needs_soffice
@pytest.mark.parametrize(("sample", "style"), [("001", "borderless"), ("004", "borderless")])
def test_vertically_centred_cells_without_rules_give_the_golden_rows(
    sample: str, style: str, made: Path
) -> None:
    assert_golden(centred_pdf(sample, style, made), sample)


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize(
    ("sample", "style"),
    [(s, style) for s in ("000", "001", "002", "004") for style in BORDER_STYLES],
)
def test_every_vertically_centred_form_gives_the_golden_rows(
    sample: str, style: str, made: Path
) -> None:
    assert_golden(centred_pdf(sample, style, made), sample)


def _page(*placed: tuple[str, float, float]) -> list[dict[str, object]]:
    """Characters of (text, x0, top) placements, every glyph 5 pt wide and 10 pt high."""
    return [c for text, x0, top in placed for c in _line(text, top, x0)]


def _text_rows(chars: list[dict[str, object]]) -> list[tuple[str | None, ...]]:
    from extract.readers.pdf_text_lines import printed_lines
    from extract.readers.pdf_text_table import find_text_table

    found = find_text_table(printed_lines(chars), [], 1, None)
    assert found is not None, "no table found"
    return [row.cells for row in found.grid.rows]


HEADER = (("Nội dung", 100, 100), ("thực hiện", 100, 112), ("STT", 50, 106),
          ("Chủ trì", 300, 106), ("Thời gian", 400, 106))  # fmt: skip


def test_centred_cells_band_rows_about_their_middle() -> None:
    """Row 1's content (3 lines) puts its STT on its second line; row 2's first line
    comes before its STT '2' and after row 1's last line, with no gap between them."""
    chars = _page(
        *HEADER,
        ("Rà soát thủ tục hành", 100, 124), ("chính trên địa bàn", 100, 136), ("xã.", 100, 148),
        ("1", 50, 136), ("UBND xã", 300, 136), ("Quý I", 400, 136),
        ("Công khai thủ tục", 100, 160), ("hành chính.", 100, 172),
        ("2", 50, 166), ("Công chức", 300, 166), ("Quý II", 400, 166),
    )  # fmt: skip
    assert _text_rows(chars) == [
        ("STT", "Nội dung thực hiện", "Chủ trì", "Thời gian"),
        ("1", "Rà soát thủ tục hành chính trên địa bàn xã.", "UBND xã", "Quý I"),
        ("2", "Công khai thủ tục hành chính.", "Công chức", "Quý II"),
    ]


def test_centred_sub_rows_under_an_stt_merged_over_them() -> None:
    """An STT merged down over two sub-rows stands across the cut between them (plan_004
    4.2 as LibreOffice prints it): it opens the first sub-row, the second has none."""
    chars = _page(
        *HEADER,
        ("Rà soát thủ tục", 100, 124), ("hành chính.", 100, 136),
        ("UBND xã", 300, 130), ("Quý I", 400, 130), ("1", 50, 142),
        ("Công khai thủ tục", 100, 148), ("hành chính.", 100, 160),
        ("Công chức", 300, 154), ("Quý II", 400, 154),
    )  # fmt: skip
    assert _text_rows(chars)[1:] == [
        ("1", "Rà soát thủ tục hành chính.", "UBND xã", "Quý I"),
        ("", "Công khai thủ tục hành chính.", "Công chức", "Quý II"),
    ]


def test_centred_row_typed_in_two_keeps_its_stt_on_its_first_part() -> None:
    """A row typed as two (its text goes on in lower case under a rule), the STT merged
    over both and printed in the second (000 7.1.2 with row rules): the STT opens the
    first part; the row rules then join the second as a continuation."""
    from extract.readers.pdf_text_lines import printed_lines
    from extract.readers.pdf_text_table import find_text_table

    chars = _page(
        *HEADER,
        ("Rà soát thủ tục", 100, 124), ("UBND xã", 300, 124), ("Quý I", 400, 124),
        ("hành chính cấp xã.", 100, 138), ("1", 50, 138),
        ("Công khai thủ tục", 100, 152), ("2", 50, 152), ("Công chức", 300, 152),
    )  # fmt: skip
    rules = [(136.0, 40.0, 460.0), (150.0, 40.0, 460.0)]
    found = find_text_table(printed_lines(chars), rules, 1, None)
    assert found is not None
    assert [row.cells for row in found.grid.rows[1:]] == [
        ("1", "Rà soát thủ tục", "UBND xã", "Quý I"),
        ("", "hành chính cấp xã.", "", ""),
        ("2", "Công khai thủ tục", "Công chức", ""),
    ]
