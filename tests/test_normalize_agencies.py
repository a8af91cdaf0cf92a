"""Lead-agency cells -> role codes (normalize.agencies); cases are cells of the samples."""

from __future__ import annotations

import pytest

from normalize.agencies import find_roles, lead_role

CASES = [
    ("Văn phòng UBND xã", "VP_TK"),
    ("VP UBND xã", "VP_TK"),
    ("Công chức Văn phòng- Thống kê", "VP_TK"),  # 000
    ("Văn phòng HĐND-UBND xã", "VP_TK"),  # 001 body
    ("Văn phòng", "VP_TK"),  # 001 note column
    ("Công chức tư pháp- hộ tịch", "TP_HT"),  # 000
    ("Tư pháp – hộ tịch", "TP_HT"),  # 002
    ("CC TPHT xã", "TP_HT"),  # 004 4.3
    ("CCTP HT và các CB, CC chuyên môn", "TP_HT"),  # 004 2.1
    ("Tài chính - Kế toán xã", "TC_KT"),  # 002
    ("<i>Kế toán</i>", "TC_KT"),  # 001, markup left in
    ("Văn hóa – xã hội", "VH_XH"),
    ("CC VHXH", "VH_XH"),
    (
        "Công chức Văn hoá- xã hội; các công chức được phân công tiếp nhận và giải quyết TTCH",
        "VH_XH",
    ),
    ("Địa chính", "DC_XD"),  # 001 1.9.4
    ("Bộ phận một cửa", "ONESTOP"),
    ("Bộ phận Một cửa UBND xã", "ONESTOP"),  # 000 3.1.4
    ("CB, CC 1 cửa xã", "ONESTOP"),  # 004
    ("UBND xã", "UBND_XA"),
    ("Văn phòng HĐND-UBND huyện", "HUYEN_VP"),  # 004 support column
    ("Văn phòng HĐND - UBND huyện", "HUYEN_VP"),
    ("VP UBND huyện", "HUYEN_VP"),
    ("Phòng Văn hóa và Thông tin", "HUYEN_VHTT"),
    ("Phòng VH TT huyện", "HUYEN_VHTT"),
    ("Phòng Nội vụ", "HUYEN_NV"),
    ("Phòng Nội vụ-LĐTB&XH", "HUYEN_NV"),  # 002 'Nơi nhận'
    ("VP UBND xã và CB, CC 1 cửa xã", "VP_TK"),  # several agencies: the first
    ("Tư pháp – Hộ tịch Văn hóa – xã hội (TBXH)", "TP_HT"),  # two names run together (002)
    ("Văn VP UBND xã", "VP_TK"),  # a split cell's debris (004 1.5)
    ("Các bộ phận có liên quan", "CHUYEN_MON"),
    ("Ban quản lý dự án", None),
    ("Thường xuyên", None),  # a deadline shifted into the lead column (002)
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "role"), CASES)
def test_lead_role(text: str | None, role: str | None) -> None:
    assert lead_role(text) == role


def test_find_roles_lists_every_agency_in_order() -> None:
    assert find_roles("CC TPHT, CC VP xã") == ["TP_HT", "VP_TK"]
    assert find_roles("Văn phòng UBND xã; Các bộ phận có liên quan") == ["VP_TK", "CHUYEN_MON"]
    assert find_roles("Phòng Văn hóa và Thông tin; Văn phòng HĐND-UBND huyện, Phòng Nội vụ") == [
        "HUYEN_VHTT",
        "HUYEN_VP",
        "HUYEN_NV",
    ]
