"""Two unsure neighbouring syllables judged together (issue 14), by a model that has NOT
counted plan_004 (left out)."""

from __future__ import annotations

import pytest

from extract.readers.ocr.diacritics import (
    Model,
    correct_lines,
)
from extract.readers.ocr.pairs import best_pair, correct_pairs
from tests.ocr_language import held_out_model, ocr_words


@pytest.fixture(scope="module")
def held_out() -> Model:
    return held_out_model()


words = ocr_words


def cell(model: Model, *pairs: tuple[str, float]) -> list[str]:
    return [w.text for w in correct_pairs(correct_lines(words(*pairs), model), model)]


def test_two_misread_neighbours_are_put_right_together(held_out: Model) -> None:
    """Fax plan_004 p.14: one syllable at a time, neither is the other's context."""
    read = (("Đấy", 90.0), ("manh", 96.0), ("chuyến", 97.0), ("đổi", 91.0))
    assert [w.text for w in correct_lines(words(*read), held_out)][:2] == ["Đấy", "manh"]
    fixed = correct_pairs(correct_lines(words(*read), held_out), held_out)
    assert [w.text for w in fixed] == ["Đẩy", "mạnh", "chuyến", "đổi"]  # 'chuyến' read sure
    assert [w.was for w in fixed][:2] == ["Đấy", "manh"]


def test_best_pair(held_out: Model) -> None:
    assert best_pair(held_out, ("kiếm", "trá"), None, None) == ("kiểm", "tra")
    assert best_pair(held_out, ("kiểm", "tra"), None, None) == ("kiểm", "tra")


def test_sure_words_names_and_commas_are_left(held_out: Model) -> None:
    assert cell(held_out, ("Đấy", 98.0), ("manh", 98.0)) == ["Đấy", "manh"]  # sure
    assert cell(held_out, ("Đấy,", 90.0), ("manh", 90.0)) == ["Đấy,", "manh"]  # parted
    assert cell(held_out, ("Đinh", 90.0), ("Văn", 90.0)) == ["Đinh", "Văn"]  # a name
