"""Vietnamese marks stripped ('Cổng Dịch vụ công' -> 'Cong Dich vu cong'): the pure helper
both stages need for text typed without marks (extract reads its headers, normalize matches
its words), kept here because extract and normalize do not import each other."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics: 'Cổng Dịch vụ công' -> 'Cong Dich vu cong'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


# A document's text is asked once per reference found in it; a few texts kept, as a cell's
# question costs little and a whole document's text should not stay in memory long.
@lru_cache(maxsize=64)
def is_bare(text: str) -> bool:
    """True for a text with letters, none of them marked: 'Thuong xuyen', '“1.2.1. Bao cao”'
    (quotes and dashes are no marks); not 'Thường xuyên', not '2025'."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)
