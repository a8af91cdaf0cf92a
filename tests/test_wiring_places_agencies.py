"""Places and agencies reach the Parquet tables (issues 15 and 17), through a real ingest.

Expected values were checked by hand: the provinces against the plans' own text and the
decisions they cite (conftest.SAMPLE_PLACES), the agencies against the hand-checked golden
files of tests/fixtures/agencies.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.query.views import connect
from tests.conftest import FIXTURES, RAW, SAMPLE_PLACES, SAMPLES


@pytest.fixture(scope="module")
def docx_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("in")
    for n in SAMPLES:
        shutil.copy(RAW / f"plan_{n}.docx", src / f"plan_{n}.docx")
    out = tmp_path_factory.mktemp("out")
    args = ["ingest", str(src), "--out", str(out), "--jobs", "2", "--progress", "none"]
    assert main(args) == 0
    return out


def test_every_sample_plan_has_its_province_and_unit_codes(docx_dataset: Path) -> None:
    rows = connect(docx_dataset).execute(
        "select source_path, province, commune_code, district_code, province_code, "
        "successor_commune, place_flags from documents"
    )
    by_plan = {Path(r[0]).stem.removeprefix("plan_"): r[1:] for r in rows.fetchall()}
    assert sorted(by_plan) == list(SAMPLES)
    for plan, (province, *codes, successor, flags) in by_plan.items():
        assert province == SAMPLE_PLACES[plan][0], plan
        assert all(code and code.isdigit() for code in codes), (plan, codes)
        assert successor and flags == [], (plan, successor, flags)


def test_province_filled_from_the_district_when_the_text_leaves_it_out(
    docx_dataset: Path,
) -> None:
    # 002 (Lộc Hòa, huyện Lộc Ninh) and 003 (Sơn Thượng, huyện Sơn Hà) never print a province
    found = connect(docx_dataset).execute(
        "select commune, province, successor_commune, successor_province from documents "
        "where commune in ('Lộc Hòa', 'Sơn Thượng') order by commune"
    )
    assert found.fetchall() == [
        ("Lộc Hòa", "Bình Phước", "Lộc Thạnh", "Đồng Nai"),  # Bình Phước joined Đồng Nai
        ("Sơn Thượng", "Quảng Ngãi", "Sơn Hà", "Quảng Ngãi"),
    ]


def test_item_agencies_equal_the_hand_checked_golden_mentions(docx_dataset: Path) -> None:
    con = connect(docx_dataset)
    for plan in SAMPLES:
        golden = [
            json.loads(line)
            for line in (FIXTURES / "agencies" / f"plan_{plan}.jsonl").read_text().splitlines()
            if line.strip()
        ]
        rows = con.execute(
            "select a.code, a.role, a.text, a.agency_code from item_agencies a "
            "join documents d using (doc_id) where d.source_path like ? "
            "order by a.table_index, a.row_index, a.role, a.char_start",
            [f"%plan_{plan}.docx"],
        ).fetchall()
        got = [{"code": c, "role": r, "text": t, "agency_code": a} for c, r, t, a in rows]
        key = lambda m: (m["code"], m["role"], m["text"])  # noqa: E731
        assert sorted(got, key=key) == sorted(golden, key=key), plan


def test_legal_refs_carry_an_ascii_match_key(docx_dataset: Path) -> None:
    rows = (
        connect(docx_dataset)
        .execute("select identity, match_key from legal_refs where identity is not null")
        .fetchall()
    )
    assert rows
    for identity, key in rows:
        assert key is not None and key.isascii(), (identity, key)


def test_plan_items_store_the_matchers_candidates_for_review(docx_dataset: Path) -> None:
    rows = (
        connect(docx_dataset)
        .execute(
            "select code, criterion_code, field_code, match_method, criterion_candidates "
            "from plan_items where kind = 'item'"
        )
        .fetchall()
    )
    unmapped = [r for r in rows if r[1] is None and r[4]]
    assert unmapped, "rows left for review keep their candidates"
    for code, criterion, field, method, candidates in rows:
        if method == "none":
            continue
        assert candidates, code
        best, score, how = candidates[0].split(" ")
        assert 0.0 <= float(score) <= 1.0 and how in ("code_table", "alias", "fuzzy")
        if criterion is not None:
            assert criterion in {c.split(" ")[0] for c in candidates[:3]}, (code, candidates)
            assert best.split(".")[0] == (field or best.split(".")[0])
        elif method != "code_table":  # a field-only answer: concepts to pick from, not the field
            assert field not in {c.split(" ")[0] for c in candidates}, (code, candidates)


def _golden_mentions(plan: str) -> list[dict[str, object]]:
    text = (FIXTURES / "agencies" / f"plan_{plan}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_who_leads_counts_the_hand_checked_lead_mentions(docx_dataset: Path) -> None:
    communes = {"000": "Hà Châu", "002": "Lộc Hòa", "004": "Giang Điền"}
    con = connect(docx_dataset)
    for plan, commune in communes.items():
        expected: dict[str, set[object]] = {}
        for m in _golden_mentions(plan):
            if m["role"] == "lead" and m["agency_code"]:
                expected.setdefault(str(m["agency_code"]), set()).add(m["code"])
        got = con.execute(
            "select agency_code, tasks from who_leads where commune = ? and role = 'lead'",
            [commune],
        ).fetchall()
        assert dict(got) == {code: len(rows) for code, rows in expected.items()}, plan


def test_plans_review_lists_the_agencies_without_a_code(
    docx_dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = sorted(
        (m["code"], m["role"], m["text"])
        for plan in SAMPLES
        for m in _golden_mentions(plan)
        if m["agency_code"] is None
    )
    assert expected  # 004's 'Các cơ quan, đơn vị'
    args = ["review", "--agencies", "--data", str(docx_dataset), "--format", "jsonl"]
    capsys.readouterr()
    assert main(args) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((r["code"], r["role"], r["text"]) for r in rows) == expected
