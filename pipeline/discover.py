"""Which files a run looks at: PATH arguments expanded to supported plan files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SKIP_NAMES = frozenset({"README.md", ".gitkeep"})


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files under the given paths (folders walked recursively), sorted, hidden ones skipped.

    Every regular file is returned, supported or not: an unknown format becomes an
    `errors` row rather than being ignored silently.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for child in path.rglob("*"):
                if child.is_file() and not _hidden(child, path) and child.name not in SKIP_NAMES:
                    found.add(child)
        elif path.is_file():
            found.add(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return sorted(found)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
