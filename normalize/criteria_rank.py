"""Ranking and decision of the criterion matcher: candidates scored, priors applied, a code
assigned only when it is clearly ahead (issue 19). `normalize.criteria` feeds it a row's texts
and its place in the table (section field, parent concept).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from normalize.codelist import CodeList
from normalize.criteria_keys import (
    NO_FIELD,
    best_concepts,
    best_keys,
    corroborated_shares,
    field_of,
    group_aims,
    is_composite,
    over_key_floor,
    text_hits,
    topic_list,
    topic_words,
)
from normalize.criteria_match import CriterionMatch, Parent, method_of, top_candidates
from normalize.matching import HIT_RANK, Scored, index_for
from normalize.retrieval import bm25_for

# Minimum score (0-1) for a criterion code; below it the method is 'none' and the row keeps
# its section's field. Chosen on the samples with label matching only (code tables off): field
# accuracy is flat from 0.5 to 0.75 and best at 0.6; from 0.8 task-plan rows lose their concept.
THRESHOLD = 0.6
# Candidates outside the field of the row's section are scaled by this (a prior, not a rule:
# a DVC-online task under a TTHC section still wins for F7 when its own label says so).
SECTION_PRIOR = 0.9
# Field codes (F1..F8) compete with concepts on every row (a field-only result keeps the
# criterion empty: 'Đẩy mạnh chuyển đổi số …' is F7 without a concept); on top-level heading
# rows concepts are scaled by this, so 'Cải cách thể chế' is the field F2, not a concept.
CONCEPT_ON_TOP = 0.95
# A concept found from scattered words (no alias or description found as a phrase) is assigned
# only when it leads the best candidate that would give another answer (another concept, or
# another field) by this much; otherwise the row goes to review with its
# candidates (and keeps the field when every close candidate shares it). Wrong codes are worse
# than none (issue 19).
MARGIN = 0.05
# Two answers found as phrases are a tie when the best leads by less than PHRASE_MARGIN, unless
# BM25 over whole concepts puts the best at least BM25_SEPARATES further ahead than the other:
# 'Tăng cường trách nhiệm … giải quyết các phản ánh, kiến nghị' found 'sự hài lòng' and 'giải
# quyết … đúng hạn' 0.001 apart with BM25 even (004 5.1): review, not a coin toss. Pooled over
# the five plans, plan-out: 2 wrong codes fewer (004 5.1, 000 7.3.3), no right one lost, none
# with all aliases; BM25_SEPARATES 0.1 loses 1 right code more (000 1.5) for 1 wrong fewer.
PHRASE_MARGIN = 0.025
BM25_SEPARATES = 0.05
# Sub-criteria usually measure their parent's concept (001 1.4.1-1.4.3 under 1.4 'kiểm tra'):
# the nearest ancestor's leaf concept scores at least PARENT_PRIOR times the ancestor's score.
# A group concept (F3.RESULTS, F8.SIPAS) passes nothing: its children are narrower concepts.
PARENT_PRIOR = 0.8
# A parent row that went to review passes its best candidate (a leaf of its own field) to its
# sub-rows at this share of its score, as a candidate that is never assigned on the parent's
# word alone, nor above the sub-row's own phrase hit: under 'Công khai minh bạch các nội dung
# hoạt động của UBND xã' (001 1.9, review, best F1.DISCLOSURE) 'Công khai danh sách hộ nghèo'
# keeps F1.DISCLOSURE among its candidates. Pooled over the five plans, plan-out: review rows
# with the right code in the top 3, 46/63 at 0, 48/63 from 0.9; no assigned code changes.
REVIEW_PRIOR = 0.9
# A concept found from scattered words scores (1 - BM25_WEIGHT) * its key score + BM25_WEIGHT *
# its BM25 relative to the row's best (`normalize.retrieval`): '… áp dụng quy trình ISO 9001:2015
# …' reaches F7.ISO through the rare word 'iso' that no other concept has. A phrase hit keeps its
# own score (the curated phrase is the stronger evidence). Compared on the five plans pooled
# (bench/bench_criteria.py): 0.3 and 0.5 gain concept rate on every plan, 0.5 the most.
BM25_WEIGHT = 0.5
# A concept outside the field of the row's section is assigned only on a phrase hit (one of its
# aliases or wordings found as a phrase): 'Dịch vụ công trực tuyến toàn trình' under a TTHC
# section is F7.ONLINE_DVC, but scattered words of another field's concept under 'III. CẢI CÁCH
# THỦ TỤC HÀNH CHÍNH' go to review with the section's field.
CROSS_NEEDS_PHRASE = True
# Composite indices (PAR Index, SIPAS, PAPI, 766) named together are the topic of a row, not
# its measure: 'Tổ chức bồi dưỡng tổ trưởng tổ dân phố về CCHC, chỉ số Par-index, SIPAS, PAPI'
# is training, not the PAR score. When two or more composite concepts are found as phrases,
# they are scaled by this.
TOPIC_LIST = 0.5
# (Their words are left out of its BM25 reading too: criteria_keys.TOPIC_WORDS_OUT.)
# A phrase of the section's own field found only in a place the row names (hit 'place',
# `criteria_keys.PLACES_STAY`) is assigned only when BM25 over the row ranks it first: 'Ban hành
# văn bản chỉ đạo giải quyết những kiến nghị … tại các cuộc đối thoại' handles proposals
# (F1.PROPOSAL_HANDLING, BM25's first), the dialogue is where they were made (F1.DIALOGUE's
# phrase, 003 1.5.2). Plan-out: 1 wrong code fewer, no right one lost; all aliases unchanged.
PLACE_NEEDS_LEAD = True
# A phrase hit is assigned only when BM25 over whole concepts ranks it at least this share of
# the row's best concept: 'Rà soát, cập nhật … công bố, công khai kịp thời …' (004 2.1) finds
# the phrase 'công bố, công khai' of F3.PUBLICITY, but the row's words as a whole are those of
# F3.PUBLISH (PUBLICITY has 0.6 of its BM25): review, both among the candidates. Pooled over
# the five plans (bench --sweep PHRASE_FLOOR=…), plan-out: below the floor 6 right and 6 wrong
# codes at 0.7; with all aliases 4 right and 1 wrong. The share is taken where the row stands
# (after the section prior and topic lists, as the ranking): a BM25 best of another field no
# longer disowns a section's phrase ('… đề án vị trí việc làm …' under F5, 002 IV.1).
PHRASE_FLOOR = 0.7
# ... and the phrase hit BM25 disowns gives way to the next one of the section's field, less
# than this behind, when BM25 backs that one and nothing else makes it unsure: 'Hoàn thiện hệ
# thống văn bản … về tổ chức bộ máy, chức năng nhiệm vụ …' (002 III.1) names F4.XHH_FUNCTION's
# phrase first, but its words are F4.ORG_RULES's, found as a phrase 0.07 behind.
PHRASE_FALLBACK = 0.1
# A row that names its own section's field ('… nhiệm vụ cải cách thủ tục hành chính …' under
# 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH') says nothing the section did not: when that field code leads,
# the best concept after it is decided on as if the field code were not there (when it passes
# THRESHOLD; otherwise the row keeps the field alone). Pooled over the five plans: plan-out one
# more right code and no wrong one; with all aliases two more (004 6.2, 002 VI.1.1#2).
SECTION_FIELD_YIELDS = True
# A row whose score is a survey's (`criteria_scores.surveyed`: 0.92 of 1 point, the respondents'
# mean times the maximum) is measured by a sociological survey (ĐTXHH): concepts of another kind
# than 'xhh' are scaled by this. 'Chất lượng các văn bản chỉ đạo, điều hành công tác CCHC' scored
# 0.97 is the survey's F1.XHH_DIRECTION, not the plan it reads as (F1.PLAN). Only 001 of the five
# plans has scores; there, plan-out: 3 wrong codes fewer (1.12.1, 1.12.2, 4.6.3 to review, the
# first two with the right code first), no right one lost, from 0.85 to 0.8 (0.9: 2; 0.7: 4 fewer,
# but 3 right codes lost).
SURVEY_PRIOR = 0.85
# ... and a self-assessed concept is assigned to such a row only on a phrase hit, never on
# scattered words: 'Đánh giá chất lượng, hiệu quả làm việc của cán bộ, công chức' scored by a
# survey is what the people surveyed say of the officials (F5.XHH_STAFF), not the officials'
# yearly evaluation (F5.EVALUATION) its words recall. Plan-out: 1 wrong code fewer (001 4.6).
SURVEY_NEEDS_PHRASE = True
# A sub-row's phrase hit is judged (PHRASE_FLOOR) on BM25 over its own cells, not over the
# objective it shares with its group: 'Cấp phát đầy đủ chữ ký số cho … lãnh đạo cấp xã' under
# '100% hồ sơ công việc … trên môi trường mạng; 100% lãnh đạo xã sử dụng chữ ký số' (002 VI.2.3)
# is F7.DIGSIG, though the shared words rank F7.E_WORKFLOW first.
OWN_WORDS_SHARE = True
# A sub-row under an objective that names two or more concepts (`criteria_keys.group_aims`:
# '100% hồ sơ công việc … trên môi trường mạng; 100% lãnh đạo xã sử dụng chữ ký số') is one of
# the group's tasks; the aims it shares are the group's, not its own. Its own reading is judged
# without them: the key leader among the other concepts and BM25 over its own cells must name
# the same concept, and the aims are no rival to it. 'Vận hành có hiệu quả kho lưu trữ điện tử'
# under that objective is F7.E_FILE, though the shared words score F7.E_WORKFLOW higher (002
# VI.2.3#3). Plan-out, with matching.LABEL_ASPECTS: 2 more right codes (002 VI.2.3#2, #3), no
# wrong one; alone none (F7.E_FILE's key score was below KEY_FLOOR); all aliases no change.
AIMS_YIELD = True


def rank(
    texts: Sequence[tuple[str, float]],
    codes: CodeList,
    section_field: str | None,
    *,
    top: bool,
    survey: bool = False,
    shared: frozenset[str] = frozenset(),
) -> list[Scored]:
    """A row's candidates, best first (`survey`: SURVEY_PRIOR; `shared`: SHARED_AIMS)."""
    index = index_for(codes)
    hits = text_hits(texts, index, codes, section_field)
    best = best_keys(hits)
    topic, dropped = topic_list(best, codes), topic_words(texts, best, index, codes)
    relative, bm25_shares = bm25_for(codes).views(texts, dropped)
    related = relative if BM25_WEIGHT else {}

    def placed(code: str, score: float) -> float:
        """A score as the ranking sees it: topic lists, surveys and the row's place applied."""
        if topic and is_composite(code, codes):
            score *= TOPIC_LIST
        if survey and _kind(code, codes) not in ("xhh", None):
            score *= SURVEY_PRIOR
        return score * _prior(code, codes, section_field, top)

    aims = group_aims(hits, shared, codes)
    leaders, shares = _readings(
        texts, shared, codes, best, (bm25_shares, bool(related)), aims, placed
    )
    out = []
    for code in best.keys() | related.keys():
        own = best.get(code, Scored(code, 0.0, "tokens"))
        score = own.score if own.hit != "tokens" else _blend(own.score, related.get(code))
        hit = "tokens" if code in aims else own.hit  # a group's aim, never assigned alone
        backed = leaders == {code} and over_key_floor(own, texts, index) and code not in aims
        backed &= not (survey and _needs_phrase(code, codes))
        share = _share(code, shares, codes)
        out.append(Scored(code, placed(code, score), hit, backed, share, code in aims))
    return sorted(out, key=lambda s: (-round(s.score, 6), HIT_RANK[s.hit], s.code))


