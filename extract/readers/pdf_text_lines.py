"""A typed PDF page's words as printed lines of segments, for tables drawn without rules.

A segment is a run of words on one line with word gaps only (a cell's line of text); two
cells side by side are two segments, since cell padding leaves a wider gap than a space
(plan_000 p.6 without borders: 'Trong năm 2023' ends at x=508, 'UBND xã' starts at 542).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from statistics import median
from typing import Any

from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import extract_words

from extract.cleantext import clean_text

LINE_Y_TOLERANCE = 3.0  # pdfplumber's line clustering tolerance (points)
SEGMENT_GAP = 0.5  # a gap wider than half the text height parts two cells


@dataclass(frozen=True, slots=True)
class Segment:
    """Words of one line within one cell: 'Trong năm 2023' at x 421-508."""

    x0: float
    x1: float
    words: tuple[dict[str, Any], ...]

    @property
    def text(self) -> str:
        return clean_text(" ".join(w["text"] for w in self.words))

    @property
    def chars(self) -> list[dict[str, Any]]:
        return [c for w in self.words for c in w["chars"]]


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One printed line: its top and bottom and its segments left to right."""

    top: float
    bottom: float
    segments: tuple[Segment, ...]
    body_text: str = ""  # the line as body text, words in pdfplumber's order (pdf_page)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def printed_lines(chars: Sequence[dict[str, Any]]) -> list[PrintedLine]:
    """The page's characters as lines of segments, top to bottom."""
    words = extract_words(list(chars), return_chars=True)
    lines = []
    for cluster in cluster_objects(words, itemgetter("top"), LINE_Y_TOLERANCE):
        lines.append(
            PrintedLine(
                top=min(w["top"] for w in cluster),
                bottom=max(w["bottom"] for w in cluster),
                segments=tuple(_segments(sorted(cluster, key=itemgetter("x0")))),
                body_text=clean_text(" ".join(w["text"] for w in cluster)),
            )
        )
    return lines


def _segments(words: list[dict[str, Any]]) -> list[Segment]:
    height = median(w["bottom"] - w["top"] for w in words)
    runs: list[list[dict[str, Any]]] = [[words[0]]]
    for word in words[1:]:
        if word["x0"] - runs[-1][-1]["x1"] > SEGMENT_GAP * height:
            runs.append([word])
        else:
            runs[-1].append(word)
    return [Segment(run[0]["x0"], max(w["x1"] for w in run), tuple(run)) for run in runs]


def line_pitch(lines: Sequence[PrintedLine]) -> float:
    """The usual distance from one line's top to the next (a cell's wrapped lines)."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return median(steps) if steps else 0.0
