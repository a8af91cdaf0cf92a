"""The texts the OCR diacritics model counts, and the shipped count files (issue 14).

Counted: the typed text of the plans in data/raw (*.txt exports, the same words as their
DOCX and PDF) and every text cell of the project's vocabulary files. `FIX_BIGRAMS=1 pytest
tests/test_ocr_diacritics.py` rewrites extract/data/vi_syllables.tsv, vi_bigrams.tsv and
vi_acronyms.tsv (the acronyms counted with their case).
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache

from extract.readers.ocr.acronyms import count_acronyms
from extract.readers.ocr.diacritics import (
    HUNSPELL_VI,
    Model,
    build_model,
    count_texts,
    read_lexicon,
)
from extract.readers.ocr.engine import Word
from tests.conftest import RAW, ROOT

VOCABULARIES = (
    "extract/data/provinces.csv",
    "extract/legal/data/issuers.csv",
    "extract/legal/data/ref_types.csv",
    "normalize/codes/agencies.csv",
    "normalize/codes/agency_words.csv",
    "normalize/codes/aliases.csv",
    "normalize/codes/criteria.csv",
    "normalize/codes/code_tables.csv",
)
DATA = ROOT / "extract" / "data"


def plan_texts(exclude: str | None = None) -> list[str]:
    """Typed text of the plans in data/raw, one string each (one plan left out if named)."""
    return [p.read_text("utf-8") for p in sorted(RAW.glob("plan_*.txt")) if p.stem != exclude]


def vocabulary_texts() -> list[str]:
    """Every cell of the vocabulary files, one cell per line."""
    cells = []
    for name in VOCABULARIES:
        with (ROOT / name).open(encoding="utf-8", newline="") as handle:
            cells.extend(cell for row in csv.reader(handle) for cell in row)
    return ["\n".join(cells)]


def counts(exclude: str | None = None) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    return count_texts([*plan_texts(exclude), *vocabulary_texts()])


def acronym_counts(exclude: str | None = None) -> Counter[str]:
    return count_acronyms([*plan_texts(exclude), *vocabulary_texts()])


def render_acronyms(acronyms: Counter[str]) -> str:
    return "acronym\tcount\n" + "".join(f"{a}\t{n}\n" for a, n in sorted(acronyms.items()))


def render_counts(unigrams: Counter[str], bigrams: Counter[tuple[str, str]]) -> tuple[str, str]:
    """The two TSV files' text: sorted, so a diff shows what changed."""
    syllables = "syllable\tcount\n" + "".join(f"{w}\t{n}\n" for w, n in sorted(unigrams.items()))
    pairs = "first\tsecond\tcount\n" + "".join(
        f"{a}\t{b}\t{n}\n" for (a, b), n in sorted(bigrams.items())
    )
    return syllables, pairs


def write_counts() -> None:
    syllables, pairs = render_counts(*counts())
    (DATA / "vi_syllables.tsv").write_text(syllables, encoding="utf-8")
    (DATA / "vi_bigrams.tsv").write_text(pairs, encoding="utf-8")
    (DATA / "vi_acronyms.tsv").write_text(render_acronyms(acronym_counts()), encoding="utf-8")


HELD_OUT = "plan_004"  # the plan whose scans the OCR tests read: left out of the counts


@cache
def held_out_model(with_acronyms: bool = False) -> Model:
    """The language model counted without plan_004 (and its acronyms, when asked), built
    once per test session for every OCR test module."""
    unigrams, bigrams = counts(exclude=HELD_OUT)
    known = dict(acronym_counts(exclude=HELD_OUT)) if with_acronyms else None
    return build_model(unigrams, bigrams, read_lexicon(HUNSPELL_VI), known)


def ocr_words(*pairs: tuple[str, float], line: int = 1) -> list[Word]:
    """Tesseract words of one line: ('kiếm', 80.0), ('tra', 99.0) -> Words side by side."""
    return [
        Word(0, (1, 1, line), 10 * i, 0, 8, 8, conf, text) for i, (text, conf) in enumerate(pairs)
    ]
