"""Lead-agency cells -> canonical role codes from codes/agencies.csv.

'VP UBND xã và CB, CC 1 cửa xã' -> 'VP_TK': the first agency of the cell as
normalize.agency_mentions splits it (one matcher for plan_items.lead_role and item_agencies);
the alias that starts first wins, and among those the longest ('Văn phòng HĐND-UBND huyện' is
HUYEN_VP, not the 'Văn phòng' of VP_TK). District offices have their own codes (HUYEN_*), so a
commune plan that names a district office as lead stays distinguishable. Unknown text -> None.
"""

from __future__ import annotations

from normalize.agency_mentions import agency_mentions


def lead_role(text: str | None) -> str | None:
    """'Công chức tư pháp- hộ tịch' -> 'TP_HT'; 'Phòng Nội vụ' -> 'HUYEN_NV'; 'Ban X' -> None."""
    if not text or not text.strip():
        return None
    found = find_roles(text)
    return found[0] if found else None


def find_roles(text: str) -> list[str]:
    """Every role named in a cell, in reading order: 'CC TPHT, CC VP xã' -> ['TP_HT', 'VP_TK']."""
    codes = (m.agency_code for m in agency_mentions(text))
    return list(dict.fromkeys(c for c in codes if c is not None))
