"""Near-spellings of loanwords and abbreviations (issue 19: 'rapidfuzz for near-spellings').

A slip typed in a word that is no Vietnamese syllable ('Efrom' for eForm, 'VB OPPL' for VB QPPL,
'IPV06' for IPv6) is fixed against the code list's own words, so a plan never seen does not need
its slips listed in codes/typos.csv first. Each fixture below hides the typo fixes that plan
taught, as the plan-out measure does.
"""

from __future__ import annotations

import pytest

from normalize.codelist import load_codelist, without_sources
from normalize.criteria import match_text
from normalize.matching import index_for
from normalize.retrieval import bm25_for
from normalize.text import is_syllable, loanword_slip, match_tokens, typos_hidden


@pytest.mark.parametrize("token", ["nguoi", "nghieng", "khuyen", "truong", "oanh", "gia", "an"])
def test_vietnamese_syllables_are_syllables(token: str) -> None:
    assert is_syllable(token)


@pytest.mark.parametrize("token", ["eform", "efrom", "tthc", "qppl", "oppl", "ipv6", "iso"])
def test_loanwords_and_abbreviations_are_not(token: str) -> None:
    assert not is_syllable(token)


@pytest.mark.parametrize(
    ("slip", "vocabulary", "fixed"),
    [
        ("efrom", {"eform", "form", "tao"}, "eform"),  # two letters swapped
        ("oppl", {"qppl", "van", "ban"}, "qppl"),  # O typed for Q
        ("ipv06", {"ipv6", "ipv4"}, "ipv6"),  # a zero before the version
        ("ubdn", {"ubnd", "hdnd"}, "ubnd"),
        ("abcd", {"abce", "abcf"}, "abcd"),  # two words as near: kept
        ("nguoi", {"nguoj"}, "nguoi"),  # a syllable is never respelled
        ("2023", {"2025"}, "2023"),  # nor a number
        ("ipv", {"ipv6"}, "ipv"),  # nor a token shorter than 4
    ],
)
def test_loanword_slip(slip: str, vocabulary: set[str], fixed: str) -> None:
    assert loanword_slip(slip, vocabulary) == fixed


@pytest.mark.parametrize(
    ("text", "token"),
    [("Biểu mẫu điện tử (e-form)", "eform"), ("E-mail công vụ", "email"), ("eForm", "eform")],
)
def test_one_letter_prefix_joins_its_word(text: str, token: str) -> None:
    assert token in match_tokens(text)


def test_a_hyphen_between_words_still_splits() -> None:
    assert match_tokens("giai đoạn 2021-2025") == ("giai", "doan", "2021", "2025")


def test_matching_index_fixes_a_slip_the_plan_alone_taught() -> None:
    codes = without_sources(load_codelist(), frozenset({"001"}))
    with typos_hidden(frozenset({"001"})):
        tokens = match_tokens("Kiểm tra, rà soát, xử lý hệ thống hóa VB OPPL")
        assert "oppl" in tokens  # the plan's own fix is hidden
        assert "qppl" in index_for(codes).snap(tokens)


def test_bm25_reads_a_slip_as_its_word() -> None:
    codes = without_sources(load_codelist(), frozenset({"000"}))
    with typos_hidden(frozenset({"000"})):
        slipped = bm25_for(codes).scores([("Tạo Efrom cho người dân điền tự động", 1.0)])
        right = bm25_for(codes).scores([("Tạo eForm cho người dân điền tự động", 1.0)])
    assert right["F7.EFORM"] > 0
    assert slipped["F7.EFORM"] == pytest.approx(right["F7.EFORM"])


def test_a_row_typed_with_a_slip_finds_its_concept() -> None:
    with typos_hidden(frozenset({"000"})):
        match = match_text("Tạo Efrom để người dân điền tự động", "F7")
    assert match.criterion_code == "F7.EFORM"
