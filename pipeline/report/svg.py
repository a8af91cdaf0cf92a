"""Matplotlib figure -> inline SVG for the HTML report: self-contained, Vietnamese-safe.

Text is drawn as paths (svg.fonttype 'path') in DejaVu Sans, the font matplotlib bundles,
which has every Vietnamese glyph: the chart looks the same in any browser, with no font to
fetch. Every label is plain text: a '$…$' pair in a plan's text ('Luật … $a_$') is drawn as
written, never parsed as mathtext (which raised on it, issue 11). Ids inside each SVG get the
chart's name as a prefix so that several inline SVGs in one page never share an id (clip
paths, glyph definitions).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from typing import Any, cast

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from extract.cleantext import nfc
from pipeline.report.marks import Mark, marks
from pipeline.safe_text import printable

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
    "text.parse_math": False,  # labels are data: '$x$' is two dollar signs, not math
    "text.usetex": False,
}
WIDTH = 9.0  # inches; the page scales the SVG down to the column width
_ID_RE = re.compile(r'\bid="([^"]+)"')
_REF_RE = re.compile(r'(xlink:href="#|href="#|url\(#)([^")]+)')
_METADATA_RE = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


def label_text(text: object) -> str:
    """A label as NFC text, control characters shown escaped ('\x1b' -> '\\x1b'; '' for missing)."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return printable(nfc(str(text)))


def slug(text: str) -> str:
    """An ASCII id part: 'Thanh Liệt' -> 'thanh-liet'."""
    plain = unicodedata.normalize("NFD", label_text(text).replace("Đ", "D").replace("đ", "d"))
    words = re.findall(r"[a-z0-9]+", "".join(c for c in plain if c.isascii()).lower())
    return "-".join(words) or "x"


@contextmanager
def chart_style(name: str) -> Iterator[None]:
    """The report's matplotlib settings, with ids hashed per chart."""
    with matplotlib.rc_context(cast(Any, {**STYLE, "svg.hashsalt": name})):
        yield


@dataclass(frozen=True, slots=True)
class Drawing:
    """A chart as inline SVG and the marks it drew (what the bars and dots stand for)."""

    svg: str
    marks: tuple[Mark, ...]


def render(name: str, title: str, height: float, draw: Callable[[Axes], None]) -> Drawing:
    """Draw one chart (`draw` fills the axes and its labels): its inline SVG and its marks."""
    with chart_style(name):
        fig = Figure(figsize=(WIDTH, height))
        ax = fig.add_subplot()
        draw(ax)
        ax.set_title(label_text(title), loc="left")
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
        drawn = marks(ax)  # after drawing: tick labels are set by then
    return Drawing(inline_svg(buf.getvalue(), name, title), drawn)


def inline_svg(svg: str, name: str, title: str) -> str:
    """Strip the XML prologue and metadata, prefix ids, mark the root `<svg data-chart=NAME>`."""
    svg = _METADATA_RE.sub("", svg[svg.index("<svg") :], count=1)
    svg = _ID_RE.sub(lambda m: f'id="{name}-{m.group(1)}"', svg)
    svg = _REF_RE.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    attrs = f'data-chart="{escape(name)}" role="img" aria-label="{escape(label_text(title))}"'
    return svg.replace("<svg", f"<svg {attrs}", 1)
