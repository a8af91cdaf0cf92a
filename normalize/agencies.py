"""Lead-agency cells -> canonical role codes from codes/agencies.csv.

'VP UBND xã và CB, CC 1 cửa xã' -> 'VP_TK': the first agency of the cell as
normalize.agency_mentions splits it (one matcher for plan_items.lead_role and item_agencies);
the alias that starts first wins, and among those the longest ('Văn phòng HĐND-UBND huyện' is
HUYEN_VP, not the 'Văn phòng' of VP_TK). District offices have their own codes (HUYEN_*), so a
commune plan that names a district office as lead stays distinguishable. Unknown text -> None.

The 2025 reform (1 July 2025) abolished the districts, and a commune's own offices took some of
their names: in a plan dated from then, a bare 'Phòng Kinh tế' is the commune's (KT_XA), not the
district's (codes/agency_successors.csv). A mention that names the district keeps it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from normalize.agency_mentions import AgencyMention, agency_mentions, vocabulary
from normalize.codelist import parse_csv, read_code_file
from normalize.text import fold

# A mention that names the district level keeps its district code after the reform:
# 'Phòng Kinh tế huyện', 'Phòng Kinh tế cấp huyện' (a plan recalling the old offices).
DISTRICT_NAMED_RE = re.compile(r"\b(?:huyen|quan|thi xa)\b")


def lead_role(text: str | None, when: date | None = None) -> str | None:
    """'Công chức tư pháp- hộ tịch' -> 'TP_HT'; 'Phòng Nội vụ' -> 'HUYEN_NV'; 'Ban X' -> None;
    'Phòng Kinh tế' -> 'HUYEN_KT', or 'KT_XA' in a plan dated from July 2025 (`when`)."""
    if not text or not text.strip():
        return None
    found = find_roles(text, when)
    return found[0] if found else None


def find_roles(text: str, when: date | None = None) -> list[str]:
    """Every role named in a cell, in reading order: 'CC TPHT, CC VP xã' -> ['TP_HT', 'VP_TK']."""
    codes = (m.agency_code for m in mentions_as_of(text, when))
    return list(dict.fromkeys(c for c in codes if c is not None))


def mentions_as_of(text: str, when: date | None) -> list[AgencyMention]:
    """The agencies of a cell (`agency_mentions`) as a plan dated `when` means them."""
    return [_as_of(m, when) for m in agency_mentions(text)]


@cache
def successors() -> dict[str, tuple[str, date]]:
    """District code -> (the commune office bearing its name, from when): codes/
    agency_successors.csv, e.g. 'HUYEN_KT' -> ('KT_XA', 2025-07-01)."""
    rows = parse_csv(read_code_file("agency_successors.csv"))
    return {r["code"]: (r["successor"], date.fromisoformat(r["from"])) for r in rows}


def _as_of(mention: AgencyMention, when: date | None) -> AgencyMention:
    follow = successors().get(mention.agency_code or "")
    if follow is None or when is None or when < follow[1]:
        return mention
    if DISTRICT_NAMED_RE.search(fold(mention.text)):
        return mention
    code = follow[0]
    return replace(mention, agency_code=code, level=vocabulary().levels.get(code))
