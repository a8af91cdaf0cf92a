"""DuckDB over the Parquet dataset: every table as a view, each plan counted once by default.

A plan ingested as DOCX, PDF and text export is three files and one plan. The plain names
`documents`, `plan_items`, `item_scores`, `targets` and `legal_refs` hold the rows of the
chosen file of each plan (pipeline/sql/chosen_documents.sql); `all_documents`,
`all_plan_items`, … hold every file's rows. Both carry `plan_id` and `chosen`, computed
here in SQL (the rule of `document_plans`), so `where chosen` on `all_*` equals the plain view.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import duckdb

from models.arrow import PER_PLAN_TABLES, PLAN_STAMPS, TABLE_NAMES, TABLES
from pipeline import report_sql
from pipeline.store import Store

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent / "sql"
# Tables whose rows belong to one document: counted once per plan under their plain name.
PLAN_COLUMNS = tuple(PLAN_STAMPS)


def sql_text(name: str) -> str:
    """A query shipped in pipeline/sql/, e.g. sql_text('compare_criterion')."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def codes_file(name: str) -> Path:
    """A file of the canonical code list (normalize/codes/), found without importing normalize."""
    spec = find_spec("normalize")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the normalize package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "codes" / name


def _criteria_sql() -> str:
    path = _sql_string(str(codes_file("criteria.csv")))
    return f"""
        SELECT c.code, c.label_vi, c.field, f.label_vi AS field_label, c.level, c.kind, c.unit,
               c.status
        FROM read_csv({path}, header = true, all_varchar = true) c
        LEFT JOIN read_csv({path}, header = true, all_varchar = true) f
          ON f.code = c.field AND f.level = 'field'
    """


# Who cites what; a cited key is resolved to a plan of the corpus when its number and issuer
# match ('57/KH-UBND' of UBND xã Hà Châu).
CITATIONS = """
    SELECT d.doc_id AS citing_doc_id, d.plan_id AS citing_plan_id, d.commune AS citing_commune,
           d.plan_year, r.identity, r.key, r.ref_type, r.relation, r.issued_date, r.issuer_text,
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
"""

# Each metric of the targets with the criterion it most often measures and its label.
METRIC_LABELS = """
    WITH m AS (
      SELECT metric, mode(criterion_code) AS criterion_code, count(*) AS target_rows
      FROM targets WHERE metric IS NOT NULL GROUP BY metric
    )
    SELECT m.metric, m.criterion_code, c.label_vi, m.target_rows
    FROM m LEFT JOIN criteria c ON c.code = m.criterion_code
    ORDER BY m.metric
"""

# Convenience views for analysts (DESIGN.md: add, never rename). Each counts plans once.
CONVENIENCE_VIEWS: dict[str, Callable[[], str]] = {
    # kept for older queries: `documents` is now one document per plan already
    "chosen_documents": lambda: "SELECT * FROM documents",
    # the chosen file of each plan with a short label for charts ('Thanh Liệt 2024')
    "plans": lambda: report_sql.PLANS,
    # plan_items with where and when: the view most comparisons start from
    "items_canonical": lambda: (
        """
        SELECT d.doc_number, d.doc_type, d.title, d.source_format, d.issue_date,
               i.* EXCLUDE (plan_id, chosen), i.plan_id, i.chosen
        FROM plan_items i JOIN documents d USING (doc_id)
    """
    ),
    # who cites what (CITATIONS)
    "citations": lambda: CITATIONS,
    # the canonical criteria and the PAR fields F0-F8 with their Vietnamese labels
    "criteria": _criteria_sql,
    "fields": lambda: "SELECT code, label_vi FROM criteria WHERE level = 'field' ORDER BY code",
    # each target metric with the criterion it measures and that criterion's label
    "metrics": lambda: METRIC_LABELS,
    # score cells of leaf items (no parent and child summed twice)
    "leaf_scores": lambda: report_sql.LEAF_SCORES,
    # printed subtotal of each top-level scored row beside the sum of its leaf items
    "score_subtotals": lambda: report_sql.SCORE_SUBTOTALS,
    # who does what: tasks per canonical agency, commune, year and role (lead/support)
    "who_leads": lambda: sql_text("who_leads"),
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


def _source(version: Path, table: str) -> str:
    partition = TABLES[table][2]
    hive = (
        f", hive_partitioning = true, hive_types = {{'{partition}': INTEGER}}" if partition else ""
    )
    files = ", ".join(_sql_string(f) for f in _files(version, table))
    return f"read_parquet([{files}], union_by_name = true{hive})"


class NoDataset(FileNotFoundError):
    """The folder holds no plans dataset (yet)."""


def no_dataset_message(root: Path) -> str:
    """Why there is nothing to read at `root`, with what to do (a first run may be running)."""
    where = root.absolute()
    store = Store(root)
    running = (where / ".lock").exists() or any(where.glob(".versions/*.tmp"))
    hint = (
        "a first run is still in progress there; try again when it has finished"
        if running and store.current_dir() is None
        else f"run `plans ingest data/raw --out {root}` first"
    )
    return f"{where}: no dataset here ({hint}; use --data DIR or set PLANS_DATA)"


def connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per Parquet table of `data_dir` (see the module doc).

    The dataset's `current` version is resolved once, here: every view reads that one
    version folder, so a run that swaps in a new version meanwhile changes nothing this
    connection sees (the store keeps replaced versions for a grace period)."""
    root = Path(data_dir)
    version = Store(root).current_dir()
    if version is None:
        raise NoDataset(no_dataset_message(root))
    con = duckdb.connect()
    for table in TABLE_NAMES:
        if table not in PER_PLAN_TABLES:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {_source(version, table)}")
    documents = _source(version, "documents")
    con.execute(
        "CREATE VIEW document_plans AS " + sql_text("chosen_documents").format(documents=documents)
    )
    for table in PER_PLAN_TABLES:
        _create_plan_views(con, table, _source(version, table))
    for name, sql in CONVENIENCE_VIEWS.items():
        _create_view(con, name, sql)
    # one column per metric present in the data (DuckDB cannot PIVOT inside a fixed view)
    _create_view(con, "targets_wide", lambda: report_sql.targets_wide_sql(con))
    return con


def _create_plan_views(con: duckdb.DuckDBPyConnection, table: str, source: str) -> None:
    """`all_<table>` (every file, with plan_id and chosen) and `<table>` (where chosen)."""
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    stored = [c for c in PLAN_COLUMNS if c in present]  # once the Parquet files carry them
    exclude = f" EXCLUDE ({', '.join(stored)})" if stored else ""
    con.execute(
        f"CREATE VIEW all_{table} AS SELECT t.*{exclude}, p.plan_id, "
        f"coalesce(p.chosen, false) AS chosen "
        f"FROM {source} t LEFT JOIN document_plans p USING (doc_id)"
    )
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM all_{table} WHERE chosen")


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
    """Every view `plans query` offers: plain names count each plan once."""
    others = tuple(t for t in TABLE_NAMES if t not in PER_PLAN_TABLES)
    every_file = tuple(f"all_{t}" for t in PER_PLAN_TABLES)
    return (
        *PER_PLAN_TABLES,
        *every_file,
        "document_plans",
        *others,
        *CONVENIENCE_VIEWS,
        "targets_wide",
    )
