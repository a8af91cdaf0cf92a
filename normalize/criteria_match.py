"""The records the criterion matcher gives (issue 19): a row's match and its stored candidates,
shared by the ranking (`criteria_rank`), the place rules (`criteria_place`), the review order
(`criteria_review`) and `criteria.match_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.records import MatchMethod
from normalize.codelist import CodeList
from normalize.matching import Scored

# How many candidates a match keeps for `plans review`.
N_CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """One of the best codes for a row, stored for `plans review`: ('F3.ONTIME', 0.91, 'alias')."""

    code: str
    score: float
    method: MatchMethod


@dataclass(frozen=True, slots=True)
class CriterionMatch:
    """The canonical codes of one row: F3 / F3.ONTIME, how they were found, and the runners-up.

    `candidates` keeps the (code, score) pairs of the first version; `top_candidates` adds how
    each was found and is what the review list stores (issue 12: no second matcher at review).
    """

    field_code: str | None
    criterion_code: str | None
    match_score: float | None
    match_method: MatchMethod
    candidates: tuple[tuple[str, float], ...]
    top_candidates: tuple[Candidate, ...] = ()


# A row's parent concept for its sub-rows: (code, score, sure); not sure when the parent went
# to review and this is its best candidate.
Parent = tuple[str, float, bool]
NO_MATCH = CriterionMatch(None, None, None, "none", ())


def top_candidates(ranked: Sequence[Scored]) -> tuple[Candidate, ...]:
    """The first N_CANDIDATES of a ranked list as stored candidates."""
    return tuple(Candidate(s.code, round(s.score, 3), method_of(s)) for s in ranked[:N_CANDIDATES])


def method_of(scored: Scored) -> MatchMethod:
    """'alias' for a phrase found (exact or as a phrase), 'fuzzy' for words found."""
    return "alias" if scored.hit in ("exact", "phrase") else "fuzzy"


def given_match(code: str, score: float, method: MatchMethod, codes: CodeList) -> CriterionMatch:
    """The match of a code given for a row, not ranked (a code table's, an analyst's): its field
    and concept, the code its only candidate; given_match('F3.ONTIME', 0.9, 'code_table', …)."""
    concept = codes.get(code)
    field = concept.field if concept else code.split(".")[0]
    criterion = None if concept is None or concept.is_field else code
    top = (Candidate(code, score, method),)
    return CriterionMatch(field, criterion, score, method, ((code, score),), top)
