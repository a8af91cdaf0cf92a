"""Vietnamese marks stripped ('Cổng Dịch vụ công' -> 'Cong Dich vu cong'): the pure helper
both stages need for text typed without marks (extract reads its headers, normalize matches
its words), kept here because extract and normalize do not import each other."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics: 'Cổng Dịch vụ công' -> 'Cong Dich vu cong'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


class AnyMarks:
    """A regex that reads a text with its marks, or typed without them: built from the marked
    pattern, it matches 'Thuong xuyen' as 'Thường xuyên' when the text has no mark at all
    (`is_bare`). A marked text only ever meets the marked pattern, so 'Cụ thể' is never
    'Cử' of a bare 'Cu'."""

    __slots__ = ("bare", "marked")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.marked = re.compile(pattern, flags)
        self.bare = re.compile(strip_marks(pattern), flags)

    def _for(self, text: str) -> re.Pattern[str]:
        return self.bare if is_bare(text) else self.marked

    def match(self, text: str) -> re.Match[str] | None:
        return self._for(text).match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._for(text).search(text)


# A document's text is asked once per reference found in it; a few texts kept, as a cell's
# question costs little and a whole document's text should not stay in memory long.
@lru_cache(maxsize=64)
def is_bare(text: str) -> bool:
    """True for a text with letters, none of them marked: 'Thuong xuyen', '“1.2.1. Bao cao”'
    (quotes and dashes are no marks); not 'Thường xuyên', not '2025'."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)
