"""Which files a run looks at: PATH arguments expanded to supported plan files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

# Files that are never plans: the drop zone's own notes, and what Office, Windows and macOS
# leave beside documents (case ignored): 'Thumbs.db', 'desktop.ini', '.DS_Store'.
SKIP_NAMES = frozenset({"readme.md", ".gitkeep", "thumbs.db", "desktop.ini", ".ds_store"})
# Office lock files: '~$plan_000.docx' while Word has plan_000.docx open (tiny, not a plan).
LOCK_PREFIX = "~$"


def is_skipped(name: str) -> bool:
    """A file name that is not a plan: hidden, an Office lock file or system clutter."""
    return name.startswith((".", LOCK_PREFIX)) or name.casefold() in SKIP_NAMES


class NotAPlanPath(ValueError):
    """A PATH argument that is neither a folder nor a regular file (missing, a FIFO, …)."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files under the given paths (folders walked recursively), sorted, hidden ones skipped.

    Paths come back absolute and resolved, so the same folder given as 'data/raw' or as
    '/home/me/plans/data/raw' is the same set of files. Every regular file is returned,
    supported or not: an unknown format becomes an `errors` row rather than being ignored
    silently. A file that vanishes while the folder is walked is simply not found.
    """
    found: set[Path] = set()
    for given in paths:
        path = Path(given).resolve()
        mode = _mode(path)
        if mode is not None and stat.S_ISDIR(mode):
            found.update(_walk(path))
        elif mode is not None and stat.S_ISREG(mode):
            found.add(path)
        elif mode is None:
            raise NotAPlanPath(f"{given}: no such file or directory")
        else:
            raise NotAPlanPath(f"{given}: not a regular file or a folder")
    return sorted(found)


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _walk(root: Path) -> Iterable[Path]:
    for dirpath, dirs, files in os.walk(root):  # errors (a folder gone meanwhile) are skipped
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if is_skipped(name):
                continue
            child = Path(dirpath) / name
            mode = _mode(child)
            if mode is not None and stat.S_ISREG(mode):
                yield child
