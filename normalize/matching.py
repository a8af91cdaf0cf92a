"""Label scoring against the code list: phrase hits on aliases plus IDF-weighted token recall.

Every concept (and every field F0..F8) has keys: its label and its aliases, turned into folded
matching tokens (`normalize.text.match_tokens`). A text scores against a key by

    recall   = IDF mass of the key's tokens found in the text / IDF mass of the key
    coverage = IDF mass of the text's tokens found in any key of the code / IDF mass of the text
    specific = min(1, IDF mass of the key / SPECIFIC_MASS)   (short generic keys weigh less)
    phrase   : the key occurs as a contiguous phrase ('near': rapidfuzz partial_ratio >= 90 on
               the folded strings, for typing slips)
    score    = specific * (0.8 + 0.2 * coverage)                  for a phrase
               recall**2 * specific * (0.5 + 0.3 * coverage)      for scattered tokens

and a text that equals a key (after folding) scores 1.0. A concept's score is its best key's.
So a curated alias found verbatim ('đúng hạn', 'chữ ký số') scores 0.8-1.0, while words of a
label scattered through a long sentence stay near or below the 0.6 threshold of `criteria`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from normalize.codelist import CodeList, load_codelist
from normalize.patterns import PARENTHESIS_RE
from normalize.text import is_syllable, loanword_slip, match_tokens

# IDF mass at which a key counts as fully specific (one rare word, or two common ones).
SPECIFIC_MASS = 5.0
# partial_ratio (0-100) of a key inside a text that counts as a phrase hit despite typos.
PHRASE_FUZZ = 90.0
# Keys shorter than this (folded characters) are never fuzzy-matched as phrases.
PHRASE_FUZZ_MIN_LEN = 16
# ... and only when most of the key's words are there already.
PHRASE_FUZZ_RECALL = 0.75
# Text tokens at least this long that are not in the vocabulary snap to the nearest word.
TOKEN_FUZZ_MIN_LEN = 5
TOKEN_FUZZ = 85.0
# score = specific * (BASE + COVER * coverage), for phrase hits and for scattered tokens (the
# latter also times recall**2): a curated alias found verbatim beats a bag of shared words.
PHRASE_BASE, PHRASE_COVER = 0.8, 0.2
TOKENS_BASE, TOKENS_COVER = 0.5, 0.3

Hit = Literal["exact", "phrase", "near", "place", "tokens"]
# A label's name (before a parenthesis, before the first ';') is a key of its own
# (`_label_keys`). Pooled over the five plans, plan-out: 10 more right codes (001 3.6.x, 1.9,
# 1.9.4, 4.4, 6.6; 002 I.2, VI.3.2), no wrong one. Every other aspect after a ';' as a key
# too: 5 more right and 3 more wrong ('đồng bộ với Cổng dịch vụ công quốc gia' of the one-stop
# system named rows about the national portal).
LABEL_NAME = True
# ... and every aspect after the name (three words or more) is a key whose words count but that
# never makes a phrase hit: a row stating one aspect recalls it whole ('Vận hành có hiệu quả kho
# lưu trữ điện tử' and F7.E_FILE's 'Hồ sơ công việc điện tử; lưu trữ điện tử'), while a row
# naming an aspect in passing is not taken for the concept on that phrase. Pooled over the five
# plans, plan-out: with criteria_rank.AIMS_YIELD 2 more right codes (002 VI.2.3#2, #3), no wrong
# one (alone, no change: the shared objective's concepts still led those rows); with all
# aliases no change.
LABEL_ASPECTS = True
# A member concept's label names its group first: 'SIPAS: Tiếp cận dịch vụ'. The group's name
# is the group's key, not the member's (the whole label still matches exactly): with it, 'sipas'
# was in seven codes' keys and weighed too little to name the index ('Chỉ số SIPAS đạt trên
# 85%' got no code).
GROUP_PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9-]+:\s*")
# Ties on score go to the stronger kind of hit; 'place' is a phrase found only in a place the
# row names ('… tại các cuộc đối thoại', `criteria_keys._placed_phrases`).
HIT_RANK: dict[str, int] = {"exact": 0, "phrase": 1, "near": 2, "place": 3, "tokens": 4}


@dataclass(frozen=True, slots=True)
class Key:
    """One label or alias of a code, as matching tokens."""

    code: str
    tokens: tuple[str, ...]
    phrase: str
    mass: float
    # an aspect a label lists after its name (LABEL_ASPECTS): words to find, never a phrase hit
    aspect: bool = False


@dataclass(frozen=True, slots=True)
class Scored:
    """The best key of a code for a text: its score and whether it was a phrase hit."""

    code: str
    score: float
    hit: Hit
    # False when the scorers disagree on a row's best concept (`criteria`: key score vs BM25)
    agreed: bool = True
    # the code's BM25 over the row's best concept's BM25 (`criteria_rank`: a phrase hit that
    # BM25 ranks far behind another concept is not sure)
    bm25_share: float = 1.0
    # a concept only the objective a sub-row shares with its group names (`criteria_keys.
    # group_aims`): never assigned alone, and no rival to the sub-row's own reading
    aim: bool = False


class Index:
    """All keys of a code list with token IDF weights; build once with `index_for`."""

    def __init__(self, codes: CodeList) -> None:
        raw = [
            (c.code, text, text in aspects)
            for c in codes.concepts
            for aspects in [_label_aspects(c.label_vi)]
            for text in (*_label_keys(c.label_vi), *aspects, *c.aliases, *c.descriptions)
        ]
        token_sets = [(code, match_tokens(text)) for code, text, _ in raw]
        self.codes_of = _codes_of(token_sets)  # token -> the codes whose keys hold it
        n_codes = len({code for code, _ in token_sets}) or 1
        self.idf = {t: math.log(1.0 + n_codes / len(cs)) for t, cs in self.codes_of.items()}
        self.default_idf = max(self.idf.values(), default=1.0)
        self.vocab = tuple(sorted(self.idf))
        # the words no Vietnamese syllable: what a loanword slip is fixed to (`_snap`)
        self.loanwords = tuple(w for w in self.vocab if not is_syllable(w))
        self._snapped: dict[str, str] = {}
        self.keys = tuple(
            Key(code, tokens, " ".join(tokens), self.mass(tokens), aspect)
            for (code, tokens), (_, _, aspect) in zip(token_sets, raw, strict=True)
            if tokens
        )
        self.exact: dict[str, set[str]] = {}
        self.keys_of: dict[str, list[Key]] = {}  # a code's keys, in key order
        self.vocab_of: dict[str, frozenset[str]] = {}
        # token -> indexes of the keys holding it: a text is scored against the keys it shares
        # a token with (any other key scores nothing), in key order
        self.keys_with: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            for token in set(key.tokens):
                self.keys_with.setdefault(token, []).append(i)
        for key in self.keys:
            self.keys_of.setdefault(key.code, []).append(key)
            if not key.aspect:
                self.exact.setdefault(key.phrase, set()).add(key.code)
            self.vocab_of[key.code] = self.vocab_of.get(key.code, frozenset()) | set(key.tokens)
        for concept in codes.concepts:  # a label whole, its group's name too (GROUP_PREFIX_RE)
            whole = " ".join(match_tokens(concept.label_vi))
            if whole and concept.code in self.vocab_of:
                self.exact.setdefault(whole, set()).add(concept.code)

    def codes_with(self, token: str) -> int:
        """How many codes have the token in their keys (0 for a word none has)."""
        return len(self.codes_of.get(token, ()))

    def weight(self, token: str) -> float:
        """IDF of a vocabulary token; unknown tokens weigh like the rarest word."""
        return self.idf.get(token, self.default_idf)

    def mass(self, tokens: Iterable[str]) -> float:
        """Sum of IDF over the distinct tokens."""
        return sum(self.weight(t) for t in set(tokens))

    def snap(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Map long unknown tokens to their nearest vocabulary word ('hanhh' -> 'hanh')."""
        out: list[str] = []
        for token in tokens:
            if token not in self._snapped:
                self._snapped[token] = _snap(self, token)
            out.append(self._snapped[token])
        return tuple(out)

    def score_all(self, text: str) -> dict[str, Scored]:
        """Best score of every code for a text, e.g. {'F3.ONTIME': Scored(…, 0.83, 'phrase')}."""
        tokens = self.snap(match_tokens(text))
        if not tokens:
            return {}
        phrase = " ".join(tokens)
        token_set = set(tokens)
        text_mass = self.mass(tokens) or 1.0
        best: dict[str, Scored] = {}
        for code in self.exact.get(phrase, ()):
            best[code] = Scored(code, 1.0, "exact")
        coverage: dict[str, float] = {}
        found: dict[int, float] = {}  # key index -> IDF mass of its tokens in the text
        for token in token_set:
            weight = self.weight(token)
            for i in self.keys_with.get(token, ()):
                found[i] = found.get(i, 0.0) + weight
        padded = f" {phrase} "
        for i in sorted(found):
            key = self.keys[i]
            if key.code in best and best[key.code].hit == "exact":
                continue
            if key.code not in coverage:
                explained = self.mass(token_set & self.vocab_of[key.code])
                coverage[key.code] = min(1.0, explained / text_mass)
            scored = self._score_key(key, padded, found[i], coverage[key.code])
            if key.code not in best or scored.score > best[key.code].score:
                best[key.code] = scored
        return best

    def _score_key(self, key: Key, padded: str, found: float, coverage: float) -> Scored:
        """A key that shares `found` IDF mass with the text (`padded`: ' tokens … ')."""
        recall = found / key.mass if key.mass else 0.0
        hit: Hit = "tokens"
        if key.aspect:
            pass  # words to find, never a phrase (LABEL_ASPECTS)
        elif f" {key.phrase} " in padded:
            hit = "phrase"
        elif PHRASE_FUZZ_MIN_LEN <= len(key.phrase) <= len(padded) - 2 and (
            recall >= PHRASE_FUZZ_RECALL
        ):
            if fuzz.partial_ratio(key.phrase, padded[1:-1]) >= PHRASE_FUZZ:
                hit = "near"
        specific = min(1.0, key.mass / SPECIFIC_MASS)
        if hit == "tokens":
            score = recall * recall * specific * (TOKENS_BASE + TOKENS_COVER * coverage)
        else:
            score = specific * (PHRASE_BASE + PHRASE_COVER * coverage)
        return Scored(key.code, score, hit)


