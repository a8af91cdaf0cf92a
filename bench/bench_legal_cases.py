"""Precision and recall of the legal-reference finder and the header parser on the case tables.

Usage: python bench/bench_legal_cases.py [-v]

Prints, for the text path, reference precision/recall over tests/legal_cases.py and
tests/legal_cases_levels.py (positives and negatives) and the share of header fields read
right over tests/header_cases.py (issue 15 targets: P >= 0.995, R >= 0.99, headers >= 98 %).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.legal import find_refs_in_text  # noqa: E402
from extract.metadata import find_metadata  # noqa: E402
from models.document import Document, TextLine  # noqa: E402
from tests.case_scores import header_fields, score_header, score_refs  # noqa: E402
from tests.header_cases import HEADERS  # noqa: E402
from tests.legal_cases import NEGATIVE, POSITIVE  # noqa: E402
from tests.legal_cases_levels import LEVEL_NEGATIVE, LEVEL_POSITIVE  # noqa: E402


def header_doc(text: str) -> Document:
    """A one-page Document whose lines are the header's lines."""
    lines = tuple(TextLine(1, line) for line in text.split("\n"))
    return Document("h", "h.txt", "txt", 1, lines, ())


def main(verbose: bool) -> None:
    positives, negatives = [*POSITIVE, *LEVEL_POSITIVE], [*NEGATIVE, *LEVEL_NEGATIVE]
    texts = [c.text for c in positives] + negatives
    score, misses = score_refs(positives, negatives, lambda i: find_refs_in_text(texts[i]))
    print(
        f"references: {len(positives)} positive + {len(negatives)} negative cases, "
        f"expected={score.expected} found={score.found} hits={score.hits} "
        f"precision={score.precision:.3f} recall={score.recall:.3f}"
    )
    total = right = 0
    wrong_lines = []
    for case in HEADERS:
        wrong = score_header(case, find_metadata(header_doc(case.text)))
        total += len(header_fields(case))
        right += len(header_fields(case)) - len(wrong)
        if wrong:
            wrong_lines.append(f"{case.text[:60]!r}: {wrong}")
    print(f"headers: {len(HEADERS)} cases, fields right {right}/{total} = {right / total:.3f}")
    if verbose:
        print("\n".join(misses + wrong_lines))


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        raise SystemExit(0)
    if set(sys.argv[1:]) - {"-v"}:
        print(
            f"unknown arguments {sys.argv[1:]}; usage: bench_legal_cases.py [-v]", file=sys.stderr
        )
        raise SystemExit(2)
    main("-v" in sys.argv)
