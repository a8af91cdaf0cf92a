"""Run the report's queries (pipeline.report_sql) on a dataset; every result is a DataFrame."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import report_sql as q
from pipeline.views import connect

REVIEW_BELOW = 0.75  # criterion matches scoring below this go to the review list
TOP_CITED = 15  # cited documents in the chart
TOP_METRICS = 14  # percent metrics in the targets chart
# Who leads: the tasks each canonical agency leads per commune and year (the who_leads view).
WHO_LEADS = """
    SELECT commune, plan_year, agency_code, level, tasks FROM who_leads
    WHERE role = 'lead' ORDER BY commune, plan_year, tasks DESC, agency_code
"""


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
    """pipeline.views.connect: its views (plans, leaf_scores, score_subtotals, targets_wide,
    fields, metrics) are the report's, so `plans query` gives the report's numbers."""
    return connect(Path(data_dir))


def frame(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> pd.DataFrame:
    """A query's result as a DataFrame ($name parameters from keyword arguments)."""
    return con.execute(sql, params or None).df()


def load(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Run every report query once."""
    return ReportData(
        totals=frame(con, q.FILE_TOTALS),
        plans_by_province=frame(con, q.PLANS_BY_PROVINCE),
        files_by_format=frame(con, q.FILES_BY_FORMAT),
        coverage=frame(con, q.COVERAGE_TABLE),
        errors=frame(con, q.ERRORS_BY_KIND),
        percent_targets=frame(con, q.PERCENT_TARGETS, limit=TOP_METRICS),
        targets_by_field=frame(con, q.TARGETS_BY_FIELD),
        targets_wide=frame(con, "SELECT * FROM targets_wide"),
        wider_targets=frame(con, q.WIDER_TARGETS),
        score_profile=frame(con, q.SCORE_PROFILE),
        score_subtotals=frame(con, q.SUBTOTALS_TABLE),
        score_by_year=frame(con, q.SCORE_BY_YEAR),
        score_item_changes=frame(con, q.SCORE_ITEM_CHANGES),
        target_changes=frame(con, q.TARGET_CHANGES),
        cited=frame(con, q.CITED_DOCUMENTS, limit=TOP_CITED),
        match_methods=frame(con, q.MATCH_METHODS, below=REVIEW_BELOW),
        review=frame(con, q.REVIEW, below=REVIEW_BELOW),
        who_leads=frame(con, WHO_LEADS),
        labels=labels(con),
    )


def labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Vietnamese label of every field code (F3) and target metric (ONTIME_RATE)."""
    rows = con.execute(
        "SELECT code, label_vi FROM fields UNION ALL "
        "SELECT metric, label_vi FROM metrics WHERE label_vi IS NOT NULL"
    ).fetchall()
    return {str(code): str(label) for code, label in rows}
