"""A row that lists composite indices as its topic ('… về CCHC, các chỉ số Par-Index, SIPAS,
PAPI') is measured by what it does, not by the indices (criteria_rank.TOPIC_LIST): their names
are left out of its BM25 reading too (criteria_keys.TOPIC_WORDS_OUT), or the concepts whose
wording names the indices (self-assessment, training on CCHC) outrank the report the row is
about. Plan 001's wording is hidden (plan-out), as for a plan never seen."""

from __future__ import annotations

import pytest

import normalize.criteria_keys as key_rules
from normalize.criteria_keys import best_keys, text_hits, topic_list, topic_words
from normalize.criteria_rank import decide, rank
from normalize.matching import index_for
from tests.criteria_planout import codes_for

REPORTS = (
    "Công tác báo cáo theo chỉ đạo của cấp trên về CCHC, các chỉ số Par-Index, SIPAS, PAPI",
    "Công tác báo cáo của UBND xã về CCHC và các chỉ số PAR INDEX, SIPAS, PAPI",
)


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_on_the_indices_is_a_report(text: str) -> None:
    codes = codes_for("001", hide=True)
    match = decide(rank([(text, 1.0)], codes, "F1", top=False), codes, "F1")
    assert match.criterion_code == "F1.REPORT", match.top_candidates


@pytest.mark.parametrize("text", REPORTS)
def test_with_the_indices_words_bm25_reads_another_concept(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rows read with the indices' words: review, not F1.REPORT (the fix is needed)."""
    monkeypatch.setattr(key_rules, "TOPIC_WORDS_OUT", False)
    codes = codes_for("001", hide=True)
    match = decide(rank([(text, 1.0)], codes, "F1", top=False), codes, "F1")
    assert match.criterion_code is None


def test_the_words_left_out_are_the_indices_names_only() -> None:
    codes = codes_for("001", hide=True)
    index = index_for(codes)
    text = [("Tổ chức bồi dưỡng tổ trưởng tổ dân phố về CCHC, chỉ số Par-index, SIPAS, PAPI", 1.0)]
    best = best_keys(text_hits(text, index, codes, "F5"))
    assert topic_words(text, best, index, codes) == {"par", "index", "sipas", "papi"}


def test_one_index_named_is_no_topic_list() -> None:
    codes = codes_for("001", hide=True)
    index = index_for(codes)
    text = [("Chỉ số SIPAS của xã đạt trên 85%", 1.0)]
    best = best_keys(text_hits(text, index, codes, "F8"))
    assert not topic_list(best, codes)
