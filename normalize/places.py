"""Places resolved to Vietnam's administrative units, before and after the 1 July 2025 merger.

The gazetteer is the `vietnamadminunits` package (MIT; its data ships in the wheel, nothing is
downloaded at run time): the 63-province units with their official (GSO) codes, the 34-province
units, and the mapping of every old commune to its successor. Only the package's data files are
read (SQLite and JSON), not its parser, which would import shapely and geopy.

`resolve_places('Hà Châu', 'Phú Bình', None, date(2022, 8, 28))` -> Places(province='Thái
Nguyên', units=UnitCodes(commune_code='05968', district_code='173', province_code='19',
successor_commune='Điềm Thụy', successor_commune_code='05941', …)).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from models.document import UnitCodes

MERGER_DATE = date(2025, 7, 1)  # districts abolished, 63 provinces -> 34
_LEGACY_SQL = (
    "SELECT provinceShort, provinceCode, provinceKey, districtShort, districtCode, districtKey,"
    " wardShort, wardCode, wardKey FROM admin_units_legacy"
)
_NEW_SQL = (
    "SELECT provinceShort, provinceCode, provinceKey, wardShort, wardCode, wardKey FROM admin_units"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One commune-level unit: names and official codes of it and its parents."""

    province: str
    province_code: str
    province_key: str
    district: str | None
    district_code: str | None
    district_key: str | None
    commune: str
    commune_code: str
    commune_key: str


@dataclass(frozen=True, slots=True)
class Places:
    """A plan's places resolved: the province (filled from the district when the text leaves
    it out) and the documents columns of UnitCodes: codes, the successor commune after 1 July
    2025, and flags ('unknown_commune', 'ambiguous_commune', …)."""

    province: str | None = None
    units: UnitCodes = UnitCodes()


def _flagged(province: str | None, *flags: str) -> Places:
    return Places(province, UnitCodes(place_flags=flags))


def place_key(name: str) -> str:
    """Name -> match key without marks, case or spaces: 'Sơn Thượng' -> 'sonthuong'."""
    folded = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d").casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def _data_dir() -> Path:
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "vietnamadminunits is not installed (pip install vietnamadminunits)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


_CITIES_SQL = (
    "SELECT province, provinceShort FROM admin_units"
    " UNION SELECT province, provinceShort FROM admin_units_legacy"
)


@cache
def central_cities() -> frozenset[str]:
    """place_key of the centrally-run cities, 'Thành phố Hà Nội' in the gazetteer (before and
    after 2025): {'hanoi', 'haiphong', 'hue', …}."""
    with sqlite3.connect(_data_dir() / "dataset.db") as conn:
        rows = conn.execute(_CITIES_SQL).fetchall()
    return frozenset(place_key(short) for full, short in rows if full.startswith("Thành phố"))


@cache
def legacy_units() -> tuple[Unit, ...]:
    """Every commune of the 63 provinces (before 1 July 2025), with official codes."""
    with sqlite3.connect(_data_dir() / "dataset.db") as conn:
        rows = conn.execute(_LEGACY_SQL).fetchall()
    return tuple(Unit(*row) for row in rows)


@cache
def new_units() -> dict[tuple[str, str], Unit]:
    """The 34-province communes by (province key, commune key), raw and folded."""
    with sqlite3.connect(_data_dir() / "dataset.db") as conn:
        rows = conn.execute(_NEW_SQL).fetchall()
    units = [Unit(p, pc, pk, None, None, None, w, wc, wk) for p, pc, pk, w, wc, wk in rows]
    # Some keys keep their marks ('xãlộcthạnh' beside 'xalocthanh' of Lộc Thành): the raw key
    # first, the folded one only where it is unique.
    folded = [(u.province_key, place_key(u.commune_key)) for u in units]
    once = {k for k, n in Counter(folded).items() if n == 1}
    index = {k: u for k, u in zip(folded, units, strict=True) if k in once}
    index.update({(u.province_key, u.commune_key): u for u in units})
    return index


