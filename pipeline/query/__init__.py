"""Reading the dataset: DuckDB views over one pinned version, the SQL files, code lookup."""
