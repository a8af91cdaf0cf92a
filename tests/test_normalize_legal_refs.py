"""Identity of cited documents: (key, issuer, year) for numbers that restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.records import LegalRefRecord
from normalize.legal_refs import issuer_key, ref_identity


def _ref(
    key: str | None,
    *,
    issuer: str | None = None,
    when: date | None = None,
    symbol_year: int | None = None,
    relation: str = "mention",
    ref_type: str = "Kế hoạch",
    subject: str | None = None,
) -> LegalRefRecord:
    return LegalRefRecord(
        doc_id="d",
        key=key,
        ref_type=ref_type,
        number=None,
        symbol_year=symbol_year,
        symbol=None,
        issuer_code=None,
        issuer_level="unknown",
        issued_date=when,
        issuer_text=issuer,
        subject=subject,
        relation=relation,  # type: ignore[arg-type]
        page=1,
        char_start=0,
        char_end=1,
        context="",
    )


def test_normative_key_is_its_identity() -> None:
    assert ref_identity(_ref("61/2018/NĐ-CP", symbol_year=2018, ref_type="Nghị định")) == (
        "61/2018/NĐ-CP"
    )


def test_same_administrative_key_from_two_districts_is_two_documents() -> None:
    a = _ref("22/KH-UBND", issuer="UBND huyện Phú Bình", when=date(2023, 3, 1))
    b = _ref("22/KH-UBND", issuer="Ủy ban nhân dân huyện Lộc Ninh", when=date(2023, 3, 1))
    assert ref_identity(a) == "22/KH-UBND|ubnd huyen phu binh|2023"
    assert ref_identity(b) == "22/KH-UBND|ubnd huyen loc ninh|2023"


def test_spellings_of_one_issuer_agree() -> None:
    assert issuer_key("Chủ tịch Ủy ban nhân dân huyện Phú Bình") == "ubnd huyen phu binh"
    assert issuer_key("UBND huyện Phú Bình") == "ubnd huyen phu binh"
    assert issuer_key(None) is None


def test_own_number_takes_the_plans_issuer() -> None:
    own = _ref("57/KH-UBND", when=date(2022, 8, 28), relation="self")
    assert ref_identity(own, "UBND xã Hà Châu") == "57/KH-UBND|ubnd xa ha chau|2022"


def test_law_by_name() -> None:
    law = _ref(
        None, ref_type="Luật", subject="Luật Tổ chức chính quyền địa phương", when=date(2015, 6, 19)
    )
    assert ref_identity(law) == "Luật|luật tổ chức chính quyền địa phương|2015-06-19"


def test_a_bare_mention_takes_the_issuer_the_plan_gives_elsewhere() -> None:
    from normalize.legal_refs import with_identities

    full = _ref(
        "20-CT/TU", issuer="Ban Thường vụ Tỉnh ủy", when=date(2023, 4, 26), ref_type="Chỉ thị"
    )
    bare = _ref("20-CT/TU", ref_type="Chỉ thị")
    assert {r.identity for r in with_identities([full, bare])} == {
        "20-CT/TU|ban thuong vu tinh uy|2023"
    }


def test_an_issuer_named_by_level_only_is_the_plans_own_district() -> None:
    from normalize.legal_refs import with_identities

    ref = _ref("02/KH-UBND", issuer="Chủ tịch UBND huyện", when=date(2023, 1, 6))
    party = _ref("20-CT/TU", issuer="Ban Thường vụ Tỉnh ủy", when=date(2023, 4, 26))
    places = {"xa": "Hà Châu", "huyen": "Phú Bình", "tinh": "Thái Nguyên"}
    assert [r.identity for r in with_identities([ref, party], places=places)] == [
        "2/KH-UBND|ubnd huyen phu binh|2023",
        "20-CT/TU|ban thuong vu tinh uy thai nguyen|2023",
    ]


def test_an_issuer_named_by_the_commune_level_only_is_the_plans_own_commune() -> None:
    # Party and people's committees of a commune number their documents from 1 each year:
    # 'của Đảng ủy xã' in two communes' plans are two committees.
    from normalize.legal_refs import with_identities

    refs = [
        _ref("05-NQ/ĐU", issuer="Đảng ủy xã", when=date(2026, 1, 10)),
        _ref("15/QĐ-UBND", issuer="UBND xã", when=date(2026, 1, 3)),
        _ref("03/NQ-HĐND", issuer="HĐND xã", when=date(2026, 1, 5)),
    ]
    places = {"xa": "Minh Phú", "huyen": None, "tinh": "Hà Nội"}
    assert [r.identity for r in with_identities(refs, places=places)] == [
        "5-NQ/ĐU|dang uy xa minh phu|2026",
        "15/QĐ-UBND|ubnd xa minh phu|2026",
        "3/NQ-HĐND|hdnd xa minh phu|2026",
    ]


def test_identity_keeps_the_number_and_vietnamese_letters() -> None:
    """Issue 15: 'Đề án|de an|' lost the number; ASCII folding belongs in match_key."""
    from normalize.legal_refs import match_key

    ident = ref_identity(_with_number(None, "06", ref_type="Đề án"))
    assert ident == "Đề án|06|"
    assert match_key(ident) == "de an|06|"
    law = _ref(None, ref_type="Luật", subject="Luật Cán bộ, công chức")
    assert ref_identity(law) == "Luật|luật cán bộ, công chức|"


def test_padded_numbers_are_one_identity() -> None:
    a = _ref("09/QĐ-UBND", issuer="UBND xã Lộc Hòa", when=date(2025, 1, 22))
    b = _ref("9/QĐ-UBND", issuer="UBND xã Lộc Hòa", when=date(2025, 1, 22))
    assert ref_identity(a) == ref_identity(b) == "9/QĐ-UBND|ubnd xa loc hoa|2025"


def _with_number(key: str | None, number: str, ref_type: str) -> LegalRefRecord:
    from dataclasses import replace

    return replace(_ref(key, ref_type=ref_type), number=number)


@pytest.mark.parametrize(
    ("key", "code", "level", "issuer"),
    [
        ("766/QĐ-TTg", "TTg", "central", "Thủ tướng Chính phủ"),
        ("1187/QĐ-BNV", "BNV", "ministry", "Bộ trưởng Bộ Nội vụ"),
        ("126-KL/TW", "TW", "party", "Bộ Chính trị, Ban Bí thư"),
        ("25-HD/BTCTW", "BTCTW", "party", "Ban Tổ chức Trung ương"),
    ],
)
def test_a_national_body_s_document_is_one_however_its_issuer_is_written(
    key: str, code: str, level: str, issuer: str
) -> None:
    # A national body numbers its documents once for the country: its key already names it,
    # so 'QĐ 766/QĐ-TTg của Thủ tướng Chính phủ' and a bare 'QĐ 766/QĐ-TTg' are one.
    when = date(2025, 2, 14)
    named = replace(_ref(key, issuer=issuer, when=when), issuer_code=code, issuer_level=level)
    bare = replace(_ref(key, when=when), issuer_code=code, issuer_level=level)
    assert ref_identity(named) == ref_identity(bare) == f"{key}||2025"


def test_a_local_party_committee_s_document_keeps_its_issuer() -> None:
    ref = _ref("20-CT/TU", issuer="Ban Thường vụ Tỉnh ủy Thái Nguyên", when=date(2023, 4, 26))
    ref = replace(ref, issuer_code="TU", issuer_level="party")
    assert ref_identity(ref) == "20-CT/TU|ban thuong vu tinh uy thai nguyen|2023"


@pytest.mark.parametrize(
    "written",
    ["Sở Nội vụ", "Sở Nội vụ tỉnh Đồng Nai", "Sở Nội vụ tỉnh", "Giám đốc Sở Nội vụ"],
)
def test_a_province_s_department_is_placed_in_its_province(written: str) -> None:
    # Every province has a Sở Nội vụ numbering from 1 each year: named without its province,
    # it is the citing plan's (my own numbers, in the form a commune's plan cites them).
    ref = _ref("21/HD-SNV", issuer=written, when=date(2025, 1, 15))
    places = {"xa": "Long Thành", "huyen": None, "tinh": "Đồng Nai"}
    assert ref_identity(ref, places=places) == "21/HD-SNV|so noi vu dong nai|2025"


def test_a_department_of_another_province_keeps_it() -> None:
    ref = _ref("03/HD-STP", issuer="Sở Tư pháp thành phố Hà Nội", when=date(2024, 1, 10))
    places = {"xa": "Long Thành", "huyen": None, "tinh": "Đồng Nai"}
    assert ref_identity(ref, places=places) == "3/HD-STP|so tu phap ha noi|2024"


HA_NOI = {"xa": "Thanh Liệt", "huyen": "Thanh Trì", "tinh": "Hà Nội"}


@pytest.mark.parametrize(
    "written", ["UBND Thành phố", "UBND thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hà Nội"]
)
def test_a_centrally_run_city_s_ubnd_is_placed_in_it(written: str) -> None:
    # In Hà Nội (a centrally-run city, 'Thành phố Hà Nội' in the gazetteer) 'UBND Thành phố' is
    # the city's UBND; unplaced, Hà Nội's and Hải Phòng's KH 45 of 2024 were one document.
    ref = _ref("45/KH-UBND", issuer=written, when=date(2024, 1, 20))
    assert ref_identity(ref, places=HA_NOI) == "45/KH-UBND|ubnd thanh pho ha noi|2024"


def test_a_centrally_run_city_s_party_committee_is_placed_in_it() -> None:
    ref = _ref("12-CT/ThU", issuer="Ban Thường vụ Thành ủy", when=date(2024, 3, 1))
    assert ref_identity(ref, places=HA_NOI) == "12-CT/ThU|ban thuong vu thanh uy ha noi|2024"


def test_a_provincial_city_is_not_its_province() -> None:
    # Before 2025 'thành phố Thái Nguyên' was a city of tỉnh Thái Nguyên: another body.
    places = {"xa": "Phúc Xuân", "huyen": None, "tinh": "Thái Nguyên"}
    ref = _ref("30/KH-UBND", issuer="UBND thành phố Thái Nguyên", when=date(2023, 2, 1))
    assert ref_identity(ref, places=places) == "30/KH-UBND|ubnd thanh pho thai nguyen|2023"
    bare = _ref("31/KH-UBND", issuer="UBND thành phố", when=date(2023, 2, 1))
    assert ref_identity(bare, places=places) == "31/KH-UBND|ubnd thanh pho|2023"
