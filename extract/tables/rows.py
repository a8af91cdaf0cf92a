"""Row rules (DESIGN rule 3-7): sections, continuations, sub-rows, roles, codes, provenance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from extract.hyphens import Evidence, hyphen_evidence, join_after_break
from extract.tables.boxes import box_fields, moved_boxes, swapped, union, union_cells
from extract.tables.codes import CodeBook
from extract.tables.patterns import (
    DEADLINE_LIKE_RE,
    LIST_GOES_ON_RE,
    SCORE_RE,
    STT_CODE_RE,
    STT_ROMAN_RE,
    STT_WITH_TITLE_RE,
    TERMINATED_RE,
)
from extract.tables.realign import (
    LABEL_ROLES,
    Moves,
    known_agencies,
    move,
    own_objective,
    put_back,
    unshift,
)
from extract.tables.roles import column_roles, header_label, year_of
from extract.tables.stitch import LogicalTable, StitchedRow
from models.document import TEXT_ROLES, Box, ScoreCell, ScoreRole, TableRow


@dataclass
class _Draft:
    """A row being built: cells may still grow by continuation rows."""

    stt: str
    cells: list[str]
    page_first: int
    page_last: int
    section: bool = False
    title: str | None = None
    inherits: int | None = None  # index of the draft whose STT a sub-row inherits
    confidence: list[float] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    box: Box | None = None  # on page_first; grows with continuations on the same page
    cell_boxes: tuple[Box | None, ...] = ()
    moves: Moves | None = None  # how its last piece's cells were put back (realign.py)


def table_rows(table: LogicalTable, table_index: int) -> list[TableRow]:
    """Apply the row rules to a stitched table: '1.1 | Các giải pháp… | UBND xã' -> TableRow."""
    roles = column_roles(table.header, table.width, [r.cells for r in table.rows])
    drafts = _drafts(table, roles)
    for d in drafts:  # once page breaks' rests have joined the cells
        moved = own_objective(d.cells, roles) if d.moves and d.inherits is not None else None
        d.cell_boxes = swapped(d.cell_boxes, moved) if moved else d.cell_boxes
    return _finish(drafts, roles, table, table_index)


def _text(cell: str | None) -> str:
    return (cell or "").strip()


def _stt_and_title(cells: tuple[str | None, ...]) -> tuple[str, str | None]:
    """'1 Kiểm soát thủ tục hành chính' in the STT cell with nothing else -> ('1', title);
    'I. | CÔNG TÁC CHỈ ĐẠO' with one spanning cell, wherever the columns stand -> ('I.', …)."""
    first = _text(cells[0])
    filled = [_text(c) for c in cells[1:] if _text(c)]
    match = STT_WITH_TITLE_RE.match(first)
    if match and not filled:
        return match.group("stt"), match.group("title")
    numbered = STT_ROMAN_RE.match(first) or STT_CODE_RE.match(first)
    if numbered and len(filled) == 1 and None in cells[1:]:
        return first, filled[0]
    return first, None


def _drafts(table: LogicalTable, roles: list[str | None]) -> list[_Draft]:
    # how the table writes hyphenated pairs, for a cell split after a hyphen by a page break
    seen = hyphen_evidence(c for r in table.rows for c in r.cells if c)
    agencies = known_agencies(([_text(c) for c in r.cells] for r in table.rows), roles)
    drafts: list[_Draft] = []
    for row in table.rows:
        if drafts and _title_goes_on(drafts[-1], row):
            continue
        stt, title = _stt_and_title(row.cells)
        cells = [_text(c) for c in row.cells]
        if not stt and drafts:
            piece, moves = _as_piece(cells, drafts[-1], row.page, roles)
            if _is_continuation(piece, drafts[-1], row.page, roles):
                _join(drafts[-1], piece, moved_boxes(row, moves), seen)
                drafts[-1].moves = moves
                continue
        draft = _new_draft(stt, cells, row, roles, agencies)
        cells = draft.cells
        if row.confidence is not None:
            draft.confidence.append(row.confidence)
        draft.flags.extend(row.flags)
        if title is not None:
            draft.section, draft.title = True, title
            draft.cells = [""] * len(cells)
        elif stt and _is_section(row, cells, roles):
            draft.section = True
        elif not stt and drafts:
            draft.inherits = _origin(drafts)
        drafts.append(draft)
    return drafts


def _new_draft(
    stt: str,
    cells: list[str],
    row: StitchedRow,
    roles: list[str | None],
    agencies: Mapping[str, str],
) -> _Draft:
    """A row that starts a draft, its cells put back in their columns (realign.py)."""
    moves = put_back(cells, roles, agencies, sub_row=not stt)
    moved = move(cells, moves) if moves else None
    if moves is None or moved is None:
        return _Draft(stt, cells, row.page, row.page, box=row.box, cell_boxes=row.cell_boxes)
    boxes = moved_boxes(row, moves).cell_boxes
    draft = _Draft(stt, moved, row.page, row.page, box=row.box, cell_boxes=boxes, moves=moves)
    draft.flags.append("cells_shifted")
    return draft


def _as_piece(
    cells: list[str], prev: _Draft, page: int, roles: list[str | None]
) -> tuple[list[str], Moves | None]:
    """A row's cells read as the next piece of `prev`, and how they were moved. The top of a
    new page follows the piece above (moved after a moved one, plan_002 VI.3.1#3; never after
    an unmoved one: plan_002 IV.1's '… Thường xuyên' split off a support cell). A piece on the
    same page is a grid row typed on its own (plan_002 V.2's last piece)."""
    own = unshift(cells, roles) if page <= prev.page_last else None
    follows = prev.moves if prev.moves and not cells[-1] else None
    for moves in (own, follows):
        moved = move(cells, moves) if moves else None
        if moved is not None:
            return moved, moves
    return list(cells), None


def _title_goes_on(prev: _Draft, row: StitchedRow) -> bool:
    """A section title typed in the STT cell and split by a page break ('1.1 Đảm bảo hạ' |
    'tầng công nghệ thông tin, …' on the next page): the lower-case rest, alone in the STT
    cell, joins the title."""
    first = _text(row.cells[0])
    rest = [c for c in row.cells[1:] if _text(c)]
    if prev.title is None or rest or not first[:1].islower() or row.page <= prev.page_last:
        return False
    prev.title = f"{prev.title} {first}"
    _join(prev, [""] * len(row.cells), row)
    return True


def _origin(drafts: list[_Draft]) -> int:
    """The draft a sub-row inherits from: the last one with a printed STT."""
    i = len(drafts) - 1
    while i > 0 and drafts[i].inherits is not None:
        i = drafts[i].inherits or 0
    return i


def _is_continuation(cells: list[str], prev: _Draft, page: int, roles: list[str | None]) -> bool:
    """A page-split fragment, not a sub-row. Lower-case start or a lone cell: a fragment;
    so is a row whose cells all extend unfinished cells above with one of them lower-case
    ('TTHC | công chức được phân công …', plan_000 8.1.2, where a DOCX kept the split).
    Otherwise only the first row of a new page can be one: no deadline and no agency of its
    own (a sub-row has them), or every cell it fills unfinished above. An empty deadline
    alone never decides (plan_002 V.2's and plan_004 4.3's sub-rows)."""
    filled = [i for i, c in enumerate(cells) if c]
    if not filled:
        return False
    lower = [i for i in filled if cells[i][0].islower()]
    if len(filled) == 1 or filled[0] in lower or any(roles[i] in LABEL_ROLES for i in lower):
        return True  # a label cell going on in lower case, whatever the column order
    unfinished = all(prev.cells[i] and not TERMINATED_RE.search(prev.cells[i]) for i in filled)
    if unfinished and any(cells[i][0].islower() for i in filled):
        return True
    if page <= prev.page_last:
        return False
    if any(roles[i] == "deadline" or DEADLINE_LIKE_RE.match(cells[i]) for i in filled):
        return False
    # a list cut by the break ends in ';' or ',' ('Dự thảo Quyết định; Danh mục;' | 'Nội dung
    # phương án …'): it goes on as much as a cell without end punctuation does
    goes_on = all(prev.cells[i] and _goes_on(prev.cells[i]) for i in filled)
    return goes_on or not any(roles[i] == "lead" for i in filled)


def _goes_on(text: str) -> bool:
    return not TERMINATED_RE.search(text) or bool(LIST_GOES_ON_RE.search(text))


def _join(draft: _Draft, cells: list[str], row: StitchedRow, seen: Evidence | None = None) -> None:
    for i, text in enumerate(cells):
        if text and not draft.cells[i].endswith(text):  # 'Thường xuyên' + 'xuyên' (plan_004)
            draft.cells[i] = join_after_break(draft.cells[i], text, seen or Counter())
    if row.page == draft.page_first and draft.box and row.box:
        draft.box = union(draft.box, row.box)
        draft.cell_boxes = union_cells(draft.cell_boxes, row.cell_boxes)
    draft.page_last = max(draft.page_last, row.page)
    if row.confidence is not None:
        draft.confidence.append(row.confidence)
    draft.flags.extend(f for f in row.flags if f not in draft.flags)
    if "continuation_joined" not in draft.flags:
        draft.flags.append("continuation_joined")


def _is_section(row: StitchedRow, cells: list[str], roles: list[str | None]) -> bool:
    """'I. | CÔNG TÁC CHỈ ĐẠO' with the rest merged or empty, or any roman STT."""
    if STT_ROMAN_RE.match(cells[0]):
        return True
    label = _label_role(roles)
    first_label = roles.index(label) if label in roles else 1
    others = [c for i, c in enumerate(cells) if i not in (0, first_label)]
    return first_label < len(cells) and bool(cells[first_label]) and not any(others)


def _label_role(roles: list[str | None]) -> str:
    """The column a section title belongs to, by role (criterion first), not by position."""
    return next((r for r in LABEL_ROLES if r in roles), "criterion")


def _place(cells: list[str], roles: list[str | None]) -> dict[str, str | None]:
    placed: dict[str, str | None] = {}
    for text, role in zip(cells, roles, strict=False):
        if role in TEXT_ROLES and text:
            old = placed.get(role)
            placed[role] = f"{old}; {text}" if old else text
    return placed


def _scores(cells: list[str], roles: list[str | None], labels: list[str]) -> list[ScoreCell]:
    scores = []
    for col, (text, role) in enumerate(zip(cells, roles, strict=False)):
        if not SCORE_RE.match(text):
            continue
        header = labels[col]
        score_role: ScoreRole
        if role == "score_max":
            score_role, year = "score_max", None
        elif role == "score_year":
            score_role, year = "score_year", year_of(header)
        else:
            continue
        scores.append(ScoreCell(header, score_role, year, float(text.replace(",", "."))))
    return scores


def _score_order(score: ScoreCell) -> tuple[bool, int]:
    """Maximum first, then by year, whatever the column order."""
    return score.role != "score_max", score.year or 0


def _label(placed: dict[str, str | None], title: str | None) -> str:
    if title:
        return title
    for role in LABEL_ROLES:
        if placed.get(role):
            return placed[role] or ""
    return ""


@dataclass(frozen=True)
class _Code:
    """Where a row stands in its table: code, parent, depth, top-level ancestor."""

    code: str
    parent: str | None
    level: int
    root: str
    flags: tuple[str, ...]


def _code_of(
    draft: _Draft,
    placed: dict[str, str | None],
    book: CodeBook,
    codes: list[str],
    parents: dict[str, str | None],
) -> _Code:
    """A sub-row takes its origin's code with an ordinal ('2.6#2'); others their STT's."""
    if draft.inherits is not None:
        origin = codes[draft.inherits]
        code = book.ordinal(origin.split("#")[0])
        parent, level = book.register_subrow(code, origin, _label(placed, None))
        parents[code] = parent
        return _Code(code, parent, level, book.root_of(origin, parents), ("sub_row",))
    code, parent, level, flags = book.assign(draft.stt, _label(placed, draft.title))
    parents[code] = parent
    return _Code(code, parent, level, book.root_of(code, parents), flags)


def _finish(
    drafts: list[_Draft], roles: list[str | None], table: LogicalTable, table_index: int
) -> list[TableRow]:
    book = CodeBook(qualify=CodeBook.restarts_under_roman([d.stt for d in drafts]))
    parents: dict[str, str | None] = {}
    codes: list[str] = []
    out: list[TableRow] = []
    # once per table, not per row: a header can have hundreds of rows (issue 11)
    labels = [header_label(table.header, col) for col in range(len(roles))]
    for index, draft in enumerate(drafts):
        placed = _place(draft.cells, roles)
        if draft.inherits is not None:
            _inherit(placed, _place(drafts[draft.inherits].cells, roles))
        where = _code_of(draft, placed, book, codes, parents)
        codes.append(where.code)
        confidence = sum(draft.confidence) / len(draft.confidence) if draft.confidence else None
        out.append(
            TableRow(
                table_index=table_index,
                row_index=index,
                kind="section" if draft.section else "item",
                stt_raw=draft.stt,
                code=where.code,
                parent_code=where.parent,
                level=where.level,
                section_code=where.root,
                section_title=book.labels.get(where.root) or None,
                scores=tuple(sorted(_scores(draft.cells, roles, labels), key=_score_order)),
                page_first=draft.page_first,
                page_last=draft.page_last,
                confidence=confidence,
                flags=tuple(draft.flags) + where.flags,
                **_role_fields(placed, draft.title, roles),
                **box_fields(draft.box, draft.page_first, draft.cell_boxes, roles),
            )
        )
    return out


def _inherit(placed: dict[str, str | None], origin: dict[str, str | None]) -> None:
    """A sub-row takes the objective (and criterion) of the row it hangs under."""
    for role in ("objective", "criterion"):
        if not placed.get(role) and origin.get(role):
            placed[role] = origin[role]


def _role_fields(
    placed: dict[str, str | None], title: str | None, roles: list[str | None]
) -> dict[str, str | None]:
    """Cells by role; a title printed in the STT cell goes to the table's label column."""
    fields = {role: placed.get(role) for role in TEXT_ROLES}
    if title:
        label_role = _label_role(roles)
        fields[label_role] = title
    return fields


__all__ = ["table_rows", "STT_CODE_RE", "TEXT_ROLES"]
