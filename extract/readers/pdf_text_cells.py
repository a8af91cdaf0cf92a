"""Rows and cells of a table drawn without rules, from its printed lines (see pdf_text_table).

A row starts at a line with text in the STT column ('1.5', 'II'), under a horizontal rule
where the table has row rules, or, without rules, where at least two cells start on a line
whose columns were empty on the line above (a sub-row with an empty STT: 002 V.2, its own
task, agency and deadline). A segment running over column boundaries is a merged cell (a
section title): the columns it covers are `None`, as pdfplumber gives for a ruled grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.cleantext import mark_wrapped_cell
from extract.readers.page import row_is_bold
from extract.readers.pdf_fonts import is_bold
from extract.readers.pdf_text_header import Header, is_stt
from extract.readers.pdf_text_lines import PrintedLine, Segment
from models.document import Cell, GridRow

EDGE_SLACK = 2.0  # points a segment may pass a column boundary
RULE_SLACK = 1.5  # points a rule may stand into the line below or above it
MIN_FRESH = 2  # cells starting together make a sub-row
SPACE_SHARE = 0.25  # a space is about a quarter of the text height
FIT_SLACK = 1.0  # points


def column_span(segment: Segment, edges: Sequence[float]) -> tuple[int, int]:
    """(first, last) column a segment covers, a little slack at each boundary."""
    return _column_at(segment.x0 + EDGE_SLACK, edges), _column_at(segment.x1 - EDGE_SLACK, edges)


def _column_at(x: float, edges: Sequence[float]) -> int:
    for index, right in enumerate(edges[1:-1]):
        if x < right:
            return index
    return len(edges) - 2


def spanning_ok(line: PrintedLine, crossing: Sequence[Segment], edges: Sequence[float]) -> bool:
    """A section title over merged cells: it starts after the STT column, or it is the
    STT cell's own bold title ('1 Kiểm soát thủ tục hành chính', plan_002)."""
    for segment in crossing:
        first, _ = column_span(segment, edges)
        if first == 0 and not (is_stt(segment.text) and _bold(segment.chars)):
            return False
    return True


def grid_rows(
    header: Header | None,
    body: Sequence[PrintedLine],
    edges: Sequence[float],
    rules: Sequence[float],
    page: int,
    split: Sequence[Sequence[PrintedLine]] | None = None,
) -> tuple[GridRow, ...]:
    """Header rows (when typed on this page) then one GridRow per table row (`split`: the
    rows already cut, as pdf_text_centred cuts them)."""
    head = [GridRow(cells=row, page=page) for row in header.rows] if header else []
    if split is None:
        split = _split_rows(body, edges, rules)
    return (*head, *(_row(lines, edges, page) for lines in split))


def _split_rows(
    body: Sequence[PrintedLine], edges: Sequence[float], rules: Sequence[float]
) -> list[list[PrintedLine]]:
    rights = text_rights(body, edges)
    rows: list[list[PrintedLine]] = []
    for index, line in enumerate(body):
        if not rows or _starts_row(body[index - 1], line, edges, rules, rights):
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _starts_row(
    above: PrintedLine,
    line: PrintedLine,
    edges: Sequence[float],
    rules: Sequence[float],
    rights: Sequence[float],
) -> bool:
    now = _filled(line, edges)
    if 0 in now:  # an STT, or the first line of an unnumbered row ('-'), not a wrapped STT
        first = line.segments[0]
        return is_stt(first.text) or 0 not in _filled(above, edges)
    if rules:
        return any(above.bottom - RULE_SLACK <= y <= line.top + RULE_SLACK for y in rules)
    # Cells are top-aligned: a column empty on the line above cannot go on below it, so
    # two of them opening together start a row; one does when the other cells open a
    # paragraph or a sentence (a capital) there; so do cells that all open a paragraph.
    fresh = len(now - _filled(above, edges))
    if fresh >= MIN_FRESH:
        return True
    starts = [_starts_paragraph(above, s, edges, rights) for s in line.segments]
    if fresh:
        return all(
            new or s.text[:1].isupper() for new, s in zip(starts, line.segments, strict=True)
        )
    return sum(starts) >= MIN_FRESH and all(starts)


def _starts_paragraph(
    above: PrintedLine, segment: Segment, edges: Sequence[float], rights: Sequence[float]
) -> bool:
    """The segment opens a paragraph in its column: the column was empty on the line above,
    or that line stopped short of where this line's first word would still have fit."""
    column = column_span(segment, edges)[0]
    over = [s for s in above.segments if column_span(s, edges)[0] == column]
    if not over:
        return column not in _filled(above, edges)
    word = segment.words[0]
    space = SPACE_SHARE * (word["bottom"] - word["top"])
    return bool(over[-1].x1 + space + (word["x1"] - word["x0"]) < rights[column] - FIT_SLACK)


def text_rights(body: Sequence[PrintedLine], edges: Sequence[float]) -> list[float]:
    """How far right each column's text reaches (its cell's right edge less padding)."""
    rights = list(edges[1:])
    reach = [0.0] * len(rights)
    for line in body:
        for segment in line.segments:
            first, last = column_span(segment, edges)
            if first == last:
                reach[first] = max(reach[first], segment.x1)
    return [r if r else edge for r, edge in zip(reach, rights, strict=True)]


def _filled(line: PrintedLine, edges: Sequence[float]) -> set[int]:
    out: set[int] = set()
    for segment in line.segments:
        first, last = column_span(segment, edges)
        out.update(range(first, last + 1))
    return out


def _row(lines: Sequence[PrintedLine], edges: Sequence[float], page: int) -> GridRow:
    """A row's cells: per column its lines' words (the page's own word breaks, so a narrow
    space is kept), a column under a spanning segment `None`."""
    width = len(edges) - 1
    texts: list[list[str]] = [[] for _ in range(width)]
    chars: list[list[dict[str, Any]]] = [[] for _ in range(width)]
    covered: set[int] = set()
    for line in lines:
        for segment in line.segments:
            first, last = column_span(segment, edges)
            texts[first].append(" ".join(w["text"] for w in segment.words))
            chars[first].extend(segment.chars)
            covered.update(range(first + 1, last + 1))
    cells: list[Cell] = []
    inked: list[tuple[int, bool]] = []
    for column, own in enumerate(texts):
        if not own:
            cells.append(None if column in covered else "")
            continue
        cells.append(mark_wrapped_cell("\n".join(own)))
        inked.append((column, _bold(chars[column])))
    return GridRow(cells=tuple(cells), page=page, bold=row_is_bold(inked))


def _bold(chars: Sequence[dict[str, Any]]) -> bool:
    ink = [c for c in chars if not c["text"].isspace()]
    return bool(ink) and all(is_bold(c["fontname"]) for c in ink)
