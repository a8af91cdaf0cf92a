"""Text typed without marks ('Thai do phuc vu cua can bo tai Bo phan mot cua': old fonts,
phones, OCR that loses them) read as its marked form would be, for the criterion matcher.

Marks tell a function word from a content word ('của' / 'cửa', 'sự' / 'sử', 'tại' / 'tài');
without them the word's neighbours do: 'mot cua' is một cửa, 'phuc vu cua can bo' is của.
"""

from __future__ import annotations

import re

from normalize.patterns import NON_WORD_RE, PLACE_END_RE, PLACE_RE, UNMARKED_PLACE_WORD_RE

# Bare function words no content word of the field shares: dropped as text.STOPWORDS are.
UNMARKED_STOPWORDS: frozenset[str] = frozenset(
    "va cac duoc trong ve cho da la nhung voi tren den nay khi neu hoac vao".split()
)
# text.STOP_PAIRS without marks ('toan bo TTHC' is all the procedures).
UNMARKED_STOP_PAIRS: frozenset[tuple[str, str]] = frozenset({("toan", "bo"), ("tat", "ca")})
# Bare words that are a function word or a content word: the content word when the word
# before is one of the first set or the word after one of the second; else dropped.
# The others ('tu' điện tử / từ, 'thi' thi hành / thì, 'ca' cá nhân / cả, 'ma', 'nhu', 'bang')
# always stay, as before.
UNMARKED_CONTENT: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # một cửa, cửa hàng, cửa khẩu / của
    "cua": (frozenset({"mot"}), frozenset({"hang", "khau"})),
    # sử dụng, lịch sử, luật sư, kỹ sư, giáo sư / sự
    "su": (frozenset({"lich", "luat", "ky", "giao"}), frozenset({"dung"})),
    # mức độ, thái độ, trình độ, chế độ, tiến độ, độ tuổi, độ tin cậy / do (because)
    "do": (frozenset({"muc", "thai", "trinh", "che", "tien"}), frozenset({"tuoi", "tin"})),
    # đăng tải, quá tải; tài chính, tài sản, tài liệu, tài nguyên, tài khoản, tài trợ; tái sử
    # dụng, tái cấu trúc, tái cơ cấu / tại
    "tai": (
        frozenset({"dang", "qua"}),
        frozenset({"chinh", "san", "lieu", "nguyen", "khoan", "tro", "su", "cau", "co"}),
    ),
    # cơ quan, cơ sở, cơ chế, cơ cấu, cơ hội, cơ bản, nguy cơ / có
    "co": (frozenset({"nguy"}), frozenset({"quan", "so", "che", "cau", "hoi", "ban"})),
    # vấn đề, chuyên đề, chủ đề, tiêu đề; đề án, đề xuất, đề nghị, đề ra, đề cập, đề tài, đề
    # cương, đề bạt / để
    "de": (
        frozenset({"van", "chuyen", "chu", "tieu"}),
        frozenset({"an", "xuat", "nghi", "ra", "cap", "tai", "cuong", "bat"}),
    ),
}
# A text is unmarked when none of its words has a mark and it has at least this many.
UNMARKED_MIN_WORDS = 3


def _words(text: str) -> list[str]:
    return NON_WORD_RE.sub(" ", text.casefold()).split()


def is_unmarked(listed: list[str]) -> bool:
    """True for words typed without marks: ['thai', 'do', 'phuc', 'vu'] (UNMARKED_MIN_WORDS)."""
    return len(listed) >= UNMARKED_MIN_WORDS and all(word.isascii() for word in listed)


def function_word(listed: list[str], i: int) -> bool:
    """True when the bare word at i is a function word (UNMARKED_STOPWORDS, UNMARKED_CONTENT):
    'cua' in 'phuc vu cua can bo', not in 'bo phan mot cua'."""
    word = listed[i]
    if word in UNMARKED_STOPWORDS:
        return True
    if word not in UNMARKED_CONTENT:
        return False
    before, after = UNMARKED_CONTENT[word]
    prev = listed[i - 1] if i else ""
    nxt = listed[i + 1] if i + 1 < len(listed) else ""
    return prev not in before and nxt not in after


def without_places(text: str) -> str:
    """The text with the places it names blanked, up to the next punctuation: 'Niêm yết TTHC
    tại Bộ phận một cửa' -> 'Niêm yết TTHC  '; without marks, only where 'tren' / 'tai' is
    the function word ('Dang tai … tren Cong thong tin' keeps its 'Dang tai')."""
    if not is_unmarked(_words(text)):
        return PLACE_RE.sub(" ", text)
    out, last = [], 0
    for found in UNMARKED_PLACE_WORD_RE.finditer(text):
        if found.start() < last or not _opens_place(text, found):
            continue
        end = PLACE_END_RE.search(text, found.end())
        out += [text[last : found.start()], " "]
        last = end.start() if end else len(text)
    return "".join([*out, text[last:]])


def _opens_place(text: str, found: re.Match[str]) -> bool:
    """True when the place word found is the function word, judged on its neighbours."""
    before, after = _words(text[: found.start()])[-1:], _words(text[found.end() :])[:1]
    listed = [*before, found.group().casefold(), *after]
    return function_word(listed, len(before))
