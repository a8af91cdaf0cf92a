"""Run the report's queries (pipeline/query/sql/report/*.sql) on a dataset, as DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.query.views import connect, sql_text

REVIEW_BELOW = 0.75  # criterion matches scoring below this go to the review list
TOP_CITED = 15  # cited documents in the chart
TOP_METRICS = 14  # percent metrics in the targets chart


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, one DataFrame per question."""

    totals: pd.DataFrame
    plans_by_province: pd.DataFrame
    files_by_format: pd.DataFrame
    coverage: pd.DataFrame
    errors: pd.DataFrame
    percent_targets: pd.DataFrame
    targets_by_field: pd.DataFrame
    targets_wide: pd.DataFrame
    wider_targets: pd.DataFrame
    score_profile: pd.DataFrame
    score_subtotals: pd.DataFrame
    score_by_year: pd.DataFrame
    score_item_changes: pd.DataFrame
    target_changes: pd.DataFrame
    cited: pd.DataFrame
    match_methods: pd.DataFrame
    review: pd.DataFrame
    labels: dict[str, str]
    who_leads: pd.DataFrame


def open_dataset(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """pipeline.query.views.connect: its views (plans, leaf_scores, score_subtotals, targets_wide,
    fields, metrics) are the report's, so `plans query` gives the report's numbers."""
    return connect(Path(data_dir))


def frame(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """The result of sql/report/<name>.sql as a DataFrame ($name parameters from keywords)."""
    return con.execute(report_sql(name), params or None).df()


def report_sql(name: str) -> str:
    """A report query; the report's review list shows no candidates (`plans review` does)."""
    if name == "review":
        return sql_text("report/review", candidates="NULL")
    return sql_text(f"report/{name}")


def load(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Run every report query once."""
    return ReportData(
        totals=frame(con, "file_totals"),
        plans_by_province=frame(con, "plans_by_province"),
        files_by_format=frame(con, "files_by_format"),
        coverage=frame(con, "coverage"),
        errors=frame(con, "errors_by_kind"),
        percent_targets=frame(con, "percent_targets", limit=TOP_METRICS),
        targets_by_field=frame(con, "targets_by_field"),
        targets_wide=frame(con, "targets_wide"),
        wider_targets=frame(con, "wider_targets"),
        score_profile=frame(con, "score_profile"),
        score_subtotals=frame(con, "subtotals"),
        score_by_year=frame(con, "score_by_year"),
        score_item_changes=frame(con, "score_item_changes"),
        target_changes=frame(con, "target_changes"),
        cited=frame(con, "cited_documents", limit=TOP_CITED),
        match_methods=frame(con, "match_methods", below=REVIEW_BELOW),
        review=frame(con, "review", below=REVIEW_BELOW),
        who_leads=frame(con, "who_leads"),
        labels=labels(con),
    )


def labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Vietnamese label of every field code (F3) and target metric (ONTIME_RATE)."""
    rows = con.execute(report_sql("labels")).fetchall()
    return {str(code): str(label) for code, label in rows}