def _label_aspects(label: str) -> tuple[str, ...]:
    """The aspects a label lists after its name, of three words or more (LABEL_ASPECTS):
    'Hồ sơ công việc điện tử; lưu trữ điện tử' -> ('lưu trữ điện tử',)."""
    if not LABEL_ASPECTS:
        return ()
    return tuple(a.strip() for a in _bare(label).split(";")[1:] if len(a.split()) >= 3)


def _bare(label: str) -> str:
    """A label without its group's name and its parentheses, spaces folded: what its name
    and its aspects are cut from (`_label_keys`, `_label_aspects`)."""
    return " ".join(PARENTHESIS_RE.sub(" ", GROUP_PREFIX_RE.sub("", label)).split())


def _label_keys(label: str) -> tuple[str, ...]:
    """A label, and its name as a key of its own (LABEL_NAME): the words before a parenthesis
    and before the first ';' (the aspects a label lists after its name). 'Chất lượng phục vụ
    tại Bộ phận tiếp nhận và trả kết quả (nơi chờ, thái độ, thời gian, …)' and 'Hồ sơ công
    việc điện tử; lưu trữ điện tử' are named by rows stating their first part, whose recall
    of the whole label is low. A one-word name ('Tự chủ; khoán biên chế …') is no key."""
    label = GROUP_PREFIX_RE.sub("", label)
    if not LABEL_NAME:
        return (label,)
    bare = _bare(label)
    name = bare.split(";")[0].strip()
    keys = [label, bare, name if len(name.split()) >= 2 else ""]
    return tuple(dict.fromkeys(k for k in keys if k))


def _codes_of(token_sets: list[tuple[str, tuple[str, ...]]]) -> dict[str, set[str]]:
    """The codes whose keys hold each token (IDF is over codes: a token in every key of one
    code counts once)."""
    codes_of: dict[str, set[str]] = {}
    for code, tokens in token_sets:
        for token in tokens:
            codes_of.setdefault(token, set()).add(code)
    return codes_of


def _snap(index: Index, token: str) -> str:
    if token in index.idf:
        return token
    slip = loanword_slip(token, index.loanwords)
    if slip != token or len(token) < TOKEN_FUZZ_MIN_LEN or token.isdigit():
        return slip
    found = process.extractOne(token, index.vocab, scorer=fuzz.ratio, score_cutoff=TOKEN_FUZZ)
    return str(found[0]) if found else token


@lru_cache(maxsize=4)
def index_for(codes: CodeList) -> Index:
    """The (cached) index of a code list."""
    return Index(codes)


@lru_cache(maxsize=1)
def default_index() -> Index:
    """The index of the shipped code list (cached)."""
    return index_for(load_codelist())
