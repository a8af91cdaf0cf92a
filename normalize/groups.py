"""Group concepts and their members (issue 19): F8.SIPAS and its five factors, F3.PUBLICITY and
the ways TTHC are made public. Members come from how frameworks number their items: a group's
item '2.4' and the items '2.4.1', '2.4.2' below it, in the official frameworks (frameworks.csv)
and, partially, in the verified local code tables (code_tables.csv).
"""

from __future__ import annotations

from functools import lru_cache

from normalize.codelist import CodeList, CodeTableEntry, FrameworkItem


def group_members(codes: CodeList) -> dict[str, frozenset[str]]:
    """The members of each group concept by the official frameworks' numbering: SIPAS '0' (the
    index, F8.SIPAS) has the five factors '1'..'5'; PAR876 '2.4' (F2.TDTHPL) has '2.4.1' and
    '2.4.2'. A group no framework numbers has no members here.
    """
    out: dict[str, set[str]] = {}
    for item, concept, below in _groups_below(codes):
        out.setdefault(concept, set()).update(o.canonical_code for o in below if o is not item)
    return {code: frozenset(m - {code}) for code, m in out.items() if m - {code}}


@lru_cache(maxsize=8)
def members_seen(codes: CodeList) -> dict[str, frozenset[str]]:
    """The members of each group concept as any framework numbers them: the official ones
    (`group_members`) and the verified local code tables, whose lists are partial (a plan lists
    what it acts on): Phú Bình 2023 '3.1' (F3.PUBLICITY) has '3.1.1' .. '3.1.5' (publicity
    online, on site, of progress, of internal procedures). For the review order only: a row
    under a group concept is held to its official members (`group_members`)."""
    out = {code: set(members) for code, members in group_members(codes).items()}
    tables: dict[tuple[str, str, int], list[CodeTableEntry]] = {}
    for entry in codes.code_tables:
        tables.setdefault((entry.province, entry.district, entry.framework_year), []).append(entry)
    for entries in tables.values():
        for entry in entries:
            concept = codes.get(entry.canonical_code)
            if concept is None or concept.level != "group":
                continue
            below = (
                e.canonical_code for e in entries if e.local_code.startswith(f"{entry.local_code}.")
            )
            out.setdefault(concept.code, set()).update(
                code for code in below if code != concept.code and _is_concept(codes, code)
            )
    return {code: frozenset(members) for code, members in out.items() if members}


def _is_concept(codes: CodeList, code: str) -> bool:
    concept = codes.get(code)
    return concept is not None and not concept.is_field


@lru_cache(maxsize=8)
def ordered_members(codes: CodeList) -> dict[str, tuple[str, ...]]:
    """The members of each group concept one level below it in the official frameworks'
    numbering, in that order: F8.SIPAS -> the five factors '1'..'5' (access, procedures,
    officials, results, feedback)."""
    out: dict[str, tuple[str, ...]] = {}
    for item, concept, below in _groups_below(codes):
        depth = 0 if item.local_code == "0" else item.local_code.count(".") + 1
        level = [o for o in below if o.local_code.count(".") == depth and o.local_code != "0"]
        level.sort(key=lambda o: [int(p) for p in o.local_code.split(".") if p.isdigit()])
        if level:
            out[concept] = tuple(o.canonical_code for o in level)
    return out


def _groups_below(codes: CodeList) -> list[tuple[FrameworkItem, str, list[FrameworkItem]]]:
    """Each framework item of a group concept, with that concept and the items numbered below
    it in the same framework and year (the item itself too, for '0' whose prefix is empty)."""
    out = []
    for item in codes.frameworks:
        concept = codes.get(item.canonical_code)
        if concept is None or concept.level != "group":
            continue
        prefix = "" if item.local_code == "0" else item.local_code + "."
        below = [
            other
            for other in codes.frameworks
            if (other.framework, other.framework_year) == (item.framework, item.framework_year)
            and other.local_code.startswith(prefix)
            and other.canonical_code
        ]
        out.append((item, concept.code, below))
    return out
