"""Vietnamese text keys for matching: diacritic folding, typo fixes, abbreviations.

Strings arrive NFC (the reader boundary normalises once). Everything here is pure and cheap;
the matchers call `match_tokens` on both sides (code-list keys and plan text) so that
'Tỷ lệ hồ sơ TTHC đúng hạn' and 'tỷ lệ hồ sơ thủ tục hành chính đúng hạn' compare equal:
function words go, marks and case fold away, slips are fixed ('TTTHC', 'Efrom') and
spelled-out terms contract to their usual abbreviation ('thủ tục hành chính' -> 'tthc'), so a
term weighs as one word however it is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from models.marks import strip_marks
from models.numerals import roman_value
from normalize.patterns import (
    LABEL_PREFIX_RE,
    LEADING_CODE_RE,
    LETTER_PREFIX_RE,
    NON_WORD_RE,
    QUOTED_RE,
    ROMAN_RE,
    SORT_PART_RE,
    SYLLABLE_RE,
)
from normalize.unmarked import UNMARKED_STOP_PAIRS, function_word, is_unmarked

# Function words dropped before folding (after folding "của" and "cửa" collide: "một cửa").
# Not "theo" (theo dõi) nor "đối" (đối thoại). "sự" only makes a noun of a verb ("sự phát
# triển", "sự hài lòng"); "sử" (sử dụng) is another word.
STOPWORDS: frozenset[str] = frozenset(
    "và các của được trong về cho đã là những với tại trên để từ đến này đó "
    "khi nếu thì mà như hoặc cả bằng do vào có sự".split()
)


# Two-word function words, dropped as STOPWORDS are: quantifiers ("toàn bộ TTHC" is all the
# procedures; read word by word, its "bộ TTHC" is F3.PUBLISH's set of procedures).
STOP_PAIRS: frozenset[tuple[str, str]] = frozenset({("toàn", "bộ"), ("tất", "cả")})


@dataclass(frozen=True, slots=True)
class Typo:
    """A row of codes/typos.csv: a folded slip, its fix, and the plans that taught it."""

    slip: str
    fix: str
    sources: tuple[str, ...]


def _load_typos() -> tuple[Typo, ...]:
    data = resources.files("normalize").joinpath("codes", "typos.csv").read_text("utf-8")
    return tuple(
        Typo(r["slip"], r["fix"], tuple(s for s in r["source"].split(";") if s))
        for r in csv.DictReader(io.StringIO(data, newline=""))
    )


# Known typing/OCR slips, on folded tokens, that `abbreviation_slip` cannot tell ('VB OPPL':
# O for Q; 'Efrom'), kept as data with the plans that taught them (the plan-out measure hides
# a plan's own, as it hides its aliases). Mutable only through `typos_hidden`.
TYPOS: tuple[Typo, ...] = _load_typos()
TYPO_FIXES: dict[str, str] = {t.slip: t.fix for t in TYPOS}


@contextmanager
def typos_hidden(sources: frozenset[str]) -> Iterator[None]:
    """The typo fixes taught only by these sources left out, for the plan-out measure."""
    hidden = {t.slip for t in TYPOS if t.sources and set(t.sources) <= sources}
    saved = dict(TYPO_FIXES)
    for slip in hidden:
        TYPO_FIXES.pop(slip, None)
    match_tokens.cache_clear()
    try:
        yield
    finally:
        TYPO_FIXES.clear()
        TYPO_FIXES.update(saved)
        match_tokens.cache_clear()


# Compound abbreviations split into their parts (folded): "DVCQG" = DVC quốc gia.
EXPANSIONS: dict[str, str] = {
    "dvcqg": "dvc quoc gia",
    "csdlqg": "csdl quoc gia",
    "mc": "mot cua",
    "mclt": "mot cua lien thong",
    "tdthpl": "theo doi thpl",
    "kt": "kinh te",
    "xh": "xa hoi",
    "vb": "van ban",
    "vbqppl": "van ban qppl",
    # people and bodies: "CBCC", "CCVC" (agency and task cells), "MTTQ" (the Front)
    "cbcc": "can bo cong chuc",
    "ccvc": "cong chuc vien chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "mttq": "mat tran to quoc",
    # terms of the criteria: "Điều tra XHH", "phần mềm QLVB", "DVCTT", "xử lý VPHC"
    "xhh": "xa hoi hoc",
    "qlvb": "quan ly van ban",
    "qlnn": "quan ly nha nuoc",
    "hscv": "ho so cong viec",
    "dvctt": "dvc truc tuyen",
    "vphc": "vi pham hanh chinh",
    "attt": "an toan thong tin",
    "kstthc": "kiem soat tthc",
    "gqtthc": "giai quyet tthc",
    "cds": "chuyen doi so",
    "cqdt": "chinh quyen dien tu",
    "cqs": "chinh quyen so",
    "httt": "he thong thong tin",
    "vbdt": "van ban dien tu",
    "cks": "chu ky so",
    "nsnn": "ngan sach nha nuoc",
    "hcc": "hanh chinh cong",
    "tthcc": "trung tam hanh chinh cong",
    "pvhcc": "phuc vu hanh chinh cong",
    "ttpvhcc": "trung tam phuc vu hanh chinh cong",
    # terms of the other fields: emulation, anti-corruption, thrift, spending rules, appraisal,
    # criminal records, citizen reception, quality management, public postal service
    "tdkt": "thi dua khen thuong",
    "pctn": "phong chong tham nhung",
    "thtk": "thuc hanh tiet kiem",
    "clp": "chong lang phi",
    "qcctnb": "quy che chi tieu noi bo",
    "dgxl": "danh gia xep loai",
    "lltp": "ly lich tu phap",
    "tcd": "tiep cong dan",
    "htqlcl": "he thong quan ly chat luong",
    "dvbcci": "dich vu buu chinh cong ich",
    "bcci": "buu chinh cong ich",
}

# Multi-word terms contracted to one token, so that a term weighs as one word and its spelled-out
# and abbreviated forms compare equal: "thủ tục hành chính" = "TTHC". Longest first.
CONTRACTIONS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(long.split()), short)
    for long, short in sorted(
        {
            "quy pham phap luat": "qppl",
            "thu tuc hanh chinh": "tthc",
            "thu tuc": "tthc",
            "cai cach hanh chinh": "cchc",
            "dich vu cong": "dvc",
            "bo phan mot cua": "bpmc",
            "bo phan tiep nhan tra ket qua": "bpmc",
            "bo phan tn tkq": "bpmc",  # "Bộ phận TN&TKQ"
            "bp tn tkq": "bpmc",
            # the one-stop of a district ("Trung tâm hành chính công"), and of the commune
            # since 1/7/2025 (Nghị định 118/2025/NĐ-CP: "Trung tâm Phục vụ hành chính công")
            "trung tam phuc vu hanh chinh cong": "bpmc",
            "tt phuc vu hanh chinh cong": "bpmc",
            "trung tam hanh chinh cong": "bpmc",
            "phan anh kien nghi": "pakn",
            "co so du lieu": "csdl",
            "to dan pho": "tdp",  # "Tổ trưởng TDP" (the head of a town's residential group)
            "thi hanh phap luat": "thpl",
            "pho bien giao duc phap luat": "pbgdpl",
            "thong tin dien tu": "ttdt",
            "vi tri viec lam": "vtvl",
            "cong nghe thong tin": "cntt",
            "khieu nai to cao": "kntc",
            "dieu tra xa hoi hoc": "dtxhh",
            "kinh te xa hoi": "ktxh",
            "uy ban nhan dan": "ubnd",
            "hoi dong nhan dan": "hdnd",
        }.items(),
        key=lambda kv: -len(kv[0].split()),
    )
)


# Abbreviations a slip is corrected to: the short forms above ('tthc', 'ubnd', 'cntt' …).
# Every Vietnamese syllable has a vowel, so a folded token without one is an abbreviation.
ABBREVIATIONS: frozenset[str] = frozenset({short for _, short in CONTRACTIONS} | set(EXPANSIONS))
VOWELS = frozenset("aeiouy")
# A slip is at most this many edits (insert, delete, substitute, swap two neighbours) away.
SLIP_EDITS = 1
SLIP_MIN_LEN = 4
_SLIP_TARGETS = tuple(sorted(a for a in ABBREVIATIONS if len(a) >= SLIP_MIN_LEN))


@lru_cache(maxsize=4096)
def abbreviation_slip(token: str) -> str:
    """An unknown vowel-less token one edit from exactly one known abbreviation becomes it:
    'ttthc' -> 'tthc', 'ttch' -> 'tthc', 'cnnt' -> 'cntt'; anything else is kept ('hdnd',
    'nguoi', 'tt', and 'ubdn': a token with a vowel may be a word)."""
    if (
        len(token) < SLIP_MIN_LEN
        or token in ABBREVIATIONS
        or not token.isalpha()
        or VOWELS & set(token)
    ):
        return token
    near = [a for a in _SLIP_TARGETS if OSA.distance(token, a) <= SLIP_EDITS]
    return near[0] if len(near) == 1 else token


def is_syllable(token: str) -> bool:
    """True for a folded Vietnamese syllable: 'nguoi', 'khai'; False for 'eform', 'tthc', 'ipv6'."""
    return SYLLABLE_RE.fullmatch(token) is not None


def loanword_slip(token: str, vocabulary: Iterable[str]) -> str:
    """A folded token that is no Vietnamese syllable (a loanword or an abbreviation), one edit
    (SLIP_EDITS: insert, delete, substitute, swap two neighbours) from exactly one such word
    of `vocabulary`, becomes it: 'efrom' -> 'eform', 'oppl' -> 'qppl', 'ipv06' -> 'ipv6'.
    Syllables, known words, numbers and short tokens are kept."""
    if len(token) < SLIP_MIN_LEN or token.isdigit() or is_syllable(token):
        return token
    near = {w for w in vocabulary if not is_syllable(w) and OSA.distance(token, w) <= SLIP_EDITS}
    return near.pop() if len(near) == 1 else token


def fold_keep_length(text: str) -> str:
    """Marks stripped and lower-cased, one character per character: 'Quý III' -> 'quy iii'.

    Offsets into the result are offsets into the NFC input (patterns.py runs on it).
    """
    folded = strip_marks(text).lower()
    return folded if len(folded) == len(text) else _fold_chars(text)


def _fold_chars(text: str) -> str:
    out = []
    for ch in text:
        folded = strip_marks(ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def fold(text: str) -> str:
    """Casefold, strip marks and punctuation: 'Tư pháp – hộ tịch' -> 'tu phap ho tich'."""
    return " ".join(NON_WORD_RE.sub(" ", strip_marks(text).casefold()).split())


def words(text: str) -> list[str]:
    """Lower-case NFC words of a text: 'Bộ phận Một cửa' -> ['bộ', 'phận', 'một', 'cửa']."""
    return NON_WORD_RE.sub(" ", text.casefold()).split()


@lru_cache(maxsize=65536)
def match_tokens(text: str) -> tuple[str, ...]:
    """Folded matching tokens: 'Công khai thủ tục hành chính' -> ('cong', 'khai', 'tthc')."""
    tokens: list[str] = []
    listed = words(LETTER_PREFIX_RE.sub(r"\1", text))
    unmarked = is_unmarked(listed)
    stop_pairs = UNMARKED_STOP_PAIRS if unmarked else STOP_PAIRS
    pairs = {i for i in range(len(listed) - 1) if (listed[i], listed[i + 1]) in stop_pairs}
    for i, word in enumerate(listed):
        dropped = function_word(listed, i) if unmarked else word in STOPWORDS
        if dropped or i in pairs or i - 1 in pairs:
            continue
        for token in fold(word).split():
            token = abbreviation_slip(TYPO_FIXES.get(token, token))
            tokens.extend(EXPANSIONS.get(token, token).split())
    return contract(tokens)


def contract(tokens: list[str]) -> tuple[str, ...]:
    """Replace spelled-out terms by their abbreviation: thu tuc hanh chinh -> ('tthc',)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for long, short in CONTRACTIONS:
            if tuple(tokens[i : i + len(long)]) == long:
                out.append(short)
                i += len(long)
                break
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


def match_key(text: str) -> str:
    """One string of `match_tokens`, for equality and substring tests."""
    return " ".join(match_tokens(text))


def clean_label(text: str) -> str:
    """Strip list numbers, quotes and bullets around a label.

    '**1.1. Tiêu chí thành phần: “1.2.1. Thực hiện đầy đủ …”**' -> 'Thực hiện đầy đủ …'.
    """
    label = text.strip().strip("*").strip()
    label = LABEL_PREFIX_RE.sub("", label)
    quoted = QUOTED_RE.search(label)
    if quoted:
        label = quoted.group(1)
    label = LEADING_CODE_RE.sub("", label.strip())
    return label.strip(" \t-+–•*“”\"'").strip()


def natural_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for codes: '1.2' < '1.10' < '2'; 'II' < 'IV'; 'I.3#2' after 'I.3'."""
    parts = SORT_PART_RE.split(code)
    key: list[tuple[int, int | str]] = []
    for part in parts:
        if part.isdigit():
            key.append((0, int(part)))
        elif ROMAN_RE.match(part):
            key.append((0, roman_value(part)))
        else:
            key.append((1, part))
    return tuple(key)
