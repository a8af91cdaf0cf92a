"""Pages per second of the text-based table path (tables drawn without rules) next to the
ruling-line path, on the same appendix pages, in one run.

Usage: python bench/bench_tables_text.py [--samples 000 002] [--style borderless] [--repeat 3]

For each sample, the ruled PDF (data/raw/plan_NNN.pdf) and the same plan with its appendix
drawn without vertical rules (made here: the DOCX re-laid out by tests/variant_docx.borders,
printed by LibreOffice, as the samples were) are read page by page with
extract.readers.pdf_page.read_page; only the appendix pages count (a grid was found on
them). The best of `--repeat` runs is kept; the ratio text/ruled is the figure to watch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import docx
import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.readers.page import PageGrid  # noqa: E402
from extract.readers.pdf_page import read_page  # noqa: E402
from extract.readers.pdf_text_table import TextLayout  # noqa: E402
from tests.variant_docx import borders  # noqa: E402
from tests.variant_forms import soffice_convert  # noqa: E402

RAW = ROOT / "data" / "raw"


def unruled(sample: str, style: str, folder: Path) -> Path:
    doc = docx.Document(str(RAW / f"plan_{sample}.docx"))
    borders(doc, style)
    source = folder / f"plan_{sample}.docx"
    doc.save(str(source))
    return soffice_convert(source, ".pdf", folder)


def table_pages(path: Path) -> list[int]:
    """0-based indexes of the pages where a table grid is found."""
    found: list[int] = []
    layout: TextLayout | None = None
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            content, layout = read_page(page, layout)
            if any(isinstance(item, PageGrid) for item in content.items):
                found.append(index)
    return found


def pages_per_second(path: Path, pages: list[int], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        with pdfplumber.open(path) as pdf:
            chosen = [pdf.pages[i] for i in pages]
            layout: TextLayout | None = None
            start = time.perf_counter()
            for page in chosen:
                _, layout = read_page(page, layout)
            best = min(best, time.perf_counter() - start)
    return len(pages) / best if best else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", nargs="+", default=["000", "001", "002", "004"])
    parser.add_argument(
        "--style", default="borderless", choices=["borderless", "booktabs", "hrules"]
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'sample':8} {'pages':>5} {'ruled p/s':>10} {'text p/s':>10} {'text/ruled':>10}")
    totals = [0, 0.0, 0.0]
    with tempfile.TemporaryDirectory() as tmp:
        for sample in args.samples:
            ruled = RAW / f"plan_{sample}.pdf"
            text = unruled(sample, args.style, Path(tmp))
            ruled_pages, text_pages = table_pages(ruled), table_pages(text)
            count = min(len(ruled_pages), len(text_pages))
            a = pages_per_second(ruled, ruled_pages[:count], args.repeat)
            b = pages_per_second(text, text_pages[:count], args.repeat)
            totals = [totals[0] + count, totals[1] + count / a, totals[2] + count / b]
            print(f"{sample:8} {count:5d} {a:10.1f} {b:10.1f} {b / a:10.2f}")
    n, ruled_s, text_s = totals
    print(f"{'all':8} {n:5d} {n / ruled_s:10.1f} {n / text_s:10.1f} {ruled_s / text_s:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
