"""What a dataset folder holds on disk: the versioned Parquet store (written by ingest, read by
query) and the analysts' corrections file (written by review, applied by ingest)."""
