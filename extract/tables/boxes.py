"""Where a row's text stands on its page (DESIGN rule 7): the row's box on its first page and
each cell's box, kept with the text when cells are joined or put back in their columns."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypedDict

from extract.tables.realign import Moves
from extract.tables.stitch import StitchedRow
from models.document import TEXT_ROLES, Box


def moved_boxes(row: StitchedRow, moves: Moves | None) -> StitchedRow:
    """The row with its cell boxes where its cells were moved (a box shows the text)."""
    if not moves or len(row.cell_boxes) != len(moves):
        return row
    boxes: list[Box | None] = [None] * len(moves)
    for i, target in enumerate(moves):
        if 0 <= target < len(boxes) and row.cells[i]:
            boxes[target] = row.cell_boxes[i]
    return dataclasses.replace(row, cell_boxes=tuple(boxes))


def union(a: Box, b: Box) -> Box:
    """The box around both: a cell whose text goes on in the next grid row of its page."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


class BoxFields(TypedDict, total=False):
    box_page: int
    box_x0: float
    box_top: float
    box_x1: float
    box_bottom: float
    cell_boxes: tuple[str, ...]


def union_cells(a: tuple[Box | None, ...], b: tuple[Box | None, ...]) -> tuple[Box | None, ...]:
    """Cell boxes of a row whose text continues in the next grid row of the same page."""
    if len(a) != len(b):
        return a
    pairs = zip(a, b, strict=True)
    return tuple(x if y is None else y if x is None else union(x, y) for x, y in pairs)


def box_fields(
    box: Box | None, page: int, cell_boxes: Sequence[Box | None], roles: Sequence[str | None]
) -> BoxFields:
    """Where the row stands on its first page, and each role's cell: 'task 5 112.3 …'."""
    if box is None:
        return BoxFields()
    x0, top, x1, bottom = box
    cells = tuple(
        f"{role} {page} {b[0]:g} {b[1]:g} {b[2]:g} {b[3]:g}"
        for role, b in zip(roles, cell_boxes, strict=False)
        if role in TEXT_ROLES and b is not None
    )
    return BoxFields(
        box_page=page,
        box_x0=x0,
        box_top=top,
        box_x1=x1,
        box_bottom=bottom,
        cell_boxes=cells,
    )


def swapped(cell_boxes: tuple[Box | None, ...], moved: tuple[int, int]) -> tuple[Box | None, ...]:
    """The boxes after a cell's text moved from column moved[1] to moved[0]."""
    boxes = list(cell_boxes)
    if len(boxes) > max(moved):
        boxes[moved[0]], boxes[moved[1]] = boxes[moved[1]], None
    return tuple(boxes)
