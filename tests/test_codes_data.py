"""Self-checks of the canonical code list kept as data (reporters-db pattern, STYLE.md).

`FIX_CODES=1 pytest tests/test_codes_data.py` rewrites the CSVs in their canonical form
(sorted, minimal quoting); review the diff before committing.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from importlib import resources

import pytest

from models.document import TableRow
from normalize.agencies import lead_role
from normalize.agency_mentions import LEVELS
from normalize.codelist import (
    CODE_FILES,
    codes_version,
    load_codelist,
    parse_csv,
    read_code_file,
    render_csv,
)
from normalize.groups import group_members
from normalize.text import match_key
from tests.conftest import RAW
from tests.test_normalize_criteria import match_row

CODES = load_codelist()
FIELDS = {c.code for c in CODES.concepts if c.is_field}
VALID = {
    "level": {"field", "group", "leaf"},
    "kind": {"self", "xhh", "composite"},
    "unit": {"%", "points", "count", "bool"},
    "status": {"O", "P"},
}


def _rows(name: str) -> list[dict[str, str]]:
    return parse_csv(read_code_file(name))


@pytest.mark.parametrize("name", sorted(CODE_FILES))
def test_csv_is_in_canonical_form(name: str) -> None:
    data = read_code_file(name)
    canonical = render_csv(name, _rows(name))
    if data != canonical and os.environ.get("FIX_CODES") == "1":
        path = resources.files("normalize").joinpath("codes").joinpath(name)
        with resources.as_file(path) as real:
            real.write_bytes(canonical)
        data = canonical
    assert data == canonical, f"{name} is not in canonical form; rerun with FIX_CODES=1"


@pytest.mark.parametrize("name", sorted(CODE_FILES))
def test_csv_header_text_is_nfc_and_trimmed(name: str) -> None:
    text = read_code_file(name).decode("utf-8")
    assert text.splitlines()[0] == ",".join(CODE_FILES[name])
    assert unicodedata.normalize("NFC", text) == text
    for row in _rows(name):
        for column, value in row.items():
            assert value == value.strip() and "  " not in value, (name, column, value)
            assert "\n" not in value and "\t" not in value, (name, column, value)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [c.code for c in CODES.concepts]
    assert len(codes) == len(set(codes))
    assert FIELDS == {f"F{n}" for n in range(9)}
    for concept in CODES.concepts:
        assert concept.field in FIELDS, concept.code
        prefix = concept.code.split(".", 1)[0]
        assert prefix == concept.field, concept.code
        if not concept.is_field:
            slug = concept.code.split(".", 1)[1]
            assert slug.isascii() and slug == slug.upper() and len(slug) <= 18, concept.code
        for column, allowed in VALID.items():
            assert getattr(concept, column) in allowed, (concept.code, column)
        assert (concept.level == "field") == concept.is_field
    # Metric names are built from the slug (F3.ONTIME -> ONTIME_RATE): slugs must not repeat.
    slugs = [c.code.split(".", 1)[1] for c in CODES.concepts if not c.is_field]
    assert len(slugs) == len(set(slugs))


def test_the_proposed_list_is_all_there() -> None:
    # criteria_concepts.md §3.2 lists 126 concepts; F3.ONESTOP_STAFF was added for 001 3.4.
    concepts = [c for c in CODES.concepts if not c.is_field]
    assert len(concepts) == 127
    for code in ("F3.ONTIME", "F7.EFORM", "F8.SIPAS_PAKN", "F0.PAR_SCORE", "F1.PROPOSAL_HANDLING"):
        assert CODES.get(code) is not None


def test_the_concepts_the_matcher_names_by_place_are_in_the_list() -> None:
    # a scored table's total row (criteria_place) and a row quoting a local title
    # (criteria_review): renaming either concept in the CSV must fail here, not go silent
    from normalize.criteria_place import TOTAL_CONCEPT
    from normalize.criteria_review import LOCAL_CONCEPT

    for code in (TOTAL_CONCEPT, LOCAL_CONCEPT):
        concept = CODES.get(code)
        assert concept is not None and not concept.is_field, code


def test_aliases_point_to_known_codes_and_no_alias_has_two_codes() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in _rows("aliases.csv"):
        assert CODES.get(row["code"]) is not None, row
        owners[match_key(row["alias"])].add(row["code"])
    for concept in CODES.concepts:
        owners[match_key(concept.label_vi)].add(concept.code)
    clashes = {key: codes for key, codes in owners.items() if len(codes) > 1}
    assert clashes == {}


def _alone(text: str) -> TableRow:
    return TableRow(0, 0, "item", "", "", None, 2, None, None, criterion=text)


@pytest.mark.parametrize(
    ("code", "alias"),
    [(r["code"], r["alias"]) for r in _rows("aliases.csv")]
    + [(c.code, c.label_vi) for c in CODES.concepts],
)
def test_every_alias_and_label_matched_alone_comes_back_as_its_own_code(
    code: str, alias: str
) -> None:
    match = match_row(
        _alone(alias), province=None, district=None, plan_year=None, doc_kind="task_plan"
    )
    got = match.criterion_code or match.field_code
    assert got == code, (alias, match)


def test_typo_forms_are_aliases() -> None:
    aliases = {r["alias"]: r["code"] for r in _rows("aliases.csv")}
    assert aliases["Efrom"] == "F7.EFORM"
    assert any("VB OPPL" in a for a in aliases)
    assert any("Công ty" in a for a in aliases)
    agency_aliases = {r["alias"] for r in _rows("agencies.csv")}
    assert any("TTTHC" in a for a in agency_aliases) and any("TTCH" in a for a in agency_aliases)


def test_code_tables_point_to_known_codes() -> None:
    seen: set[tuple[str, str, int, str]] = set()
    for entry in CODES.code_tables:
        assert CODES.get(entry.canonical_code) is not None, entry
        key = (entry.province, entry.district, entry.framework_year, entry.local_code)
        assert key not in seen, key
        seen.add(key)
        assert entry.note, entry  # the printed label, for the label check
    districts = {(e.province, e.district) for e in CODES.code_tables}
    assert districts == {("Hà Nội", "Thanh Trì"), ("Thái Nguyên", "Phú Bình")}


def test_agencies_have_one_level_per_code_and_no_alias_has_two_codes() -> None:
    levels: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for agency in CODES.agencies:
        levels[agency.code].add(agency.level)
        owners[agency.alias.casefold()].add(agency.code)
    assert all(len(v) == 1 for v in levels.values()), levels
    assert all(v <= set(LEVELS) for v in levels.values())
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize("alias", CODES.agencies, ids=lambda a: a.alias)
def test_every_agency_alias_alone_comes_back_as_its_own_role(alias) -> None:  # type: ignore[no-untyped-def]
    assert lead_role(alias.alias) == alias.code


def test_version_is_a_digest_of_the_files_and_changes_with_them() -> None:
    blobs = {name: read_code_file(name) for name in CODE_FILES}
    assert CODES.version == codes_version(blobs)
    assert len(CODES.version) == 12 and int(CODES.version, 16) >= 0
    changed = dict(blobs, **{"aliases.csv": blobs["aliases.csv"] + b"F3.ONTIME,x,\n"})
    assert codes_version(changed) != CODES.version


SOURCE_WORDS = {"framework", "analyst", "000", "001", "002", "003", "004"}


@pytest.mark.parametrize("name", ["aliases.csv", "code_tables.csv"])
def test_every_alias_and_code_table_entry_has_a_provenance(name: str) -> None:
    for row in _rows(name):
        sources = row["source"].split(";")
        assert all(s in SOURCE_WORDS or s.startswith("doc:") for s in sources), row


def test_sample_provenance_means_the_alias_is_in_that_plans_text() -> None:
    # 'source' = the samples whose text holds the alias (folded); checked against data/raw.
    texts = {
        plan: f" {match_key((RAW / f'plan_{plan}.txt').read_text(encoding='utf-8'))} "
        for plan in ("000", "001", "002", "003", "004")
    }
    for entry in CODES.aliases:
        for plan in entry.sources:
            if plan in texts:
                assert f" {match_key(entry.alias)} " in texts[plan], (entry, plan)


def test_framework_items_point_to_known_codes_and_name_their_source() -> None:
    frameworks = {item.framework for item in CODES.frameworks}
    assert {"PAR876", "SIPAS", "IDX766"} <= frameworks
    sipas = sorted(i.canonical_code for i in CODES.frameworks if i.framework == "SIPAS")
    assert len(sipas) == 6  # the index and its 5 factors
    for item in CODES.frameworks:
        # an item no concept measures ('Hòa giải ở cơ sở') is kept with no code
        assert not item.canonical_code or CODES.get(item.canonical_code) is not None, item
        assert item.wording and item.source and 2010 <= item.framework_year <= 2030, item
    fields_876 = {i.canonical_code for i in CODES.frameworks if i.framework == "PAR876"}
    assert {f"F{n}" for n in range(1, 9)} <= fields_876


def test_framework_items_without_a_concept_describe_nothing() -> None:
    # PAPI 'Hòa giải ở cơ sở'-like items are kept for the record but no concept measures them.
    uncoded = [i for i in CODES.frameworks if not i.canonical_code]
    assert uncoded
    descriptions = {d for c in CODES.concepts for d in c.descriptions}
    assert not {i.wording for i in uncoded} & descriptions
    assert "" not in {m for members in group_members(CODES).values() for m in members}


def test_framework_wordings_are_titles_from_several_sets() -> None:
    # Titles as the sets print them, never paragraphs; more than the national sets.
    assert max(len(i.wording) for i in CODES.frameworks) <= 140
    assert len({i.framework for i in CODES.frameworks}) >= 7
