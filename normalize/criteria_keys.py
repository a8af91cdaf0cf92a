"""Key scores of a row's texts for the criterion matcher (issue 19): each concept's best
alias or wording found in the row, as a phrase or as scattered words, with the rules that
decide what a phrase hit is worth where the row stands (its place words, its shared objective).
`normalize.criteria_rank` ranks and decides on them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from normalize.codelist import CodeList, Concept
from normalize.matching import Index, Key, Scored
from normalize.patterns import PLACE_END_RE, PLACE_RE, UNMARKED_PLACE_WORD_RE
from normalize.text import fold, match_tokens, words
from normalize.unmarked import function_word, is_unmarked

# The concept of a code the list lacks: no field, so never 'is_field'.
NO_FIELD = Concept("", "", "", "leaf", "", "", (), "", ())

# BM25 ranks and confirms but does not carry a row alone: a concept found from scattered words is
# assigned only when the key score and BM25 name it best and its own key score reaches this.
# 'Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận' (004) is F3.REVIEW for both through 'rà soát'
# alone (key 0.37): review. Pooled over the five plans 0.3-0.45 differ by 1 % of rows.
KEY_FLOOR = 0.4
# ... lowered to this share of it when the row holds a word no other code's keys have: in
# 'Duy trì, cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn ISO …' (key 0.39) 'iso'
# names F7.ISO alone; 'rà soát' names several concepts, so the row above stays in review.
# Pooled over the five plans, plan-out: 4 more right codes (001 1.2.2, 4.2, 4.2.1, 6.8.2),
# no wrong one; the same from 0.5 down to 0 (0.75: 3).
OWN_WORD_FLOOR = 0.5
# A phrase of another field's concept found only in a place the row names (PLACE_RE) is no
# phrase hit, so it does not carry the row across fields (CROSS_NEEDS_PHRASE); one of the
# section's own field is a 'place' hit (see criteria_rank.PLACE_NEEDS_LEAD): 'Đăng tải
# công khai … toàn bộ TTHC … trên Cổng thông tin điện tử' under 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'
# publishes procedures (F3), it is not about the portal (F7.PORTAL). Pooled over the five
# plans, plan-out: 2 wrong codes fewer (000 3.1.1, 3.1.2 to review), no right one lost.
PLACES_STAY = True
# The function words of a place that is a unit (an office, a portal), folded; and the places
# that are the commune itself, no unit: '… phối hợp với các thôn trên địa bàn xã'.
UNIT_PLACE_WORDS = frozenset({"tai", "tren"})
NOT_UNITS = ("dia ban",)
# A sub-row's objective shared with the rows beside it names the aims of the whole group;
# when it names this many concepts as phrases, those its own cells do not name are never
# assigned to it (they stay candidates at their score, for review): under '100% hồ sơ công
# việc … trên môi trường mạng; 100% lãnh đạo xã sử dụng chữ ký số …' (002 VI.2.3) 'Vận hành
# … kho lưu trữ điện tử' serves neither. Pooled, plan-out: 2 wrong codes fewer (002 VI.2.3#2,
# #3, to review with the right code third), no right one lost; with all aliases no change.
SHARED_AIMS = 2
# A phrase hit backed by this many distinct keys of its concept (none inside another) found in
# the row's own words, not in the objective it shares with its group, is not disowned by BM25
# (criteria_rank.PHRASE_FLOOR): two curated phrases that agree outweigh BM25's reading of the
# whole row. 'Tiếp tục triển khai tiện ích SMS, ZMS, email thông tin kết quả giải quyết hồ sơ …'
# (004 3.3#2) names F3.CITIZEN_SUPPORT by 'SMS' and by 'ZMS' while BM25 reads publicity of
# progress in its words. Pooled over the five plans: plan-out 1 more right code, with all
# aliases 2 (004 2.5, 3.3#2: 315 of 315), no wrong code; unmarked rows and unseen wording alike.
CORROBORATING_KEYS = 2
# The names of the composite indices a row lists as its topic (criteria_rank.TOPIC_LIST) are
# left out of its BM25 reading: 'Sáng kiến … cải thiện chỉ số Par-Index, SIPAS, PAPI' is about
# initiatives; read with the indices' words, BM25 ranks first the concepts whose wording names
# the indices (self-assessment, training on CCHC). Plan-out: 1 more right code (001 1.2).
TOPIC_WORDS_OUT = True


# Each of a row's texts with its weight and its key hits (`text_hits`), scanned once for
# both `best_keys` and `group_aims`.
TextHits = list[tuple[str, float, dict[str, Scored]]]


def text_hits(
    texts: Sequence[tuple[str, float]], index: Index, codes: CodeList, section_field: str | None
) -> TextHits:
    """Each weighted text with its key hits, the place rule applied (PLACES_STAY)."""
    return [(t, w, _placed_phrases(t, index, codes, section_field)) for t, w in texts]


def group_aims(hits: TextHits, shared: frozenset[str], codes: CodeList) -> frozenset[str]:
    """The concepts only a shared objective names as phrases, when it names SHARED_AIMS."""
    if not shared:
        return frozenset()
    named: dict[bool, set[str]] = {True: set(), False: set()}
    for text, _, found in hits:
        named[text in shared].update(
            c for c, s in found.items() if s.hit != "tokens" and _is_concept(c, codes)
        )
    group = named[True]
    return frozenset(group - named[False]) if len(group) >= SHARED_AIMS else frozenset()


def _is_concept(code: str, codes: CodeList) -> bool:
    return not (codes.get(code) or NO_FIELD).is_field


def best_concepts(
    keys: Mapping[str, float],
    bm25: Mapping[str, float],
    own_bm25: Mapping[str, float],
    aims: frozenset[str],
    codes: CodeList,
) -> set[str | None]:
    """The best concept by key score and by BM25 (both must name it for a code found from
    scattered words); a sub-row's own reading, without the `aims` of its group and read by BM25
    over its own cells, when it has them (criteria_rank.AIMS_YIELD)."""
    if not aims:
        return {_best_concept(keys, codes), _best_concept(bm25, codes)}
    mine = {code: score for code, score in keys.items() if code not in aims}
    return {_best_concept(mine, codes), _best_concept(own_bm25 or bm25, codes)}


def _best_concept(scores: Mapping[str, float], codes: CodeList) -> str | None:
    """The concept (not field) with the best score."""
    concepts = [(s, c) for c, s in scores.items() if _is_concept(c, codes)]
    return max(concepts)[1] if concepts else None


def best_keys(hits: TextHits) -> dict[str, Scored]:
    """Each code's best key score over the row's weighted texts."""
    best: dict[str, Scored] = {}
    for _, weight, found in hits:
        for code, scored in found.items():
            score = scored.score * weight
            if code not in best or score > best[code].score:
                best[code] = Scored(code, score, scored.hit)
    return best


def over_key_floor(own: Scored, texts: Sequence[tuple[str, float]], index: Index) -> bool:
    """True when a concept's key score reaches KEY_FLOOR, or OWN_WORD_FLOOR of it with a
    word of the row that only this concept's keys hold."""
    return own.score >= KEY_FLOOR or (
        own.score >= KEY_FLOOR * OWN_WORD_FLOOR and _owns_a_word(own.code, texts, index)
    )


