"""Text clean-up at the reader boundary: NFC once, whitespace folded, markup stripped."""

from __future__ import annotations

import re
import unicodedata

# Any run of whitespace, including the newlines pdfplumber keeps inside a cell: "tìm\nkiếm".
WHITESPACE_RE = re.compile(r"\s+")
# Inline markup of the text exports: "<b>1 Kiểm soát TTHC</b>", "<i>Tư pháp</i>", "**QUYẾT ĐỊNH**".
INLINE_MARKUP_RE = re.compile(r"</?(?:b|i|u|strong|em)>|\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
# Markdown headings of the text exports: "### b) Nhiệm vụ", "## **5. Cải cách tài chính công**".
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")


def nfc(text: str) -> str:
    """Unicode NFC, e.g. 'Hòa' typed as o + combining grave -> one code point."""
    return unicodedata.normalize("NFC", text)


# Icelandic eth (U+00D0/U+00F0), a glyph identical to Đ/đ that OCR and some old PDFs give:
# '61/2018/NÐ-CP' is '61/2018/NĐ-CP'. Vietnamese never uses eth.
ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})


def fix_eth(text: str) -> str:
    """Eth read for D-stroke put right: 'QÐ-UBND' -> 'QĐ-UBND'."""
    return text.translate(ETH)


def fold_space(text: str) -> str:
    """Collapse whitespace runs to one space and strip: 'UBND\\nxã' -> 'UBND xã'."""
    return WHITESPACE_RE.sub(" ", text).strip()


def lower_space(text: str | None) -> str:
    """Lower case, whitespace runs to one space, for comparing header and cell texts:
    ' Thời  gian\\nHoàn ' -> 'thời gian hoàn'; None (a merged slot) -> ''. Marks stay
    (normalize.text.fold, which strips them, is a matching key of the normalize stage)."""
    return " ".join((text or "").lower().split())


def clean_text(text: str) -> str:
    """NFC and whitespace folded: 'Văn phòng UBND\\nxã' -> 'Văn phòng UBND xã'."""
    return fold_space(nfc(text))


# A hyphen that ends a cell line right after a letter, the next line starting with a capital
# or a digit: the wrap split a compound ("Par-" / "Index", "QĐ-" / "UBND"), so no space.
# "Văn hoá-" / "xã hội" (lower case next) keeps the space the DOCX has.
WRAPPED_COMPOUND_RE = re.compile(r"(?<=\w-)\n(?=[A-ZĐ0-9À-Ỹ])")


def clean_wrapped_cell(text: str) -> str:
    """A cell printed over several lines (PDF, OCR): wrapped compounds re-joined ('QĐ-' /
    'UBND' -> 'QĐ-UBND'), then `clean_text`."""
    return clean_text(WRAPPED_COMPOUND_RE.sub("", nfc(text)))


# A typed PDF cell line ending in a hyphen after a letter, the next line starting with a
# letter or digit: the wrap hides whether the source had a space after the hyphen ('Văn
# phòng- Thống kê' in plan_000, 'Par-index' in plan_001). The PDF reader marks the join with
# HYPHEN_WRAP and decides it from the same words elsewhere (extract/hyphens.py).
HYPHEN_WRAP = "\ue000"  # a private-use character, never in a plan's text
HYPHEN_WRAP_RE = re.compile(r"(?<=\w-)\n(?=\w)")


def mark_wrapped_cell(text: str) -> str:
    """A PDF cell over several lines: 'Văn phòng-\\nThống kê' -> 'Văn phòng-\\ue000Thống kê'
    (the join left to decide), then `clean_text`."""
    return clean_text(HYPHEN_WRAP_RE.sub(HYPHEN_WRAP, nfc(text)))


def clean_cell(text: str | None) -> str | None:
    """NFC, markup stripped and whitespace folded; None (a merged slot) stays None."""
    if text is None:
        return None
    return fold_space(strip_markup(nfc(text)))


def strip_markup(text: str) -> str:
    """Remove export markup: '<b>1 Kiểm soát TTHC</b>' -> '1 Kiểm soát TTHC'."""
    return INLINE_MARKUP_RE.sub("", HEADING_RE.sub("", text))


def is_bold_markup(text: str) -> bool:
    """True when the whole text is wrapped in bold markup: '<b>II</b>' or '**QUYẾT ĐỊNH**'."""
    stripped = text.strip()
    return bool(stripped) and (
        (stripped.startswith("<b>") and stripped.endswith("</b>"))
        or (stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4)
    )
