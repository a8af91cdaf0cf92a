"""Identity of a cited document (DESIGN.md: administrative and Party numbers restart every
year at every issuer, so identity is (key, issuer, year), not the key alone)."""

from __future__ import annotations

import re
from dataclasses import replace

from models.records import LegalRefRecord
from normalize.places import central_cities, place_key
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


# An issuer named only by its level ("của Chủ tịch UBND huyện", "Ban Thường vụ Tỉnh ủy",
# "của UBND xã", "của Đảng ủy xã") is the one of the citing plan's own commune, district or
# province: each numbers its documents from 1 every year.
LEVEL_ONLY = (
    (re.compile(r"(?:^|\s)(?:ubnd|hdnd) (xa|huyen|tinh)$"), 1),
    (re.compile(r"(?:^|\s)(huyen|tinh) uy$"), 1),
    (re.compile(r"(?:^|\s)dang uy (xa)$"), 1),
    (re.compile(r"ban chap hanh dang bo (xa|huyen|tinh)$"), 1),
)


# A provincial department ('Sở Nội vụ', 'Giám đốc Sở Tư pháp', 'Sở Nội vụ tỉnh Đồng Nai'):
# every province has one of each, numbering its documents from 1 every year; named without
# its province, it is the citing plan's. Its key is the department and the province without
# its level word ('so noi vu dong nai'), however the plan writes it.
DEPARTMENT_RE = re.compile(
    r"^(?:giam doc )?(?P<dept>so .+?)(?: (?:tinh|thanh pho)(?: (?P<place>.+))?)?$"
)


# A centrally-run city's province-level bodies named by their level only ('UBND Thành phố',
# 'Ban Thường vụ Thành ủy'; 'UBND tỉnh' is the same body there) are the citing plan's city:
# unplaced, Hà Nội's and Hải Phòng's 'KH 45/KH-UBND' of 2024 were one document. Elsewhere
# 'thành phố' may be a province's own city (thành phố Thái Nguyên before 2025): left as is.
CITY_LEVEL_ONLY = (
    (re.compile(r"^(?P<who>(?:.* )?(?:ubnd|hdnd)) (?:thanh pho|tinh)$"), "{who} thanh pho {city}"),
    (re.compile(r"^(?P<who>(?:.* )?)(?:thanh|tinh) uy$"), "{who}thanh uy {city}"),
)


def place_issuer(issuer: str | None, places: dict[str, str | None]) -> str | None:
    """'ubnd huyen' in a plan of huyện Phú Bình -> 'ubnd huyen phu binh'; 'so noi vu' in a
    plan of tỉnh Đồng Nai -> 'so noi vu dong nai' (DEPARTMENT_RE); 'ubnd thanh pho' in a plan
    of Hà Nội -> 'ubnd thanh pho ha noi' (CITY_LEVEL_ONLY)."""
    if issuer is None:
        return None
    department = DEPARTMENT_RE.match(issuer)
    if department:
        place = department.group("place") or fold(places.get("tinh") or "")
        return f"{department.group('dept')} {place}".strip()
    city = places.get("tinh")
    if city and place_key(city) in central_cities():
        for pattern, form in CITY_LEVEL_ONLY:
            if found := pattern.match(issuer):
                return form.format(who=found.group("who"), city=fold(city))
    for pattern, group in LEVEL_ONLY:
        match = pattern.search(issuer)
        if match and places.get(match.group(group)):
            return f"{issuer} {fold(places[match.group(group)] or '')}"
    return issuer


