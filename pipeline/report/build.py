"""`plans report`: one self-contained HTML file of charts and tables about a dataset.

    build_report(Path("data/parquet"), Path("report.html"))  -> number of charts

The page has no script and fetches nothing: charts are inline SVG drawn by matplotlib
(charts, svg), queries are the SQL files of pipeline/query/sql/report/ run over the views of
pipeline.query.views (queries), the page is assembled by html from sections.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pipeline.report.html import Chart, Section, page_html
from pipeline.report.queries import load, open_dataset
from pipeline.report.sections import build_sections

TITLE = "Administrative-reform plans: coverage, targets, scores, citations"


def build_report(data_dir: Path, out: Path) -> int:
    """Write the report of the dataset in `data_dir` to `out`; return the number of charts.

    Raises FileNotFoundError (with the command to run) when `data_dir` holds no dataset.
    """
    con = open_dataset(Path(data_dir))
    try:
        sections = build_sections(load(con))
        run = con.execute("SELECT max(run_id) FROM runs").fetchone()
    finally:
        con.close()
    meta = [
        f"Dataset: {Path(data_dir).resolve()} (latest run {run[0] if run else '?'}); "
        f"generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
    ]
    _write_atomic(Path(out), page_html(TITLE, meta, sections))
    return chart_count(sections)


def chart_count(sections: list[Section]) -> int:
    """Charts in the sections."""
    return sum(isinstance(b, Chart) for s in sections for b in s.blocks)


def _write_atomic(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
