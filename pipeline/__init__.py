"""Orchestration, batch and nightly runs, executors, the Parquet store and the `plans` CLI.

The only package that imports both `extract` and `normalize`; nothing imports it.
"""
