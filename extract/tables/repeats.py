"""Is a grid row a repeated header row? (DESIGN rule 2: a header repeated on each page.)

A row repeats a header row when every filled cell, folded, is a prefix of the header cell
above it or begins with it ('Thời gian hoàn' under 'Thời gian hoàn thành', cut by the page).

Issue 11: every row used to be compared with every header row, and a table whose first rows
carry no STT (lettered rows 'a', 'b', … before '1') has hundreds of header rows: 4,000 rows
took 40 s. The header cells of a column are now indexed (sorted, and by text), so a row is
compared in full only with the header rows its first filled cell is compatible with.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.cleantext import lower_space
from extract.tables.patterns import COLUMN_NUMBER_RE

Cells = Sequence[str | None]


def compatible(cell: str, head: str) -> bool:
    """A cut-short cell or a longer one: 'thời gian hoàn' vs 'thời gian hoàn thành'."""
    return bool(head) and (head.startswith(cell) or cell.startswith(head))


def repeats_row(cells: Sequence[str], head: Sequence[str]) -> bool:
    """Folded cells against one folded header row: some filled, every filled one compatible."""
    filled = [(c, h) for c, h in zip(cells, head, strict=False) if c]
    return bool(filled) and all(compatible(c, h) for c, h in filled)


@dataclass
class _Column:
    """The non-empty folded header cells of one column, sorted and by text."""

    ordered: list[tuple[str, int]]  # (folded text, header row), ascending
    by_text: dict[str, list[int]]
    lengths: list[int]  # distinct text lengths, ascending

    @classmethod
    def of(cls, rows: list[tuple[str, ...]], col: int) -> _Column:
        ordered = sorted((row[col], k) for k, row in enumerate(rows) if col < len(row) and row[col])
        by_text: dict[str, list[int]] = {}
        for text, k in ordered:
            by_text.setdefault(text, []).append(k)
        return cls(ordered, by_text, sorted({len(text) for text in by_text}))

    def candidates(self, cell: str) -> set[int]:
        """Header rows whose cell here starts with `cell` or begins it."""
        found: set[int] = set()
        i = bisect.bisect_left(self.ordered, (cell, -1))
        while i < len(self.ordered) and self.ordered[i][0].startswith(cell):
            found.add(self.ordered[i][1])  # texts starting with `cell` sort right after it
            i += 1
        for n in self.lengths:
            if n > len(cell):
                break
            found.update(self.by_text.get(cell[:n], ()))
        return found


@dataclass
class HeaderRows:
    """A table's header rows, folded once, to test each later row against all of them."""

    rows: list[tuple[str, ...]]
    columns: dict[int, _Column] = field(default_factory=dict)

    @classmethod
    def of(cls, header: Sequence[Cells]) -> HeaderRows:
        return cls([tuple(lower_space(c) for c in row) for row in header])

    def repeated_by(self, cells: Cells) -> bool:
        """'(1)' column numbers, or a row equal to a header row (cells may be cut short)."""
        folded = [lower_space(c) for c in cells]
        if COLUMN_NUMBER_RE.match(folded[0] if folded else ""):
            return True
        first = next((i for i, c in enumerate(folded) if c), None)
        if first is None:
            return False
        if first not in self.columns:
            self.columns[first] = _Column.of(self.rows, first)
        # any matching header row has a filled cell in column `first` compatible with ours
        found = self.columns[first].candidates(folded[first])
        return any(repeats_row(folded, self.rows[k]) for k in found)
