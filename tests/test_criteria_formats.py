"""The criterion codes of a plan do not depend on the format it came in (issue 19): its DOCX, its
typed PDF and its scan extract to the same rows, and mapped plan-out (their own aliases hidden)
they get the same codes, verdicts and review candidates as its text export. Measured with
bench/bench_criteria.py --formats (every sample, the 200-dpi scans of 001, 003 and 004 too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RAW, SAMPLES
from tests.criteria_planout import file_rows, plan_matches, sample_rows

SCANS = Path(__file__).resolve().parent / "fixtures" / "scans"
Codes = dict[str, tuple[str | None, str | None, tuple[str, ...]]]


def codes_from(plan: str, path: Path | None = None) -> Codes:
    """Field, concept and first three candidates of each hand-checked row, plan-out."""
    rows = list(sample_rows(plan)) if path is None else file_rows(plan, path)
    return {
        row.code: (m.field_code, m.criterion_code, tuple(c.code for c in m.top_candidates[:3]))
        for row, m in zip(rows, plan_matches(plan, rows, hide=True), strict=True)
    }


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
@pytest.mark.parametrize("plan", SAMPLES)
def test_plan_out_codes_are_the_same_from_every_typed_format(plan: str, suffix: str) -> None:
    assert codes_from(plan, RAW / f"plan_{plan}.{suffix}") == codes_from(plan)


@pytest.mark.ocr
def test_plan_out_codes_of_a_scan_are_the_typed_ones() -> None:
    # pages 7-8 of 004's 200-dpi scan: the first rows of its appendix table ('1 Kiểm soát
    # TTHC' and its tasks), read by OCR cell by cell
    scanned = codes_from("004", SCANS / "plan_004.scan.p7-8.pdf")
    typed = codes_from("004")
    assert len(scanned) == 9
    assert scanned == {code: typed[code] for code in scanned}
