"""Agencies of plans dated after the 2025 reform (1 July 2025): no district level, and a
commune's own offices bear some former district offices' names (Nghị định 150/2025/NĐ-CP:
'Phòng Kinh tế', 'Phòng Kinh tế, Hạ tầng và Đô thị' of a ward), and its one-stop is the
'Trung tâm Phục vụ hành chính công' (Nghị định 118/2025/NĐ-CP). codes/agency_successors.csv.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from normalize.agencies import lead_role, mentions_as_of
from pipeline.cli import main
from pipeline.query.views import connect
from tests.conftest import RAW

BEFORE, AFTER = date(2024, 5, 6), date(2026, 1, 10)


@pytest.mark.parametrize(
    ("cell", "before", "after"),
    [
        ("Phòng Kinh tế", "HUYEN_KT", "KT_XA"),
        ("Phòng Kinh tế chủ trì", "HUYEN_KT", "KT_XA"),
        ("Phòng Kinh tế huyện", "HUYEN_KT", "HUYEN_KT"),  # names the district: stays
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KT_XA", "KT_XA"),  # a ward's, only after
        ("Trung tâm Phục vụ hành chính công xã", "ONESTOP", "ONESTOP"),
        ("Phòng Văn hóa - Xã hội", "VH_XH", "VH_XH"),
        ("Văn phòng HĐND và UBND xã", "VP_TK", "VP_TK"),
        ("Phòng Nội vụ", "HUYEN_NV", "HUYEN_NV"),  # no commune office took this name
    ],
)
def test_a_lead_cell_reads_as_the_plan_s_date_means_it(cell: str, before: str, after: str) -> None:
    assert lead_role(cell, BEFORE) == before
    assert lead_role(cell, AFTER) == after
    assert lead_role(cell) == before  # no date: as before the reform


def test_a_successor_is_a_commune_office() -> None:
    (found,) = mentions_as_of("Phòng Kinh tế", AFTER)
    assert (found.agency_code, found.level) == ("KT_XA", "commune")
    assert lead_role("Phòng Kinh tế", date(2025, 6, 30)) == "HUYEN_KT"  # the day before


def _redated(tmp_path: Path, year: int) -> Path:
    """plan_004's text, dated `year`, its task leads given to the offices plans of that time
    name: 'Phòng Kinh tế' for 'VP UBND xã'."""
    text = (RAW / "plan_004.txt").read_text(encoding="utf-8")
    text = text.replace("ngày 03 tháng 02 năm 2023", f"ngày 03 tháng 02 năm {year}")
    text = text.replace("VP UBND xã", "Phòng Kinh tế")
    folder = tmp_path / str(year)
    folder.mkdir()
    (folder / "plan_004.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("year", "code", "level"), [(2026, "KT_XA", "commune"), (2024, "HUYEN_KT", "district")]
)
def test_a_redated_plan_names_the_office_of_its_time(
    tmp_path: Path, year: int, code: str, level: str
) -> None:
    out = tmp_path / "out"
    args = ["ingest", str(_redated(tmp_path, year)), "--out", str(out), "--progress", "none"]
    assert main(args) == 0
    con = connect(out)
    leads = con.execute(
        "select distinct lead_role from plan_items where lead like 'Phòng Kinh tế%'"
    ).fetchall()
    assert leads == [(code,)]
    mentions = con.execute(
        "select distinct agency_code, level from item_agencies where text = 'Phòng Kinh tế'"
    ).fetchall()
    assert mentions == [(code, level)]
