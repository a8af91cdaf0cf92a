"""What a reader hands to the extract stages: text lines and raw table grids.

`Document` and its parts never reach Parquet; they are the boundary between
`extract.readers` (bytes -> Document) and the pure extract stages. What those stages return
(`TableRow`, `DocMeta`) carries the columns it fills, declared once with their meaning (see
models.columns). Every string in them is NFC already (the reader boundary normalises once).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

from models.columns import column, record

# by the file's suffix; .doc/.odt/.rtf are read through a DOCX LibreOffice makes of them
SourceFormat = Literal[
    "pdf", "docx", "doc", "odt", "rtf", "xlsx", "xls", "ods", "txt", "md", "html", "image", "zip"
]
ItemKind = Literal["section", "item"]
ScoreRole = Literal["score_max", "score_year"]

# A box on a page in PDF points from the page's top-left corner: (x0, top, x1, bottom).
# Typed PDFs give pdfplumber's boxes as they are; scans map image pixels back (px * 72 / dpi).
Box = tuple[float, float, float, float]

# A cell of a raw grid: text ("" when the cell is empty) or None when the slot is covered
# by a merged cell (a horizontal gridSpan, a vertical vMerge continuation, pdfplumber's None).
Cell = str | None


@dataclass(frozen=True, slots=True)
class TextLine:
    """One paragraph or printed line of body text, e.g. 'Số: 57/KH-UBND' on page 1."""

    page: int  # 1-based; formats without pages use 1
    text: str


@dataclass(frozen=True, slots=True)
class GridRow:
    """One row of a table as the file lays it out, before any stitching or row rules."""

    cells: tuple[Cell, ...]
    page: int
    is_header: bool = False  # the format marks it as a repeated header row (w:tblHeader)
    bold: bool = False  # every non-empty run in the row is bold (a section hint)
    confidence: float | None = None  # mean OCR confidence of the row's cells (0-100), scans only
    box: Box | None = None  # the row on its page, where the reader knows it (PDF, scans)
    cell_boxes: tuple[Box | None, ...] = ()  # one per cell where known; None: not known
    flags: tuple[str, ...] = ()  # what a reader changed in the row ("ocr_corrected:kiếm->kiểm")


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table fragment: a whole DOCX table, one PDF page's grid, or one text-export block."""

    rows: tuple[GridRow, ...]
    page_first: int
    page_last: int
    # Column boundaries as fractions of the table width (0.0 ... 1.0), for stitching pages.
    col_edges: tuple[float, ...] = ()
    line_index: int = -1  # index in Document.lines after which the table stands (-1: unknown)
    strategy: str = ""  # how the grid was found when not the format's own way: 'pdf_text'
    confidence: float = 1.0  # how sure that way is of the rows and columns (0-1)


@dataclass(frozen=True, slots=True)
class Document:
    """A read file: body text lines in reading order plus raw table fragments."""

    doc_id: str  # sha256 of the file bytes, hex
    source_path: str
    source_format: SourceFormat
    page_count: int
    lines: tuple[TextLine, ...]
    tables: tuple[RawTable, ...]
    ocr: bool = False
    warnings: tuple[str, ...] = ()  # reader-level notes (e.g. "page 3: legacy TCVN3 font")
    # What could not be read well: a ruled page whose grid was not found, a photo whose page
    # outline was not found, table rows under the OCR confidence floor. Each becomes an
    # `errors` row and makes the document `partial` (never a silent loss).
    losses: tuple[str, ...] = ()
    # Lines are printed lines, a paragraph wrapped over several (typed PDF, OCR of a PDF or an
    # image), not one line per paragraph (DOCX, text exports): extract.paragraphs re-joins them.
    printed_lines: bool = False

    @property
    def text(self) -> str:
        """The body text that reference offsets point into: lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class ScoreCell:
    """A number in a score column: ('Điểm năm 2023', 2023, 23.27); year None for 'Điểm tối đa'."""

    header: str
    role: ScoreRole
    year: int | None
    value: float


@record
class TableRow:
    """One appendix-table row after stitching and the row rules, cells placed by column role.

    Its `column` fields are columns of plan_items (PlanItem holds the row); `scores` go to
    item_scores and `flags` stay inside the pipeline. A column role of the tables is a
    field here with the role's name (see CONTRIBUTING.md, "add a column role")."""

    table_index: int = column("0-based index of the appendix table in the document")
    row_index: int = column("0-based row index in the stitched table (headers removed)")
    kind: ItemKind = column(
        "section (a heading row) | item | not_item (an analyst marked the row as no item)"
    )
    stt_raw: str = column("the STT as printed ('3.4.', 'II'); empty for sub-rows")
    code: str = column("unique code: '3.4', '6.10' (printed 6.1), 'II.2.2', '2.6#2' (2nd sub-row)")
    parent_code: str | None = column("code of the parent row, e.g. '3.2' for '3.2.2'")
    level: int = column("depth in the table's hierarchy, 1 = top")
    section_code: str | None = column("code of the top-level ancestor, e.g. 'III'")
    section_title: str | None = column("label of the top-level ancestor")
    criterion: str | None = column("text of the criterion/content column", default=None, role=True)
    objective: str | None = column(
        "text of the objective column (Mục tiêu)", default=None, role=True
    )
    task: str | None = column("text of the task column (Nhiệm vụ)", default=None, role=True)
    requirement: str | None = column(
        "text of the requirement/target column (Yêu cầu, Chỉ tiêu)", default=None, role=True
    )
    output: str | None = column(
        "text of the output column (Kết quả/Sản phẩm)", default=None, role=True
    )
    lead: str | None = column("lead agency as printed (Cơ quan chủ trì)", default=None, role=True)
    support: str | None = column(
        "supporting agencies as printed (phối hợp, tham mưu)", default=None, role=True
    )
    deadline: str | None = column(
        "deadline as printed", default=None, role=True, name="deadline_text"
    )
    note: str | None = column("text of a note column (Ghi chú)", default=None, role=True)
    scores: tuple[ScoreCell, ...] = ()
    page_first: int = column("first page of the row", default=1)
    page_last: int = column("last page of the row (a row split by a page break)", default=1)
    confidence: float | None = column(
        "mean OCR confidence of the row's cells (0-100), scans only",
        default=None,
        name="ocr_confidence",
    )
    box_page: int | None = column(
        "page of the row's box; null where the reader knows no boxes (DOCX, text exports)",
        default=None,
    )
    box_x0: float | None = column(
        "left of the row's box in PDF points from the page's left edge (scans: pixels * 72 / dpi)",
        default=None,
    )
    box_top: float | None = column(
        "top of the row's box in points from the page's top", default=None
    )
    box_x1: float | None = column("right of the row's box in points", default=None)
    box_bottom: float | None = column("bottom of the row's box in points", default=None)
    cell_boxes: tuple[str, ...] = column(
        "each cell's box where known, 'role page x0 top x1 bottom' in points "
        "('task 5 112.3 201.0 300.2 240.8'), on the row's first page",
        default=(),
    )
    flags: tuple[str, ...] = ()


