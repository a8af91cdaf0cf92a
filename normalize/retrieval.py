"""BM25 over whole concepts: each concept is one document made of its label, aliases and the
official frameworks' wording, so a rare word anywhere in it is evidence (issue 19).

`normalize.matching` scores a text against each key (label, alias, wording) separately and wants
most of one key's words, in order; that finds curated phrases but misses a plan whose wording
was never written down: '… áp dụng quy trình ISO 9001:2015 …' shares only 'ISO 9001' with the
label 'Hệ thống quản lý chất lượng ISO 9001' (recall 0.4, score 0.09). Here the concept
F7.ISO is a bag of features and 'iso', found in no other concept, weighs what its rarity says.

Features of a text, on the folded matching tokens of `normalize.text.match_tokens` (so
diacritics, abbreviations and typing slips are already levelled): syllables ('iso') and pairs of
adjacent syllables ('quan_ly'); a pair tells 'chất lượng phục vụ' from 'phục vụ chất lượng'.

    bm25(text, concept) = sum over features f of the text:
        idf(f) * tf(f, concept) * (K1 + 1) / (tf + K1 * (1 - B + B * len(concept) / avg_len))
    idf(f) = ln(1 + N / df(f))           N concepts, df(f) concepts with the feature

`Bm25.views` gives two readings of one scoring: relative (over the text's own mass, what the
matcher blends with its key score) and shares (over the row's best, so the best concept is 1.0
and the others tell how far behind they are).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from normalize.codelist import CodeList
from normalize.text import is_syllable, loanword_slip, match_tokens

# BM25's usual constants: K1 saturates repeated features, B partly normalises long concepts
# (a concept with 20 aliases should not win every row on sheer size).
K1 = 1.2
B = 0.5
# Share of a text's own BM25 mass at which a concept counts as fully found (relative): a
# criterion row holds the concept's words plus a frame ('Tỷ lệ …', '… trên địa bàn xã'), so
# finding 40 % of it is strong evidence. Compared pooled over the five plans: 0.3-0.7 give the
# same concept rate within 1 %, 0.4 the fewest wrong codes.
FULL = 0.4


@dataclass(frozen=True, slots=True)
class Doc:
    code: str
    tf: dict[str, int]
    length: int


def features(text: str) -> list[str]:
    """Syllables and adjacent pairs: 'Công khai TTHC' -> ['cong', 'khai', 'tthc', 'cong_khai'…]."""
    return token_features(match_tokens(text))


def token_features(tokens: Sequence[str]) -> list[str]:
    """`features` of tokens already matched."""
    return [*tokens, *(f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))]


class Bm25:
    """BM25 index of the concepts of a code list (fields F0..F8 are left out: they are scored by
    their names in `matching`, and a field document would be the union of its concepts)."""

    def __init__(self, codes: CodeList) -> None:
        docs = []
        for concept in codes.concepts:
            if concept.is_field:
                continue
            tf: Counter[str] = Counter()
            for text in (concept.label_vi, *concept.aliases, *concept.descriptions):
                tf.update(features(text))
            docs.append(Doc(concept.code, dict(tf), sum(tf.values())))
        self.docs = tuple(docs)
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.tf.keys())
        n = len(self.docs) or 1
        self.idf = {f: math.log(1.0 + n / count) for f, count in df.items()}
        self.avg_len = sum(d.length for d in self.docs) / n or 1.0
        # the single words no Vietnamese syllable: what a loanword slip is fixed to
        self.loanwords = tuple(sorted(f for f in self.idf if "_" not in f and not is_syllable(f)))
        self._slips: dict[str, str] = {}
        # feature -> (doc index, its BM25 term weight without the query's): a query touches
        # only the concepts that hold its features, not all of them
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, doc in enumerate(self.docs):
            norm = K1 * (1.0 - B + B * doc.length / self.avg_len)
            for feature, count in doc.tf.items():
                term = self.idf[feature] * count * (K1 + 1.0) / (count + norm)
                self.postings.setdefault(feature, []).append((i, term))

    def holders(self, text: str) -> frozenset[str]:
        """The concepts whose wording holds the longest head of a text that any concept holds
        whole, its syllables and pairs; two words at least, or one abbreviation: 'Trang thông
        tin điện tử của xã' -> the concepts of 'trang thông tin điện tử'; 'Bộ phận Một cửa'
        (token 'bpmc') -> the one-stop's; 'các cuộc đối thoại', 'các cấp' -> none ('cuộc',
        'cấp' alone are no place)."""
        tokens = match_tokens(text)
        shortest = 1 if len(tokens) == 1 and not is_syllable(tokens[0]) else 2
        for end in range(len(tokens), shortest - 1, -1):
            wanted = token_features(tokens[:end])
            found = frozenset(d.code for d in self.docs if all(f in d.tf for f in wanted))
            if found:
                return found
        return frozenset()

    def scores(self, texts: Sequence[tuple[str, float]]) -> dict[str, float]:
        """BM25 of every concept for weighted texts (each text's features count with its weight)."""
        return self._scores(self._query(texts))

    def _query(
        self, texts: Sequence[tuple[str, float]], drop: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        query: dict[str, float] = {}
        for text, weight in texts:
            tokens = [t for t in self._respelled(match_tokens(text)) if t not in drop]
            for feature in set(token_features(tokens)):
                query[feature] = max(query.get(feature, 0.0), weight)
        return query

    def _respelled(self, tokens: Sequence[str]) -> list[str]:
        """Tokens with their loanword slips fixed (`normalize.text.loanword_slip`): 'Tạo Efrom'
        finds the concept whose words hold 'eform'."""
        out = []
        for token in tokens:
            if token not in self._slips:
                known = token in self.idf
                self._slips[token] = token if known else loanword_slip(token, self.loanwords)
            out.append(self._slips[token])
        return out

    def _scores(self, query: dict[str, float]) -> dict[str, float]:
        totals: dict[int, float] = {}
        for feature, weight in query.items():
            for i, term in self.postings.get(feature, ()):
                totals[i] = totals.get(i, 0.0) + weight * term
        ordered = sorted(totals.items())  # concept order, as a scan of all concepts gives
        return {self.docs[i].code: score for i, score in ordered if score}

    def views(
        self, texts: Sequence[tuple[str, float]], drop: frozenset[str] = frozenset()
    ) -> tuple[dict[str, float], dict[str, float]]:
        """(relative, shares) of the texts from one scoring.

        relative: scores over the text's own mass, {'F7.ISO': 0.8, 'F3.INTERNAL_PROC': 0.2, …}.
        The mass is what a concept holding every feature of the text once would score (sum of
        weight * idf); FULL of it counts as 1.0. A text none of whose words any concept knows
        well stays low for every concept, so the blend cannot lift it over a threshold.
        shares: scores over the row's best, {'F3.PUBLISH': 1.0, 'F3.PUBLICITY': 0.62, …}.
        """
        query = self._query(texts, drop)
        raw = self._scores(query)
        best = max(raw.values(), default=0.0)
        shares = {code: score / best for code, score in raw.items()} if best else {}
        mass = sum(w * self.idf[f] for f, w in query.items() if f in self.idf)
        if not mass:
            return {}, shares
        return {code: min(1.0, score / (FULL * mass)) for code, score in raw.items()}, shares


@lru_cache(maxsize=8)
def bm25_for(codes: CodeList) -> Bm25:
    """The (cached) BM25 index of a code list."""
    return Bm25(codes)
