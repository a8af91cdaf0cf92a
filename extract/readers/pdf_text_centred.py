"""Rows of a table drawn without rules whose cells are vertically centred (see pdf_text_table).

Word and LibreOffice can centre a cell's text in its row ('centre' cell alignment, common in
commune plans): a short cell then starts below the row's first line, and the STT stands
mid-row, so rows cannot be cut from the STT line down. Here a row is a band of the page
in which every column's text is one block centred on the band's middle, the tallest cell
filling it: the table is cut into the fewest such bands (a shorter cut always centres
trivially: a band holding one line of one cell). Cuts fall only where no text line stands
across them. Where the table draws rules between its rows, the rules cut it instead.

An STT standing alone in its column may be merged down over sub-rows (002 V.2, 004 4.2:
LibreOffice then prints it anywhere in the merged rows, across the cut between them); it
does not hold a cut open, no band holds two of them, and it goes to the band it stands in
(the upper one when it stands across a cut), or up to the first band of its merged rows:
the nearest band above where a cell after the STT opens, when none opens in its own band.

A row split by a page break is not centred: LibreOffice tops the part before the break
(001 1.2 in the samples' font: its STT and scores on the part's first line), and the
part after it holds what is left of the cells, from the top. So the first and the last
band of a page may be top-aligned instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from extract.readers.pdf_text_cells import FIT_SLACK, SPACE_SHARE, column_span, text_rights
from extract.readers.pdf_text_header import CENTRE_SLACK, is_stt
from extract.readers.pdf_text_lines import PrintedLine, Segment

BLOCK_GAP = 0.5  # a blank this many line heights high parts two blocks of one column
OFF_CENTRE = 10.0  # cost of a cell off its band's middle, per line height
SPLIT_BLOCK = 10.0  # cost of a column holding two blocks in one band, or two STTs
TOPPED = 1.0  # cost of a cell standing at its band's top (empty paragraphs under it: 002 2.4)
PARAGRAPH = 0.5  # cost of a paragraph opening inside a band, or a band cutting one
MAX_SPAN = 80  # clusters one band may hold


@dataclass(frozen=True, slots=True)
class _Piece:
    """A segment placed in the table: its column, and whether it is a lone STT."""

    top: float
    bottom: float
    column: int
    segment: Segment
    loose: bool
    opens: bool = True  # opens a paragraph: its column's line above stopped short of it
    titled: bool = False  # an STT with its title: '1.1 Đảm bảo hạ tầng …' (002 VI.1.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def centred_rows(
    body: Sequence[PrintedLine], edges: Sequence[float], rules: Sequence[float]
) -> list[list[PrintedLine]]:
    """The body's lines cut into rows, each row's lines holding only its own segments."""
    pieces = _pieces(body, edges)
    fixed = [p for p in pieces if not p.loose]
    clusters = _clusters(fixed)
    if rules:
        bands = _by_rules(clusters, rules)
    else:
        height = median(p.bottom - p.top for p in pieces)
        stts = [p for p in pieces if p.loose]
        bands = _best_bands(clusters, stts, height)
    return [_as_lines(band) for band in _with_loose(bands, pieces)]


def _pieces(body: Sequence[PrintedLine], edges: Sequence[float]) -> list[_Piece]:
    out: list[_Piece] = []
    for line in body:
        for segment in line.segments:
            first, last = column_span(segment, edges)
            numbered = first == 0 and is_stt(segment.text)
            loose = numbered and last == 0 and len(segment.words) == 1
            top, bottom = _extent(segment, line)
            out.append(_Piece(top, bottom, first, segment, loose, titled=numbered and not loose))
    out.sort(key=lambda p: (p.top, p.segment.x0))
    return _with_openings(out, text_rights(body, edges))


def _with_openings(pieces: list[_Piece], rights: Sequence[float]) -> list[_Piece]:
    """Each piece marked whether it opens a paragraph: the line above it in its column
    stopped short of where its first word would have fitted, or there is none close."""
    last: dict[int, _Piece] = {}
    out: list[_Piece] = []
    for piece in pieces:
        above = last.get(piece.column)
        opens = True  # so does an STT: 2.1 after '… quản lý nội bộ' (002) opens its row
        if (
            not (piece.loose or piece.titled)
            and above is not None
            and piece.top - above.bottom <= BLOCK_GAP * (piece.bottom - piece.top)
        ):
            word = piece.segment.words[0]
            room = SPACE_SHARE * (piece.bottom - piece.top) + float(word["x1"] - word["x0"])
            opens = above.segment.x1 + room < rights[piece.column] - FIT_SLACK
        out.append(replace(piece, opens=opens))
        last[piece.column] = piece
    return out


def _extent(segment: Segment, line: PrintedLine) -> tuple[float, float]:
    words = segment.words
    if not words:
        return line.top, line.bottom
    return min(float(w["top"]) for w in words), max(float(w["bottom"]) for w in words)


def _clusters(pieces: Sequence[_Piece]) -> list[list[_Piece]]:
    """Pieces whose heights overlap, chained: no cut can pass between them."""
    out: list[list[_Piece]] = []
    bottom = float("-inf")
    for piece in pieces:
        if out and piece.top < bottom:
            out[-1].append(piece)
            bottom = max(bottom, piece.bottom)
        else:
            out.append([piece])
            bottom = piece.bottom
    return out


def _by_rules(clusters: Sequence[list[_Piece]], rules: Sequence[float]) -> list[list[_Piece]]:
    """Bands between the row rules: a cluster goes with the rule interval of its middle."""
    bands: list[list[_Piece]] = []
    last_slot = -1
    for cluster in clusters:
        middle = (min(p.top for p in cluster) + max(p.bottom for p in cluster)) / 2
        slot = sum(1 for y in rules if y < middle)
        if not bands or slot != last_slot:
            bands.append([])
        bands[-1].extend(cluster)
        last_slot = slot
    return bands


def _best_bands(
    clusters: Sequence[list[_Piece]], stts: Sequence[_Piece], height: float
) -> list[list[_Piece]]:
    """The cut into bands of least cost: one per band, more for off-centre or split cells."""
    count = len(clusters)
    best: list[float] = [0.0] + [float("inf")] * count
    back = [0] * (count + 1)
    for end in range(1, count + 1):
        for start in range(max(0, end - MAX_SPAN), end):
            if best[start] == float("inf"):
                continue
            band = [p for cluster in clusters[start:end] for p in cluster]
            misfit = _misfit(band, stts, height, centred=True)
            if start == 0 or end == count:  # a row split by the page break: top-aligned
                misfit = min(misfit, _misfit(band, stts, height, centred=False))
            cost = best[start] + 1.0 + misfit
            if cost < best[end]:
                best[end], back[end] = cost, start
    bands: list[list[_Piece]] = []
    end = count
    while end:
        start = back[end]
        bands.append([p for cluster in clusters[start:end] for p in cluster])
        end = start
    return bands[::-1]


def _misfit(band: Sequence[_Piece], stts: Sequence[_Piece], height: float, centred: bool) -> float:
    """How far the band is from a centred row (or a top-aligned one): cells off its middle
    (its top), split columns, two STTs."""
    top, bottom = min(p.top for p in band), max(p.bottom for p in band)
    middle = (top + bottom) / 2
    cost = 0.0
    for column in {p.column for p in band}:
        own = [p for p in band if p.column == column]
        start = min(p.top for p in own)
        topped = OFF_CENTRE * max(0.0, (start - top) / height - CENTRE_SLACK)
        if centred:
            off = abs((start + max(p.bottom for p in own)) / 2 - middle)
            centre = OFF_CENTRE * max(0.0, off / height - CENTRE_SLACK)
            topped = min(centre, TOPPED + topped)
        cost += topped
        cost += SPLIT_BLOCK * _gaps(own, height)
        cost += PARAGRAPH * _paragraph_breaks(own)
    inside = sum(1 for p in stts if top < p.middle < bottom) + sum(p.titled for p in band)
    return cost + SPLIT_BLOCK * max(0, inside - 1)


def _paragraph_breaks(own: Sequence[_Piece]) -> int:
    """Paragraphs opening inside the band's cell, and the cell not opening one."""
    ordered = sorted(own, key=lambda p: p.top)
    return sum(1 for p in ordered[1:] if p.opens) + (0 if ordered[0].opens else 1)


