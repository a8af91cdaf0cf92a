"""Re-lay a sample DOCX out the way other communes do (python-docx / lxml on w:tbl).

Each function edits the appendix table of a python-docx Document in place; the tests
save it and expect the sample's golden rows (with the documented mapping for relabelled
STTs). Only the layout changes, never a data cell.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

W_TR, W_TC, W_P = qn("w:tr"), qn("w:tc"), qn("w:p")


def appendix(doc: DocxDocument) -> etree._Element:
    """The widest table: the sample's appendix."""
    return max(doc.element.body.iter(qn("w:tbl")), key=lambda t: len(t.findall(W_TR)))


def rows_of(tbl: etree._Element) -> list[etree._Element]:
    return tbl.findall(W_TR)


def cell_text(tc: etree._Element) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def set_text(tc: etree._Element, text: str) -> None:
    """Put text in the first run of the cell, clear the others."""
    ts = list(tc.iter(qn("w:t")))
    if not ts:
        p = tc.find(W_P)
        r = etree.SubElement(p, qn("w:r"))
        ts = [etree.SubElement(r, qn("w:t"))]
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def header_rows(tbl: etree._Element) -> list[etree._Element]:
    return [tr for tr in rows_of(tbl) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]


def relabel(doc: DocxDocument, mapping: dict[str, str]) -> None:
    """Header synonyms: 'Cơ quan chủ trì' -> 'Đơn vị chủ trì', …"""
    for tr in header_rows(appendix(doc)):
        for tc in tr.findall(W_TC):
            if cell_text(tc) in mapping:
                set_text(tc, mapping[cell_text(tc)])


def reorder(doc: DocxDocument, order: Sequence[int]) -> None:
    """Columns in another order, in rows with one w:tc per grid column (others keep theirs:
    a full-width section row is the same in any order)."""
    tbl = appendix(doc)
    grid = tbl.find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol"))
    for tr in rows_of(tbl):
        tcs = tr.findall(W_TC)
        if len(tcs) != len(cols):
            continue
        for tc in tcs:
            tr.remove(tc)
        for i in order:
            tr.append(tcs[i])


def untag_and_repeat_header(doc: DocxDocument, every: int, split_tail: bool) -> None:
    """Header typed again every `every` rows without w:tblHeader; with split_tail the last
    copy is cut by a page break: its last cell's last word goes to a row of its own."""
    tbl = appendix(doc)
    heads = header_rows(tbl)
    for tr in heads:
        tr.find(qn("w:trPr")).remove(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}"))
    body = rows_of(tbl)[len(heads) :]
    anchors = body[every::every]
    for n, anchor in enumerate(anchors):
        copies = [copy.deepcopy(tr) for tr in heads]
        if split_tail and n == len(anchors) - 1:
            copies[1:1] = _cut_last_cell(copies[0])
        for c in copies:
            anchor.addprevious(c)


def _cut_last_cell(tr: etree._Element) -> list[etree._Element]:
    tail = copy.deepcopy(tr)
    for tc in tail.findall(W_TC):
        set_text(tc, "")
    last = next(tc for tc in reversed(tr.findall(W_TC)) if " " in cell_text(tc))
    index = tr.findall(W_TC).index(last)
    head, word = cell_text(last).rsplit(" ", 1)
    set_text(last, head)
    set_text(tail.findall(W_TC)[index], word)
    return [tail]


def split_per_section(doc: DocxDocument, is_section: Callable[[str], bool]) -> None:
    """One table per section, a heading paragraph between, the header typed again."""
    tbl = appendix(doc)
    heads = header_rows(tbl)
    parts: list[list[etree._Element]] = [[]]
    for tr in rows_of(tbl)[len(heads) :]:
        first = tr.find(W_TC)
        if parts[-1] and first is not None and is_section(cell_text(first).strip()):
            parts.append([])
        parts[-1].append(tr)
    anchor = tbl
    for part in parts[1:]:
        new = copy.deepcopy(tbl)
        for tr in rows_of(new):
            new.remove(tr)
        for tr in heads:
            new.append(copy.deepcopy(tr))
        for tr in part:
            new.append(tr)
        para = etree.Element(W_P)
        etree.SubElement(etree.SubElement(para, qn("w:r")), qn("w:t")).text = "(tiếp theo)"
        anchor.addnext(para)
        para.addnext(new)
        anchor = new


