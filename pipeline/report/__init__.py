"""`plans report`: one self-contained HTML page of queries, charts and tables.

Kept light on purpose: importing the package imports no pandas or matplotlib.
"""