def _gaps(own: Sequence[_Piece], height: float) -> int:
    ordered = sorted(own, key=lambda p: p.top)
    return sum(
        1
        for a, b in zip(ordered, ordered[1:], strict=False)
        if b.top - a.bottom > BLOCK_GAP * height
    )


def _with_loose(bands: list[list[_Piece]], pieces: Sequence[_Piece]) -> list[list[_Piece]]:
    """Each lone STT put in its row's first band (see above), or a band of its own when it
    stands far from any."""
    out = [list(band) for band in bands]
    for piece in (p for p in pieces if p.loose):
        spans = [(min(p.top for p in b), max(p.bottom for p in b)) for b in out]
        distance = [max(top - piece.middle, piece.middle - bottom, 0.0) for top, bottom in spans]
        if not distance or min(distance) > piece.bottom - piece.top:
            out.append([piece])
            out.sort(key=lambda b: min(p.top for p in b))
            continue
        out[_first_of_merge(out, distance.index(min(distance)))].append(piece)
    return out


def _first_of_merge(bands: Sequence[list[_Piece]], index: int) -> int:
    """The band itself when a cell after the STT column opens there, else the nearest band
    above where one does (no higher than a band with an STT: the rows of another STT). A
    cell going on in lower case ('vụ chia sẻ dữ liệu …', 000 7.1.2) opens none: the row
    was typed in two, the STT merged over both and printed in the second."""
    for above in range(index, -1, -1):
        band = bands[above]
        if above < index and any(p.loose for p in band):
            break
        after = [p for p in band if p.column == 1]
        if after and not min(after, key=lambda p: p.top).segment.text[:1].islower():
            return above
    return index


def _as_lines(band: Sequence[_Piece]) -> list[PrintedLine]:
    """The band's pieces as printed lines (pieces of one printed line kept together)."""
    lines: list[PrintedLine] = []
    for piece in sorted(band, key=lambda p: (p.top, p.segment.x0)):
        if lines and piece.top < lines[-1].bottom - 0.5 * (lines[-1].bottom - lines[-1].top):
            last = lines[-1]
            segments = tuple(sorted((*last.segments, piece.segment), key=lambda s: s.x0))
            lines[-1] = PrintedLine(last.top, max(last.bottom, piece.bottom), segments)
        else:
            lines.append(PrintedLine(piece.top, piece.bottom, (piece.segment,)))
    return lines
