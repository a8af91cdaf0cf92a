"""Every case of the legal-reference table and every golden table file through the public
entry points (issue 12): `read_document` -> `extract_document` -> `normalize_document`, the
path `plans ingest` takes, not only the inner finders (tests/test_legal_refs.py and
tests/test_tables.py check those with the same cases and files)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extract import extract_document, read_document
from extract.readers.text import read
from models.document import Document, TableRow
from models.records import LegalRefRecord
from models.stages import Extracted
from normalize.document import NormalizedDocument, normalize_document
from tests.case_scores import score_refs
from tests.conftest import FIXTURES, RAW, SAMPLES
from tests.legal_cases import NEGATIVE, POSITIVE, Case
from tests.legal_cases_levels import LEVEL_NEGATIVE, LEVEL_POSITIVE
from tests.test_tables import comparable

ALL_POSITIVE = (*POSITIVE, *LEVEL_POSITIVE)
ALL_NEGATIVE = (*NEGATIVE, *LEVEL_NEGATIVE)
TABLES = FIXTURES / "tables"
QUIRKS = sorted(p.stem for p in TABLES.glob("*.txt"))


def _case_doc(text: str) -> Document:
    """A case string as a one-paragraph text export (the reader NFC-normalises it)."""
    return read(Path("case.txt"), text.encode(), "0c" * 32)


@cache
def _stages(text: str) -> tuple[Extracted, NormalizedDocument]:
    doc = _case_doc(text)
    extracted = extract_document(doc)
    return extracted, normalize_document(doc, extracted)


def _visible(ref: LegalRefRecord) -> tuple[object, ...]:
    return (ref.key, ref.ref_type, ref.issued_date, ref.issuer_level, ref.flags)


# --- the legal-reference case table -----------------------------------------------------------


@pytest.mark.parametrize("case", ALL_POSITIVE, ids=[c.text for c in ALL_POSITIVE])
def test_positive_case_through_the_stages(case: Case) -> None:
    extracted, normalized = _stages(case.text)
    for refs in (extracted.refs, normalized.legal_refs):
        assert refs, "no reference found"
        ref = refs[0]
        want = (case.key, case.ref_type, case.issued_date, case.issuer_level, case.flags)
        assert _visible(ref) == want
        for field in ("relation", "subject", "issuer_text", "number"):
            if getattr(case, field) is not None:
                assert getattr(ref, field) == getattr(case, field), field
    # normalize keeps what extract found, in order, and gives every keyed one an identity
    assert [_visible(r) for r in normalized.legal_refs] == [_visible(r) for r in extracted.refs]
    assert all(r.identity for r in normalized.legal_refs if r.key is not None)


@pytest.mark.parametrize("text", ALL_NEGATIVE, ids=list(ALL_NEGATIVE))
def test_negative_case_through_the_stages(text: str) -> None:
    extracted, normalized = _stages(text)
    assert (extracted.refs, normalized.legal_refs) == ((), ())


def test_case_table_precision_recall_through_the_stages() -> None:
    """The issue-15 bar (precision >= 0.995, recall >= 0.99) holds on the stored records."""
    texts = [c.text for c in ALL_POSITIVE] + list(ALL_NEGATIVE)
    score, misses = score_refs(
        ALL_POSITIVE, ALL_NEGATIVE, lambda i: list(_stages(texts[i])[1].legal_refs)
    )
    print(f"precision={score.precision:.3f} recall={score.recall:.3f}", *misses, sep="\n")
    assert score.precision >= 0.995 and score.recall >= 0.99


# --- the golden table files -------------------------------------------------------------------


def _rows_through_the_stages(path: Path) -> tuple[TableRow, ...]:
    """extract_document's rows, checked to be the rows normalize_document stores."""
    doc = read_document(path)
    extracted = extract_document(doc)
    items = normalize_document(doc, extracted).plan_items
    assert tuple(item.row for item in items) == extracted.rows
    assert {item.doc_id for item in items} <= {doc.doc_id}
    return extracted.rows


@pytest.mark.parametrize("quirk", QUIRKS)
def test_quirk_golden_through_the_stages(quirk: str, golden) -> None:  # type: ignore[no-untyped-def]
    rows = _rows_through_the_stages(TABLES / f"{quirk}.txt")
    golden(TABLES / f"{quirk}.expected.jsonl", comparable(list(rows)))


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_sample_golden_through_the_stages(sample: str, fmt: str, golden) -> None:  # type: ignore[no-untyped-def]
    rows = _rows_through_the_stages(RAW / f"plan_{sample}.{fmt}")
    golden(TABLES / f"plan_{sample}.rows.jsonl", comparable(list(rows)))
