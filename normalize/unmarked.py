"""Text typed without marks ('Thai do phuc vu cua can bo tai Bo phan mot cua': old fonts,
phones, OCR that loses them) read as its marked form would be, for the criterion matcher.

Marks tell a function word from a content word ('của' / 'cửa', 'sự' / 'sử', 'tại' / 'tài');
without them the word's neighbours do: 'mot cua' is một cửa, 'phuc vu cua can bo' is của.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

# codes/unmarked_words.csv: bare function words no content word of the field shares (kind
# 'function', dropped as text.STOPWORDS are; 'function_pair': two words, 'toan bo' as
# text.STOP_PAIRS); and bare words that are a function word or a content word (kind
# 'content'): the content word when the word before is a listed 'before' or the word after a
# listed 'after' ('cua' after 'mot' is một cửa), else dropped. Other bare words ('tu' điện tử
# / từ, 'thi' thi hành / thì, 'ca' cá nhân / cả) always stay, as before.
Neighbours = tuple[frozenset[str], frozenset[str]]


def _load() -> tuple[frozenset[str], frozenset[tuple[str, str]], dict[str, Neighbours]]:
    data = resources.files("normalize").joinpath("codes", "unmarked_words.csv")
    rows = list(csv.DictReader(io.StringIO(data.read_text("utf-8"), newline="")))
    content: dict[str, tuple[set[str], set[str]]] = {}
    for r in (r for r in rows if r["kind"] == "content"):
        before, after = content.setdefault(r["word"], (set(), set()))
        before.update([r["before"]] if r["before"] else [])
        after.update([r["after"]] if r["after"] else [])
    return (
        frozenset(r["word"] for r in rows if r["kind"] == "function"),
        frozenset((r["word"], r["after"]) for r in rows if r["kind"] == "function_pair"),
        {w: (frozenset(b), frozenset(a)) for w, (b, a) in content.items()},
    )


UNMARKED_STOPWORDS, UNMARKED_STOP_PAIRS, UNMARKED_CONTENT = _load()
# A text is unmarked when none of its words has a mark and it has at least this many.
UNMARKED_MIN_WORDS = 3


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
