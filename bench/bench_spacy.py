"""spaCy path next to the plain extractors on the same text (issue 17: at most 2x).

    python bench/bench_spacy.py [--repeat 5] [--rounds 3]

Texts: the five text exports in data/raw. Rows, best of `rounds`, each round running every
text `repeat` times:
- legal refs: extract.legal.find_refs_in_text vs nlp(text) with plans_legal_refs;
- agencies: normalize.agency_mentions.find_agencies vs nlp(text) with plans_agencies;
- both: the two plain finders vs one nlp with both components;
- cells: agency_mentions over every lead/support cell of the five golden tables (the
  item_agencies path) vs the same cells through nlp.pipe with plans_agencies(cells=True).
Columns: plain time, the bare spaCy tokenizer on the same items (spacy.blank with no pipe:
what any spaCy user pays before a component runs), the spaCy path, then two ratios measured in
the same run: end to end (spaCy / plain) and the component's own cost ((spaCy - tokenizer) /
plain), the one the 2x target is about. No absolute timing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

import extract.nlp  # noqa: E402,F401
import normalize.nlp  # noqa: E402,F401
from extract.legal import find_refs_in_text  # noqa: E402
from normalize.agency_mentions import agency_mentions, find_agencies  # noqa: E402

TARGET = 2.0


def blank(*pipes: tuple[str, dict[str, object]]) -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name, config in pipes:
        nlp.add_pipe(name, config=config)
    return nlp


def best_of(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def cells() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "fixtures" / "tables").glob("plan_*.rows.jsonl")):
        for row in map(json.loads, path.read_text("utf-8").splitlines()):
            out += [row[r] for r in ("lead", "support") if row["kind"] == "item" and row[r]]
    return out


def rows(texts: Sequence[str], repeat: int, rounds: int) -> list[tuple[str, float, float, float]]:
    bare, legal, agencies = blank(), blank(("plans_legal_refs", {})), blank(("plans_agencies", {}))
    both = blank(("plans_legal_refs", {}), ("plans_agencies", {}))
    cell_nlp = blank(("plans_agencies", {"cells": True}))
    batch, cell_batch = list(texts) * repeat, cells() * repeat

    def run(fn: Callable[[str], object], items: Sequence[str]) -> Callable[[], object]:
        return lambda: [fn(t) for t in items]

    def plain_both(text: str) -> object:
        return find_refs_in_text(text), find_agencies(text)

    texts_tokenized = best_of(rounds, run(bare, batch))
    cells_tokenized = best_of(rounds, lambda: list(bare.pipe(cell_batch)))
    pairs = [
        ("legal refs", run(find_refs_in_text, batch), run(legal, batch), texts_tokenized),
        ("agencies", run(find_agencies, batch), run(agencies, batch), texts_tokenized),
        ("both", run(plain_both, batch), run(both, batch), texts_tokenized),
        (
            "cells",
            run(agency_mentions, cell_batch),
            lambda: list(cell_nlp.pipe(cell_batch)),
            cells_tokenized,
        ),
    ]
    return [(name, best_of(rounds, p), tok, best_of(rounds, s)) for name, p, s, tok in pairs]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "raw").glob("plan_*.txt"))]
    chars = sum(map(len, texts))
    print(f"{len(texts)} texts, {chars:,} characters, x{args.repeat}; {len(cells())} cells")
    head = f"{'path':<12}{'plain s':>9}{'tokenize s':>12}{'spaCy s':>9}{'end-to-end':>12}"
    print(f"{head}{'component':>11}  (target: component <= {TARGET}x)")
    worst = 0.0
    for name, plain, tokenize, spacy_time in rows(texts, args.repeat, args.rounds):
        component = (spacy_time - tokenize) / plain
        worst = max(worst, component)
        line = f"{name:<12}{plain:>9.3f}{tokenize:>12.3f}{spacy_time:>9.3f}"
        print(f"{line}{spacy_time / plain:>11.2f}x{component:>10.2f}x")
    print("OK" if worst <= TARGET else f"component over target: {worst:.2f}x")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
