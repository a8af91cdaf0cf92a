"""Tesseract words -> printed lines and cell text, folded like the typed-PDF reader's.

Tesseract's own line grouping is kept (its word boxes are ink boxes, so a capital with a
diacritic stands taller than its neighbours and pdfplumber's "same top" rule would not
work); lines that share a baseline region across a gap (a two-column letterhead) are
joined left to right, as pdfplumber's line clustering joins them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from extract.cleantext import clean_text, clean_wrapped_cell
from extract.readers.ocr.engine import Word
from extract.readers.ocr.image import Gray
from extract.readers.ocr.repair import repair_line, repair_text

# A dash standing alone is measured, not guessed: at 12 pt and 200 dpi a hyphen is about
# 10 px wide, an en dash 18-19 px, against a line height of 26-32 px (plan_003 p.2-3,
# "Bộ phận Văn phòng – thống kê", "02 - 03 cuộc"). Width / line height below EN_DASH is a
# hyphen, below EM_DASH an en dash, else an em dash.
DASHES = frozenset("-‐‑‒–—―_")
EN_DASH, EM_DASH = 0.47, 0.85
SAME_LINE = 0.5  # lines whose middles are closer than this share of their height are one
# A roman numeral of bars: Tesseract drops one of three serif I's ("III. TỔ CHỨC THỰC HIỆN"
# read "II.", plan_003 p.5; "Quý III/2023" read "Quý II/2023", plan_004 p.9). The bars are
# counted on the image: tall, thin, solid ink, left to right, up to the first other glyph
# (a slash is as tall and thin but hollow: fill 0.2 against 0.44-0.58 for an I at 300 dpi).
BARS_RE = re.compile(r"^(?P<bars>I{1,3})(?P<rest>(?:[./]\S*)?)$")
BAR_HEIGHT = 0.7  # of the word box: shorter ink (a dot, an accent) is no bar
BAR_WIDTH = 0.45  # of its height at most
BAR_FILL = 0.4  # share of its box that is ink, at least


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by Tesseract line, each left to right, lines top to bottom."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    ordered = sorted(lines.values(), key=lambda ws: (_middle(ws), ws[0].left))
    merged: list[list[Word]] = []
    for line in ordered:
        if merged and _same_line(merged[-1], line):
            merged[-1] = sorted([*merged[-1], *line], key=lambda w: w.left)
        else:
            merged.append(sorted(line, key=lambda w: w.left))
    return merged


def _middle(words: Sequence[Word]) -> float:
    top = min(w.top for w in words)
    bottom = max(w.top + w.height for w in words)
    return (top + bottom) / 2


def _height(words: Sequence[Word]) -> int:
    heights = sorted(w.height for w in words)
    return heights[len(heights) // 2]


def _same_line(a: list[Word], b: list[Word]) -> bool:
    apart = abs(_middle(a) - _middle(b))
    overlap = min(w.left + w.width for w in a) < max(w.left for w in b) and max(
        w.left + w.width for w in a
    ) > min(w.left for w in b)
    return apart < SAME_LINE * min(_height(a), _height(b)) and not overlap


def line_text(words: Sequence[Word]) -> str:
    """The words of one line joined by spaces, lone dashes typed by their width."""
    height = _height(words)
    return " ".join(_dash(w, height) if set(w.text) <= DASHES else w.text for w in words)


def _dash(word: Word, height: int) -> str:
    ratio = word.width / max(height, 1)
    if ratio < EN_DASH:
        return "-"
    return "–" if ratio < EM_DASH else "—"


def body_lines(words: Sequence[Word]) -> list[tuple[float, str]]:
    """Printed lines of body text as (top in pixels, folded text), top to bottom."""
    out = []
    for line in group_lines(words):
        text = repair_line(clean_text(line_text(line)))
        if text:
            out.append((float(min(w.top for w in line)), text))
    return out


def cell_text(words: Sequence[Word]) -> str:
    """A cell's text: its lines joined like pdfplumber's (wrapped 'TT-' / 'VPCP' re-joined)."""
    joined = "\n".join(line_text(line) for line in group_lines(words))
    return repair_text(clean_wrapped_cell(joined))


def mean_confidence(words: Sequence[Word]) -> float | None:
    """Mean word confidence (0-100), None when there are no words."""
    return sum(w.conf for w in words) / len(words) if words else None


def recount_bars(words: Sequence[Word], image: Gray) -> list[Word]:
    """Words 'I', 'II.', 'III/2023' get as many I's as bars are printed."""
    out = []
    for word in words:
        match = BARS_RE.match(word.text)
        bars = _bars(image, word) if match else 0
        if match and 1 <= bars <= 3 and bars != len(match.group("bars")):
            word = replace(word, text="I" * bars + match.group("rest"))
        out.append(word)
    return out


def _glyphs(image: Gray, word: Word) -> list[list[int]]:
    """The ink blobs of a word's box, left to right: [x, y, width, height, area] each."""
    box = image[word.top : word.top + word.height, word.left : word.left + word.width]
    ink = np.where(box < 128, 255, 0).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return sorted(stats[1:count].tolist())


def _bars(image: Gray, word: Word) -> int:
    bars = 0
    for _x, _y, w, h, area in _glyphs(image, word):
        if h < BAR_HEIGHT * word.height:
            continue  # a dot or an accent
        if w > BAR_WIDTH * h or area < BAR_FILL * w * h:
            break  # the first glyph that is no bar ends the numeral
        bars += 1
    return bars


# A capital whose small letter has its shape ('C', 'O', 'S', 'X'…) stands a cap-height
# tall, its small letter an x-height (about 0.7 of it): a word whose first glyph is no
# taller than its x-height letters was printed small ('tại Các cơ' by fax: 'các').
SAME_SHAPE_CAPITALS = frozenset("COSUVWXZ")
SMALL_AS_X = 1.08  # first glyph / lowest other letter at most (an ơ with its horn: 1.125)


def small_capitals(words: Sequence[Word], image: Gray) -> list[Word]:
    """Words 'Các', 'Sát', 'Xã' whose first letter is printed small get it small."""
    out = []
    for word in words:
        text = word.text
        if len(text) > 1 and text[0] in SAME_SHAPE_CAPITALS and text[1:].islower():
            if _first_glyph_small(image, word):
                word = replace(word, text=text[0].lower() + text[1:], was=word.was or text)
        out.append(word)
    return out


def _first_glyph_small(image: Gray, word: Word) -> bool:
    glyphs = _glyphs(image, word)
    if len(glyphs) < 2:
        return False
    first = glyphs[0][3]
    # the other letters' heights, accents (under a third of the first glyph) left out
    others = [g[3] for g in glyphs[1:] if g[3] >= first / 3]
    return bool(others) and first <= SMALL_AS_X * min(others)
