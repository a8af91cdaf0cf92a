"""DuckDB over the Parquet dataset: one view per table, plus convenience views."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

import duckdb

from models.arrow import TABLE_NAMES, TABLES
from pipeline.report_sql import targets_wide_sql

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent / "sql"


def sql_text(name: str) -> str:
    """A query shipped in pipeline/sql/, e.g. sql_text('compare_criterion')."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


# Convenience views for analysts (DESIGN.md: add, never rename).
CONVENIENCE_VIEWS = {
    # one document per plan: a plan ingested as DOCX, PDF and text counts once
    "chosen_documents": sql_text("chosen_documents"),
    # plan_items with where and when: the view most comparisons start from.
    "items_canonical": """
        SELECT d.doc_number, d.doc_type, d.title, d.source_format, d.issue_date, i.*
        FROM plan_items i JOIN documents d USING (doc_id)
    """,
    # Who cites what; a cited key is resolved to a document of the corpus when its number
    # and issuer match ('57/KH-UBND' of UBND xã Hà Châu).
    "citations": """
        SELECT d.doc_id AS citing_doc_id, d.commune AS citing_commune, d.plan_year,
               r.identity, r.key, r.ref_type, r.relation, r.issued_date, r.issuer_text,
               r.issuer_level, t.doc_id AS cited_doc_id, t.commune AS cited_commune
        FROM legal_refs r
        JOIN documents d ON d.doc_id = r.doc_id
        LEFT JOIN documents t
          ON t.doc_number = r.key AND t.doc_id <> r.doc_id
         AND t.commune IS NOT NULL AND r.issuer_text IS NOT NULL
         AND strpos(lower(r.issuer_text), lower(t.commune)) > 0
         AND (r.issued_date IS NULL OR t.issue_date IS NULL
              OR year(r.issued_date) IN (year(t.issue_date), t.plan_year))
        WHERE r.relation <> 'self'
    """,
}


def _glob(root: Path, table: str) -> str:
    return str(root / table / "**" / "*.parquet")


def connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per Parquet table of `data_dir`."""
    root = Path(data_dir)
    if not (root / "documents").exists():
        raise FileNotFoundError(
            f"{root}: no dataset here (run `plans ingest data/raw --out {root}` first)"
        )
    con = duckdb.connect()
    for table in TABLE_NAMES:
        partition = TABLES[table][2]
        hive = (
            f", hive_partitioning = true, hive_types = {{'{partition}': INTEGER}}"
            if partition
            else ""
        )
        path = _glob(root, table).replace("'", "''")
        source = f"read_parquet('{path}', union_by_name = true{hive})"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
    for name, sql in CONVENIENCE_VIEWS.items():
        _create_view(con, name, functools.partial(str, sql))
    # one column per metric present in the data (DuckDB cannot PIVOT inside a fixed view)
    _create_view(con, "targets_wide", lambda: targets_wide_sql(con))
    return con


def _create_view(con: duckdb.DuckDBPyConnection, name: str, sql: Callable[[], str]) -> None:
    """A convenience view; a dataset written before a column it needs existed (columns are
    only ever added) keeps working without it until `plans nightly` re-extracts."""
    try:
        con.execute(f"CREATE VIEW {name} AS {sql()}")
    except duckdb.BinderException as e:
        log.warning(
            "view %s is not available on this dataset (%s); run `plans nightly`",
            name,
            str(e).splitlines()[0],
        )


def view_names() -> tuple[str, ...]:
    """Every view `plans query` offers."""
    return (*TABLE_NAMES, *CONVENIENCE_VIEWS, "targets_wide")
