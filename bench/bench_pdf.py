"""Pages per second of the typed-PDF reader against bare pdfplumber and PyMuPDF.

Usage: python bench/bench_pdf.py [FILES...]   (default: data/raw/*.pdf)

Measures, on the same files in one run, (a) bare pdfplumber extract_text() +
extract_tables() per page, (b) PyMuPDF get_text() per page and (c) our
extract.readers.pdf.read() and (d) everything `plans ingest` does per file; each is
repeated and the best time kept. The DESIGN.md target is (d) >= 80 % of (a).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pymupdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.readers import pdf as pdf_reader  # noqa: E402
from extract.readers.pdf_page import TABLE_SETTINGS  # noqa: E402

Runner = Callable[[Path, bytes], int]  # returns the number of pages handled


def run_pdfplumber(path: Path, data: bytes) -> int:
    """Bare pdfplumber, the DESIGN baseline: text and tables of every page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables(TABLE_SETTINGS)
            page.close()
        return len(pdf.pages)


def run_pymupdf(path: Path, data: bytes) -> int:
    """PyMuPDF plain text, for scale (no tables)."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            page.get_text()
        return doc.page_count


def run_reader(path: Path, data: bytes) -> int:
    """Our reader end to end: lines, grids, warnings, Document."""
    doc_id = hashlib.sha256(data).hexdigest()
    return int(pdf_reader.read(path, data, doc_id).page_count)


def run_plans(path: Path, data: bytes) -> int:
    """What `plans ingest` does per file (in-process, no fork): read, tables, legal
    references, metadata, criteria, targets; the Document is read from the same bytes."""
    from pipeline.ingest.process import process_file

    result = process_file(str(path), "bench")
    return result.pages


def best_rate(runner: Runner, files: list[tuple[Path, bytes]], repeats: int) -> float:
    """Best pages/s over `repeats` passes over all files."""
    best = float("inf")
    pages = 0
    for _ in range(repeats):
        start = time.perf_counter()
        pages = sum(runner(path, data) for path, data in files)
        best = min(best, time.perf_counter() - start)
    return pages / best


def main(argv: list[str] | None = None) -> int:
    """Print a pages/s table and the ratios of our reader to the two baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.files or sorted((ROOT / "data" / "raw").glob("*.pdf"))
    files = [(path, path.read_bytes()) for path in paths]
    pages = sum(run_pymupdf(path, data) for path, data in files)
    print(f"{len(files)} files, {pages} pages, best of {args.repeats}")
    rates = {
        "(a) pdfplumber text+tables": best_rate(run_pdfplumber, files, args.repeats),
        "(b) pymupdf get_text": best_rate(run_pymupdf, files, args.repeats),
        "(c) extract.readers.pdf.read": best_rate(run_reader, files, args.repeats),
        "(d) plans per file, end to end": best_rate(run_plans, files, args.repeats),
    }
    for name, rate in rates.items():
        print(f"{name:<32} {rate:10.1f} pages/s")
    plumber, mupdf = rates["(a) pdfplumber text+tables"], rates["(b) pymupdf get_text"]
    ours, full = rates["(c) extract.readers.pdf.read"], rates["(d) plans per file, end to end"]
    print(f"(c)/(a) = {ours / plumber:.2f}   reader alone")
    print(f"(d)/(a) = {full / plumber:.2f}   target >= 0.80 (DESIGN.md)")
    print(f"(c)/(b) = {ours / mupdf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