@cache
def successors() -> dict[str, tuple[str, str]]:
    """Old 'province_district_commune' key -> (new province key, new commune key)."""
    data = json.loads((_data_dir() / "converter_2025.json").read_text("utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            out.update({old: (province, ward) for old in olds})
    for province, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, options in olds.items():
            default = next((o for o in options if o["isDefaultNewWard"]), options[0])
            out.setdefault(old, (province, default["newWardKey"]))
    return out


Keys = tuple[str, str, str]  # place keys of a unit's commune, district and province
Wanted = tuple[str | None, str | None, str | None]  # the same, None for a name not given


def _keys(unit: Unit) -> Keys:
    return (
        place_key(unit.commune or ""),
        place_key(unit.district or ""),
        place_key(unit.province or ""),
    )


def _wanted(commune: str | None, district: str | None, province: str | None) -> Wanted:
    c, d, p = (None if name is None else place_key(name) for name in (commune, district, province))
    return c, d, p


def _agrees(want: Wanted, keys: Keys) -> bool:
    """Every given name's key equals the unit's (a name not given agrees with any)."""
    return all(w is None or w == k for w, k in zip(want, keys, strict=True))


@cache
def _keyed_units() -> tuple[tuple[Unit, Keys], ...]:
    """Every legacy unit with its place keys, computed once (not for every document)."""
    return tuple((u, _keys(u)) for u in legacy_units())


@cache
def _units_by_commune() -> dict[str, tuple[tuple[Unit, Keys], ...]]:
    """`_keyed_units` grouped by commune key, in their order."""
    groups: dict[str, list[tuple[Unit, Keys]]] = {}
    for unit, keys in _keyed_units():
        groups.setdefault(keys[0], []).append((unit, keys))
    return {key: tuple(group) for key, group in groups.items()}


def _legacy_hits(commune: str | None, district: str | None, province: str | None) -> list[Unit]:
    """The legacy units whose names match the given ones (None matches any), in order."""
    want = _wanted(commune, district, province)
    pool = _keyed_units() if want[0] is None else _units_by_commune().get(want[0], ())
    return [u for u, keys in pool if _agrees(want, keys)]


def _successor(unit: Unit) -> Unit | None:
    """The commune that took `unit` over on 1 July 2025: Hà Châu -> Điềm Thụy (Thái Nguyên)."""
    found = successors().get(f"{unit.province_key}_{unit.district_key}_{unit.commune_key}")
    if found is None:
        return None
    return new_units().get(found) or new_units().get((found[0], place_key(found[1])))


def _resolved(unit: Unit, flags: list[str]) -> Places:
    after = _successor(unit)
    if after is None:
        flags.append("no_successor")
    units = UnitCodes(
        commune_code=unit.commune_code or None,
        district_code=unit.district_code,
        province_code=unit.province_code,
        successor_commune=after.commune if after else None,
        successor_commune_code=after.commune_code if after else None,
        successor_province=after.province if after else None,
        place_flags=tuple(flags),
    )
    return Places(unit.province, units)


def _new_commune(commune: str, province: str | None) -> Places:
    """A plan issued after the merger names a new commune, which has no district."""
    want = _wanted(commune, None, province)
    hits = list({u for u in new_units().values() if _agrees(want, _keys(u))})
    if len(hits) != 1:
        return _flagged(None, "unknown_commune" if not hits else "ambiguous_commune", "post_2025")
    unit = hits[0]
    units = UnitCodes(
        commune_code=unit.commune_code,
        province_code=unit.province_code,
        successor_commune=unit.commune,
        successor_commune_code=unit.commune_code,
        successor_province=unit.province,
        place_flags=("post_2025",),
    )
    return Places(unit.province, units)


def resolve_places(
    commune: str | None, district: str | None, province: str | None, issue_date: date | None
) -> Places:
    """('Lộc Hòa', 'Lộc Ninh', None, 2025-01-22) -> codes 25273/692/70, province 'Bình Phước',
    successor 'Lộc Thạnh' (Đồng Nai); a name no unit has -> flags ('unknown_commune',)."""
    if commune and issue_date is not None and issue_date >= MERGER_DATE and not district:
        return _new_commune(commune, province)
    if not commune and not district:
        return _flagged(province, "no_place")
    hits = _legacy_hits(commune, district, province)
    if not hits:
        return _flagged(province, "unknown_commune" if commune else "unknown_district")
    if commune is None:
        first = hits[0]
        same = all(u.district_code == first.district_code for u in hits)
        flags = () if same else ("ambiguous_district",)
        units = UnitCodes(
            district_code=first.district_code, province_code=first.province_code, place_flags=flags
        )
        return Places(first.province, units)
    if len(hits) > 1:
        return _flagged(province, "ambiguous_commune")
    return _resolved(hits[0], [])