def _placed_phrases(
    text: str, index: Index, codes: CodeList, section_field: str | None
) -> dict[str, Scored]:
    """`index.score_all(text)`, with the phrase hits found only in a place the row names
    (PLACES_STAY) turned into scattered words (other fields' concepts) or 'place' hits (the
    section's own field)."""
    hits = index.score_all(text)
    bare = without_places(text) if PLACES_STAY and section_field else text
    if bare == text:
        return hits
    outside = index.score_all(bare)
    for code, scored in hits.items():
        if scored.hit == "tokens" or (code in outside and outside[code].hit != "tokens"):
            continue
        same = field_of(code, codes) == section_field
        hits[code] = Scored(code, scored.score, "place" if same else "tokens")
    return hits


def is_composite(code: str, codes: CodeList) -> bool:
    """True for a composite index (PAR Index, SIPAS, PAPI, 766), not a field."""
    concept = codes.get(code)
    return concept is not None and not concept.is_field and concept.kind == "composite"


def topic_list(best: dict[str, Scored], codes: CodeList) -> bool:
    """True when two or more composite indices are named as phrases (see TOPIC_LIST)."""
    if any(s.hit == "exact" for s in best.values()):
        return False  # 'Thứ hạng Chỉ số CCHC' is the whole label of F0.PAR_RANK, not a list
    named = [s for s in best.values() if s.hit != "tokens" and is_composite(s.code, codes)]
    return len(named) >= 2


def topic_words(
    texts: Sequence[tuple[str, float]],
    best: dict[str, Scored],
    index: Index,
    codes: CodeList,
) -> frozenset[str]:
    """The words of the composite indices' names a row lists as its topic (TOPIC_WORDS_OUT):
    the keys of those concepts found as phrases in its texts ('par index', 'sipas', 'papi')."""
    if not (TOPIC_WORDS_OUT and topic_list(best, codes)):
        return frozenset()
    named = {s.code for s in best.values() if s.hit != "tokens" and is_composite(s.code, codes)}
    padded = [f" {' '.join(index.snap(match_tokens(text)))} " for text, _ in texts]
    found = [
        key.tokens
        for key in index.keys
        if key.code in named and any(f" {key.phrase} " in text for text in padded)
    ]
    return frozenset().union(*found)


