"""Ruled table grids on a page image, laid out the way pdfplumber lays out a PDF table.

Ruling lines are ink runs longer than any glyph stroke (morphological opening), and the
shorter vertical runs that join two horizontal rules (a one-line row). Their
positions, clustered within pdfplumber's 3-point snap tolerance, give a lattice; a lattice
boundary counts as drawn when ink covers most of it. Lattice cells with no drawn boundary
between them are one merged cell. Rows are then the distinct cell tops and columns the
distinct cell lefts, and a slot with no cell starting there is None (covered by a merged
cell), exactly pdfplumber's `Table.rows`, so the typed PDF and its scan give the same grid:
plan_004 p.8 "1.5" spans two rows, "2. Kiểm soát thủ tục hành chính" spans six columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.readers.ocr.image import Gray, as_gray

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels
Span = tuple[int, int, int, int]  # first row, first column, last row, last column (lattice)

RULE_MIN = 0.3  # inches: a horizontal rule is an ink run at least this long
STEM_MAX = 0.25  # inches: vertical ink runs longer than this are rules, not letter stems
SHORT_RULE = 0.08  # inches: a shorter vertical run is a rule only between two rules
SNAP = 3.0 / 72  # inches: pdfplumber's snap tolerance, 3 points
COVERED = 0.6  # a lattice boundary is drawn when ink covers this share of it
MIN_TABLE = (0.5, 0.2)  # inches: width and height of the smallest table


@dataclass(frozen=True, slots=True)
class Rules:
    """The page's ruling lines as masks (255 on 0), horizontal and vertical."""

    horizontal: Gray
    vertical: Gray


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: its box, rows of cell boxes (None: covered by a merge), columns."""

    bbox: Box
    rows: tuple[tuple[Box | None, ...], ...]
    col_edges: tuple[float, ...]


def find_rules(ink: Gray, dpi: float) -> Rules:
    """Masks of the long horizontal and vertical ink runs, small gaps bridged."""
    gap = max(1, round(dpi * 0.02))
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (round(dpi * RULE_MIN), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, round(dpi * STEM_MAX)))
    horizontal = as_gray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, across))
    vertical = as_gray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, down))
    vertical = vertical | _short_verticals(ink, horizontal, dpi)
    horizontal = as_gray(cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8)))
    vertical = as_gray(cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8)))
    return Rules(horizontal, vertical)


def _short_verticals(ink: Gray, horizontal: Gray, dpi: float) -> Gray:
    """Vertical runs shorter than a letter stem that join a horizontal rule at both ends.

    A one-line row cut by the page end (plan_004 p.14 "4.1", 45 px tall under a full-width
    section row) has column rules no longer than a letter; they are told from stems by
    running into a rule at both ends, where text keeps a margin. Only the bands between two
    horizontal rules closer than a stem are searched (speed: the rest of the page's stems
    are never labelled)."""
    out = np.zeros_like(ink)
    for top, bottom in _short_bands(horizontal, dpi):
        out[top:bottom] |= _band_verticals(ink[top:bottom], horizontal[top:bottom], dpi)
    return out


def _short_bands(horizontal: Gray, dpi: float) -> list[tuple[int, int]]:
    """Rows between two neighbouring horizontal rules closer than STEM_MAX (rules included)."""
    rows = np.flatnonzero((horizontal > 0).sum(axis=1) >= RULE_MIN * dpi)
    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts, ends = rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, len(rows) - 1]]
    reach = STEM_MAX * dpi + 2 * max(1, round(dpi * 0.02))
    return [
        (max(0, int(starts[k]) - 2), int(ends[k + 1]) + 3)
        for k in range(len(starts) - 1)
        if starts[k + 1] - ends[k] < reach
    ]


def _band_verticals(ink: Gray, horizontal: Gray, dpi: float) -> Gray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, round(dpi * SHORT_RULE)))
    # A hairline broken by a fax's dropouts or stepping between pixel columns (fax plan_004
    # p.14, the last row's rules) is one run once widened to 3 px and its small gaps closed.
    gap = max(1, round(dpi * 0.02))
    widened = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    widened = cv2.morphologyEx(widened, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    runs = cv2.morphologyEx(widened, cv2.MORPH_OPEN, kernel)
    touch = cv2.dilate(horizontal, np.ones((3, 3), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index, :4])
        if w <= dpi * 0.05:
            top, bottom = touch[y : y + gap, x : x + w], touch[y + h - gap : y + h, x : x + w]
            keep[index] = bool(top.any() and bottom.any())
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def find_grids(rules: Rules, dpi: float) -> list[Grid]:
    """Every ruled table on the page, top to bottom (plan_001 p.7: 6 columns, 7 rows)."""
    snap = max(2, round(dpi * SNAP))
    joined = cv2.dilate(rules.horizontal | rules.vertical, np.ones((snap, snap), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    grids = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index, :4])
        if w >= dpi * MIN_TABLE[0] and h >= dpi * MIN_TABLE[1]:
            grid = _grid_in(rules, (x, y, x + w, y + h), snap)
            if grid is not None:
                grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox[1])


def _positions(mask: Gray, axis: int, snap: int) -> list[int]:
    """Rule positions along one axis (0: rows of horizontal rules), clustered within snap."""
    profile = (mask > 0).sum(axis=1 - axis)
    hits = np.flatnonzero(profile >= max(2, snap))
    clusters: list[list[int]] = []
    for pos in hits.tolist():
        if clusters and pos - clusters[-1][-1] <= snap:
            clusters[-1].append(pos)
        else:
            clusters.append([pos])
    return [round(sum(c) / len(c)) for c in clusters]


def _grid_in(rules: Rules, box: Box, snap: int) -> Grid | None:
    x0, y0, x1, y1 = box
    horizontal = rules.horizontal[y0:y1, x0:x1]
    vertical = rules.vertical[y0:y1, x0:x1]
    ys = _positions(horizontal, 0, snap)
    xs = _positions(vertical, 1, snap)
    if len(ys) < 2 or len(xs) < 3:  # one column is a framed note, not a table
        return None
    lattice = _Lattice(horizontal, vertical, xs, ys, snap)
    spans = lattice.cells()
    rows = _layout(spans, xs, ys, (x0, y0))
    if not rows or len({s[1] for s in spans}) < 2:
        return None
    return Grid(
        bbox=(x0 + xs[0], y0 + ys[0], x0 + xs[-1], y0 + ys[-1]),
        rows=rows,
        col_edges=_col_edges(spans, xs),
    )


class _Lattice:
    """Which lattice boundaries are drawn, and the merged cells they leave."""

    def __init__(self, horizontal: Gray, vertical: Gray, xs: list[int], ys: list[int], snap: int):
        self.xs, self.ys, self.snap = xs, ys, snap
        rows, cols = len(ys) - 1, len(xs) - 1
        # v_drawn[i][j]: the rule at xs[j] between ys[i] and ys[i+1]; h_drawn[i][j] likewise.
        self.v_drawn = [
            [self._drawn(vertical, x, ys[i], ys[i + 1], True) for x in xs] for i in range(rows)
        ]
        self.h_drawn = [
            [self._drawn(horizontal, y, xs[j], xs[j + 1], False) for j in range(cols)] for y in ys
        ]

    def _drawn(self, mask: Gray, at: int, start: int, end: int, vertical: bool) -> bool:
        lo, hi = max(0, at - self.snap), at + self.snap + 1
        band = mask[start:end, lo:hi] if vertical else mask[lo:hi, start:end].T
        hit: np.ndarray = np.asarray(band.any(axis=1))
        inner = hit[self.snap : len(hit) - self.snap] if len(hit) > 3 * self.snap else hit
        return bool(len(inner)) and float(inner.mean()) >= COVERED

    def cells(self) -> list[Span]:
        """Closed cells as lattice spans, merged where no rule divides them."""
        parent = list(range((len(self.ys) - 1) * (len(self.xs) - 1)))
        for a, b in self._open_pairs():
            parent[_root(parent, a)] = _root(parent, b)
        groups: dict[int, list[tuple[int, int]]] = {}
        cols = len(self.xs) - 1
        for index in range(len(parent)):
            groups.setdefault(_root(parent, index), []).append(divmod(index, cols))
        spans = [span for members in groups.values() for span in _rectangles(members)]
        return sorted(s for s in spans if self._closed(s))

    def _open_pairs(self) -> list[tuple[int, int]]:
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        pairs = []
        for i in range(rows):
            for j in range(cols):
                if j + 1 < cols and not self.v_drawn[i][j + 1]:
                    pairs.append((i * cols + j, i * cols + j + 1))
                if i + 1 < rows and not self.h_drawn[i + 1][j]:
                    pairs.append((i * cols + j, (i + 1) * cols + j))
        return pairs

    def _closed(self, span: Span) -> bool:
        r0, c0, r1, c1 = span
        sides = [self.h_drawn[r0][c] and self.h_drawn[r1 + 1][c] for c in range(c0, c1 + 1)]
        sides += [self.v_drawn[r][c0] and self.v_drawn[r][c1 + 1] for r in range(r0, r1 + 1)]
        return all(sides)


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _rectangles(members: list[tuple[int, int]]) -> list[Span]:
    """A merged group as one span; an L-shaped group (no such cell in a PDF) row by row."""
    rows = [m[0] for m in members]
    cols = [m[1] for m in members]
    span = (min(rows), min(cols), max(rows), max(cols))
    if (span[2] - span[0] + 1) * (span[3] - span[1] + 1) == len(members):
        return [span]
    runs: list[Span] = []
    for row, col in sorted(members):
        if runs and runs[-1][0] == row and runs[-1][3] == col - 1:
            runs[-1] = (row, runs[-1][1], row, col)
        else:
            runs.append((row, col, row, col))
    return runs


def _layout(
    spans: list[Span], xs: list[int], ys: list[int], origin: tuple[int, int]
) -> tuple[tuple[Box | None, ...], ...]:
    """pdfplumber's Table.rows: one row per distinct cell top, a slot per distinct left."""
    lefts = sorted({s[1] for s in spans})
    by_top: dict[int, dict[int, Box]] = {}
    for r0, c0, r1, c1 in spans:
        box = (
            origin[0] + xs[c0],
            origin[1] + ys[r0],
            origin[0] + xs[c1 + 1],
            origin[1] + ys[r1 + 1],
        )
        by_top.setdefault(r0, {})[c0] = box
    return tuple(tuple(by_top[top].get(left) for left in lefts) for top in sorted(by_top))


def _col_edges(spans: list[Span], xs: list[int]) -> tuple[float, ...]:
    # Same as the PDF reader: the distinct cell lefts and the right edge, as width fractions.
    edges = sorted({xs[s[1]] for s in spans})
    edges.append(max(xs[s[3] + 1] for s in spans))
    left, width = edges[0], edges[-1] - edges[0]
    return tuple(round((x - left) / width, 4) for x in edges)
