"""The canonical criterion list, kept as data (STYLE.md, reporters-db pattern).

Seven CSV files ship in `normalize/codes/` and are read with importlib.resources:
- criteria.csv    code,label_vi,field,level,kind,unit,status,seen_in   (fields F0-F8 + concepts)
- aliases.csv     code,alias,source,note                               (keywords, typo forms)
- code_tables.csv province,district,framework_year,local_code,canonical_code,source,note
- frameworks.csv  framework,framework_year,local_code,canonical_code,wording,source
                  (the official frameworks' items: 876 PAR Index, SIPAS, 766, PAPI, provincial
                  sets such as Hà Nội's 3199/2024; their wording is each concept's description,
                  matched beside its aliases; an item no concept measures keeps an empty
                  canonical_code and describes nothing)
- agencies.csv    code,level,alias,note                                (agency roles)
- agency_words.csv kind,level,word,note   (prefix/suffix/place/head/filler words around agencies)
- unmarked_words.csv word,kind,before,after,note  (bare function words, and the neighbours
                  that make an ambiguous bare word a content word: normalize.unmarked)
- agency_successors.csv code,successor,from,note  (a district office's name that a commune's
                  office bears from a date: 'Phòng Kinh tế' after the 2025 reform)
- typos.csv       slip,fix,source,note   (folded typing slips no rule tells: 'efrom' -> 'eform';
                  read by `normalize.text`, where the text is folded)
`source` is the provenance of an alias or code-table entry: the sample plans whose text it was
written from ('000;002'), 'framework' (an official framework's wording), 'analyst' (the concept
list's keywords) or 'doc:<doc_id>' (learned from an analyst's correction of that document).
`without_sources` hides the entries of some sources (the plan-out measure).
All are UTF-8 NFC and kept in the canonical sorted form of `render_csv` (tests check it;
`FIX_CODES=1 pytest tests/test_codes_data.py` rewrites them). A code is never renumbered or
reused; `version` (sha256[:12] over the files) changes whenever any of them changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from functools import lru_cache
from importlib import resources
from typing import Literal

from normalize.text import natural_key

CODE_FILES: dict[str, tuple[str, ...]] = {
    "criteria.csv": ("code", "label_vi", "field", "level", "kind", "unit", "status", "seen_in"),
    "aliases.csv": ("code", "alias", "source", "note"),
    "code_tables.csv": (
        "province",
        "district",
        "framework_year",
        "local_code",
        "canonical_code",
        "source",
        "note",
    ),
    "frameworks.csv": (
        "framework",
        "framework_year",
        "local_code",
        "canonical_code",
        "wording",
        "source",
    ),
    "agencies.csv": ("code", "level", "alias", "note"),
    "agency_words.csv": ("kind", "level", "word", "note"),
    "agency_successors.csv": ("code", "successor", "from", "note"),
    "typos.csv": ("slip", "fix", "source", "note"),
    "unmarked_words.csv": ("word", "kind", "before", "after", "note"),
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
    descriptions: tuple[str, ...] = ()  # official frameworks' wording (frameworks.csv)
    # row wordings an analyst's criterion choice taught (source 'doc:…', `with_aliases`)
    learned: tuple[str, ...] = ()

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
    sources: tuple[str, ...] = ()  # provenance: ('000',) for a table read off sample 000


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """A row of aliases.csv: 'đúng hạn' -> F3.ONTIME, written from samples 000..004."""

    code: str
    alias: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrameworkItem:
    """An item of an official framework: SIPAS 2017 '1' 'Tiếp cận dịch vụ' -> F8.SIPAS_ACCESS."""

    framework: str  # PAR876 | SIPAS | IDX766 | a provincial set
    framework_year: int
    local_code: str
    canonical_code: str
    wording: str  # the official wording, in a short form where the text is long
    source: str  # the decision and where it was read


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
    aliases: tuple[AliasEntry, ...] = ()
    frameworks: tuple[FrameworkItem, ...] = ()
    _index: dict[str, Concept] = dc_field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update((c.code, c) for c in self.concepts)

    def __hash__(self) -> int:
        # The version names the content (a derived list gets its own, e.g. '…-no-000'): hashing
        # it, not the thousand records, keeps the cached indexes' look-ups cheap. Equal lists
        # have equal versions, so the hash stays consistent with the generated __eq__.
        return hash(self.version)

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
    aliases = tuple(
        AliasEntry(r["code"], r["alias"], _sources(r["source"]))
        for r in parse_csv(blobs["aliases.csv"])
    )
    frameworks = tuple(_framework_item(r) for r in parse_csv(blobs["frameworks.csv"]))
    tables = tuple(_table_entry(row) for row in parse_csv(blobs["code_tables.csv"]))
    agencies = tuple(
        AgencyAlias(r["code"], r["level"], r["alias"], r["note"])
        for r in parse_csv(blobs["agencies.csv"])
    )
    concepts = _with_keys(
        tuple(_concept(row, ()) for row in parse_csv(blobs["criteria.csv"])), aliases, frameworks
    )
    return CodeList(concepts, codes_version(blobs), tables, agencies, aliases, frameworks)


@lru_cache(maxsize=8)
def without_sources(codes: CodeList, hidden: frozenset[str]) -> CodeList:
    """The list without the aliases and code-table entries that only these sources gave (plan-out).

    without_sources(codes, frozenset({'002'})) is the list as if sample 002 had never been read:
    'đúng hạn' (sources 000..004) stays, since the other plans would have taught it too, while
    'Chính quyền thân thiện' (002 only) goes.
    """
    aliases = tuple(a for a in codes.aliases if not _only_from(a.sources, hidden))
    tables = tuple(e for e in codes.code_tables if not _only_from(e.sources, hidden))
    concepts = _with_keys(codes.concepts, aliases, codes.frameworks)
    version = f"{codes.version}-{'+'.join(sorted(hidden))}"
    return CodeList(concepts, version, tables, codes.agencies, aliases, codes.frameworks)


LEARNED_PREFIX = "doc:"


def with_aliases(codes: CodeList, learned: Sequence[AliasEntry]) -> CodeList:
    """The list plus aliases learned elsewhere (an analyst's criterion choice in `plans serve`,
    source 'doc:<doc_id>'): with_aliases(codes, [AliasEntry('F3.ONTIME', 'hồ sơ trễ hẹn',
    ('doc:ab12…',))]). Aliases of unknown codes are left out; the version says it is extended."""
    known = [a for a in learned if codes.get(a.code) is not None]
    if not known:
        return codes
    aliases = codes.aliases + tuple(known)
    concepts = _with_keys(codes.concepts, aliases, codes.frameworks)
    digest = hashlib.sha256("\n".join(f"{a.code}\t{a.alias}" for a in known).encode())
    version = f"{codes.version}+{digest.hexdigest()[:6]}"
    return CodeList(concepts, version, codes.code_tables, codes.agencies, aliases, codes.frameworks)


def _with_keys(
    concepts: tuple[Concept, ...],
    aliases: tuple[AliasEntry, ...],
    frameworks: tuple[FrameworkItem, ...],
) -> tuple[Concept, ...]:
    by_code: dict[str, list[str]] = {}
    learned: dict[str, list[str]] = {}
    for entry in aliases:
        taught = any(source.startswith(LEARNED_PREFIX) for source in entry.sources)
        (learned if taught else by_code).setdefault(entry.code, []).append(entry.alias)
    wording: dict[str, list[str]] = {}
    for item in frameworks:
        if item.canonical_code:  # an item no concept measures ('Hòa giải ở cơ sở') describes none
            wording.setdefault(item.canonical_code, []).append(item.wording)
    return tuple(
        replace(
            c,
            aliases=tuple(by_code.get(c.code, ())),
            learned=tuple(learned.get(c.code, ())),
            descriptions=tuple(dict.fromkeys(wording.get(c.code, ()))),
        )
        for c in concepts
    )


def _only_from(sources: tuple[str, ...], hidden: frozenset[str]) -> bool:
    return bool(sources) and hidden.issuperset(sources)


def _sources(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(";") if s.strip())


def _framework_item(row: dict[str, str]) -> FrameworkItem:
    return FrameworkItem(
        row["framework"],
        int(row["framework_year"]),
        row["local_code"],
        row["canonical_code"],
        row["wording"],
        row["source"],
    )


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
        _sources(row["source"]),
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
    if name == "frameworks.csv":
        return (
            row["framework"],
            int(row["framework_year"] or 0),
            natural_key(row["local_code"]),
            row["canonical_code"],
        )
    if name == "agencies.csv":
        return (row["code"], row["alias"].casefold(), row["alias"])
    if name == "agency_words.csv":
        return (row["kind"], row["level"], row["word"].casefold(), row["word"])
    if name == "typos.csv":
        return (row["slip"], row["fix"])
    if name == "unmarked_words.csv":
        return (row["kind"], row["word"], row["before"], row["after"])
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