def _owns_a_word(code: str, texts: Sequence[tuple[str, float]], index: Index) -> bool:
    """True when a word of the texts is in this code's keys and in no other code's
    (OWN_WORD_FLOOR): 'iso' for F7.ISO, 'đột' (đột xuất) for F1.REPORT; digits never count."""
    mine = index.vocab_of.get(code, frozenset())
    return any(
        token in mine and index.codes_with(token) == 1 and not token.isdigit()
        for text, _ in texts
        for token in index.snap(match_tokens(text))
    )


def field_of(code: str, codes: CodeList) -> str | None:
    """'F3.ONTIME' -> 'F3'; None for a code the list lacks."""
    concept = codes.get(code)
    return concept.field if concept else None


def without_places(text: str) -> str:
    """The text with the places it names blanked, up to the next punctuation: 'Niêm yết TTHC
    tại Bộ phận một cửa' -> 'Niêm yết TTHC  '; without marks, only where 'tren' / 'tai' is
    the function word ('Dang tai … tren Cong thong tin' keeps its 'Dang tai')."""
    out, last = [], 0
    for start, _, end in _place_spans(text):
        out += [text[last:start], " "]
        last = end
    return "".join([*out, text[last:]])


def places_in(text: str) -> list[str]:
    """The units a text names as places ('tại', 'trên'; not the processes of 'trong …'), without
    the function word: 'Thực hiện các quy định pháp luật tại Bộ phận Một cửa' -> ['Bộ phận Một
    cửa']."""
    return [
        text[word_end:end].strip()
        for start, word_end, end in _place_spans(text)
        if fold(text[start:word_end]) in UNIT_PLACE_WORDS
        and not fold(text[word_end:end]).startswith(NOT_UNITS)
    ]


def _place_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end of the function word, end) of each place a text names (see without_places)."""
    if not is_unmarked(words(text)):
        return [
            (m.start(), m.start() + len(m.group().split()[0]), m.end())
            for m in PLACE_RE.finditer(text)
        ]
    spans: list[tuple[int, int, int]] = []
    for found in UNMARKED_PLACE_WORD_RE.finditer(text):
        if (spans and found.start() < spans[-1][2]) or not _opens_place(text, found):
            continue
        end = PLACE_END_RE.search(text, found.end())
        spans.append((found.start(), found.end(), end.start() if end else len(text)))
    return spans


def _opens_place(text: str, found: re.Match[str]) -> bool:
    """True when the place word found is the function word, judged on its neighbours."""
    before, after = words(text[: found.start()])[-1:], words(text[found.end() :])[:1]
    listed = [*before, found.group().casefold(), *after]
    return function_word(listed, len(before))


def corroborated_shares(
    best: Mapping[str, Scored],
    shares: dict[str, float],
    texts: Sequence[str],
    index: Index,
    floor: float,
) -> dict[str, float]:
    """`shares` with 1.0 for each phrase hit below `floor` whose concept CORROBORATING_KEYS
    distinct keys find in the texts apart from each other: 'tiện ích SMS, ZMS, email' holds
    'sms' and 'zms' of F3.CITIZEN_SUPPORT; 'phương án đơn giản hóa TTHC' holds two keys of
    F3.SIMPLIFY that share 'đơn giản hóa', one mention."""
    tokens = [index.snap(match_tokens(text)) for text in texts]
    out = dict(shares)
    for code, scored in best.items():
        if scored.hit in ("exact", "phrase", "near") and shares.get(code, 0.0) < floor:
            if _mentions(index.keys_of.get(code, ()), tokens) >= CORROBORATING_KEYS:
                out[code] = 1.0
    return out


def _mentions(keys: Sequence[Key], texts: Sequence[tuple[str, ...]]) -> int:
    """How many distinct keys are found in the texts, no two where they overlap."""
    spans = sorted(
        (start + len(key.tokens), start, t, key.phrase)
        for key in keys
        if not key.aspect
        for t, tokens in enumerate(texts)
        for start in range(len(tokens) - len(key.tokens) + 1)
        if tokens[start : start + len(key.tokens)] == key.tokens
    )
    used: set[str] = set()
    ends: dict[int, int] = {}  # text -> end of the last span taken
    for end, start, t, phrase in spans:  # earliest end first: the most apart
        if phrase not in used and start >= ends.get(t, 0):
            used.add(phrase)
            ends[t] = end
    return len(used)
