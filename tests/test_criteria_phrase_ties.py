"""Two answers found as phrases at nearly the same score are no clear lead (issue 19: 'assign a
code only when the best candidate is clearly ahead'): the row goes to review with both among
its candidates, unless BM25 over the whole concepts tells them apart (criteria_rank.PHRASE_MARGIN,
BM25_SEPARATES). Before the rule a phrase hit won any tie: 'Tỷ lệ hồ sơ trực tuyến toàn trình …'
took the service concept (F7.ONLINE_DVC) of the rate it states (F7.ONLINE_RATE)."""

from __future__ import annotations

import pytest

import normalize.criteria_rank as ranking
from normalize.codelist import load_codelist
from normalize.criteria_rank import decide, rank
from normalize.matching import Scored
from tests.criteria_planout import codes_for

CODES = load_codelist()


def _decide(*candidates: tuple[str, float, float]) -> str | None:
    ranked = [Scored(code, score, "phrase", True, share) for code, score, share in candidates]
    return decide(ranked, CODES, "F3").criterion_code


def test_a_phrase_tie_goes_to_review() -> None:
    assert _decide(("F3.SATISFACTION", 0.858, 0.99), ("F3.ONTIME", 0.857, 0.99)) is None


def test_a_phrase_tie_bm25_tells_apart_is_assigned() -> None:
    assert _decide(("F3.SATISFACTION", 0.858, 1.0), ("F3.ONTIME", 0.857, 0.8)) == (
        "F3.SATISFACTION"
    )


def test_a_phrase_clearly_ahead_is_assigned() -> None:
    assert _decide(("F3.SATISFACTION", 0.89, 0.9), ("F3.ONTIME", 0.85, 1.0)) == "F3.SATISFACTION"


def test_a_phrase_of_the_same_answer_is_no_rival() -> None:
    # the field F3 found as a phrase is no other answer than a concept of F3
    assert _decide(("F3.ONTIME", 0.86, 1.0), ("F3", 0.859, 1.0)) == "F3.ONTIME"


RATE = "Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ"


def test_a_rate_that_names_the_service_goes_to_review_with_both() -> None:
    codes = codes_for("000", hide=True)
    match = decide(rank([(RATE, 1.0)], codes, "F7", top=False), codes, "F7")
    assert match.criterion_code is None
    assert match.field_code == "F7"
    assert {"F7.ONLINE_RATE", "F7.ONLINE_DVC"} <= {c.code for c in match.top_candidates[:2]}


def test_without_the_margin_the_service_took_the_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "PHRASE_MARGIN", 0.0)
    codes = codes_for("000", hide=True)
    match = decide(rank([(RATE, 1.0)], codes, "F7", top=False), codes, "F7")
    assert match.criterion_code == "F7.ONLINE_DVC"
