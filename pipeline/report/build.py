"""`plans report`: one self-contained HTML file of charts and tables about a dataset.

    build_report(Path("data/parquet"), Path("report.html"))  -> number of charts

The page has no script and fetches nothing: charts are inline SVG drawn by matplotlib
(report_charts, report_svg), queries are DuckDB over pipeline.views (report_sql,
report_queries), the page is assembled by report_html from report_sections.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pipeline.report_html import Chart, Section, page_html
from pipeline.report_queries import load, open_dataset
from pipeline.report_sections import build_sections
from pipeline.report_sql import TARGETS_WIDE_SQL, targets_wide_sql

__all__ = ["TARGETS_WIDE_SQL", "build_report", "chart_count", "targets_wide_sql"]

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