def _readings(
    texts: Sequence[tuple[str, float]],
    shared: frozenset[str],
    codes: CodeList,
    best: Mapping[str, Scored],
    bm25: tuple[Mapping[str, float], bool],
    aims: frozenset[str],
    placed: Callable[[str, float], float],
) -> tuple[set[str | None], dict[str, float]]:
    """The best concepts by key score and by BM25 (when it is on: `bm25`'s flag), and each
    concept's phrase share (PHRASE_FLOOR), where the row stands; BM25's uncapped (see views);
    1.0 for a phrase its keys corroborate (CORROBORATING_KEYS)."""
    key_scores = {code: placed(code, scored.score) for code, scored in best.items()}
    bm25_scores = {code: placed(code, v) for code, v in bm25[0].items()}
    own_bm25 = _own_shares(texts, shared, codes, placed)
    on, yielded = bm25[1], aims if AIMS_YIELD else frozenset()
    leaders = best_concepts(
        key_scores, bm25_scores if on else {}, own_bm25 if on else {}, yielded, codes
    )
    mine = [t for t, _ in texts if t not in shared]  # the row's own words
    shares = _phrase_shares(bm25_scores, own_bm25)
    return leaders, corroborated_shares(best, shares, mine, index_for(codes), PHRASE_FLOOR)


