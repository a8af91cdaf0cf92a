"""Patterns that read a text with its marks or typed without them, for every reader of words
in extract (table cells and headings, the header, the metadata, the legal references):
'So: 12/KH-UBND', 'Hung Thinh, ngay 15 thang 01 nam 2026', 'UY BAN NHAN DAN / XA HUNG THINH',
'Can cu Nghi dinh so 61/2018/ND-CP ngay 23/4/2018 cua Chinh phu'."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models.marks import is_bare, strip_marks


class AnyMarks:
    """A regex (`regex` module) compiled twice, from the marked pattern and from it without
    marks: a text with no marked letter (`is_bare`) meets the bare one, so 'Thuong xuyen'
    reads as 'Thường xuyên'; a marked text only ever meets the marked one, so 'Cụ thể' is never
    'Cử' of a bare 'Cu'."""

    __slots__ = ("bare", "marked")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.marked = regex.compile(pattern, flags)
        self.bare = regex.compile(strip_marks(pattern), flags)

    def _for(self, text: str) -> regex.Pattern[str]:
        return self.bare if is_bare(text) else self.marked

    @property
    def pattern(self) -> str:
        return str(self.marked.pattern)

    @property
    def flags(self) -> int:
        return int(self.marked.flags)

    def search(
        self, text: str, pos: int | None = None, endpos: int | None = None
    ) -> regex.Match[str] | None:
        return self._for(text).search(text, pos, endpos)

    def match(
        self, text: str, pos: int | None = None, endpos: int | None = None, partial: bool = False
    ) -> regex.Match[str] | None:
        return self._for(text).match(text, pos, endpos, partial=partial)

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        return self._for(text).finditer(text)

    def sub(self, repl: str, text: str, count: int = 0) -> str:
        return self._for(text).sub(repl, text, count)


def bare_equal(a: str, b: str) -> bool:
    """True when two texts are equal, or equal without marks and one of them has none:
    'KE HOACH' and 'KẾ HOẠCH'."""
    return a == b or ((is_bare(a) or is_bare(b)) and strip_marks(a) == strip_marks(b))
