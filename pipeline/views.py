"""DuckDB over the Parquet dataset: one view per table, plus convenience views."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from models.arrow import TABLE_NAMES, TABLES
from pipeline.report_sql import targets_wide_sql
from pipeline.store import Store

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


def _files(version: Path, table: str) -> list[str]:
    """Every Parquet file of a table in one version, listed once: no glob reaches DuckDB,
    so a dataset path with glob characters ('plans[1]') reads like any other."""
    found = []
    for dirpath, _dirs, files in os.walk(version / table):
        found += [os.path.join(dirpath, f) for f in files if f.endswith(".parquet")]
    return sorted(found)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per Parquet table of `data_dir`.

    The dataset's `current` version is resolved once, here: every view reads that one
    version folder, so a run that swaps in a new version meanwhile changes nothing this
    connection sees (the store keeps replaced versions for a grace period)."""
    root = Path(data_dir)
    version = Store(root).current_dir()
    if version is None:
        raise FileNotFoundError(
            f"{root.absolute()}: no dataset here (run `plans ingest data/raw --out {root}` first)"
        )
    con = duckdb.connect()
    for table in TABLE_NAMES:
        partition = TABLES[table][2]
        hive = (
            f", hive_partitioning = true, hive_types = {{'{partition}': INTEGER}}"
            if partition
            else ""
        )
        files = ", ".join(_sql_string(f) for f in _files(version, table))
        source = f"read_parquet([{files}], union_by_name = true{hive})"
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
