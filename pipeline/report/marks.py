"""What a chart drew, read back from matplotlib's artists: the numbers behind every bar and dot.

    marks(ax) -> (Mark("bar", "actual 2023", "F3 Cải cách thủ tục hành chính", 98.4), ...)

The report keeps these beside each chart's SVG so that a test can reconcile the chart with the
table printed beside it and with `plans query` (issue 16). They are read from the drawn
artists, not from the DataFrame handed to the chart, so a chart that plots the wrong column
or drops a row is caught.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.container import BarContainer, Container

MarkKind = Literal["bar", "dot", "text"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One drawn mark: a bar's length, a dot's x, or a text (bar label) on a category row.

    `category` is the tick label of the row the mark sits on ('Hà Châu 2023'); `series` is its
    legend label ('2023', 'alias'; '' when it has none); `text` is the text a 'text' mark shows.
    """

    kind: MarkKind
    series: str
    category: str
    value: float
    text: str = ""


def marks(ax: Axes) -> tuple[Mark, ...]:
    """Bars, dots and texts of `ax` in drawing order (call after the figure was drawn)."""
    return (*_bars(ax), *_dots(ax), *_texts(ax))


def _legend_label(artist: Container | Collection) -> str:
    label = str(artist.get_label())
    return "" if label.startswith("_") else label


def _ticks(ax: Axes, axis: Literal["x", "y"]) -> list[tuple[float, str]]:
    """(position, label) of the category ticks on `axis`."""
    ticks, labels = (
        (ax.get_yticks(), ax.get_yticklabels())
        if axis == "y"
        else (ax.get_xticks(), ax.get_xticklabels())
    )
    return [(float(t), label.get_text()) for t, label in zip(ticks, labels, strict=True)]


def _category(ticks: list[tuple[float, str]], position: float) -> str:
    """The label of the tick nearest to `position` ('' when the axis has none)."""
    if not ticks:
        return ""
    return min(ticks, key=lambda t: abs(t[0] - position))[1]


def _bars(ax: Axes) -> list[Mark]:
    found = []
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        series = _legend_label(container)
        horizontal = container.orientation == "horizontal"
        ticks = _ticks(ax, "y" if horizontal else "x")
        for bar in container.patches:
            if horizontal:
                value, at = bar.get_width(), bar.get_y() + bar.get_height() / 2
            else:
                value, at = bar.get_height(), bar.get_x() + bar.get_width() / 2
            found.append(Mark("bar", series, _category(ticks, at), float(value)))
    return found


def _dots(ax: Axes) -> list[Mark]:
    ticks = _ticks(ax, "y")
    found = []
    for collection in ax.collections:
        series = _legend_label(collection)
        for x, y in np.asarray(collection.get_offsets(), dtype=float).tolist():
            found.append(Mark("dot", series, _category(ticks, y), x))
    return found


def _texts(ax: Axes) -> list[Mark]:
    """Texts drawn in the plot area (bar labels, notes); a bar label sits at its bar's end."""
    ticks = _ticks(ax, "y")
    found = []
    for text in ax.texts:
        x, y = getattr(text, "xy", text.get_position())
        found.append(Mark("text", "", _category(ticks, float(y)), float(x), text.get_text()))
    return found
