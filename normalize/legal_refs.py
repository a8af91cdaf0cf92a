"""Identity of a cited document (DESIGN.md: administrative and Party numbers restart every
year at every issuer, so identity is (key, issuer, year), not the key alone)."""

from __future__ import annotations

import re
from dataclasses import replace

from models.records import LegalRefRecord
from normalize.text import fold

# Spellings of one issuer: "Ủy ban nhân dân huyện Lộc Ninh" is "UBND huyện Lộc Ninh"; a plan
# "của Chủ tịch UBND tỉnh" is the UBND's document (plan_000: KH 188 "của Chủ tịch UBND tỉnh").
ISSUER_SPELLINGS = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
    (re.compile(r"^(?:pho )?chu tich\s+"), ""),
)


def issuer_key(issuer_text: str | None) -> str | None:
    """'Chủ tịch Ủy ban nhân dân huyện Phú Bình' -> 'ubnd huyen phu binh'."""
    if not issuer_text:
        return None
    key = fold(issuer_text)
    for pattern, replacement in ISSUER_SPELLINGS:
        key = pattern.sub(replacement, key)
    return " ".join(key.split()) or None


def ref_identity(ref: LegalRefRecord, own_issuer: str | None = None) -> str | None:
    """'61/2018/NĐ-CP' stays its key; '106/KH-UBND' of UBND huyện Phú Bình dated 2023 ->
    '106/KH-UBND|ubnd huyen phu binh|2023'; a law by name -> 'Luật|<name>|<date>'.
    `own_issuer` names the issuer of the plan's own number ('UBND xã Hà Châu')."""
    if ref.key is None:
        name = fold(ref.subject or ref.ref_type)
        return f"{ref.ref_type}|{name}|{ref.issued_date.isoformat() if ref.issued_date else ''}"
    if ref.symbol_year is not None or ref.ref_type == "Tiêu chuẩn":
        return ref.key
    issuer = issuer_key(ref.issuer_text)
    if issuer is None and ref.relation == "self":
        issuer = issuer_key(own_issuer)
    year = ref.issued_date.year if ref.issued_date else None
    return f"{ref.key}|{issuer or ''}|{year or ''}"


def with_identities(
    refs: list[LegalRefRecord], own_issuer: str | None = None
) -> list[LegalRefRecord]:
    """The references with their identity filled in."""
    return [replace(ref, identity=ref_identity(ref, own_issuer)) for ref in refs]
