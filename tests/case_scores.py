"""Scores of the issue-15 case tables: reference precision/recall and header fields.

Shared by tests/test_legal_refs_levels.py, tests/test_headers.py and bench/bench_legal_cases.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extract.metadata import DocMeta
from models.records import LegalRefRecord
from tests.header_cases import HeaderCase
from tests.legal_cases import Case


def identity(ref: LegalRefRecord) -> str:
    """What counts as one reference: the key, else a law's name, else 'Đề án 06'."""
    return ref.key or ref.subject or f"{ref.ref_type} {ref.number}"


def expected_ids(case: Case) -> set[str]:
    """The identities a case expects: its first reference and its `others`."""
    first = case.key or case.subject or f"{case.ref_type} {case.number}"
    return {first, *case.others}


@dataclass(frozen=True)
class RefScore:
    """Counts over a case table: true positives, found, expected."""

    hits: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0


def score_refs(
    positives: Sequence[Case],
    negatives: Sequence[str],
    found_of: Callable[[int], list[LegalRefRecord]],
) -> tuple[RefScore, list[str]]:
    """Score every case; `found_of(i)` gives the references found for case i (positives
    first, then negatives). Returns the score and one line per miss or false positive."""
    hits = found = expected = 0
    misses: list[str] = []
    for i, case in enumerate(positives):
        want, got = expected_ids(case), {identity(r) for r in found_of(i)}
        hits, found, expected = hits + len(want & got), found + len(got), expected + len(want)
        if want != got:
            misses.append(
                f"{case.text[:70]!r}: missing {sorted(want - got)} extra {sorted(got - want)}"
            )
    for j, text in enumerate(negatives):
        got = {identity(r) for r in found_of(len(positives) + j)}
        found += len(got)
        if got:
            misses.append(f"negative {text!r}: found {sorted(got)}")
    return RefScore(hits, found, expected), misses


HEADER_FIELDS = ("doc_number", "doc_type", "issue_date")


def header_fields(case: HeaderCase) -> list[str]:
    """The fields a header case checks: number, type, date, and commune when given."""
    return [*HEADER_FIELDS, *(("commune",) if case.commune is not ... else ())]


def score_header(case: HeaderCase, meta: DocMeta) -> list[str]:
    """The wrong fields of one header: ['doc_type: got Quyết định want Quy chế']."""
    wrong = []
    for name in header_fields(case):
        got, want = getattr(meta, name), getattr(case, name)
        if got != want:
            wrong.append(f"{name}: got {got!r} want {want!r}")
    return wrong
