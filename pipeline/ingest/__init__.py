"""Ingest: discover files, extract and normalize each one (locally or on Dask), write the store.

The floors of one run: runner (what to do) -> executors (where) -> process (one file: read,
extract_document, normalize_document) -> store (versioned Parquet, atomic swap).
"""
