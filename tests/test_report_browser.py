"""Issue 16: the report of the 15 samples rendered in headless Chromium (Debian's, driven by
Playwright; never a downloaded browser), screenshot and geometry checked at 1280 and 800 px.

What is checked: the full-page screenshot is not blank; every chart's SVG has a box, is
visible and fits the page width (nothing clipped off-screen); every text of a chart (axis and
tick labels, legends, bar labels: matplotlib draws each as a <g id="…text_N"> of glyph paths
after a <!-- text --> comment) lies inside its chart's box, and the tick labels of an axis do
not overlap each other; Vietnamese labels keep their diacritics, in the HTML text (DejaVu Sans
from fonts-dejavu-core) and in the chart glyphs. The PNGs are written under pytest's tmp dir.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.report.build import build_report
from tests.test_report_reconcile import sample_dataset

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (1280, 800)
TOLERANCE = 1.0  # px: anti-aliasing of a box edge

# Per chart: its box, and the box and text of every text group in it (from the comment
# matplotlib writes before the glyphs); tick labels carry the id of their tick group.
CHART_GEOMETRY_JS = """
() => [...document.querySelectorAll('svg[data-chart]')].map(svg => {
  const r = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('g[id*="text_"]')].map(g => {
    const b = g.getBoundingClientRect();
    const note = [...g.childNodes].find(n => n.nodeType === Node.COMMENT_NODE);
    const tick = g.closest('g[id*="tick_"]');
    return {text: note ? note.data.trim() : '', x: b.x, y: b.y, w: b.width, h: b.height,
            tick: tick ? tick.id.replace(/.*-([xy])tick_\\d+$/, '$1') : ''};
  });
  const style = getComputedStyle(svg);
  return {name: svg.dataset.chart, x: r.x + scrollX, y: r.y + scrollY, w: r.width,
          h: r.height, visible: style.visibility !== 'hidden' && style.display !== 'none',
          texts: texts.map(t => ({...t, x: t.x + scrollX, y: t.y + scrollY}))};
})
"""
# The glyphs (<use> boxes) of the first chart text equal to `text`.
GLYPHS_JS = """
(text) => {
  for (const g of document.querySelectorAll('svg[data-chart] g[id*="text_"]')) {
    const note = [...g.childNodes].find(n => n.nodeType === Node.COMMENT_NODE);
    if (note && note.data.trim() === text) {
      return [...g.querySelectorAll('use')].map(u => {
        const b = u.getBoundingClientRect(); return {w: b.width, h: b.height};
      });
    }
  }
  return null;
}
"""
# The rendered width of one character inside the first table cell holding `text`.
CHAR_WIDTH_JS = """
([text, ch]) => {
  const td = [...document.querySelectorAll('td')].find(c => c.textContent === text);
  if (!td) return null;
  const node = td.firstChild, at = node.data.indexOf(ch), range = document.createRange();
  range.setStart(node, at); range.setEnd(node, at + ch.length);
  return {width: range.getBoundingClientRect().width, font: getComputedStyle(td).fontFamily};
}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("report_browser") / "report.html"
    return out, build_report(sample_dataset(tmp_path_factory), out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, report: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(report.resolve().as_uri())
    page.wait_for_load_state("load")
    return page


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - TOLERANCE
        and inner["y"] >= outer["y"] - TOLERANCE
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + TOLERANCE
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + TOLERANCE
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Boxes sharing more than the tolerance in both directions."""
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return dx > TOLERANCE and dy > TOLERANCE


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_is_a_full_report_not_a_blank_page(
    browser: Any, report: tuple[Path, int], width: int, tmp_path: Path
) -> None:
    from PIL import Image

    page = _open(browser, report[0], width)
    png = tmp_path / f"report-{width}.png"
    page.screenshot(path=str(png), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    with Image.open(png) as image:
        assert image.size == (width, height)
        assert height > 8 * 300  # eight charts and their tables, not an error page
        small = image.convert("RGB").resize((width // 10, height // 10))
        colours = small.getcolors(maxcolors=small.width * small.height)
        ink = sum(n for n, rgb in colours or [] if min(rgb) < 200) / (small.width * small.height)
    assert colours is not None and len(colours) > 50  # text, bars in the palette, tables
    assert ink > 0.02, f"{png}: the page is nearly blank ({ink:.1%} ink)"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_is_visible_and_its_texts_stay_inside_it(
    browser: Any, report: tuple[Path, int], width: int
) -> None:
    page = _open(browser, report[0], width)
    charts = page.evaluate(CHART_GEOMETRY_JS)
    client = page.evaluate("document.documentElement.clientWidth")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert len(charts) == report[1] == 8
    assert page_width <= client  # no horizontal scroll: nothing off-screen to the right
    for chart in charts:
        name = chart["name"]
        assert chart["visible"] and chart["w"] > 100 and chart["h"] > 50, name
        assert chart["x"] >= 0 and chart["x"] + chart["w"] <= client + TOLERANCE, name
        texts = [t for t in chart["texts"] if t["w"] > 0 and t["h"] > 0]
        assert len(texts) >= 4, f"{name}: {len(texts)} texts drawn"
        outside = [t["text"] for t in texts if not _inside(t, chart)]
        assert not outside, f"{name} at {width} px: texts outside the chart: {outside}"
        for axis in ("x", "y"):
            ticks = [t for t in texts if t["tick"] == axis]
            clashes = [
                (a["text"], b["text"]) for a, b in itertools.pairwise(ticks) if _overlap(a, b)
            ]
            assert not clashes, f"{name} at {width} px: {axis} tick labels overlap: {clashes}"


def test_vietnamese_labels_keep_their_diacritics(browser: Any, report: tuple[Path, int]) -> None:
    page = _open(browser, report[0], WIDTHS[0])
    # HTML text: the DOM holds the NFC label and the font draws the 'ệ' with a width
    cell = page.evaluate(CHAR_WIDTH_JS, ["Thanh Liệt", "ệ"])
    # chart text: one glyph per letter of the y tick label, the 'ệ' taller than the 'a'
    # (a circumflex above and a dot below): the glyph with its marks, not a bare 'e' or a box
    glyphs = page.evaluate(GLYPHS_JS, "Thanh Liệt")
    title = page.evaluate("document.querySelector('h2').textContent")
    page.close()
    assert cell is not None and cell["width"] > 3, cell
    assert "DejaVu Sans" in cell["font"]
    assert glyphs is not None, "no chart label 'Thanh Liệt'"
    letters = [c for c in "Thanh Liệt" if not c.isspace()]
    if len(glyphs) != len(letters):  # a space may be drawn as a glyph of its own
        glyphs = [g for g, c in zip(glyphs, "Thanh Liệt", strict=True) if not c.isspace()]
    assert len(glyphs) == len(letters)
    by_letter = dict(zip(letters, glyphs, strict=True))
    assert all(g["w"] > 0 for g in glyphs)
    assert by_letter["ệ"]["h"] > 1.3 * by_letter["a"]["h"], by_letter
    assert unicodedata.is_normalized("NFC", title) and re.search(r"\w", title)
