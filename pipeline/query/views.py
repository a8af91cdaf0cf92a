"""DuckDB over the Parquet dataset: every table as a view, each plan counted once by default.

A plan ingested as DOCX, PDF and text export is three files and one plan. The plain names
`documents`, `plan_items`, `item_scores`, `targets` and `legal_refs` hold the rows of the
chosen file of each plan (pipeline/query/sql/chosen_documents.sql); `all_documents`,
`all_plan_items`, … hold every file's rows. Both carry `plan_id` and `chosen`, computed
here in SQL (the rule of `document_plans`), so `where chosen` on `all_*` equals the plain view.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import duckdb

from models.arrow import PER_PLAN_TABLES, PLAN_STAMPS, TABLE_NAMES, TABLES
from pipeline.dataset.store import Store

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent / "sql"
# Tables whose rows belong to one document: counted once per plan under their plain name.
PLAN_COLUMNS = tuple(PLAN_STAMPS)


@cache
def _sql_file(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql_text(name: str, **values: str) -> str:
    """A query shipped in pipeline/query/sql/, e.g. sql_text('compare_criterion') or
    sql_text('views/plans'); `{name}` placeholders in the file are filled from `values`.
    Each file is read once per process (the review app connects on every request)."""
    text = _sql_file(name)
    for key, value in values.items():
        if "{" + key + "}" not in text:
            raise KeyError(f"{name}.sql has no {{{key}}} placeholder")
        text = text.replace("{" + key + "}", value)
    return text


def codes_file(name: str) -> Path:
    """A file of the canonical code list (normalize/codes/), found without importing normalize."""
    spec = find_spec("normalize")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the normalize package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "codes" / name


# Convenience views for analysts (DESIGN.md: add, never rename), each in sql/views/<name>.sql
# with what it holds in its first lines; in the order they are made (a view may read the
# ones above it). Each counts plans once.
VIEWS = (
    "chosen_documents",
    "plans",
    "items_canonical",
    "citations",
    "criteria",
    "fields",
    "metrics",
    "leaf_scores",
    "score_subtotals",
    "score_years",
    "targets_by_metric",
    "who_leads",
    "targets_wide",
)


def view_sql(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The SELECT of a convenience view; `criteria` reads the code list's CSV, and
    `targets_wide` gets one column per metric present in the data (DuckDB cannot PIVOT on
    values read from the data inside a view)."""
    if name == "criteria":
        return sql_text("views/criteria", criteria_csv=_sql_string(str(codes_file("criteria.csv"))))
    if name == "targets_wide":
        return sql_text("views/targets_wide", metric_columns=_metric_columns(con))
    return sql_text(f"views/{name}")


def _metric_columns(con: duckdb.DuckDBPyConnection) -> str:
    metrics = [row[0] for row in con.execute(sql_text("target_metrics")).fetchall()]
    return "".join(
        f",\n       first(m.value) FILTER (WHERE m.metric = {_sql_string(m)}) AS {_sql_ident(m)}"
        for m in metrics
    )


def _files(version: Path, table: str) -> list[str]:
    """Every Parquet file of a table in one version, listed once: no glob reaches DuckDB,
    so a dataset path with glob characters ('plans[1]') reads like any other."""
    found = []
    for dirpath, _dirs, files in os.walk(version / table):
        found += [os.path.join(dirpath, f) for f in files if f.endswith(".parquet")]
    return sorted(found)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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
    documents = _with_body_column(con, _source(version, "documents"))
    con.execute(
        "CREATE VIEW document_plans AS " + sql_text("chosen_documents", documents=documents)
    )
    for table in PER_PLAN_TABLES:
        _create_plan_views(con, table, _source(version, table))
    con.execute(sql_text("macros"))
    for name in VIEWS:
        _create_view(con, name)
    return con


def columns_of(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    """The column names of a table, view or `read_parquet(…)` source."""
    return {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}


def _with_body_column(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """`documents` with body_doc_id, NULL for a dataset written before the column existed."""
    if "body_doc_id" in columns_of(con, source):
        return source
    return f"(SELECT *, CAST(NULL AS VARCHAR) AS body_doc_id FROM {source})"


def _create_plan_views(con: duckdb.DuckDBPyConnection, table: str, source: str) -> None:
    """`all_<table>` (every file, with plan_id and chosen) and `<table>` (where chosen)."""
    present = columns_of(con, source)
    stored = [c for c in PLAN_COLUMNS if c in present]  # once the Parquet files carry them
    exclude = f" EXCLUDE ({', '.join(stored)})" if stored else ""
    chosen = "chosen" if table == "documents" else "rows_chosen"
    con.execute(
        f"CREATE VIEW all_{table} AS SELECT t.*{exclude}, p.plan_id, "
        f"coalesce(p.{chosen}, false) AS chosen "
        f"FROM {source} t LEFT JOIN document_plans p USING (doc_id)"
    )
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM all_{table} WHERE chosen")


def _create_view(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """A convenience view; a dataset written before a column it needs existed (columns are
    only ever added) keeps working without it until `plans nightly` re-extracts."""
    try:
        con.execute(f"CREATE VIEW {name} AS {view_sql(con, name)}")
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
        *VIEWS,
    )
