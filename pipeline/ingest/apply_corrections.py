"""Apply corrections.csv to a run's tables: after extraction, before the new version is written.

Every run applies every correction again, to fresh rows (re-extracted files) and kept rows
alike: a kept row already holds the corrected value and is marked `corrected`, so applying is
idempotent. A correction whose old value differs from the cell (the file changed and its
extraction with it), or whose row is gone, is not applied: it becomes an `errors` row
(stage 'correct', kind 'stale_correction', severity warning) and a review-queue entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from models.arrow import to_arrow
from models.records import CorrectionRecord, ErrorRecord
from normalize.codelist import LEARNED_PREFIX
from normalize.learned import row_wording
from pipeline.dataset.corrections import (
    Correction,
    cell_text,
    corrections_path,
    parse_corrections,
    write_learned,
)
from pipeline.ingest.process import path_key
from pipeline.ingest.versions import extractor_version

log = logging.getLogger(__name__)
CORRECTION_KINDS = ("stale_correction", "bad_correction")
APPLIED_MARKER = ".corrections-applied"  # '<version> <sha256 of corrections.csv>'

Key = tuple[str, int, str]  # (doc_id, table_index, code)


@dataclass
class Outcome:
    """What applying the corrections gave: the rows, what was applied, what was stale."""

    rows: list[dict[str, Any]]
    applied: list[tuple[Correction, str]] = field(default_factory=list)  # with the row's doc_id
    stale: list[tuple[Correction, str]] = field(default_factory=list)  # with the reason


@dataclass(frozen=True)
class Applied:
    """Which tables the corrections replaced, and the digest of the file applied."""

    replaced: frozenset[str]
    digest: str


def _snapshot(data_dir: Path) -> tuple[list[Correction], list[str], str]:
    """The corrections file read once: its corrections, problems and sha256."""
    path = corrections_path(data_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], [], ""
    except OSError as e:
        return [], [f"{path}: cannot be read ({e})"], ""
    return (*parse_corrections(data, path), hashlib.sha256(data).hexdigest())


def mark_applied(data_dir: Path, version: str, digest: str) -> None:
    """After a commit: version `version` holds the corrections of the file with this digest."""
    marker = Path(data_dir) / APPLIED_MARKER
    tmp = marker.with_name(marker.name + ".new")
    tmp.write_text(f"{version} {digest}\n", encoding="utf-8")
    os.replace(tmp, marker)


def _already_applied(data_dir: Path, current: Path | None, digest: str) -> bool:
    try:
        text = (Path(data_dir) / APPLIED_MARKER).read_text(encoding="utf-8")
    except OSError:
        return False
    return current is not None and text.split() == [current.name, digest]


def apply_to_tables(
    data_dir: Path, tables: dict[str, pa.Table], read: Any, run_id: str, current: Path | None
) -> Applied:
    """Apply the dataset's corrections to `tables` (reading the current version of a table
    the run did not rebuild with `read(name)`). A run that changed nothing, on a version
    that holds this very file's corrections already, leaves every table as it is."""
    corrections, problems, digest = _snapshot(data_dir)
    rebuilt = {"plan_items", "documents", "errors"} & set(tables)
    if not rebuilt and _already_applied(data_dir, current, digest):
        return Applied(frozenset(), digest)
    previous = read("corrections")
    if not corrections and not problems and previous.num_rows == 0:
        return Applied(frozenset(), digest)
    items, documents, errors = (
        tables[name] if name in tables else read(name)
        for name in ("plan_items", "documents", "errors")
    )
    outcome, kept = apply_corrections(items, documents, corrections)
    stamps = {"run_id": run_id, "extractor_version": extractor_version()}
    tables["plan_items"] = pa.concat_tables([kept, _rows_table(outcome.rows, items.schema)])
    records = [_record(c, doc_id) for c, doc_id in outcome.applied]
    tables["corrections"] = to_arrow("corrections", records, stamps)
    fresh = [_stale_error(run_id, c, why) for c, why in outcome.stale]
    fresh += [_bad_error(run_id, data_dir, p) for p in problems]
    tables["errors"] = pa.concat_tables(
        [_without_correction_errors(errors), to_arrow("errors", fresh, stamps)]
    )
    write_learned(data_dir, learned_rows(outcome))
    log.info("corrections: %d applied, %d stale", len(records), len(outcome.stale))
    return Applied(frozenset({"plan_items", "corrections", "errors"}), digest)


def _rows_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def _without_correction_errors(errors: pa.Table) -> pa.Table:
    kinds = pa.array(CORRECTION_KINDS, pa.string())
    return errors.filter(pc.invert(pc.fill_null(pc.is_in(errors["kind"], value_set=kinds), False)))


