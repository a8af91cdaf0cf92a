"""Typed records shared by every stage, and the Arrow schema of every Parquet table."""
