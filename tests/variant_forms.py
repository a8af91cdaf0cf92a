"""Builders of variant fixtures made from the samples: other file types of the same plan.

The expected rows are always the samples' golden rows (tests/fixtures/tables/*.rows.jsonl),
never this code's output. Spreadsheets are written here as a minimal OpenDocument sheet
(string cells, merges as spans) so "1.10" stays "1.10"; LibreOffice turns that into
.xlsx/.xls when a test needs those.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

Grid = Sequence[Sequence[str | None]]
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _spans(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each anchor -> (rows, cols) spanned. None in column 0 continues the
    cell above (vMerge of the STT); elsewhere it continues the cell to its left (gridSpan)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None:
                continue
            if c == 0:
                top = r - 1
                while top > 0 and grid[top][0] is None:
                    top -= 1
                if top >= 0:
                    rows, cols = spans.get((top, 0), (1, 1))
                    spans[(top, 0)] = (r - top + 1, cols)
                continue
            left = c - 1
            while left > 0 and row[left] is None:
                left -= 1
            rows, cols = spans.get((r, left), (1, 1))
            spans[(r, left)] = (rows, c - left + 1)
    return spans


def _cell_xml(text: str | None, span: tuple[int, int] | None) -> str:
    if text is None:
        return "<table:covered-table-cell/>"
    attrs = ""
    if span:
        attrs = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
    if not text:
        return f"<table:table-cell{attrs}/>"
    return (
        f'<table:table-cell office:value-type="string"{attrs}>'
        f"<text:p>{escape(text)}</text:p></table:table-cell>"
    )


def ods_bytes(sheets: Sequence[tuple[str, Sequence[str], Grid]]) -> bytes:
    """An .ods of (sheet name, title lines, grid) sheets; title lines sit above the grid."""
    parts = []
    for name, titles, grid in sheets:
        width = max(len(row) for row in grid)
        rows = [[t, *[""] * (width - 1)] for t in titles]
        offset = len(rows)
        rows += [list(row) for row in grid]
        spans = {(r + offset, c): s for (r, c), s in _spans(grid).items()}
        body = "".join(
            "<table:table-row>"
            + "".join(_cell_xml(cell, spans.get((r, c))) for c, cell in enumerate(row))
            + "</table:table-row>"
            for r, row in enumerate(rows)
        )
        parts.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:body><office:spreadsheet>{''.join(parts)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def soffice_convert(source: Path, suffix: str, out_dir: Path) -> Path:
    """Convert a file with LibreOffice headless (a private profile under out_dir)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice is needed (Debian libreoffice-writer-nogui)"
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", suffix.lstrip("."), "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    out = out_dir / (source.stem + suffix)
    assert out.is_file(), f"LibreOffice made no {suffix} of {source}"
    return out


def printed_pdf(doc: Any, sample: str, folder: Path) -> Path:
    """A python-docx Document saved as folder/plan_NNN.docx and printed to PDF by LibreOffice,
    as the samples' typed PDFs were."""
    folder.mkdir(exist_ok=True)
    source = folder / f"plan_{sample}.docx"
    doc.save(str(source))
    return soffice_convert(source, ".pdf", folder)
