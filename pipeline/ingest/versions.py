"""Versions stamped on every row: the extractor's and the canonical code list's.

The extractor version changes whenever a source or data file of `extract` or `normalize`
changes, so the nightly job knows which documents are stale without anyone bumping a number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources

PACKAGE_VERSION_FALLBACK = "0.1.0"


def _tree_digest(package: str) -> str:
    digest = hashlib.sha256()
    root = resources.files(package)
    stack = [root]
    files = []
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append(child)
            elif child.name.endswith((".py", ".csv", ".tsv", ".json", ".txt")):
                files.append(child)
    for child in sorted(files, key=lambda c: str(c)):
        digest.update(str(child).split(package, 1)[-1].encode())
        digest.update(child.read_bytes())
    return digest.hexdigest()[:10]


@cache
def extractor_version() -> str:
    """'0.1.0+3f2a9c1d0e': the package version plus a digest of extract/ and normalize/."""
    try:
        base = metadata.version("plans")
    except metadata.PackageNotFoundError:
        base = PACKAGE_VERSION_FALLBACK
    return f"{base}+{_tree_digest('extract')}{_tree_digest('normalize')[:4]}"


@cache
def code_list_version() -> str:
    """The canonical criteria list's version (sha256 of its CSV files, 12 hex digits)."""
    from normalize.codelist import load_codelist

    return load_codelist().version
