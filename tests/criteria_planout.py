"""Plan-out measure of the criterion matcher (issue 19), shared by the test and bench/.

For a sample plan, hide every alias and code-table entry whose provenance includes it
(`without_sources`) and the typo fixes it alone taught (`typos_hidden`), map the plan's rows
and compare with the hand-checked codes in tests/fixtures/criteria/plan_00N.expected.tsv (code,
field, concept or '-' for a heading with no concept; 'A|B' when either reading is right). A row
is

- assigned and right: its concept is one of the expected; or, expected '-', it got no concept
  and the right field;
- assigned and wrong: it got a concept that is not expected (or a field-only result with the
  wrong field where '-' is expected);
- left for review: a concept was expected and it got none; `top3` counts those whose expected
  concept is among the first three candidates stored with the match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from extract.readers import read_document
from extract.tables import find_table_rows
from models.document import TableRow
from normalize.codelist import CodeList, load_codelist, without_sources
from normalize.criteria import CriterionMatch, match_rows
from normalize.text import typos_hidden
from tests.conftest import SAMPLE_PLACES

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_DIR = Path(__file__).resolve().parent / "fixtures" / "criteria"
PLANS = ("000", "001", "002", "003", "004")


@dataclass(frozen=True, slots=True)
class Expected:
    field: str
    concepts: frozenset[str]  # '-' stands for "no concept, the field only"


@dataclass(frozen=True, slots=True)
class PlanScore:
    plan: str
    rows: int
    field_right: int
    right: int
    wrong: int
    review: int
    review_top3: int
    wrong_rows: tuple[str, ...]
    review_rows: tuple[str, ...]

    @property
    def field_rate(self) -> float:
        return self.field_right / self.rows

    @property
    def concept_rate(self) -> float:
        return self.right / self.rows

    @property
    def precision(self) -> float:
        assigned = self.right + self.wrong
        return self.right / assigned if assigned else 1.0

    @property
    def top3_rate(self) -> float:
        return self.review_top3 / self.review if self.review else 1.0


def expected(plan: str) -> dict[str, Expected]:
    out: dict[str, Expected] = {}
    text = (EXPECTED_DIR / f"plan_{plan}.expected.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, field, concepts = line.split("\t")
            out[code] = Expected(field, frozenset(concepts.split("|")))
    return out


@lru_cache(maxsize=8)
def sample_rows(plan: str) -> tuple[TableRow, ...]:
    return tuple(find_table_rows(read_document(ROOT / "data" / "raw" / f"plan_{plan}.txt")))


def file_rows(plan: str, path: Path) -> list[TableRow]:
    """The rows of `path` (the plan in another format: DOCX, PDF, a scan) that the hand-checked
    file codes, in their order."""
    want = expected(plan)
    return [r for r in find_table_rows(read_document(path)) if r.code in want]


def codes_for(plan: str, *, hide: bool) -> CodeList:
    codes = load_codelist()
    return without_sources(codes, frozenset({plan})) if hide else codes


def score_plan(plan: str, *, hide: bool = True) -> PlanScore:
    """A plan's rows scored; `hide`: its own aliases, code-table entries and typo fixes out."""
    rows = sample_rows(plan)
    return tally(plan, rows, plan_matches(plan, rows, hide=hide), expected(plan))


def plan_matches(plan: str, rows: Sequence[TableRow], *, hide: bool = True) -> list[CriterionMatch]:
    """The matches of `rows` (the plan's, or rewritten) in the plan's place and year."""
    province, district, year = SAMPLE_PLACES[plan]
    with typos_hidden(frozenset({plan}) if hide else frozenset()):
        return match_rows(
            rows,
            province=province,
            district=district,
            plan_year=year,
            codes=codes_for(plan, hide=hide),
        )


def tally(
    plan: str,
    rows: Sequence[TableRow],
    matches: Sequence[CriterionMatch],
    want: dict[str, Expected],
) -> PlanScore:
    counts = {"field": 0, "right": 0, "wrong": 0, "review": 0, "top3": 0}
    wrong: list[str] = []
    review: list[str] = []
    for row, match in zip(rows, matches, strict=True):
        exp = want[row.code]
        counts["field"] += match.field_code == exp.field
        verdict = _verdict(match, exp)
        counts[verdict] += 1
        if verdict == "wrong":
            wrong.append(f"{row.code}: {match.criterion_code or match.field_code} not {exp}")
        if verdict == "review":
            top = {c.code for c in match.top_candidates[:3]}
            counts["top3"] += bool(top & exp.concepts)
            review.append(f"{row.code}: {sorted(exp.concepts)} top {sorted(top)}")
    return PlanScore(
        plan,
        len(rows),
        counts["field"],
        counts["right"],
        counts["wrong"],
        counts["review"],
        counts["top3"],
        tuple(wrong),
        tuple(review),
    )


def _verdict(match: CriterionMatch, exp: Expected) -> str:
    if match.criterion_code is not None:
        return "right" if match.criterion_code in exp.concepts else "wrong"
    if "-" in exp.concepts:
        return "right" if match.field_code == exp.field else "wrong"
    return "review"


# Rows written in other words than the five plans' (tests/fixtures/criteria/paraphrases.tsv):
# the matcher with every alias, on wording none of them was taken from.
PARAPHRASES = EXPECTED_DIR / "paraphrases.tsv"


@lru_cache(maxsize=1)
def paraphrases() -> tuple[tuple[TableRow, ...], dict[str, Expected]]:
    """The rows of paraphrases.tsv as one annual plan, a heading row per section ('III') and its
    items numbered under it ('III.2', text in the task column), with their hand-checked codes."""
    sections: dict[str, list[tuple[str, str]]] = {}
    want: dict[str, Expected] = {}
    for line in PARAPHRASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            section, stt, text, concepts = line.split("\t")
            sections.setdefault(section, []).append((stt, text))
            options = frozenset(concepts.split("|"))
            want[f"{section.split('. ', 1)[0]}.{stt}"] = Expected(min(options)[:2], options)
    rows: list[TableRow] = []
    for section, items in sections.items():
        roman, title = section.split(". ", 1)
        heading = TableRow(0, len(rows), "section", roman, roman, None, 1, roman, title)
        rows.append(replace(heading, criterion=title))
        for stt, text in sorted(items, key=lambda item: int(item[0])):
            code = f"{roman}.{stt}"
            rows.append(
                TableRow(0, len(rows), "item", stt, code, roman, 2, roman, title, task=text)
            )
    return tuple(rows), want


def score_paraphrases(rows: Sequence[TableRow] | None = None) -> PlanScore:
    """The paraphrased items scored with the shipped list (`rows`: the same rewritten)."""
    rows = rows if rows is not None else paraphrases()[0]
    want = paraphrases()[1]
    codes = codes_for("paraphrases", hide=False)  # the shipped list (bench: changed by it)
    matches = match_rows(rows, province=None, district=None, plan_year=None, codes=codes)
    items = [(r, m) for r, m in zip(rows, matches, strict=True) if r.kind == "item"]
    return tally("paraphrases", [r for r, _ in items], [m for _, m in items], want)
