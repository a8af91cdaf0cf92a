"""The reference vocabularies, kept as data: type words (ref_types.csv) and issuers (issuers.csv).

Both files are package data of `extract.legal`, UTF-8 NFC, read once through importlib.resources.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast

from extract.cleantext import nfc
from models.marks import strip_marks
from models.records import IssuerLevel

RefKind = Literal["normative", "administrative", "named", "standard"]
IssuerKind = Literal["symbol", "standard", "text"]

_LEVELS: frozenset[str] = frozenset(
    ("central", "ministry", "province", "district", "commune", "party", "unknown")
)
_REF_KINDS: frozenset[str] = frozenset(("normative", "administrative", "named", "standard"))
_ISSUER_KINDS: frozenset[str] = frozenset(("symbol", "standard", "text"))


@dataclass(frozen=True, slots=True)
class RefType:
    """One row of ref_types.csv, e.g. 'Nghị định' with symbol code 'NĐ' (normative)."""

    word: str
    code: str
    kind: RefKind


@dataclass(frozen=True, slots=True)
class IssuerRow:
    """One row of issuers.csv, e.g. symbol code 'CP' -> central, text word 'huyện' -> district."""

    kind: IssuerKind
    token: str
    level: IssuerLevel
    name: str


def _read_csv(name: str) -> list[dict[str, str]]:
    """Read a CSV of the package data, e.g. 'ref_types.csv', as NFC dict rows."""
    raw = resources.files("extract.legal").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(nfc(raw))))


@cache
def ref_types() -> tuple[RefType, ...]:
    """All type words in file order: ('Nghị định', 'NĐ', 'normative'), ('Kế hoạch', 'KH', …)."""
    rows: list[RefType] = []
    for row in _read_csv("ref_types.csv"):
        kind = row["kind"]
        if kind not in _REF_KINDS:
            raise ValueError(f"ref_types.csv: unknown kind {kind!r} for {row['word']!r}")
        rows.append(RefType(row["word"], row["code"], cast(RefKind, kind)))
    return tuple(rows)


@cache
def issuer_rows() -> tuple[IssuerRow, ...]:
    """All issuer rows in file order: ('symbol', 'CP', 'central', 'Chính phủ'), …."""
    rows: list[IssuerRow] = []
    for row in _read_csv("issuers.csv"):
        kind, level = row["kind"], row["issuer_level"]
        if kind not in _ISSUER_KINDS or level not in _LEVELS:
            raise ValueError(f"issuers.csv: bad row {row!r}")
        rows.append(
            IssuerRow(cast(IssuerKind, kind), row["token"], cast(IssuerLevel, level), row["name"])
        )
    return tuple(rows)


@cache
def type_by_word() -> dict[str, RefType]:
    """Casefolded type word -> row: 'quyết định' -> ('Quyết định', 'QĐ', 'normative'); also
    without marks ('quyet dinh'), as a text typed without them writes it."""
    bare = {strip_marks(t.word).casefold(): t for t in ref_types()}
    return bare | {t.word.casefold(): t for t in ref_types()}


@cache
def type_by_code() -> dict[str, RefType]:
    """Symbol type code -> row: 'QĐ' -> 'Quyết định', 'CTr' -> 'Chương trình'."""
    return {t.code: t for t in ref_types() if t.code}


@cache
def name_by_code() -> dict[str, str]:
    """Symbol issuer code -> the body it names: 'SNV' -> 'Sở Nội vụ', 'TTg' -> 'Thủ tướng
    Chính phủ'; codes that name no one body ('UBND', 'VP') are left out."""
    return {r.token: r.name for r in issuer_rows() if r.kind == "symbol" and r.name}


@cache
def level_by_code(kind: IssuerKind = "symbol") -> dict[str, IssuerLevel]:
    """Issuer code -> level: 'CP' -> central, 'VPCP' -> ministry, 'TU' -> party."""
    return {r.token: r.level for r in issuer_rows() if r.kind == kind}


@cache
def organ_names() -> tuple[tuple[str, IssuerLevel], ...]:
    """Named central/ministry/department organs, longest first: 'Văn phòng Chính phủ', …."""
    names = {
        (r.name, r.level)
        for r in issuer_rows()
        if r.kind == "symbol" and r.name and r.level in ("central", "ministry", "province")
    }
    return tuple(sorted(names, key=lambda n: (-len(n[0]), n[0])))


@cache
def level_words() -> tuple[tuple[str, IssuerLevel], ...]:
    """Casefolded words of issuer text -> level, longest first: ('ban thường vụ', 'party'), …."""
    words = [(r.token.casefold(), r.level) for r in issuer_rows() if r.kind == "text"]
    return tuple(sorted(words, key=lambda w: (-len(w[0]), w[0])))


@cache
def ascii_code_aliases() -> dict[str, str]:
    """Codes typed without the Đ stroke -> canonical: 'ND' -> 'NĐ', 'QD' -> 'QĐ', 'DU' -> 'ĐU'."""
    codes = [t.code for t in ref_types() if t.code] + [
        r.token for r in issuer_rows() if r.kind == "symbol"
    ]
    aliases: dict[str, str] = {}
    for code in codes:
        plain = code.replace("Đ", "D").replace("đ", "d")
        if plain != code and plain not in codes:
            aliases[plain] = code
    return aliases


@cache
def code_case_aliases() -> dict[str, str]:
    """Codes typed in the wrong case, keyed by their casefold -> canonical: 'TTG' and 'Ttg'
    (OCR of the plan_004 scan) -> 'TTg', 'CTR' -> 'CTr' (issue 15). A casefold that two
    codes share is left out."""
    codes = {t.code for t in ref_types() if t.code} | {
        r.token for r in issuer_rows() if r.kind == "symbol"
    }
    folded = Counter(code.casefold() for code in codes)
    return {code.casefold(): code for code in codes if folded[code.casefold()] == 1}
