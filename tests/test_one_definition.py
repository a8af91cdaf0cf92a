"""Small helpers defined once (issue 12): each name below means one thing in the code base,
and the shared pure ones give the values worked out by hand."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from extract.cleantext import lower_space
from models.numerals import roman_value

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "extract", "normalize", "pipeline")
# name -> the one module that defines it
ONE_HOME = {
    "nfc": "extract/cleantext.py",
    "fix_eth": "extract/cleantext.py",
    "lower_space": "extract/cleantext.py",
    "fold": "normalize/text.py",  # marks, case and punctuation folded: a normalize matching key
    "roman_value": "models/numerals.py",
    "paragraphs": "extract/paragraphs.py",
}


def _definitions() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.FunctionDef):
                    found[node.name.lstrip("_")].add(path.relative_to(ROOT).as_posix())
    return found


def test_each_helper_has_one_home() -> None:
    found = _definitions()
    assert {name: found[name] for name in ONE_HOME} == {
        name: {home} for name, home in ONE_HOME.items()
    }


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("I", 1), ("III", 3), ("IV", 4), ("VI", 6), ("VIII", 8), ("IX", 9), ("XIV", 14)]
    + [("XIX", 19), ("XL", 40), ("XC", 90), ("XCIX", 99), ("CD", 400), ("MMXXIV", 2024)],
)
def test_roman_value(numeral: str, value: int) -> None:
    assert roman_value(numeral) == value


def test_roman_value_refuses_a_non_numeral() -> None:
    with pytest.raises(KeyError):
        roman_value("IIa")


def test_lower_space() -> None:
    assert lower_space(" Thời  gian\nHoàn thành ") == "thời gian hoàn thành"
    assert lower_space("Cơ quan  CHỦ TRÌ\n") == "cơ quan chủ trì"  # marks stay
    assert lower_space(None) == ""  # a merged slot
