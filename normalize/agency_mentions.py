"""Agency mentions in a cell: 'VP UBND xã, CC VHXH' -> VP_TK 'VP UBND xã', VH_XH 'CC VHXH'.

How a cell is read (both vocabularies are data: codes/agencies.csv, codes/agency_words.csv):
1. Pieces: words and separators with their character offsets. Markup ('<i>'), dashes, '&' and
   quotes join a name and are dropped, so 'Văn phòng-Thống kê', 'Văn phòng – Thống kê' and
   'bộ phận “Một cửa”' read alike. A word's key is folded (case and marks away, known slips
   fixed), so 'Văn hoá' (old tone placement) and 'Văn hóa' are one key, as are 'TTCH'/'TTHC'.
2. spaCy's PhraseMatcher finds every alias of agencies.csv among the keys; leftmost-longest wins.
3. Each hit widens over a prefix before it ('Công chức', 'CC', 'Bộ phận'), a suffix of its
   code's level after it ('xã', 'UBND xã' for a commune desk, 'huyện' for a district office)
   and a proper name after a place word ('UBND huyện Phú Bình', 'Huyện ủy Phú Bình').
4. A hit that only repeats the start of the next one is debris of a split cell: in 'Văn phòng
   Văn phòng HĐND-UBND huyện' (004) the first 'Văn phòng' is no agency.
5. What is left splits at separators and 'và'; fillers ('các', 'chủ trì') drop. A rest that
   starts with a head word ('Ban', 'Phòng', 'Hội', 'Trung tâm') names an agency the list lacks:
   a mention with agency_code None, for review. Any other rest ('Thường xuyên', a deadline
   typed into the column where no known cell showed the shift) names no agency and is
   returned as `other`.
In running text (cells=False) only listed agencies written with a capital count, so 'cơ chế
một cửa' is no mention while 'Bộ phận Một cửa' is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from models.marks import strip_marks
from normalize.codelist import load_codelist, parse_csv, read_code_file
from normalize.text import TYPO_FIXES, abbreviation_slip

# A tag, a word (combining marks included: NFD text) or one other character:
# '<i>Kế toán</i>', 'VP UBND xã, CC VHXH'.
PIECE_RE = re.compile(r"<[^<>\n]{0,40}>|(?:\w|[\u0300-\u036f])+|[^\w\s]")
# Characters that join the words of one name: 'HĐND-UBND', 'HĐND&UBND', '“Một cửa”'.
JOINERS = frozenset("-‐‑–—&“”\"'‘’`*_")
# The level of every agency code in agencies.csv (a test checks the file against it).
LEVELS = ("commune", "district", "province", "central", "party", "mass_org")
# Levels whose agencies take the commune's place words ('Hội Nông dân xã', 'Đảng ủy xã').
SUFFIX_LEVEL = {
    "commune": "commune",
    "party": "commune",
    "mass_org": "commune",
    "district": "district",
    "province": "province",
}
_MAX_NAME_WORDS = 4
_MAX_STAFF_WORDS = 14  # 'các công chức được phân công tiếp nhận và giải quyết TTHC tại …'

# Closing quotes and their openers: a mention that holds the opener keeps the closer.
OPENING = {"”": "“", "’": "‘", ")": "("}
CLOSING = frozenset(OPENING)

Keys = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One agency in a cell: 'CC VHXH xã' -> VH_XH (commune) at characters 11-21."""

    text: str  # as printed
    agency_code: str | None  # None: an agency agencies.csv does not list ('Ban quản lý dự án')
    level: str | None  # commune | district | province | central | party | mass_org
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class CellAgencies:
    """A split cell: its agency mentions and the text that names no agency."""

    mentions: tuple[AgencyMention, ...]
    other: tuple[str, ...]  # 'Thường xuyên' (a deadline typed into the lead column)


