"""`plans doctor`: is this machine ready, and is the dataset there and fresh?

Each check is OK, WARN (works, with less: no LibreOffice means no .doc/.odt/.rtf) or FAIL
(plans cannot do its main job: no dataset to query, no Vietnamese OCR for scans).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # duckdb is imported by the check that needs it (plans doctor starts fast)
    import duckdb

STALE_DAYS = 2  # a nightly job that has not run for this long is worth a look


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the doctor's answer."""

    name: str
    status: str  # OK | WARN | FAIL
    detail: str


def tesseract() -> Check:
    """Tesseract with the Vietnamese language (scans)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return Check(
            "tesseract", "FAIL", "not found: apt-get install tesseract-ocr tesseract-ocr-vie"
        )
    try:
        langs = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as e:
        return Check("tesseract", "FAIL", f"{exe} does not run ({e})")
    if "vie" not in langs:
        return Check("tesseract", "FAIL", f"{exe} has no 'vie': apt-get install tesseract-ocr-vie")
    return Check("tesseract", "OK", f"{exe} with vie")


def libreoffice() -> Check:
    """LibreOffice converts .doc, .odt and .rtf to DOCX."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return Check(
            "libreoffice",
            "WARN",
            "not found: .doc, .odt, .rtf files fail (apt-get install libreoffice-writer-nogui)",
        )
    return Check("libreoffice", "OK", exe)


def dataset(data: Path) -> list[Check]:
    """The dataset: found, how many plans and files, the last run and its age."""
    from pipeline.query.views import connect, no_dataset_message

    try:
        con = connect(data)
    except FileNotFoundError:
        return [Check("dataset", "FAIL", no_dataset_message(data))]
    plans, files = con.execute(
        "SELECT count(DISTINCT plan_id), count(*) FROM all_documents"
    ).fetchone() or (0, 0)
    checks = [Check("dataset", "OK", f"{Path(data).absolute()}: {plans} plans in {files} files")]
    last = con.execute("SELECT max(finished_at) FROM runs").fetchone()
    finished = last[0] if last else None
    if finished is None:
        return [*checks, Check("last run", "WARN", "no run recorded")]
    age = datetime.now(UTC) - finished
    status = "WARN" if age.days >= STALE_DAYS else "OK"
    checks.append(Check("last run", status, f"{finished:%Y-%m-%d %H:%M} UTC ({age.days} days ago)"))
    return checks + [stale(con)]


def stale(con: duckdb.DuckDBPyConnection) -> Check:
    """Files extracted by another extractor or code-list version than this install's."""
    from pipeline.ingest.versions import code_list_version, extractor_version

    rows = con.execute(
        "SELECT count(*) FILTER (WHERE extractor_version <> ? OR code_list_version <> ?) "
        "FROM manifest",
        [extractor_version(), code_list_version()],
    ).fetchone()
    n = int(rows[0]) if rows else 0
    if n:
        return Check("staleness", "WARN", f"{n} files from an older version: run `plans nightly`")
    return Check("staleness", "OK", "every file extracted by this version")


def run_checks(data: Path) -> list[Check]:
    """Every check, in order."""
    return [tesseract(), libreoffice(), *dataset(data)]