def _needs_phrase(code: str, codes: CodeList) -> bool:
    """True for a self-assessed concept on a row scored by a survey (SURVEY_NEEDS_PHRASE)."""
    return SURVEY_NEEDS_PHRASE and _kind(code, codes) == "self"


def _own_shares(
    texts: Sequence[tuple[str, float]],
    shared: frozenset[str],
    codes: CodeList,
    placed: Callable[[str, float], float],
) -> dict[str, float]:
    """BM25 of a sub-row's own texts, without the objective it shares, where the row stands
    (OWN_WORDS_SHARE); empty when it shares none."""
    own = [(text, weight) for text, weight in texts if text not in shared]
    if not (OWN_WORDS_SHARE and shared and own):
        return {}
    return {code: placed(code, v) for code, v in bm25_for(codes).views(own)[1].items()}


def _phrase_shares(scores: Mapping[str, float], own: Mapping[str, float]) -> dict[str, float]:
    """Each concept's BM25 share for PHRASE_FLOOR: the better of the whole row's and of the
    sub-row's own words (OWN_WORDS_SHARE)."""
    if not PHRASE_FLOOR:
        return {}
    whole, mine = _over_best(scores), _over_best(own)
    return {code: max(v, mine.get(code, 0.0)) for code, v in whole.items()}