@dataclass(frozen=True, slots=True)
class Piece:
    """A word or separator of the text: key 'van' for 'Văn' at characters 0-3."""

    start: int
    end: int
    key: str  # folded: 'van', 'ubnd', ','
    lower: str  # case-folded with marks: 'văn'
    capital: bool

    @property
    def is_word(self) -> bool:
        """True for a word, False for a separator (',', ';', '(')."""
        return self.key[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Hit:
    """An alias found at pieces[start:end]."""

    start: int
    end: int
    code: str


@dataclass(frozen=True)
class Vocabulary:
    """The matcher over every alias, and the word lists around agency names."""

    vocab: Vocab
    matcher: PhraseMatcher
    levels: dict[str, str]  # code -> level
    prefixes: tuple[Keys, ...]  # longest first
    suffixes: dict[str, tuple[Keys, ...]]  # level -> phrases, longest first
    places: frozenset[str]  # keys of the last word of a place word: 'xa', 'huyen', 'uy'
    heads: frozenset[Keys]  # case-folded words, also without marks: ('phòng',), ('phong',)
    fillers: frozenset[Keys]


def word_key(word: str) -> str:
    """'Văn' -> 'van'; 'Hoá' -> 'hoa'; 'TTCH' -> 'tthc' (a known slip)."""
    key = strip_marks(word).casefold()
    return abbreviation_slip(TYPO_FIXES.get(key, key))


def pieces_of(text: str) -> list[Piece]:
    """'Văn phòng-Thống kê;' -> pieces van, phong, thong, ke, ';' with their offsets."""
    found: list[Piece] = []
    for m in PIECE_RE.finditer(text):
        word = m.group()
        key = word_key(word)
        if word[0] == "<" and len(word) > 2 or word in JOINERS or not key:
            continue
        found.append(Piece(m.start(), m.end(), key, word.casefold(), word[0].isupper()))
    return found


def _keys(text: str) -> Keys:
    return tuple(p.key for p in pieces_of(text))


def _lowers(text: str) -> Keys:
    return tuple(p.lower for p in pieces_of(text))


def _both_forms(words: Iterable[str]) -> frozenset[Keys]:
    """Words as a cell writes them, with marks or typed without: ('phòng',), ('phong',)."""
    return frozenset(_lowers(form) for w in words for form in (w, strip_marks(w)))


def _longest_first(phrases: Sequence[Keys]) -> tuple[Keys, ...]:
    return tuple(sorted(set(phrases), key=lambda k: (-len(k), k)))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load agencies.csv into a PhraseMatcher and agency_words.csv into word lists (cached)."""
    vocab = Vocab()
    matcher = PhraseMatcher(vocab)
    levels: dict[str, str] = {}
    for agency in load_codelist().agencies:
        keys = _keys(agency.alias)
        if keys:
            matcher.add(agency.code, [Doc(vocab, words=list(keys))])
            levels[agency.code] = agency.level
    words: dict[str, list[dict[str, str]]] = {}
    for row in parse_csv(read_code_file("agency_words.csv")):
        words.setdefault(row["kind"], []).append(row)
    suffixes: dict[str, list[Keys]] = {}
    for row in words["suffix"]:
        suffixes.setdefault(row["level"], []).append(_keys(row["word"]))
    return Vocabulary(
        vocab=vocab,
        matcher=matcher,
        levels=levels,
        prefixes=_longest_first([_keys(r["word"]) for r in words["prefix"]]),
        suffixes={level: _longest_first(p) for level, p in suffixes.items()},
        places=frozenset(_keys(r["word"])[-1] for r in words["place"]),
        heads=_both_forms(r["word"] for r in words["head"]),
        fillers=_both_forms(r["word"] for r in words["filler"]),
    )


def find_hits(pieces: Sequence[Piece], voc: Vocabulary) -> list[Hit]:
    """Aliases among the pieces, leftmost-longest, not overlapping."""
    if not pieces:
        return []
    doc = Doc(voc.vocab, words=[p.key for p in pieces])
    found = sorted(
        (start, -end, voc.vocab.strings[match_id]) for match_id, start, end in voc.matcher(doc)
    )
    hits: list[Hit] = []
    for start, neg_end, code in found:
        if not hits or start >= hits[-1].end:
            hits.append(Hit(start, -neg_end, code))
    return hits


def _starts_with(pieces: Sequence[Piece], at: int, phrase: Keys, limit: int) -> bool:
    end = at + len(phrase)
    return end <= limit and tuple(p.key for p in pieces[at:end]) == phrase


def _widen_left(pieces: Sequence[Piece], hit: Hit, floor: int, voc: Vocabulary) -> int:
    """Start of the hit after prefixes: 'CC' + 'TP-HT', 'Các' + 'công chức …'."""
    start = hit.start
    for _ in range(3):  # 'các CB, CC' + name at most
        prefix = next(
            (
                p
                for p in voc.prefixes
                if start - len(p) >= floor and _starts_with(pieces, start - len(p), p, start)
            ),
            None,
        )
        if prefix is None:
            break
        start -= len(prefix)
    return start


def _widen_right(
    pieces: Sequence[Piece], end: int, level: str, ceiling: int, voc: Vocabulary
) -> int:
    """End of the hit after a suffix of its level ('xã') and a proper name ('Phú Bình')."""
    for suffix in voc.suffixes.get(SUFFIX_LEVEL.get(level, ""), ()):
        if _starts_with(pieces, end, suffix, ceiling):
            end += len(suffix)
            break
    if pieces[end - 1].key in voc.places:
        end = _widen_name(pieces, end, ceiling, voc)
    return end


def _widen_name(pieces: Sequence[Piece], end: int, ceiling: int, voc: Vocabulary) -> int:
    """'UBND huyện' + 'Phú Bình': capitalised words up to a separator or a lower-case word.

    One capitalised word followed by a lower-case one is no name: 'UBND xã Thường xuyên' (002).
    """
    stop = end
    while stop < min(ceiling, end + _MAX_NAME_WORDS):
        piece = pieces[stop]
        if not (piece.is_word and piece.capital) or (piece.lower,) in voc.heads:
            break
        stop += 1
    words = stop - end
    closed = stop >= len(pieces) or stop >= ceiling or not pieces[stop].is_word
    return stop if words >= 2 or (words == 1 and closed) else end


def _is_debris(pieces: Sequence[Piece], hit: Hit, after: Hit | None) -> bool:
    """'Văn phòng' right before 'Văn phòng HĐND-UBND huyện' repeats its start (004)."""
    if after is None or after.start != hit.end:
        return False
    mine = tuple(p.key for p in pieces[hit.start : hit.end])
    return _starts_with(pieces, after.start, mine, after.end) and after.end - after.start > len(
        mine
    )


def _mentions(
    pieces: Sequence[Piece], hits: Sequence[Hit], voc: Vocabulary
) -> tuple[list[tuple[int, int, Hit]], list[Hit]]:
    """Widened (first piece, end piece, hit) of every hit, and the hits that are debris."""
    debris = [h for i, h in enumerate(hits) if _is_debris(pieces, h, _next(hits, i))]
    kept = _join_at(pieces, [h for h in hits if h not in debris])
    spans: list[tuple[int, int, Hit]] = []
    for i, hit in enumerate(kept):
        floor = spans[-1][1] if spans else 0
        after = _next(kept, i)
        ceiling = after.start if after is not None else len(pieces)
        start = _widen_left(pieces, _staff_at(pieces, hit, floor, voc), floor, voc)
        end = _widen_right(pieces, hit.end, voc.levels[hit.code], ceiling, voc)
        spans.append((start, end, hit))
    return spans, debris


def _join_at(pieces: Sequence[Piece], hits: list[Hit]) -> list[Hit]:
    """'Các công chức … TTHC tại Bộ phận một cửa' (000) is one mention: the staff at a place."""
    joined: list[Hit] = []
    for hit in hits:
        last = joined[-1] if joined else None
        if last is not None and hit.start == last.end + 1 and _is_at(pieces[last.end]):
            joined[-1] = Hit(last.start, hit.end, hit.code)
        else:
            joined.append(hit)
    return joined


def _is_at(piece: Piece) -> bool:
    """'tại' between two agencies (the staff at a place), or 'tai' in a text typed without marks."""
    return piece.lower in ("tại", "tai")


def _staff_at(pieces: Sequence[Piece], hit: Hit, floor: int, voc: Vocabulary) -> Hit:
    """'công chức được phân công giải quyết TTHC tại Bộ phận một cửa': staff at the hit's place.

    The hit grows back over 'tại' to the nearest staff word ('công chức', 'CB', 'Bộ phận')
    within one clause; the code stays the place's.
    """
    if hit.start - 1 <= floor or not _is_at(pieces[hit.start - 1]):
        return hit
    for j in range(hit.start - 2, max(floor, hit.start - _MAX_STAFF_WORDS) - 1, -1):
        if not pieces[j].is_word:
            break
        if any(_starts_with(pieces, j, p, hit.start) for p in voc.prefixes if p != ("cac",)):
            return Hit(j, hit.end, hit.code)
    return hit


def _next(hits: Sequence[Hit], i: int) -> Hit | None:
    return hits[i + 1] if i + 1 < len(hits) else None


def _record(
    text: str, pieces: Sequence[Piece], start: int, end: int, code: str | None, voc: Vocabulary
) -> AgencyMention:
    first, last = pieces[start], pieces[end - 1]
    stop = last.end
    if text[stop : stop + 1] in CLOSING and text.count(OPENING[text[stop]], first.start, stop):
        stop += 1  # 'bộ phận “Một cửa”' keeps its closing quote
    level = voc.levels[code] if code is not None else None
    return AgencyMention(text[first.start : stop], code, level, first.start, stop)


def _segments(pieces: Sequence[Piece], covered: Sequence[bool]) -> list[list[int]]:
    """Runs of pieces no mention covers, split at separators and 'và'."""
    segments: list[list[int]] = [[]]
    for i, piece in enumerate(pieces):
        if covered[i] or not piece.is_word or piece.lower == "và":
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(i)
    return [s for s in segments if s]


def _trim(pieces: Sequence[Piece], segment: list[int], voc: Vocabulary) -> list[int]:
    """Drop fillers at both ends: 'các' + 'cơ quan', 'Văn phòng UBND xã' + 'chủ trì'."""
    lowers = [pieces[i].lower for i in segment]
    changed = True
    while lowers and changed:
        changed = False
        for n in (3, 2, 1):
            if tuple(lowers[:n]) in voc.fillers:
                segment, lowers, changed = segment[n:], lowers[n:], True
                break
            if len(lowers) >= n and tuple(lowers[-n:]) in voc.fillers:
                segment, lowers, changed = segment[:-n], lowers[:-n], True
                break
    return segment


def _is_head(pieces: Sequence[Piece], segment: list[int], voc: Vocabulary) -> bool:
    lowers = tuple(pieces[i].lower for i in segment[:3])
    return any(lowers[:n] in voc.heads for n in (1, 2, 3))


def split_agencies(text: str) -> CellAgencies:
    """'VP UBND xã; Thường xuyên' -> mentions (VP_TK 'VP UBND xã'), other ('Thường xuyên',)."""
    voc = vocabulary()
    pieces = pieces_of(text)
    spans, debris = _mentions(pieces, find_hits(pieces, voc), voc)
    covered = [False] * len(pieces)
    for start, end in [(s, e) for s, e, _ in spans] + [(h.start, h.end) for h in debris]:
        covered[start:end] = [True] * (end - start)
    mentions = [_record(text, pieces, s, e, hit.code, voc) for s, e, hit in spans]
    other = [_record(text, pieces, h.start, h.end, None, voc).text for h in debris]
    for segment in _segments(pieces, covered):
        segment = _trim(pieces, segment, voc)
        if not segment:
            continue
        found = _record(text, pieces, segment[0], segment[-1] + 1, None, voc)
        if _is_head(pieces, segment, voc):
            mentions.append(found)
        else:
            other.append(found.text)
    mentions.sort(key=lambda m: (m.char_start, m.char_end))
    return CellAgencies(tuple(mentions), tuple(other))


def agency_mentions(cell_text: str) -> list[AgencyMention]:
    """Every agency of a lead/support cell: 'CC TPHT, CC VP xã' -> [TP_HT …, VP_TK …]."""
    return list(split_agencies(cell_text).mentions)


def find_agencies(text: str) -> list[AgencyMention]:
    """Listed agencies in running text, capitalised: 'giao Văn phòng UBND xã chủ trì' -> VP_TK."""
    voc = vocabulary()
    pieces = pieces_of(text)
    spans, _ = _mentions(pieces, find_hits(pieces, voc), voc)
    return [
        _record(text, pieces, start, end, hit.code, voc)
        for start, end, hit in spans
        if pieces[hit.start].capital
    ]
