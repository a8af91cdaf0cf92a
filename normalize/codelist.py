"""The canonical criterion list, kept as data (STYLE.md, reporters-db pattern).

Five CSV files ship in `normalize/codes/` and are read with importlib.resources:
- criteria.csv    code,label_vi,field,level,kind,unit,status,seen_in   (fields F0-F8 + concepts)
- aliases.csv     code,alias,note                                      (keywords, typo forms)
- code_tables.csv province,district,framework_year,local_code,canonical_code,note
- agencies.csv    code,level,alias,note                                (agency roles)
- agency_words.csv kind,level,word,note   (prefix/suffix/place/head/filler words around agencies)
All are UTF-8 NFC and kept in the canonical sorted form of `render_csv` (tests check it;
`FIX_CODES=1 pytest tests/test_codes_data.py` rewrites them). A code is never renumbered or
reused; `version` (sha256[:12] over the five files) changes whenever any of them changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from importlib import resources
from typing import Literal

from normalize.text import natural_key

CODE_FILES: dict[str, tuple[str, ...]] = {
    "criteria.csv": ("code", "label_vi", "field", "level", "kind", "unit", "status", "seen_in"),
    "aliases.csv": ("code", "alias", "note"),
    "code_tables.csv": (
        "province",
        "district",
        "framework_year",
        "local_code",
        "canonical_code",
        "note",
    ),
    "agencies.csv": ("code", "level", "alias", "note"),
    "agency_words.csv": ("kind", "level", "word", "note"),
}

Level = Literal["field", "group", "leaf"]


@dataclass(frozen=True, slots=True)
class Concept:
    """A row of criteria.csv: 'F3.ONTIME', 'Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn', F3."""

    code: str
    label_vi: str
    field: str
    level: str  # field | group | leaf
    kind: str  # self | xhh | composite
    unit: str  # % | points | count | bool
    aliases: tuple[str, ...]
    status: str  # O (official) | P (proposed)
    seen_in: tuple[str, ...]

    @property
    def is_field(self) -> bool:
        """True for the field rows F0..F8 (level 'field')."""
        return self.level == "field"


@dataclass(frozen=True, slots=True)
class CodeTableEntry:
    """A verified local code: Thái Nguyên/Phú Bình 2023 '3.2.2' -> F3.ONTIME."""

    province: str
    district: str
    framework_year: int
    local_code: str
    canonical_code: str  # a concept code, or a field code (F6) for a group with no concept
    note: str  # the local label as printed in the sample, for the label check


@dataclass(frozen=True, slots=True)
class AgencyAlias:
    """A printed agency name and its role: 'VP UBND xã' -> VP_TK (commune)."""

    code: str
    level: str  # commune | district | province | central | party | mass_org
    alias: str
    note: str


@dataclass(frozen=True, slots=True)
class CodeList:
    """The loaded list: concepts sorted by code, plus the code tables and agency aliases."""

    concepts: tuple[Concept, ...]
    version: str
    code_tables: tuple[CodeTableEntry, ...] = ()
    agencies: tuple[AgencyAlias, ...] = ()
    _index: dict[str, Concept] = dc_field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update((c.code, c) for c in self.concepts)

    def get(self, code: str) -> Concept | None:
        """The concept (or field) with this code, e.g. get('F3.ONTIME')."""
        return self._index.get(code)

    @property
    def fields(self) -> tuple[Concept, ...]:
        """The field rows F0..F8."""
        return tuple(c for c in self.concepts if c.is_field)


def read_code_file(name: str) -> bytes:
    """The bytes of a shipped code file, e.g. read_code_file('criteria.csv')."""
    return resources.files("normalize").joinpath("codes").joinpath(name).read_bytes()


def parse_csv(data: bytes) -> list[dict[str, str]]:
    """CSV bytes (UTF-8, header row) -> list of row dicts."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@lru_cache(maxsize=1)
def load_codelist() -> CodeList:
    """Load the shipped code list (cached): load_codelist().get('F3.ONTIME').label_vi."""
    blobs = {name: read_code_file(name) for name in CODE_FILES}
    aliases: dict[str, list[str]] = {}
    for row in parse_csv(blobs["aliases.csv"]):
        aliases.setdefault(row["code"], []).append(row["alias"])
    concepts = tuple(
        _concept(row, tuple(aliases.get(row["code"], ())))
        for row in parse_csv(blobs["criteria.csv"])
    )
    tables = tuple(_table_entry(row) for row in parse_csv(blobs["code_tables.csv"]))
    agencies = tuple(
        AgencyAlias(r["code"], r["level"], r["alias"], r["note"])
        for r in parse_csv(blobs["agencies.csv"])
    )
    return CodeList(concepts, codes_version(blobs), tables, agencies)


def codes_version(blobs: dict[str, bytes]) -> str:
    """sha256[:12] over the code files in a fixed order (name and bytes of each)."""
    digest = hashlib.sha256()
    for name in sorted(blobs):
        digest.update(name.encode("utf-8") + b"\0" + blobs[name] + b"\0")
    return digest.hexdigest()[:12]


def _concept(row: dict[str, str], aliases: tuple[str, ...]) -> Concept:
    seen = tuple(s for s in row["seen_in"].split(";") if s)
    return Concept(
        row["code"],
        row["label_vi"],
        row["field"],
        row["level"],
        row["kind"],
        row["unit"],
        aliases,
        row["status"],
        seen,
    )


def _table_entry(row: dict[str, str]) -> CodeTableEntry:
    return CodeTableEntry(
        row["province"],
        row["district"],
        int(row["framework_year"]),
        row["local_code"],
        row["canonical_code"],
        row["note"],
    )


def sort_key(name: str, row: dict[str, str]) -> tuple[object, ...]:
    """The canonical row order of each file (natural order of codes)."""
    if name == "code_tables.csv":
        return (
            row["province"],
            row["district"],
            int(row["framework_year"] or 0),
            natural_key(row["local_code"]),
            row["canonical_code"],
        )
    if name == "agencies.csv":
        return (row["code"], row["alias"].casefold(), row["alias"])
    if name == "agency_words.csv":
        return (row["kind"], row["level"], row["word"].casefold(), row["word"])
    if name == "aliases.csv":
        return (natural_key(row["code"]), row["alias"].casefold(), row["alias"])
    return (natural_key(row["code"]),)


def render_csv(name: str, rows: Sequence[dict[str, str]]) -> bytes:
    """The canonical bytes of a code file: header, rows sorted, '\\n' line ends, minimal quoting."""
    header = CODE_FILES[name]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in sorted(rows, key=lambda r: sort_key(name, r)):
        writer.writerow([row.get(col, "") for col in header])
    return out.getvalue().encode("utf-8")