def decoys(doc: DocxDocument) -> None:
    """A header block, a 3-row statistics table before the appendix, a signature after."""
    tbl = appendix(doc)
    tbl.addprevious(
        _table(
            [
                ["ỦY BAN NHÂN DÂN XÃ AN BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                ["Số: 15/KH-UBND", "An Bình, ngày 05 tháng 01 năm 2024"],
            ]
        )
    )
    tbl.addprevious(
        _table(
            [
                ["STT", "Nội dung", "Năm 2022", "Năm 2023"],
                ["1", "Số hồ sơ tiếp nhận", "1.204", "1.377"],
                ["2", "Số hồ sơ trễ hạn", "3", "0"],
            ]
        )
    )
    tbl.addnext(_table([["Nơi nhận:\n- UBND huyện;\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]]))
    # fmt: skip


def _table(rows: list[list[str]]) -> etree._Element:
    tbl = etree.Element(qn("w:tbl"))
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for _ in rows[0]:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), "3000")
    for row in rows:
        tr = etree.SubElement(tbl, W_TR)
        for text in row:
            tc = etree.SubElement(tr, W_TC)
            for line in text.split("\n"):
                p = etree.SubElement(tc, W_P)
                etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = line
    return tbl


def group_header(doc: DocxDocument, first: int, group: str, subs: Sequence[str]) -> None:
    """A two-row header: `group` spanning columns first..first+len(subs)-1 over `subs`;
    the other columns are merged vertically over both rows."""
    tbl = appendix(doc)
    top = header_rows(tbl)[0]
    lower = copy.deepcopy(top)
    top_tcs, low_tcs = top.findall(W_TC), lower.findall(W_TC)
    for i, (t, lo) in enumerate(zip(top_tcs, low_tcs, strict=True)):
        if first <= i < first + len(subs):
            set_text(lo, subs[i - first])
            continue
        _vmerge(t, "restart")
        _vmerge(lo, None)
        set_text(lo, "")
    set_text(top_tcs[first], group)
    _props(top_tcs[first]).append(_val(qn("w:gridSpan"), str(len(subs))))
    for tc in top_tcs[first + 1 : first + len(subs)]:
        top.remove(tc)
    top.addnext(lower)


def _props(tc: etree._Element) -> etree._Element:
    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        pr = etree.Element(qn("w:tcPr"))
        tc.insert(0, pr)
    return pr


def _val(tag: str, value: str | None) -> etree._Element:
    el = etree.Element(tag)
    if value is not None:
        el.set(qn("w:val"), value)
    return el


def _vmerge(tc: etree._Element, value: str | None) -> None:
    _props(tc).append(_val(qn("w:vMerge"), value))


def letter_labels(doc: DocxDocument, romans: Sequence[str]) -> dict[str, str]:
    """Items '1', '2', … under the given roman sections become 'a)', 'b)', …; returns the
    STT mapping per code ('I.1' -> 'I.a') for the expected rows."""
    letters = "abcdđeghiklmnopqrstuvxy"
    section, mapping, dotted = None, {}, set()
    for tr in rows_of(appendix(doc)):  # sections with '2.1'-like items keep their numbers
        tc = tr.find(W_TC)
        text = cell_text(tc).strip() if tc is not None else ""
        if _roman(text):
            section = _roman(text)
        elif "." in text.rstrip("."):
            dotted.add(section)
    romans = [r for r in romans if r not in dotted]
    section = None
    for tr in rows_of(appendix(doc)):
        tc = tr.find(W_TC)
        text = cell_text(tc).strip() if tc is not None else ""
        if _roman(text):
            section = _roman(text)
        elif section in romans and text.isdigit():
            set_text(tc, letters[int(text) - 1] + ")")
            mapping[f"{section}.{text}"] = f"{section}.{letters[int(text) - 1]}"
    return mapping


def _roman(text: str) -> str | None:
    """'IV', 'IV.' or 'IV Cải cách chế độ công vụ' -> 'IV'."""
    head = text.split()[0].rstrip(".") if text.split() else ""
    return head if head in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII") else None


BORDER_STYLES = ("borderless", "booktabs", "hrules")
_RULED_SIDES = {
    "borderless": (),
    "booktabs": ("top", "bottom"),
    "hrules": ("top", "bottom", "insideH"),
}


def borders(doc: DocxDocument, style: str) -> None:
    """The appendix drawn without vertical rules: 'borderless' (no rule at all), 'booktabs'
    (a rule above the table, under the header and under the last row) or 'hrules' (a rule
    between every two rows). Cell borders are dropped so the table's own ones apply."""
    tbl = appendix(doc)
    tbl_pr = tbl.find(qn("w:tblPr"))
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    table_borders = etree.SubElement(tbl_pr, qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        table_borders.append(_rule(side, side in _RULED_SIDES[style]))
    for tc in tbl.iter(W_TC):
        for old in _props(tc).findall(qn("w:tcBorders")):
            _props(tc).remove(old)
    if style == "booktabs":
        for tc in header_rows(tbl)[-1].findall(W_TC):
            etree.SubElement(_props(tc), qn("w:tcBorders")).append(_rule("bottom", True))


def _rule(side: str, drawn: bool) -> etree._Element:
    el = etree.Element(qn(f"w:{side}"))
    if not drawn:
        el.set(qn("w:val"), "nil")
        return el
    for key, value in (("val", "single"), ("sz", "8"), ("space", "0"), ("color", "000000")):
        el.set(qn(f"w:{key}"), value)
    return el


def restyle(doc: DocxDocument, font: str, half_points: int, centre_header: bool) -> None:
    """Every run in another font and size (the wraps and page breaks move), and the
    appendix header centred and bold, as many communes type it."""
    for run in doc.element.body.iter(qn("w:r")):
        props = run.find(qn("w:rPr"))
        if props is None:
            props = etree.Element(qn("w:rPr"))
            run.insert(0, props)
        for old in [*props.findall(qn("w:rFonts")), *props.findall(qn("w:sz"))]:
            props.remove(old)
        fonts = etree.SubElement(props, qn("w:rFonts"))
        for key in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{key}"), font)
        props.append(_val(qn("w:sz"), str(half_points)))
    if not centre_header:
        return
    for tr in header_rows(appendix(doc)):
        for p in tr.iter(W_P):
            para = p.find(qn("w:pPr"))
            if para is None:
                para = etree.Element(qn("w:pPr"))
                p.insert(0, para)
            para.append(_val(qn("w:jc"), "center"))
        for run in tr.iter(qn("w:r")):
            run.find(qn("w:rPr")).append(etree.Element(qn("w:b")))


def header_once_and_page_numbers(doc: DocxDocument) -> None:
    """The header typed once (no w:tblHeader: later pages start with rows) and a page
    number centred atop every page."""
    for tr in header_rows(appendix(doc)):
        props = tr.find(qn("w:trPr"))
        props.remove(props.find(qn("w:tblHeader")))
    for section in doc.sections:
        section.header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = 1  # centred
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            run = etree.SubElement(paragraph._p, qn("w:r"))
            if kind:
                etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
            else:
                etree.SubElement(run, qn("w:instrText")).text = text


def margins(doc: DocxDocument, cm: float) -> None:
    """Every page margin set to `cm` centimetres: the lines and page breaks fall elsewhere."""
    from docx.shared import Cm

    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(cm)
        section.top_margin = section.bottom_margin = Cm(cm)


def centre_vertically(doc: DocxDocument) -> None:
    """Every cell of the appendix vertically centred (w:vAlign center): a short cell's text
    sits in the middle of a tall row, as many communes type their tables."""
    for tc in appendix(doc).iter(W_TC):
        props = _props(tc)
        for old in props.findall(qn("w:vAlign")):
            props.remove(old)
        props.append(_val(qn("w:vAlign"), "center"))
