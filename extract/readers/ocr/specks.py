"""Specks a scan leaves among Tesseract's words, told from printed punctuation (issue 14).

A fax or a photocopy has black dots; the ones near a letter survive despeckling
(ocr_fax) and Tesseract reads them as punctuation: a lone dash between two syllables
('thực - hiện'), a lone dot ('thanh . toán'), a dot or dash glued between two syllables
('địa-giới', 'phải.khai'), an apostrophe before or inside a word ("'VP UBND", "VP'UBND"),
a bracket that closes nothing ('UBND),'), a comma read as a full stop before a small word
('dân. doanh'). Only words Tesseract was unsure of are touched, and a glued pair is split
only where the counted text of plans joins the two syllables (`bigrams`).
"""

from __future__ import annotations

import re

from extract.readers.ocr.engine import Word

Bigrams = dict[tuple[str, str], int]

# Tesseract word confidence under which a reading may be changed. Measured on the issue-14
# fixtures: the hook/acute misreadings carry 94-97 ("kiếm" for "kiểm" at 94.8 and 96.6).
DOUBT = 97.0
SPECK_DOUBT = 50.0  # a lone '_' or '~' read with less confidence than this is a speck
DASHES = frozenset("_~")  # printed dashes ('Văn phòng – thống kê') read as low as 30: kept
# 'địa-giới' (fax plan_004 p.12 at 52), 'phải.khai': a dot or a dash between two syllables;
# 'CC 1._cửa xã' (fax p.14 at 14): one or two of them after a number.
GLUED_RE = re.compile(r"^(?P<a>[^\W\d_]+|\d+)[.\-_]{1,2}(?P<b>[^\W\d_]+)$")
APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])['`’](?=[^\W\d_])")  # "VP'UBND": no such word
# A mark inside a word that no word holds ('C°hính', fax plan_004 p.13 at 54; 'n;zười',
# p.18 at 0): dropped.
INNER_MARK_RE = re.compile(r"(?<=[^\W\d_])[°ˆ¨´˜^~*;:](?=[^\W\d_])")
LONE_MARKS = frozenset(".,")  # a dot or comma alone after a word: nobody types it so
# A syllable ending in a full stop before a small word ('dân. doanh'): a sentence goes on
# after a comma, so the dot was a comma Tesseract read unsure.
STOP_BEFORE_SMALL_RE = re.compile(r"^(?P<core>[^\W\d_]+)\.$")
STRAY_LEAD = frozenset("'`‘’^ˆ")  # "'VP UBND xã" (fax plan_004 p.11)
# 'UBND),' with no bracket open; a bracket ending a cell may close one opened in the row
# above ('… điểm/TTHC)' continued, plan_001 p.16): kept.
STRAY_CLOSE_RE = re.compile(r"\)(?=[,.;:]$)")


def unspecked(bigrams: Bigrams, word: Word, opened: bool, after: str | None) -> str:
    """An unsure word without the punctuation a speck left: 'địa-giới' -> 'địa giới' (where
    the counted text joins the two), "'VP" -> 'VP', 'UBND),' -> 'UBND,' (no bracket open),
    'dân.' before 'doanh' -> 'dân,'."""
    text = word.text
    if word.conf >= DOUBT:
        return text
    glued = GLUED_RE.match(text)
    if glued and (glued["a"].isdigit() or glued["a"].islower()) and glued["b"].islower():
        if bigrams.get((glued["a"], glued["b"]), 0) > 0:
            return f"{glued['a']} {glued['b']}"
    text = APOSTROPHE_RE.sub(" ", text[1:] if len(text) > 1 and text[0] in STRAY_LEAD else text)
    text = INNER_MARK_RE.sub("", text)
    if after and after[:1].islower() and STOP_BEFORE_SMALL_RE.match(text):
        text = text[:-1] + ","
    return text if opened or "(" in text else STRAY_CLOSE_RE.sub("", text)


def is_speck(bigrams: Bigrams, word: Word, context: tuple[str | None, str | None]) -> bool:
    """A lone mark after a word, or a lone dash read unsure at a line's end or between two
    syllables the counted text joins ('thực - hiện'): a speck, not a dash (a printed dash
    reads with 85-95 and is no underscore)."""
    before, after = context
    if len(word.text) == 1 and word.text in LONE_MARKS and word.conf < DOUBT:
        return before is not None  # '.' alone after a word ('thanh . toán')
    if word.conf >= DOUBT or not set(word.text) <= DASHES:
        return False
    if before is None or after is None:
        return word.conf < SPECK_DOUBT
    # between two syllables the plans join ('hóa _ và' at 75, fax plan_004 p.13)
    return bigrams.get((before, after), 0) > 0


def lone_speck(word: Word) -> bool:
    """A line that is one unsure dash, beside lines of text: a speck between the lines."""
    return word.conf < SPECK_DOUBT and set(word.text) <= DASHES