def apply_corrections(
    items: pa.Table, documents: pa.Table, corrections: Sequence[Correction]
) -> tuple[Outcome, pa.Table]:
    """(the corrected rows of the documents corrections name, the other rows untouched)."""
    doc_of_path = _doc_of_path(documents)
    present = set(items["doc_id"].to_pylist())
    resolved = [(c, _resolve(c, present, doc_of_path)) for c in corrections]
    touched = pa.array(sorted({d for _, d in resolved if d}), pa.string())
    mask = pc.fill_null(pc.is_in(items["doc_id"], value_set=touched), False)
    outcome = Outcome(items.filter(mask).to_pylist())
    index = {(r["doc_id"], r["table_index"], r["code"]): r for r in outcome.rows}
    chains: dict[tuple[Key, str], list[Correction]] = defaultdict(list)
    for correction, doc_id in resolved:
        row = index.get((doc_id, correction.table_index, correction.code)) if doc_id else None
        if row is None:
            outcome.stale.append((correction, _gone(correction, doc_id)))
        else:
            key = (doc_id or "", correction.table_index, correction.code)
            chains[(key, correction.column)].append(correction)
    for (key, column), chain in chains.items():
        _apply_chain(index[key], column, chain, outcome)
    return outcome, items.filter(pc.invert(mask))


def _doc_of_path(documents: pa.Table) -> dict[str, str]:
    paths = documents["source_path"].to_pylist()
    return dict(zip(paths, documents["doc_id"].to_pylist(), strict=True))


def _resolve(c: Correction, present: set[str], doc_of_path: dict[str, str]) -> str | None:
    """The doc_id the correction's row has now: its own, or (the file changed, so its
    sha256 did) the doc_id now extracted from its source_path."""
    if c.doc_id in present:
        return c.doc_id
    if c.source_path:
        path = c.source_path
        key = path_key(path if Path(path).is_absolute() else str(Path(path).absolute()))
        return doc_of_path.get(key)
    return None


def _gone(c: Correction, doc_id: str | None) -> str:
    if doc_id is None:
        return "its document is no longer in the dataset"
    return f"table {c.table_index} has no row {c.code} any more"


def _apply_chain(
    row: dict[str, Any], column: str, chain: list[Correction], outcome: Outcome
) -> None:
    """Corrections of one cell in file order, each made against the value before it. A kept
    row holds the last new value already (applied by an earlier run): nothing to change."""
    value = cell_text(row[column])
    if row.get("corrected") and value == chain[-1].new_value:
        outcome.applied += [(c, row["doc_id"]) for c in chain]
        return
    for c in chain:
        if value in (c.old_value, c.new_value):  # new: re-extraction gives it already
            value = c.new_value
            outcome.applied.append((c, row["doc_id"]))
            _set(row, column, value)
        else:
            why = f"the extracted value is now {value!r}, the correction was made against "
            outcome.stale.append((c, why + repr(c.old_value)))


def _set(row: dict[str, Any], column: str, value: str) -> None:
    row["corrected"] = True
    if column == "criterion_code":  # a chosen or confirmed code: the analyst's, sure
        row["criterion_code"] = value or None
        row["field_code"] = _field_of(value) if value else row["field_code"]
        row["match_method"], row["match_score"] = "analyst", 1.0
    else:
        row[column] = value or (None if column != "kind" else "item")


def _field_of(code: str) -> str | None:
    from normalize.codelist import load_codelist

    concept = load_codelist().get(code)
    if concept is None:
        return None
    return concept.code if concept.is_field else concept.field or None


def _record(c: Correction, doc_id: str) -> CorrectionRecord:
    return CorrectionRecord(
        doc_id,
        c.source_path,
        c.table_index,
        c.code,
        c.column,
        c.old_value,
        c.new_value,
        c.author,
        c.at,
        c.note,
    )


def _stale_error(run_id: str, c: Correction, why: str) -> ErrorRecord:
    message = (
        f"{c.source_path}: correction of table {c.table_index} row {c.code} {c.column} "
        f"to {c.new_value!r} ({c.author}, {c.at:%Y-%m-%d}) not applied: {why}"
    )
    doc_id = c.doc_id or None
    return ErrorRecord(
        run_id, doc_id, c.source_path or "?", "correct", "stale_correction", message, "warning"
    )


def _bad_error(run_id: str, data_dir: Path, problem: str) -> ErrorRecord:
    path = str(Path(data_dir) / "corrections.csv")
    return ErrorRecord(run_id, None, path, "correct", "bad_correction", problem, "warning")


def learned_rows(outcome: Outcome) -> list[tuple[str, str, str, str]]:
    """An applied criterion choice teaches the matcher the row's wording for that code
    (`normalize.learned.row_wording`): ('F3.ONTIME', 'Tỷ lệ hồ sơ trả đúng hẹn', 'doc:3f2a…',
    'table 0 row 3.2.2, by lan')."""
    by_key = {(r["doc_id"], r["table_index"], r["code"]): r for r in outcome.rows}
    out = []
    for c, doc_id in outcome.applied:
        row = by_key.get((doc_id, c.table_index, c.code))
        if c.column != "criterion_code" or not c.new_value or row is None:
            continue
        wording = row_wording(row)  # the whole row: one cell is another code elsewhere
        if wording:
            note = f"table {c.table_index} row {c.code}, by {c.author}"
            out.append((c.new_value, wording, f"{LEARNED_PREFIX}{doc_id}", note))
    return out
