"""Lead-agency cells -> canonical role codes from codes/agencies.csv.

'VP UBND xã và CB, CC 1 cửa xã' -> 'VP_TK': the cell is folded (marks, case, punctuation) and
scanned for every alias of agencies.csv as a whole-word phrase; the alias that starts first wins,
and among those the longest ('Văn phòng HĐND-UBND huyện' is HUYEN_VP, not the 'Văn phòng' of
VP_TK). District offices have their own codes (HUYEN_*), so a commune plan that names a district
office as lead stays distinguishable. Unknown text -> None.
"""

from __future__ import annotations

from functools import lru_cache

from normalize.codelist import CodeList, load_codelist
from normalize.text import TYPO_FIXES, fold


def lead_role(text: str | None) -> str | None:
    """'Công chức tư pháp- hộ tịch' -> 'TP_HT'; 'Phòng Nội vụ' -> 'HUYEN_NV'; 'Ban X' -> None."""
    if not text or not text.strip():
        return None
    found = find_roles(text)
    return found[0] if found else None


def find_roles(text: str) -> list[str]:
    """Every role named in a cell, in reading order: 'CC TPHT, CC VP xã' -> ['TP_HT', 'VP_TK']."""
    tokens = _tokens(text)
    aliases = _aliases(load_codelist())
    roles: list[str] = []
    i = 0
    while i < len(tokens):
        hit = _longest_at(tokens, i, aliases)
        if hit is None:
            i += 1
            continue
        length, code = hit
        if code not in roles:
            roles.append(code)
        i += length
    return roles


def _longest_at(
    tokens: tuple[str, ...], i: int, aliases: dict[str, list[tuple[tuple[str, ...], str]]]
) -> tuple[int, str] | None:
    for alias, code in aliases.get(tokens[i], ()):
        if tokens[i : i + len(alias)] == alias:
            return len(alias), code
    return None


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TYPO_FIXES.get(t, t) for t in fold(text).split())


@lru_cache(maxsize=4)
def _aliases(codes: CodeList) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token -> [(alias tokens, code)], longest alias first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for agency in codes.agencies:
        tokens = _tokens(agency.alias)
        if tokens:
            by_first.setdefault(tokens[0], []).append((tokens, agency.code))
    for entries in by_first.values():
        entries.sort(key=lambda e: (-len(e[0]), e[1]))
    return by_first
