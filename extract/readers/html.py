"""Reader for plans saved or published as web pages (.html/.htm): commune portals, Word's and
LibreOffice's "save as web page".

The encoding comes from a byte-order mark or the page's `<meta charset>`; without either the
bytes are UTF-8, or Windows-1258 (Vietnamese Windows pages) when they are not valid UTF-8.
Block elements (p, div, h1-h6, li) are body lines; `<br>` breaks a line. A `<table>` whose
cells hold no other table is a grid: `colspan` and `rowspan` leave the slots they cover as
None (like DOCX's gridSpan and vMerge), `<thead>` rows and rows of `<th>` cells are header
rows, a row whose text is all in `<b>`/`<strong>` is bold. A table that holds tables (a
layout table around the header block or the whole page) is read as body text around its
inner tables. A web page has no pages: a CSS page break (`page-break-before: always`, as
Word and LibreOffice write them) starts one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from extract.cleantext import fold_space, nfc
from extract.readers.page import PageGrid, PageItem, assemble_lines, row_is_bold
from models.document import Document, GridRow
from models.errors import UnreadableFile

BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template"})
BOLD = frozenset({"b", "strong", "th"})
MAX_SPAN = 100  # a colspan/rowspan past this is a broken page, not a table
# <meta charset="windows-1258"> or <meta http-equiv="content-type" content="text/html;
# charset=utf-8"> in the first bytes of the page
META_CHARSET_RE = re.compile(rb"<meta[^>]+charset=[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# <?xml version="1.0" encoding="utf-8"?> before an XHTML page (lxml refuses it in a str)
XML_DECLARATION_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read(path: Path, data: bytes, doc_id: str) -> Document:
    """Read 'ke-hoach-57.html' into a Document (a page per CSS page break)."""
    text = XML_DECLARATION_RE.sub("", _decode(path, data))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise UnreadableFile(f"{path}: not an HTML page ({e})") from e
    walker = _Walker()
    body = root.find("body")
    walker.block(body if body is not None else root)
    walker.flush()
    if not walker.pages:
        raise UnreadableFile(f"{path}: an HTML page without text")
    lines, tables = assemble_lines(sorted(walker.pages.items()))
    return Document(doc_id, str(path), "html", walker.page, tuple(lines), tuple(tables))


def _decode(path: Path, data: bytes) -> str:
    """The page's text: BOM, then <meta charset>, then UTF-8, then Windows-1258."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    found = META_CHARSET_RE.search(data[:4096])
    names = [found.group(1).decode("ascii")] if found else []
    for name in [*names, "utf-8-sig", "cp1258"]:
        try:
            return data.decode("utf-8-sig" if name.lower() in ("utf-8", "utf8") else name)
        except LookupError:
            continue  # an unknown charset name: try the next
        except UnicodeDecodeError:
            if found and name == names[0]:
                continue  # the page lies about its charset
    raise UnreadableFile(f"{path}: the page's text is in no known encoding")


class _Walker:
    """Collects each page's items while walking the element tree in document order."""

    def __init__(self) -> None:
        self.pages: dict[int, list[PageItem]] = {}
        self.page = 1
        self.text: list[str] = []  # the body line being built

    def flush(self) -> None:
        line = fold_space(nfc("".join(self.text)))
        if line:
            self.pages.setdefault(self.page, []).append(line)
        self.text = []

    def block(self, element: Any) -> None:
        """Walk an element's children: text gathers into lines, blocks and tables end them."""
        self.text.append(element.text or "")
        for child in element:
            self.child(child)
            self.text.append(child.tail or "")

    def child(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIPPED or not tag:
            return
        if _breaks_page(el):
            self.flush()
            self.page += 1
        if tag == "br":
            self.flush()
        elif tag == "table" and not _holds_table(el):
            self.flush()
            rows = [_grid_row(tr, self.page, cells, inked) for tr, cells, inked in _rows(el)]
            if rows:
                self.pages.setdefault(self.page, []).append(PageGrid(0.0, tuple(rows)))
        elif tag in BLOCKS or tag in {"table", "tr", "td", "th", "tbody", "thead"}:
            self.flush()
            self.block(el)
            self.flush()
        else:
            self.block(el)  # inline: a, span, b, i, font …


def _breaks_page(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "page-break-before:always" in style or "break-before:page" in style


def _holds_table(table: Any) -> bool:
    return any(inner is not table for inner in table.iter("table"))


def _rows(table: Any) -> Iterator[tuple[Any, list[str | None], list[tuple[int, bool]]]]:
    """Each <tr> with its cells laid on the grid (spans cover slots with None) and, for
    `row_is_bold`, (grid column, all bold) of each of its cells with text."""
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.iter("tr"):
        cells: list[str | None] = []
        inked: list[tuple[int, bool]] = []
        tds = [td for td in tr if td.tag in ("td", "th")]
        for td in tds:
            _cover(cells, pending)
            col = len(cells)
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            text = _cell_text(td)
            cells.append(text)
            cells.extend([None] * (colspan - 1))
            if text:
                inked.append((col, _all_bold(td)))
            for c in range(col, col + colspan):
                if rowspan > 1:
                    pending[c] = rowspan - 1
        _cover(cells, pending)
        yield tr, cells, inked


def _cover(cells: list[str | None], pending: dict[int, int]) -> None:
    """The slots a rowspan from a row above still covers at the end of `cells`: None."""
    while pending.get(len(cells), 0) > 0:
        pending[len(cells)] -= 1
        cells.append(None)


def _span(td: Any, name: str) -> int:
    try:
        return min(max(int(td.get(name, "1")), 1), MAX_SPAN)
    except ValueError:
        return 1


def _cell_text(td: Any) -> str:
    """A cell's text, its paragraphs and line breaks joined by a space (as the DOCX reader)."""
    return fold_space(nfc("".join(_texts(td))))


def _texts(node: Any) -> list[str]:
    """Text pieces in order; a block or a <br> is a space, inline markup joins as it is
    ('Kiể<b>m</b> soát' -> 'Kiểm soát')."""
    out = [node.text or ""]
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag and tag not in SKIPPED:
            gap = " " if tag in BLOCKS or tag in {"br", "td", "th", "tr", "table"} else ""
            out += [gap, *_texts(child), gap]
        out.append(child.tail or "")
    return out


def _grid_row(
    tr: Any, page: int, cells: list[str | None], inked: list[tuple[int, bool]]
) -> GridRow:
    tds = [td for td in tr if td.tag in ("td", "th")]
    parent = tr.getparent()
    is_header = (parent is not None and parent.tag == "thead") or (
        bool(tds) and all(td.tag == "th" for td in tds)
    )
    return GridRow(tuple(cells), page, is_header=is_header, bold=row_is_bold(inked))


def _all_bold(td: Any) -> bool:
    """Every piece of text of the cell sits inside <b> or <strong>, or the cell is a <th>."""
    if td.tag == "th":
        return True
    for node in td.iter():
        if not isinstance(node.tag, str):
            continue
        if (node.text or "").strip() and not _in_bold(node, td):
            return False
        parent = node.getparent()
        if node is not td and (node.tail or "").strip() and not _in_bold(parent, td):
            return False
    return True


def _in_bold(node: Any, td: Any) -> bool:
    return any(a.tag in BOLD for a in _ancestors(node, td))


def _ancestors(node: Any, stop: Any) -> Iterator[Any]:
    while node is not None and node is not stop:
        yield node
        node = node.getparent()