# Column roles whose cell text a row keeps: the `role=True` fields of TableRow, in order.
TEXT_ROLES: tuple[str, ...] = tuple(f.name for f in fields(TableRow) if f.metadata.get("role"))


@record
class DocMeta:
    """What the text says about the plan itself, e.g. 57/KH-UBND of xã Hà Châu for 2023.

    Its fields are columns of `documents` (DocumentRecord holds the DocMeta)."""

    doc_number: str | None = column(
        "the plan's own number, e.g. 57/KH-UBND; null when printed blank", default=None
    )
    doc_type: str | None = column("Kế hoạch | Quyết định | …", default=None)
    title: str | None = column("the title under the type heading", default=None)
    commune: str | None = column("commune (xã), e.g. Hà Châu", default=None)
    district: str | None = column("district (huyện) named in the text, e.g. Phú Bình", default=None)
    province: str | None = column(
        "province or centrally-run city named in the text, e.g. Thái Nguyên", default=None
    )
    issue_date: date | None = column(
        "date of the place-and-date line ('Hà Châu, ngày 28 tháng 8 năm 2022')", default=None
    )
    plan_year: int | None = column(
        "the year the plan is for (from the title; partition key)", default=None
    )
    signer: str | None = column("name under the signature", default=None)
    signer_title: str | None = column("Chủ tịch | Phó Chủ tịch", default=None)


@record
class UnitCodes:
    """A plan's places resolved against the gazetteer of administrative units (issue 15):
    official codes, and the unit that succeeds the commune after the 1 July 2025 merger
    (districts abolished, 63 provinces to 34), so plans before and after compare on one key.

    Its fields are columns of `documents` (DocumentRecord holds the UnitCodes)."""

    commune_code: str | None = column("official code of the commune (xã), e.g. 05842", default=None)
    district_code: str | None = column("official code of the district (huyện)", default=None)
    province_code: str | None = column("official code of the province", default=None)
    successor_commune: str | None = column(
        "the commune that succeeds it after 1 July 2025 (itself when unchanged)", default=None
    )
    successor_commune_code: str | None = column("official code of the successor", default=None)
    successor_province: str | None = column(
        "province of the successor (34-province map)", default=None
    )
    place_flags: tuple[str, ...] = column(
        "unknown_commune | unknown_district | ambiguous_commune | ambiguous_district | "
        "no_successor | no_place (the text names none) | post_2025 (resolved against the "
        "units after the merger)",
        default=(),
    )


TableKind = Literal["appendix", "layout", "unrelated"]


@record
class TableInfo:
    """One detected table: ('appendix', index 0, pages 2-9, 63 rows, 6 columns, roles …).

    Its fields are columns of `tables` (TableRecord holds the TableInfo)."""

    table_index: int | None = column(
        "index among the appendix tables (plan_items.table_index); null for other tables"
    )
    kind: TableKind = column(
        "appendix | layout (header, recipients or signature block) | unrelated (a small table)"
    )
    page_first: int = column("first page of the table")
    page_last: int = column("last page of the table")
    rows: int = column("rows (header rows included)")
    columns: int = column("columns")
    roles: tuple[str, ...] = column(
        "the column roles found, in column order ('' for a column without one)"
    )
    strategy: str = column(
        "how the grid was found: docx, pdf (ruled), pdf_text (a PDF table without rules: columns"
        " from the words), txt, image (OCR), xlsx, headings …"
    )
    confidence: float = column(
        "0-1: share of columns with a role, lower when a role was guessed, times 0.9 for"
        " pdf_text rows told apart by text alone (no rule between them)"
    )
    uncertain_roles: bool = column("true when a role was decided from the cells", default=False)
