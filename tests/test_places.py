"""Places resolved against the gazetteer (issue 15): the five sample plans and a few others.

Expectations: names and province-from-district checked by hand against the plans' own texts
(plan_002 names huyện Lộc Ninh, which is in Bình Phước; plan_003 names huyện Sơn Hà, Quảng
Ngãi); codes and successors as the gazetteer's 2025 mapping states them.
"""

from __future__ import annotations

from datetime import date

import pytest

from models.document import UnitCodes
from normalize.places import Places, place_key, resolve_places


def places(
    commune: str,
    district: str,
    province: str,
    name: str,
    successor: str,
    code: str,
    successor_province: str,
) -> Places:
    return Places(name, UnitCodes(commune, district, province, successor, code, successor_province))


SAMPLES = {
    # plan: (commune, district, province printed, issue date) -> expected
    "000": (("Hà Châu", "Phú Bình", "Thái Nguyên", date(2022, 8, 28)),
            places("05968", "173", "19", "Thái Nguyên", "Điềm Thụy", "05941", "Thái Nguyên")),
    "001": (("Thanh Liệt", "Thanh Trì", "Hà Nội", date(2024, 5, 6)),
            places("00646", "020", "01", "Hà Nội", "Thanh Liệt", "00643", "Hà Nội")),
    "002": (("Lộc Hòa", "Lộc Ninh", None, date(2025, 1, 22)),
            places("25273", "692", "70", "Bình Phước", "Lộc Thạnh", "25280", "Đồng Nai")),
    "003": (("Sơn Thượng", "Sơn Hà", None, None),
            places("21313", "529", "51", "Quảng Ngãi", "Sơn Hà", "21289", "Quảng Ngãi")),
    "004": (("Giang Điền", "Trảng Bom", "Đồng Nai", date(2023, 2, 3)),
            places("26293", "737", "75", "Đồng Nai", "Trảng Bom", "26248", "Đồng Nai")),
}  # fmt: skip


@pytest.mark.parametrize("plan", sorted(SAMPLES))
def test_sample_places(plan: str) -> None:
    given, want = SAMPLES[plan]
    got = resolve_places(*given)
    assert got == want
    assert (
        got.province
        and got.units.commune_code
        and got.units.district_code
        and got.units.province_code
    )


def test_province_is_filled_from_the_district() -> None:
    assert resolve_places("Lộc Hòa", "Lộc Ninh", None, None).province == "Bình Phước"
    assert resolve_places("Sơn Thượng", "Sơn Hà", None, None).province == "Quảng Ngãi"


def test_another_real_commune() -> None:
    got = resolve_places("Thạch Kim", "Thạch Hà", "Hà Tĩnh", date(2024, 3, 5))
    assert (got.units.commune_code, got.units.district_code, got.units.province_code) == (
        "18580",
        "445",
        "42",
    )


def test_a_name_that_matches_no_unit_is_flagged() -> None:
    assert resolve_places("Thạch Kimhttps", "Thạch Hà", None, None).units.place_flags == (
        "unknown_commune",
    )
    assert resolve_places("Nội", None, None, None).units.place_flags == ("unknown_commune",)


def test_a_common_name_without_its_district_is_ambiguous() -> None:
    # Lộc Hòa is a commune in Bình Phước, Huế, Vĩnh Long (and a ward of Nam Định)
    assert resolve_places("Lộc Hòa", None, None, None).units.place_flags == ("ambiguous_commune",)
    assert resolve_places("Lộc Hòa", None, "Bình Phước", None).units.commune_code == "25273"


def test_a_plan_after_the_merger_names_a_new_commune() -> None:
    got = resolve_places("Điềm Thụy", None, "Thái Nguyên", date(2025, 9, 1))
    assert (got.units.commune_code, got.units.province_code, got.units.successor_commune) == (
        "05941",
        "19",
        "Điềm Thụy",
    )
    assert "post_2025" in got.units.place_flags


def test_plans_before_and_after_compare_on_one_key() -> None:
    before = resolve_places("Hà Châu", "Phú Bình", "Thái Nguyên", date(2023, 8, 25))
    after = resolve_places("Điềm Thụy", None, "Thái Nguyên", date(2025, 9, 1))
    assert before.units.successor_commune_code == after.units.successor_commune_code == "05941"


def test_place_key() -> None:
    assert place_key("Sơn Thượng") == "sonthuong" and place_key("Đồng Nai") == "dongnai"