def _over_best(scores: Mapping[str, float]) -> dict[str, float]:
    """Scores over the best one: {'F3.PUBLISH': 1.0, 'F3.PUBLICITY': 0.62, …}."""
    top = max(scores.values(), default=0.0)
    return {code: score / top for code, score in scores.items()} if top else {}


def _share(code: str, shares: Mapping[str, float], codes: CodeList) -> float:
    """A concept's BM25 share (see PHRASE_FLOOR); fields F0..F8 are not in the BM25 index."""
    if not shares or (codes.get(code) or NO_FIELD).is_field:
        return 1.0
    return shares.get(code, 0.0)


def _kind(code: str, codes: CodeList) -> str | None:
    """A concept's kind (self | xhh | composite); None for a field or an unknown code."""
    concept = codes.get(code)
    return None if concept is None or concept.is_field else concept.kind


def _blend(key: float, related: float | None) -> float:
    return (1.0 - BM25_WEIGHT) * key + BM25_WEIGHT * (related or 0.0)


def with_parent(ranked: list[Scored], parent: Parent | None) -> list[Scored]:
    """Raise the parent's concept among a sub-row's candidates (PARENT_PRIOR, REVIEW_PRIOR).

    The parent's word alone never outranks the sub-row's own phrase hit of another concept:
    under '3.2 Duy trì hoạt động Bộ phận một cửa' (F3.ONESTOP_ALL), the sub-row stating 'Tỷ lệ
    giải quyết hồ sơ đúng hạn đạt tối thiểu 96%' names F3.ONTIME itself (004 3.2#2)."""
    if parent is None:
        return ranked
    code, parent_score, sure = parent
    own = next((s for s in ranked if s.code == code), None)
    prior = (PARENT_PRIOR if sure else REVIEW_PRIOR) * parent_score
    if own is not None and not sure and own.score >= prior:
        return ranked
    share = own.bm25_share if own else 0.0  # BM25's view of the sub-row's own words
    if sure:
        score = max(prior, own.score if own else 0.0)
        lead = _phrase_lead(ranked, code)
        if lead is not None and (own is None or own.hit == "tokens"):
            score = min(score, lead.score - 1e-6)
        raised = Scored(code, min(1.0, score), own.hit if own else "tokens", bm25_share=share)
    else:  # a sub-row's own phrase hit is not outranked by a guess from above
        lead = ranked[0] if ranked and ranked[0].hit != "tokens" else None
        capped = min(prior, lead.score - 1e-6) if lead else prior
        raised = Scored(code, min(1.0, capped), "tokens", agreed=False, bm25_share=share)
    rest = [s for s in ranked if s.code != code]
    return sorted([raised, *rest], key=lambda s: (-round(s.score, 6), HIT_RANK[s.hit], s.code))


def _phrase_lead(ranked: list[Scored], code: str) -> Scored | None:
    """The row's best candidate when it is a phrase hit of another code than `code`."""
    lead = ranked[0] if ranked else None
    return lead if lead is not None and lead.hit != "tokens" and lead.code != code else None


def _prior(code: str, codes: CodeList, section_field: str | None, top: bool) -> float:
    concept = codes.get(code)
    if concept is None:
        return 1.0
    factor = CONCEPT_ON_TOP if top and not concept.is_field else 1.0
    if section_field and concept.field != section_field:
        factor *= SECTION_PRIOR
    return factor


def decide(
    ranked: list[Scored], codes: CodeList, section_field: str | None = None
) -> CriterionMatch:
    ranked = _aims_yield(_section_field_yields(ranked, section_field))
    top = top_candidates(ranked)
    pairs = tuple((c.code, c.score) for c in top)
    if not ranked or ranked[0].score < THRESHOLD:
        return CriterionMatch(None, None, None, "none", pairs, top)
    best = ranked[0]
    field = field_of(best.code, codes)
    if _unsure(best, ranked, codes, section_field):
        fallback = _fallback(best, ranked, codes, section_field)
        if fallback is None:
            rival = next((s for s in ranked[1:] if _rivals(best, s, codes)), None)
            same_field = rival is None or field_of(rival.code, codes) == field
            keep = field if same_field and field == (section_field or field) else None
            return CriterionMatch(keep, None, None, "none", pairs, top)
        best, field = fallback, field_of(fallback.code, codes)
    concept = codes.get(best.code)
    criterion = None if concept is None or concept.is_field else concept.code
    return CriterionMatch(field, criterion, round(best.score, 3), method_of(best), pairs, top)


