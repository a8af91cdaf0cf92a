"""Analyst corrections as data: `<dataset>/corrections.csv`, applied after every extraction.

One line per correction, written by `plans serve`, by `plans correct` or by hand
(`at` may be left empty by hand: the file's time is taken):

    doc_id,source_path,table_index,code,column,old_value,new_value,author,at,note
    3f2a…,data/raw/plan_000.pdf,0,1.5,deadline_text,Trong năm 2023,Quý IV/2023,lan,,

A correction names its row by (doc_id, table_index, code) and carries the value it was made
against (`old_value`). Each run re-extracts what it must, then applies every correction
whose old value still matches the freshly extracted cell (`pipeline.ingest.apply_corrections`); one
that no longer matches (the source file changed) is left out and reported as stale. Writes are
atomic (a temporary file renamed over the old one) and serialised by their own lock file, never
the dataset's writer lock, so a correction made during a nightly run waits for nobody: the run
reads the file once, and a later correction is applied by the next run.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from models.columns import columns_of
from models.document import TEXT_ROLES, TableRow

CORRECTIONS_FILE = "corrections.csv"
LEARNED_FILE = "learned_aliases.csv"
WRITE_LOCK = ".corrections.lock"
HEADER = (
    "doc_id",
    "source_path",
    "table_index",
    "code",
    "column",
    "old_value",
    "new_value",
    "author",
    "at",
    "note",
)
LEARNED_HEADER = ("code", "alias", "source", "note")
# plan_items columns a correction may change: the cells by role ('deadline_text' for the
# deadline role), the criterion code, and the row's kind ('not_item' takes a row out).
CELL_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in columns_of(TableRow) if c.path[0] in TEXT_ROLES
)
CORRECTABLE: tuple[str, ...] = (*CELL_COLUMNS, "criterion_code", "kind")
KINDS = ("item", "section", "not_item")


class BadCorrection(ValueError):
    """A correction that cannot be recorded or read (names the file, the line and why)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst correction: row 3.2.2 of table 0, task 'đúng hẹn' -> 'đúng hạn'."""

    doc_id: str
    source_path: str
    table_index: int
    code: str
    column: str
    old_value: str
    new_value: str
    author: str
    at: datetime
    note: str = ""

    @property
    def cell(self) -> tuple[str, int, str, str]:
        """The corrected cell: (doc_id, table_index, code, column)."""
        return (self.doc_id, self.table_index, self.code, self.column)


def corrections_path(data_dir: Path) -> Path:
    """Where a dataset's corrections live: data/parquet/corrections.csv."""
    return Path(data_dir) / CORRECTIONS_FILE


def learned_path(data_dir: Path) -> Path:
    """Where a dataset's learned criterion aliases live: data/parquet/learned_aliases.csv."""
    return Path(data_dir) / LEARNED_FILE


def check_value(column: str, value: str, known_codes: frozenset[str]) -> None:
    """Refuse a correction the dataset could not hold: an unknown column, kind or code."""
    if column not in CORRECTABLE:
        raise BadCorrection(f"column {column!r} cannot be corrected (one of {CORRECTABLE})")
    if column == "kind" and value not in KINDS:
        raise BadCorrection(f"kind must be one of {KINDS}, not {value!r}")
    if column == "criterion_code" and value and value not in known_codes:
        raise BadCorrection(
            f"unknown criterion code {value!r} (the list is normalize/codes/criteria.csv)"
        )


def read_corrections(data_dir: Path) -> tuple[list[Correction], list[str]]:
    """The corrections of a dataset in file order, and the problems of lines that could not
    be read ('corrections.csv line 4: table_index must be a number, not "x"')."""
    path = corrections_path(data_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as e:
        return [], [f"{path}: cannot be read ({e})"]
    return parse_corrections(data, path)


def parse_corrections(data: bytes, path: Path) -> tuple[list[Correction], list[str]]:
    """The corrections in these bytes of `path`, and the problems of lines that cannot be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [], [f"{path}: not UTF-8 ({e})"]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [h for h in HEADER[:7] if h not in (reader.fieldnames or ())]
    if missing:
        return [], [f"{path}: the header lacks {', '.join(missing)} (expected {','.join(HEADER)})"]
    out: list[Correction] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            out.append(_parse(row, path))
        except BadCorrection as e:
            problems.append(f"{path} line {line}: {e}")
    return out, problems


def _parse(row: dict[str, str | None], path: Path) -> Correction:
    values = {k: (row.get(k) or "").strip() for k in HEADER}
    for key in ("doc_id", "table_index", "code", "column"):
        if not values[key]:
            raise BadCorrection(f"{key} is empty")
    if values["column"] not in CORRECTABLE:
        raise BadCorrection(f"column {values['column']!r} cannot be corrected")
    try:
        table_index = int(values["table_index"])
    except ValueError as e:
        raise BadCorrection(f"table_index must be a number, not {values['table_index']!r}") from e
    return Correction(
        doc_id=values["doc_id"],
        source_path=values["source_path"],
        table_index=table_index,
        code=values["code"],
        column=values["column"],
        old_value=(row.get("old_value") or "").strip(),
        new_value=(row.get("new_value") or "").strip(),
        author=values["author"] or "unknown",
        at=_when(values["at"], path),
        note=values["note"],
    )


def _when(text: str, path: Path) -> datetime:
    """'2025-01-02T03:04:05+00:00'; a hand-written line without a time takes the file's."""
    if not text:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    try:
        when = datetime.fromisoformat(text)
    except ValueError as e:
        raise BadCorrection(f"at must be an ISO date and time, not {text!r}") from e
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def append_correction(data_dir: Path, correction: Correction) -> None:
    """Add one correction to the file, atomically (readers see the old or the new file)."""
    path = corrections_path(data_dir)
    with _write_lock(Path(data_dir)):
        try:
            old = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            old = _csv_line(HEADER)
        if old and not old.endswith("\n"):
            old += "\n"  # a hand edit without a final newline
        _replace(path, old + _csv_line(_row(correction)))


def _row(c: Correction) -> tuple[str, ...]:
    values = [str(getattr(c, f.name)) for f in fields(Correction)]
    values[HEADER.index("at")] = c.at.astimezone(UTC).isoformat(timespec="seconds")
    return tuple(values)


def _csv_line(values: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


@contextlib.contextmanager
def _write_lock(data_dir: Path) -> Iterator[None]:
    """Serialise writers of corrections.csv (the UI and the CLI); runs do not take it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / WRITE_LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _replace(path: Path, text: str) -> None:
    """Write a file whole and rename it into place (fsynced: a crash leaves old or new)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def read_learned(data_dir: Path) -> list[tuple[str, str, str]]:
    """Learned aliases (code, alias, source): ('F3.ONTIME', 'Hồ sơ trả đúng hẹn', 'doc:3f2a…')."""
    try:
        text = learned_path(data_dir).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return [
        (r["code"], r["alias"], r.get("source") or "")
        for r in rows
        if r.get("code") and r.get("alias")
    ]


def write_learned(data_dir: Path, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """Rewrite learned_aliases.csv (same columns as normalize/codes/aliases.csv) if changed."""
    path = learned_path(data_dir)
    text = _csv_line(LEARNED_HEADER) + "".join(_csv_line(r) for r in sorted(set(rows)))
    with contextlib.suppress(FileNotFoundError):
        if path.read_text(encoding="utf-8") == text:
            return
    if rows or path.exists():
        _replace(path, text)


def cell_text(value: object) -> str:
    """A cell as a correction compares it: None and '' are the same empty cell."""
    return "" if value is None else str(value)
