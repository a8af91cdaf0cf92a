"""The report page: sections of charts (inline SVG), tables and notes in one HTML file.

No script, no stylesheet or font to fetch: the page is complete offline. All text is
escaped and NFC-normalised here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from pipeline.report.marks import Mark
from pipeline.report.svg import Drawing, label_text


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart, its one-line caption (what it shows, which rows it counts) and the marks
    it drew (the numbers behind its bars and dots, for reconciling it with its tables)."""

    svg: str
    caption: str
    marks: tuple[Mark, ...] = ()

    @classmethod
    def of(cls, drawing: Drawing, caption: str) -> Chart:
        """The chart of a rendered drawing."""
        return cls(drawing.svg, caption, drawing.marks)


@dataclass(frozen=True, slots=True)
class Table:
    """A DataFrame shown as an HTML table under a caption."""

    caption: str
    frame: pd.DataFrame
    max_rows: int = 200


@dataclass(frozen=True, slots=True)
class Section:
    """One question of the report; `blocks` are Charts, Tables and paragraphs (str)."""

    id: str
    title: str
    intro: str
    blocks: tuple[Chart | Table | str, ...] = field(default_factory=tuple)


CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1.5em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #1f77b4; padding-bottom: 0.2em; margin-top: 2em; }
.meta, figcaption, .note { color: #555; font-size: 0.9em; }
.nodata { background: #fff6e0; border-left: 4px solid #f0ad4e; padding: 0.5em 0.8em; }
figure { margin: 1.2em 0; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0 1.2em; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #f2f5f9; }
td.num { text-align: right; white-space: nowrap; }
nav ol { columns: 2; font-size: 0.95em; }
.scroll { overflow-x: auto; }
"""


def cell(value: object) -> tuple[str, bool]:
    """(text, is_number) of a table cell: 96.5, 2023, '—' for missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "—", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, (int, float)):
        return (f"{value:g}" if isinstance(value, float) else str(value)), True
    return label_text(value), False


def table_html(table: Table) -> str:
    """An escaped HTML table (at most max_rows rows, with a note when cut)."""
    df = table.frame
    head = "".join(f"<th>{escape(label_text(c))}</th>" for c in df.columns)
    rows = []
    for record in df.head(table.max_rows).itertuples(index=False):
        cells = [cell(v) for v in record]
        rows.append(
            "".join(
                f'<td class="num">{escape(t)}</td>' if num else f"<td>{escape(t)}</td>"
                for t, num in cells
            )
        )
    more = len(df) - table.max_rows
    note = f'<p class="note">… {more} more rows not shown.</p>' if more > 0 else ""
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return (
        f'<div class="scroll"><table><caption>{escape(label_text(table.caption))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{note}"
    )


def block_html(block: Chart | Table | str) -> str:
    """One block of a section."""
    if isinstance(block, Chart):
        caption = escape(label_text(block.caption))
        return f"<figure>{block.svg}<figcaption>{caption}</figcaption></figure>"
    if isinstance(block, Table):
        return table_html(block)
    return f"<p>{escape(label_text(block))}</p>"


def section_html(section: Section) -> str:
    """A section with its heading, intro and blocks ('no data' note when it has none)."""
    blocks = "".join(block_html(b) for b in section.blocks)
    if not section.blocks:
        blocks = '<p class="nodata">No data for this section in this dataset.</p>'
    return (
        f'<section id="{escape(section.id)}"><h2>{escape(label_text(section.title))}</h2>'
        f"<p>{escape(label_text(section.intro))}</p>{blocks}</section>"
    )


def page_html(title: str, meta: list[str], sections: list[Section]) -> str:
    """The whole self-contained page."""
    toc = "".join(
        f'<li><a href="#{escape(s.id)}">{escape(label_text(s.title))}</a></li>' for s in sections
    )
    lines = "".join(f'<p class="meta">{escape(label_text(m))}</p>' for m in meta)
    body = "".join(section_html(s) for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(label_text(title))}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{escape(label_text(title))}</h1>{lines}<nav><ol>{toc}</ol></nav></header>"
        f"<main>{body}</main></body></html>\n"
    )
