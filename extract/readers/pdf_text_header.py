"""The header of a table drawn without rules, found from its words (see pdf_text_table).

A header starts at a line whose first cell is an STT word ('STT', 'TT', 'Số TT', from
extract/tables/data/header_words.csv) and ends before the first line whose first cell is
an STT ('I.', '1.1', 'a)'); on a later page it has as many lines as the first page's.
Header cells are blocks of segments stacked on consecutive lines; a block over two cells
below it is a group label ('Điểm' over 'Tối đa | Năm 2023'), not a column. Columns are
the blocks' x ranges, overlapping ones joined; each boundary is put in the widest white
gap of the rows below between two columns' header cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.cleantext import clean_wrapped_cell, lower_space
from extract.readers.pdf_text_lines import PrintedLine, Segment, line_pitch
from extract.tables.patterns import (
    COLUMN_NUMBER_RE,
    STT_CODE_RE,
    STT_LETTER_RE,
    STT_ROMAN_RE,
    STT_WITH_TITLE_RE,
    YEAR_RE,
)
from extract.tables.roles import raw_column_roles, role_of, stt_headers

MAX_HEADER_LINES = 12
MIN_COLUMNS = 3
MIN_ROLES = 2  # columns with a role besides the STT: 'Nội dung' and 'Thời gian' at least
CENTRE_SLACK = 0.3  # line heights a centred cell's middle may stand off its row's
NEXT_LINE = 1.25  # line heights from a centred header line's top to the next one's
MAX_YEAR_WORDS = 3
MIN_SUB_HEADERS = 2
MAX_SUB_LINES = 3  # lines of a sub-header: 'Cơ quan chủ trì thực / hiện' (000) has two
SUB_SLACK = 0.15  # line heights the middles of one row of sub-headers may differ
WRAP_GAP = 0.8  # a cell's next line starts less than this many line heights below
SCAN_GAP = 1.6  # the rows scanned for column gaps end at a blank this many pitches high
STT_RES = (STT_CODE_RE, STT_ROMAN_RE, STT_LETTER_RE)


@dataclass(frozen=True, slots=True)
class Header:
    """Where the header stands (line indexes), its column edges and its rows of cells."""

    start: int
    end: int
    edges: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    centred: bool = False  # cells vertically centred: rows banded by pdf_text_centred


@dataclass
class _Block:
    x0: float
    x1: float
    first: int
    last: int
    segments: list[Segment] = field(default_factory=list)

    def overlaps(self, x0: float, x1: float) -> bool:
        return self.x0 < x1 and x0 < self.x1

    def add(self, segment: Segment, line: int) -> None:
        self.x0, self.x1 = min(self.x0, segment.x0), max(self.x1, segment.x1)
        self.last = line
        self.segments.append(segment)


def is_stt(text: str) -> bool:
    """A printed STT opening a row: '1.1', 'II.', 'a)', 'IV Cải cách chế độ công vụ'."""
    first = text.split()[0] if text.split() else ""
    return any(rx.match(first) for rx in STT_RES) or bool(STT_WITH_TITLE_RE.match(text))


def find_header(lines: Sequence[PrintedLine], known: Header | None) -> Header | None:
    """The first header on the page: 'STT | Lĩnh vực, tiêu chí | Yêu cầu … | Thời gian …'.
    Cells centred vertically put 'STT' mid-header, the taller cells' lines above it."""
    for index, line in enumerate(lines):
        if lower_space(line.segments[0].text) not in stt_headers():
            continue
        band = centred_band(lines, index)
        if band is not None:
            header = _header_at(lines, band[0], band[1])
        elif len(line.segments) >= MIN_COLUMNS:
            header = _header_at(lines, index, _band_end(lines, index, known))
        else:
            continue
        if header is not None:
            return header
    return None


def centred_band(lines: Sequence[PrintedLine], index: int) -> tuple[int, int] | None:
    """(first, end) lines of a header whose cells are centred vertically about the STT
    word on line `index`: the taller cells' lines above it (none in the STT column, each
    within a line of the next), as far below it as above, then a second row of
    sub-headers ('Mục tiêu | Nhiệm vụ' under 'Nội dung thực hiện', plan_004)."""
    stt = lines[index].segments[0]
    height = lines[index].bottom - lines[index].top
    start = index
    while start > 0 and _header_above(lines[start - 1], lines[start], stt.x1, height):
        start -= 1
    if start == index:
        return None
    reach = lines[index].top + lines[index].bottom - lines[start].top
    end = index + 1
    while end < len(lines) and lines[end].bottom <= reach + CENTRE_SLACK * height:
        end += 1
    if abs(lines[end - 1].bottom - reach) > CENTRE_SLACK * height:
        return None
    below = lines[end : end + MAX_HEADER_LINES]
    return start, end + _second_row(below, lines[start:end], stt.x1, height)


