"""Which cells a class of degraded scan gets wrong (issue 14): a diagnostic, not a test.

For each class asked for (made by tests/scan_fixtures.py from the typed PDF, as in
bench/bench_ocr_classes.py), the pages are OCR'd and every typed cell that the scan reads
differently is printed (page, row, column, typed text, read text), with the cell share and
the STT codes of the stitched rows that differ from the typed ones. Nothing is asserted.

    python bench/bench_ocr_failures.py --classes fax photo --pages 7 8 9
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.readers import ocr  # noqa: E402
from extract.readers.ocr.bundle import read_page_files  # noqa: E402
from extract.tables import find_table_rows  # noqa: E402
from models.document import Document  # noqa: E402
from tests import scan_fixtures as sf  # noqa: E402
from tests.test_reader_ocr import cell_share, typed_pages  # noqa: E402

NAME = "plan_004"
APPENDIX = list(range(7, 20))
STAMP_ROW = (0.6, 0.55)


def _pdf(data: bytes) -> Document:
    return ocr.ocr_pdf_pages(Path("scan.pdf"), data, "diag")


def _photos(pages: list[int]) -> Document:
    files = [(f"IMG_{p:02d}.jpg", sf.photo(NAME, p, seed=p)) for p in pages]
    return read_page_files(Path("photos"), files, "diag")


MAKERS: dict[str, Callable[[list[int]], Document]] = {
    "typed200": lambda ps: _pdf(
        sf.pdf_of([sf.jpeg(sf.np.array(sf.render(NAME, p, 200)), 90) for p in ps], 200)
    ),
    "gray150": lambda ps: _pdf(sf.gray_jpeg(NAME, ps)),
    "skew": lambda ps: _pdf(sf.skewed(NAME, ps)),
    "fax": lambda ps: ocr.read_image(Path("fax.tiff"), sf.fax_tiff(NAME, ps), "diag"),
    "fax_pdf": lambda ps: _pdf(sf.fax_pdf(NAME, ps)),
    "photo": _photos,
    "stamp300": lambda ps: _pdf(
        sf.pdf_of([sf.jpeg(sf.stamped(NAME, p, [STAMP_ROW]), 85) for p in ps], 300)
    ),
}


def report(kind: str, pages: Sequence[int]) -> None:
    """Print the cells and STT codes `kind` reads differently from the typed PDF."""
    ps = sorted(pages)
    scan = MAKERS[kind](ps)
    typed = typed_pages(NAME, ps[0], ps[-1])
    equal, total, diffs = cell_share(typed, scan)
    print(f"== {kind} p.{ps[0]}-{ps[-1]}: {equal}/{total} cells = {equal / total:.1%}")
    for diff in diffs:
        print("  ", diff.replace(f"p{1}", "p1", 1))
    want = [r.code for r in find_table_rows(typed)]
    got = [r.code for r in find_table_rows(scan)]
    if want != got:
        print(f"   STT codes differ: {len(want)} typed, {len(got)} read")
        for a, b in zip(want, got, strict=False):
            if a != b:
                print(f"     typed {a!r} read {b!r}")
    for note in (*scan.warnings, *scan.losses):
        print("   note:", note)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", nargs="+", default=["fax"], choices=sorted(MAKERS))
    parser.add_argument("--pages", type=int, nargs="+", default=APPENDIX)
    args = parser.parse_args(argv)
    for kind in args.classes:
        report(kind, args.pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
