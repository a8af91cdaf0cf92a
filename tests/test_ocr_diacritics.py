"""The diacritics step after Tesseract (issue 14): case strings of our own, judged by a
model that has NOT counted plan_004 (left out), so the choices come from other plans'
words and the vocabularies, not from the text under test."""

from __future__ import annotations

import os

import pytest

from extract.readers.ocr.diacritics import (
    HUNSPELL_VI,
    Model,
    best_spelling,
    build_model,
    correct_lines,
    correct_words,
    corrections,
    mark_cost,
    read_lexicon,
)
from extract.readers.ocr.engine import Word
from tests.ocr_language import DATA, counts, render_counts, write_counts


@pytest.fixture(scope="module")
def held_out() -> Model:
    unigrams, bigrams = counts(exclude="plan_004")
    return build_model(unigrams, bigrams, read_lexicon(HUNSPELL_VI))


def words(*pairs: tuple[str, float], line: int = 1) -> list[Word]:
    return [
        Word(0, (1, 1, line), 10 * i, 0, 8, 8, conf, text) for i, (text, conf) in enumerate(pairs)
    ]


@pytest.mark.parametrize(
    ("read", "before", "after", "want"),
    [
        ("kiếm", "phối hợp", "tra", "kiểm"),  # hook read as acute
        ("tố", None, "chức", "tổ"),
        ("cống", "trên", "thông", "cổng"),
        ("đối", "thay", "mới", "đổi"),
        ("chi", None, "đạo", "chỉ"),  # hook lost
        ("mâu", "hồ sơ", "phiếu", "mẫu"),  # tilde lost
        ("dân", "hướng", "nghiệp", "dẫn"),
        ("thồng", "và", "tin", "thông"),  # not a syllable: the nearest one in context
        ("hơp", "phối", None, "hợp"),
        ("dân", "người", "và", "dân"),  # right as read: left alone
        ("kiếm", None, None, "kiểm"),  # no context: the plans' own prior (no swords in plans)
        ("tiến", "đẩy mạnh", "độ", "tiến"),  # a right reading with a rarer neighbour stays
    ],
)
def test_spelling_the_context_prefers(
    held_out: Model, read: str, before: str | None, after: str | None, want: str
) -> None:
    prev = before.split()[-1] if before else None
    assert best_spelling(held_out, read, prev, after) == want


def test_only_doubtful_or_unknown_words_change(held_out: Model) -> None:
    sure = correct_words(words(("kiếm", 99.5), ("tra", 99.0)), held_out)
    unsure = correct_words(words(("kiếm", 80.0), ("tra", 99.0)), held_out)
    assert [w.text for w in sure] == ["kiếm", "tra"] and sure[0].was is None
    assert [w.text for w in unsure] == ["kiểm", "tra"] and unsure[0].was == "kiếm"
    assert list(corrections(4, unsure)) == ["page 4: 'kiếm' -> 'kiểm' (confidence 80)"]


def test_case_and_punctuation_are_kept(held_out: Model) -> None:
    fixed = correct_words(words(("Kiếm", 70.0), ("tra,", 99.0), ("CƯ", 60.0)), held_out)
    assert [w.text for w in fixed][:2] == ["Kiểm", "tra,"]
    capitals = correct_words(words(("dân", 95.0), ("CƯ", 60.0), ("trên", 95.0)), held_out)
    assert [w.text for w in capitals] == ["dân", "cư", "trên"]
    abbreviation = correct_words(words(("xã,", 95.0), ("CC", 90.0), ("chuyên", 95.0)), held_out)
    assert [w.text for w in abbreviation] == ["xã,", "CC", "chuyên"]  # công chức, no syllable


def test_quarter_numerals_follow_the_counted_text(held_out: Model) -> None:
    fixed = correct_words(words(("Quý", 95.0), ("1/2023", 70.0)), held_out)
    assert [w.text for w in fixed] == ["Quý", "I/2023"]
    assert [w.text for w in correct_words(words(("Quý", 95.0), ("l", 40.0)), held_out)] == [
        "Quý",
        "I",
    ]
    bar_and_one = correct_words(words(("Quý", 95.0), ("I1/2023", 80.0)), held_out)
    assert [w.text for w in bar_and_one] == ["Quý", "II/2023"]  # a photo, plan_004 p.19


def test_context_runs_over_line_breaks_and_specks_go(held_out: Model) -> None:
    cell = [*words(("PAKN", 95.0), ("trên", 96.0)), *words(("Công", 80.0), ("thông", 96.0), line=2)]
    assert [w.text for w in correct_lines(cell, held_out)] == ["PAKN", "trên", "Cổng", "thông"]
    specked = [*words(("thực", 95.0)), *words(("_", 21.0), line=2), *words(("hiện", 95.0), line=3)]
    assert [w.text for w in correct_lines(specked, held_out)] == ["thực", "hiện"]
    dash = words(("phòng", 95.0), ("–", 31.0), ("thống", 95.0))  # a printed dash stays
    assert "–" in [w.text for w in correct_lines(dash, held_out)]
    names = words(("Đinh", 95.0), ("Văn", 96.0), ("Viên", 95.0))  # a name is no typo
    assert [w.text for w in correct_lines(names, held_out)] == ["Đinh", "Văn", "Viên"]
    roman = words(("IL", 60.0), ("MỤC", 95.0), ("ĐÍCH", 95.0))  # left to repair_line
    assert correct_lines(roman, held_out)[0].text == "IL"


def test_mark_costs() -> None:
    assert mark_cost("kiếm", "kiểm") == 1.0  # hook / acute
    assert mark_cost("dan", "đan") == 1.0
    assert mark_cost("ma", "mà") == 1.0 and mark_cost("mả", "mà") == 2.0


def test_hunspell_vi_is_installed_and_read() -> None:
    lexicon = read_lexicon(HUNSPELL_VI)
    assert len(lexicon) > 6000 and "kiểm" in lexicon and "nghiệp" in lexicon


def test_shipped_counts_are_the_counts_of_the_sources() -> None:
    """extract/data/vi_*.tsv are counted from data/raw and the vocabularies (FIX_BIGRAMS=1
    rewrites them)."""
    if os.environ.get("FIX_BIGRAMS"):
        write_counts()
    syllables, pairs = render_counts(*counts())
    assert (DATA / "vi_syllables.tsv").read_text("utf-8") == syllables
    assert (DATA / "vi_bigrams.tsv").read_text("utf-8") == pairs