def _year_header(text: str) -> bool:
    """A sub-header naming a year: 'Năm 2023', '2024' (under 'Điểm')."""
    words = text.split()
    return 0 < len(words) <= MAX_YEAR_WORDS and bool(YEAR_RE.fullmatch(words[-1]))


def _header_above(line: PrintedLine, below: PrintedLine, stt_right: float, height: float) -> bool:
    near = below.top - line.top <= NEXT_LINE * height
    return near and all(s.x0 > stt_right for s in line.segments)


def _second_row(
    lines: Sequence[PrintedLine], band: Sequence[PrintedLine], stt_right: float, height: float
) -> int:
    """How many of `lines` are a centred row of sub-headers, then column numbers '(1)'."""
    best = 0
    for count in range(1, len(lines) + 1):
        if any(s.x0 <= stt_right for s in lines[count - 1].segments):
            break
        if _sub_headers(lines[:count], band, height):
            best = count
    numbers = best < len(lines) and all(
        COLUMN_NUMBER_RE.match(s.text) for s in lines[best].segments
    )
    return best + 1 if numbers else best


def _sub_headers(lines: Sequence[PrintedLine], band: Sequence[PrintedLine], height: float) -> bool:
    """Lines whose cells are one short block each, two or more (sub-columns under a group
    label: one at least under no text of the header above, the label standing over the
    first), centred alike, each naming a role."""
    blocks = _blocks(lines)
    above = [s for line in band for s in line.segments]
    if len(blocks) < MIN_SUB_HEADERS or all(
        any(b.overlaps(s.x0, s.x1) for s in above) for b in blocks
    ):
        return False
    centres = []
    for block in blocks:
        if any(o is not block and o.overlaps(block.x0, block.x1) for o in blocks):
            return False
        text = clean_wrapped_cell("\n".join(s.text for s in block.segments))
        if role_of(text) is None and not _year_header(text):
            return False
        if block.last - block.first >= MAX_SUB_LINES:
            return False
        centres.append((lines[block.first].top + lines[block.last].bottom) / 2)
    return max(centres) - min(centres) <= SUB_SLACK * height


def _header_at(lines: Sequence[PrintedLine], start: int, end: int | None) -> Header | None:
    if end is None:
        return None
    blocks = _blocks(lines[start:end])
    columns = _columns(blocks)
    if len(columns) < MIN_COLUMNS:
        return None
    rows = _header_rows(blocks, columns)
    roles = raw_column_roles(rows, len(columns))
    if sum(1 for role in roles[1:] if role and role != "stt") < MIN_ROLES:
        return None
    edges = _edges(columns, _scanned(lines, end))
    return Header(start, end, edges, rows, centred=start < end and not _is_stt_word(lines[start]))


def _is_stt_word(line: PrintedLine) -> bool:
    return lower_space(line.segments[0].text) in stt_headers()


def _band_end(lines: Sequence[PrintedLine], start: int, known: Header | None) -> int | None:
    """The first data line: an STT under the STT header, or on a later page the first
    line with words the first page's header does not have (a row split by the break)."""
    stt = lines[start].segments[0]
    limit = min(start + MAX_HEADER_LINES + 1, len(lines))
    for index in range(start + 1, limit):
        first = lines[index].segments[0]
        if first.x0 < stt.x1 + (stt.x1 - stt.x0) and is_stt(first.text):
            return index
        if known is not None and not _repeats(lines[index], known):
            return index
    return limit if known else None


def _repeats(line: PrintedLine, known: Header) -> bool:
    """Every segment of the line is part of the known header's text in its column."""
    texts = [lower_space(" ".join(cells)) for cells in zip(*known.rows, strict=True)]
    for segment in line.segments:
        column = min(_column_of_edges(segment.x0, known.edges), len(texts) - 1)
        if lower_space(segment.text) not in texts[column]:
            return False
    return True


def _column_of_edges(x: float, edges: Sequence[float]) -> int:
    return next((i for i, right in enumerate(edges[1:-1]) if x < right), len(edges) - 2)


def _blocks(band: Sequence[PrintedLine]) -> list[_Block]:
    """Header cells: a segment continues the block right above it when they overlap and
    neither has another partner on those lines. A column number '(3)' is a cell of its own,
    though it sits right under its column's header (plan_001 in Liberation Sans, 10 pt).
    'Right above' is the nearest line above in that column: a centred header's cells
    interleave their lines with the STT's ('Nội dung thực' / 'Stt' / 'hiện', plan_004)."""
    blocks: list[_Block] = []
    for number, line in enumerate(band):
        for segment in line.segments:
            above = [b for b in blocks if _just_above(b, segment, band, number)]
            numbered = COLUMN_NUMBER_RE.match(segment.text) or any(map(_numbering, above))
            if len(above) == 1 and _sole(above[0], line.segments) and not numbered:
                above[0].add(segment, number)
            else:
                blocks.append(_Block(segment.x0, segment.x1, number, number, [segment]))
    return blocks


