"""Finding things: criterion codes from what a user types, the review list, text references.

`plans compare f3.ontim` says "did you mean F3.ONTIME"; `F8.SIPAS*` is every SIPAS code;
`F3` a whole field. Codes of one topic (pipeline/query/data/criterion_topics.csv: satisfaction is
measured as F3.SATISFACTION in some plans and F8.SIPAS in others) are compared together.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.query.views import codes_file

TOPICS_CSV = Path(__file__).resolve().parent / "data" / "criterion_topics.csv"


class CodeNotFound(LookupError):
    """No canonical code matches what was typed."""


def known_codes() -> dict[str, str]:
    """Every canonical code (fields and concepts) with its Vietnamese label."""
    with codes_file("criteria.csv").open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["label_vi"] for row in csv.DictReader(f)}


def topics() -> dict[str, list[str]]:
    """topic -> the code patterns of it ('F8.SIPAS*')."""
    with TOPICS_CSV.open(encoding="utf-8", newline="") as f:
        found: dict[str, list[str]] = {}
        for row in csv.DictReader(f):
            found.setdefault(row["topic"], []).append(row["code"])
        return found


def _expand(pattern: str, codes: Sequence[str]) -> list[str]:
    """'F8.SIPAS*' -> F8.SIPAS, F8.SIPAS_PAKN, …; 'F3' -> F3 and F3.*; else the code itself."""
    if pattern.endswith("*"):
        return [c for c in codes if c.startswith(pattern[:-1])]
    if "." not in pattern:
        return [c for c in codes if c == pattern or c.startswith(pattern + ".")]
    return [c for c in codes if c == pattern]


def _related(codes: list[str], known: Sequence[str]) -> list[str]:
    """The codes of every topic one of `codes` belongs to."""
    more: list[str] = []
    for patterns in topics().values():
        members = [c for p in patterns for c in _expand(p, known)]
        if set(members) & set(codes):
            more += members
    return list(dict.fromkeys(codes + more))


def resolve_codes(typed: str) -> tuple[list[str], str]:
    """(codes to compare, heading) for what the user typed: any case, a prefix with '*', a
    field. Raises CodeNotFound with close codes ('did you mean F3.ONTIME?')."""
    known = known_codes()
    wanted = typed.strip().upper()
    codes = _expand(wanted, list(known))
    if not codes:
        raise CodeNotFound(_did_you_mean(wanted, known))
    related = _related(codes, list(known))
    heading = "; ".join(f"{c}: {known[c]}" for c in codes[:3])
    heading += f" (+{len(codes) - 3} codes)" if len(codes) > 3 else ""
    extra = [c for c in related if c not in codes]
    if extra:
        heading += f"\nwith related codes of the same topic: {', '.join(extra)}"
    return related, heading


def _did_you_mean(wanted: str, known: dict[str, str]) -> str:
    by_prefix = [c for c in known if c.startswith(wanted)]
    close = by_prefix or difflib.get_close_matches(wanted, list(known), n=5, cutoff=0.6)
    hint = f"did you mean {', '.join(close[:5])}?" if close else "see `plans codes PATTERN`"
    return f"unknown criterion '{wanted}': {hint} (`plans codes` lists them all)"


def search_key(text: str) -> str:
    """Case and accents dropped for searching: 'Hài lòng' -> 'hai long', 'Đ' -> 'd'."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def codes_sql(pattern: str) -> tuple[str, dict[str, Any]]:
    """`plans codes`: criteria whose code or label contains `pattern` (folded), with the
    plans that use each (items or targets, each plan once)."""
    from pipeline.query.views import sql_text

    sql = sql_text("codes")
    return sql, {"pattern": search_key(pattern)}


def review_rows(con: Any, below: float) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The review list with source file, page and the best candidates ingest stored
    (`criterion_candidates`), so the list agrees with what the dataset holds."""
    from pipeline.query.views import columns_of, sql_text

    stored = "criterion_candidates" in columns_of(con, "plan_items")
    candidates = "i.criterion_candidates" if stored else "NULL"
    result = con.execute(sql_text("report/review", candidates=candidates), {"below": below})
    columns = [d[0] for d in result.description or []]
    rows = result.fetchall()
    at = columns.index("candidates")
    out = [(*r[:at], _candidates(r[at], stored), *r[at + 1 :]) for r in rows]
    return columns, out


# A dataset written before the candidates were stored (columns are only ever added): the
# review list says how to get them rather than running a second matcher whose answer could
# differ from what ingest stored (issue 12).
NOT_STORED = "(not stored: run `plans nightly` to re-extract)"


def _candidates(value: Any, stored: bool) -> str:
    """'F3.ONTIME 0.82, F3.LATE 0.61' from the candidates ingest stored for the row."""
    if not stored:
        return NOT_STORED
    items = value or []
    parts = [
        f"{c.get('code')} {float(c.get('score') or 0):.2f}" if isinstance(c, dict) else str(c)
        for c in items
    ]
    return ", ".join(parts) or "-"


def refs_of_text(text: str) -> list[Any]:
    """Legal references of a text with their identity, as `plans ingest` stores them."""
    from extract.legal import find_refs_in_text
    from normalize.legal_refs import with_identities

    return with_identities(find_refs_in_text(text))