def ref_identity(
    ref: LegalRefRecord,
    own_issuer: str | None = None,
    known: dict[str, tuple[str, int]] | None = None,
    places: dict[str, str | None] | None = None,
) -> str | None:
    """'61/2018/NĐ-CP' stays its key; '106/KH-UBND' of UBND huyện Phú Bình dated 2023 ->
    '106/KH-UBND|ubnd huyen phu binh|2023'; a law by name -> 'Luật|<name>|<date>'.
    `own_issuer` names the issuer of the plan's own number ('UBND xã Hà Châu'); `known` gives,
    per key, the issuer and year the same plan states elsewhere for it."""
    if ref.key is None:  # a law by name, "Đề án 06", "Thông tư 01/2020" (issue 15: keep them)
        name = " ".join((ref.subject or _number_of(ref)).casefold().split())
        when = ref.issued_date.isoformat() if ref.issued_date else str(ref.symbol_year or "")
        return f"{ref.ref_type}|{name}|{when}"
    key = _plain_number(ref.key)
    if ref.symbol_year is not None or ref.ref_type == "Tiêu chuẩn":
        return key
    issuer = _issuer_of(ref, own_issuer, places or {})
    year = ref.issued_date.year if ref.issued_date else None
    national = _national(ref)
    if known and ref.key in known:
        stated, stated_year = known[ref.key]
        if issuer is None or national or issuer == stated:  # the one the plan states in full
            issuer, year = issuer or stated, year or stated_year
    return f"{key}|{'' if national else issuer or ''}|{year or ''}"


def _issuer_of(
    ref: LegalRefRecord, own_issuer: str | None, places: dict[str, str | None]
) -> str | None:
    """The issuer key of a reference as written, placed ('ubnd huyen' -> 'ubnd huyen phu
    binh'); a self-reference's is the plan's own."""
    issuer = place_issuer(issuer_key(ref.issuer_text), places)
    if issuer is None and ref.relation == "self":
        issuer = issuer_key(own_issuer)
    return issuer


# A national body numbers its documents once for the country and its key names it ('QĐ-TTg',
# 'QĐ-BNV', 'KL/TW', 'HD/BTCTW'): the issuer as written ('của Thủ tướng Chính phủ', 'của Bộ
# Chính trị', or none) is no part of its identity. National: a code of the central or ministry
# level, or of the central Party ('TW', Trung ương, in the code; not 'TU', 'HU', 'ĐU').
NATIONAL_LEVELS = frozenset({"central", "ministry"})
CENTRAL_PARTY_CODE_RE = re.compile(r"TW")


def _national(ref: LegalRefRecord) -> bool:
    """True for a document of a national body: 766/QĐ-TTg, 126-KL/TW; not 20-CT/TU."""
    if not ref.issuer_code:
        return False
    central_party = CENTRAL_PARTY_CODE_RE.search(ref.issuer_code) is not None
    return central_party or ref.issuer_level in NATIONAL_LEVELS


def _number_of(ref: LegalRefRecord) -> str:
    """'06' of 'Đề án 06'; '01/2020' of 'Thông tư 01/2020'; the type when no number."""
    if ref.number is None:
        return ref.ref_type
    return f"{ref.number}/{ref.symbol_year}" if ref.symbol_year else ref.number


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def _plain_number(key: str) -> str:
    """'09/QĐ-UBND' -> '9/QĐ-UBND': one document however its number is padded (issue 15)."""
    return _LEADING_ZEROS.sub("", key)


def match_key(identity: str | None) -> str | None:
    """The identity folded to ASCII for loose matching: 'Đề án|06|' -> 'de an|06|';
    identities keep the Vietnamese letters, this key is for joins across spellings."""
    if identity is None:
        return None
    return "|".join(fold(part) for part in identity.split("|"))


def with_identities(
    refs: list[LegalRefRecord],
    own_issuer: str | None = None,
    places: dict[str, str | None] | None = None,
) -> list[LegalRefRecord]:
    """The references with their identity filled in. Within one plan a key cited once with
    its issuer and date and again bare ('Chỉ thị số 20-CT/TU, ngày 26/4/2023 của Ban Thường
    vụ Tỉnh ủy' … 'Chỉ thị số 20-CT/TU') is one document."""
    known: dict[str, tuple[str, int]] = {}
    for ref in refs:
        issuer = place_issuer(issuer_key(ref.issuer_text), places or {})
        if ref.key and (issuer or _national(ref)) and ref.issued_date and ref.key not in known:
            known[ref.key] = (issuer or "", ref.issued_date.year)
    return [replace(ref, identity=ref_identity(ref, own_issuer, known, places)) for ref in refs]