def _fallback(
    best: Scored, ranked: list[Scored], codes: CodeList, section: str | None
) -> Scored | None:
    """The next phrase hit when BM25 disowns the best one (PHRASE_FALLBACK), else None."""
    if best.hit == "tokens" or best.bm25_share >= PHRASE_FLOOR:
        return None
    rest = [s for s in ranked[1:] if s.hit != "tokens" and _conflicts(best.code, s.code, codes)]
    if not rest or best.score - rest[0].score >= PHRASE_FALLBACK:
        return None
    nxt, others = rest[0], [s for s in ranked if s is not best]
    if nxt.score < THRESHOLD or (section and field_of(nxt.code, codes) != section):
        return None
    return None if _unsure(nxt, others, codes, section) else nxt


def _aims_yield(ranked: list[Scored]) -> list[Scored]:
    """`ranked` with a sub-row's backed own reading ahead of the group's aims (AIMS_YIELD)."""
    if not (AIMS_YIELD and ranked and ranked[0].aim):
        return ranked
    own = [s for s in ranked if not s.aim]
    if not own or not own[0].agreed:
        return ranked
    return [*own[:1], *(s for s in ranked if s is not own[0])]


def _section_field_yields(ranked: list[Scored], section_field: str | None) -> list[Scored]:
    """`ranked` without the section's own field code when it leads and a concept passes
    THRESHOLD after it (SECTION_FIELD_YIELDS)."""
    if not (SECTION_FIELD_YIELDS and section_field and ranked and ranked[0].code == section_field):
        return ranked
    rest = [s for s in ranked if s.code != section_field]
    return rest if rest and rest[0].score >= THRESHOLD else ranked


def _unsure(best: Scored, ranked: list[Scored], codes: CodeList, section: str | None) -> bool:
    """True when the best candidate found from scattered words is not clearly ahead (MARGIN),
    or leaves the section's field without a phrase hit (CROSS_NEEDS_PHRASE), or when the key
    score and BM25 name different best concepts: 'Rà soát, đề xuất hỗ trợ cán bộ tiếp nhận' is
    F3.REVIEW by BM25 ('rà soát') but not by the keys, so it goes to review."""
    if best.hit == "exact":
        return False
    if best.hit == "place" and PLACE_NEEDS_LEAD and best.bm25_share < 1.0:
        return True
    if best.hit != "tokens":
        return best.bm25_share < PHRASE_FLOOR or _phrase_tie(best, ranked, codes)
    if not best.agreed:
        return True
    if CROSS_NEEDS_PHRASE and section and field_of(best.code, codes) != section:
        return True
    rival = next((s for s in ranked[1:] if _rivals(best, s, codes)), None)
    return rival is not None and best.score - rival.score < MARGIN


def _rivals(best: Scored, other: Scored, codes: CodeList) -> bool:
    """True when `other` is another answer than `best` that can stand against it: a group's
    aim is none to a sub-row's own reading (AIMS_YIELD)."""
    if AIMS_YIELD and other.aim and not best.aim:
        return False
    return _conflicts(best.code, other.code, codes)


def _phrase_tie(best: Scored, ranked: list[Scored], codes: CodeList) -> bool:
    """True when another answer is found as a phrase too, less than PHRASE_MARGIN behind, and
    BM25 does not tell them apart either (BM25_SEPARATES)."""
    rival = next(
        (s for s in ranked[1:] if s.hit != "tokens" and _conflicts(best.code, s.code, codes)),
        None,
    )
    if rival is None or best.score - rival.score >= PHRASE_MARGIN:
        return False
    return best.bm25_share - rival.bm25_share < BM25_SEPARATES


def _conflicts(best: str, other: str, codes: CodeList) -> bool:
    """True when `other` would be another answer than `best`: F3.ONTIME vs F3 is no conflict."""
    if field_of(best, codes) != field_of(other, codes):
        return True
    best_concept, other_concept = codes.get(best), codes.get(other)
    if best_concept is None or other_concept is None or best == other:
        return False
    return not best_concept.is_field and not other_concept.is_field