def _just_above(block: _Block, segment: Segment, band: Sequence[PrintedLine], number: int) -> bool:
    """The block ends on the nearest line above `number` with ink over the segment, and
    close enough to be its cell's previous line."""
    if block.last >= number or not block.overlaps(segment.x0, segment.x1):
        return False
    between = band[block.last + 1 : number]
    if any(s.x0 < segment.x1 and segment.x0 < s.x1 for line in between for s in line.segments):
        return False
    line = band[number]
    return line.top - band[block.last].bottom < WRAP_GAP * (line.bottom - line.top)


def _sole(block: _Block, segments: Sequence[Segment]) -> bool:
    return sum(1 for s in segments if block.overlaps(s.x0, s.x1)) == 1


def _below(block: _Block, blocks: Sequence[_Block]) -> list[_Block]:
    return [
        b
        for b in blocks
        if b.first > block.last and block.overlaps(b.x0, b.x1) and not _numbering(b)
    ]


def _columns(blocks: Sequence[_Block]) -> list[tuple[float, float]]:
    """Column x ranges: blocks that are not group labels, overlapping ranges joined."""
    kept = [b for b in blocks if len(_below(b, blocks)) < 2 and not _numbering(b)]
    cells = sorted((b.x0, b.x1) for b in kept)
    columns: list[tuple[float, float]] = []
    for x0, x1 in cells:
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _numbering(block: _Block) -> bool:
    """A column-number cell '(1)', '(2)' (plan_001), aligned its own way: not a column."""
    return all(COLUMN_NUMBER_RE.match(s.text) for s in block.segments)


def _header_rows(
    blocks: Sequence[_Block], columns: Sequence[tuple[float, float]]
) -> tuple[tuple[str, ...], ...]:
    """One row, or two when some cells stand under a group label (they and any cell
    starting as low go to the second row)."""
    blocks = [b for b in blocks if not _numbering(b)]  # '(1) | (2) | …' name no column
    under = [
        b.first for b in blocks if any(_below(a, blocks) and b in _below(a, blocks) for a in blocks)
    ]
    split = min(under) if under else None
    rows = [[""] * len(columns), [""] * len(columns)]
    for block in sorted(blocks, key=lambda b: b.first):
        row = rows[1] if split is not None and block.first >= split else rows[0]
        col = _column_of(block.x0, columns)
        text = clean_wrapped_cell("\n".join(s.text for s in block.segments))
        row[col] = f"{row[col]} {text}".strip()
    return tuple(tuple(r) for r in (rows if split is not None else rows[:1]))


def _column_of(x: float, columns: Sequence[tuple[float, float]]) -> int:
    for index, (_, x1) in enumerate(columns):
        if x < x1:
            return index
    return len(columns) - 1


def _scanned(lines: Sequence[PrintedLine], end: int) -> list[PrintedLine]:
    """The lines under the header up to the first wide blank (the rows to read gaps from)."""
    pitch = line_pitch(lines)
    out: list[PrintedLine] = []
    for line in lines[end:]:
        if out and pitch and line.top - out[-1].bottom > SCAN_GAP * pitch:
            break
        out.append(line)
    return out


def _edges(
    columns: Sequence[tuple[float, float]], rows: Sequence[PrintedLine]
) -> tuple[float, ...]:
    segments = [s for line in rows for s in line.segments]
    inner = [_gap(a[1], b[0], segments) for a, b in zip(columns, columns[1:], strict=False)]
    # a centred header is narrower than its column: the rows below set the outer edges
    left = min([columns[0][0], *(s.x0 for s in segments if s.x1 < inner[0])])
    right = max([columns[-1][1], *(s.x1 for s in segments if s.x0 > inner[-1])])
    return (left - 1, *inner, right + 1)


def _gap(lo: float, hi: float, segments: Sequence[Segment]) -> float:
    """Between two header cells, the right end of the first run of x crossed by the fewest
    segments: just left of where the next column's text starts, the same on every page
    (plan_001 in a sans font: scores start at x=300, left of their centred header at 325,
    and a '1' there must not pull the boundary past it)."""
    if hi - lo < 2:
        return (lo + hi) / 2
    xs = [lo + step for step in range(int(hi - lo) + 1)]
    counts = [sum(1 for s in segments if s.x0 <= x <= s.x1) for x in xs]
    least = min(counts)
    first = counts.index(least)
    end = first
    while end + 1 < len(counts) and counts[end + 1] == least:
        end += 1
    return xs[end]
