"""Corrections as data (issue 18): recorded by `plans correct` or by hand in
<dataset>/corrections.csv, applied by every ingest and nightly, stale ones reported.

The row used is 1.5 of plan_000 (read by hand in data/raw/plan_000.txt, line 101): criterion
'Tập huấn, tuyên truyền, …', requirement 'Cử cán bộ tham gia các lớp tập huấn', deadline
'Trong năm 2023', lead 'UBND xã'.
"""

from __future__ import annotations

import csv
import io
import shutil
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from models.document import TableRow
from normalize.codelist import AliasEntry, load_codelist, with_aliases
from normalize.criteria import match_rows
from pipeline.cli import main
from pipeline.dataset.corrections import corrections_path, learned_path, read_corrections
from tests.conftest import query_rows

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
ROW_15 = "1.5\tTập huấn, tuyên truyền, phổ biến nội dung"
# A plan of our own whose row wording no shipped alias knows ('kho lưu trữ số' is the
# kind of phrase a commune coins); the analyst maps it to F7.DATA_REUSE once.
OWN_PLAN = """Số: 12/KH-UBND
Tân Lập, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
STT\tNội dung\tThời gian\tCơ quan chủ trì
1\tVận hành kho lưu trữ số các hồ sơ đã giải quyết của xã\tQuý II/2024\tVăn phòng UBND xã
"""


def _row(data: Path, code: str = "1.5", where: str = "") -> dict[str, Any]:
    rows = query_rows(
        data, f"select * from plan_items where code = '{code}' and table_index = 0 {where}"
    )
    assert len(rows) == 1, rows
    return rows[0]


def _of_file(name: str) -> str:
    return f"and doc_id in (select doc_id from documents where source_path like '%/{name}')"


def _run(mode: str, raw: Path, data: Path) -> None:
    with redirect_stdout(io.StringIO()):
        assert main([mode, str(raw), "--out", str(data), "--progress", "none"]) == 0


def _correct(data: Path, doc_id: str, column: str, value: str, *rest: str) -> int:
    with redirect_stdout(io.StringIO()):
        return main(["correct", "--data", str(data), doc_id[:12], "0", "1.5", column, value, *rest])


@pytest.fixture
def dataset(tmp_path: Path) -> tuple[Path, Path, str]:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "plan_000.txt", raw / "plan_000.txt")
    data = tmp_path / "parquet"
    _run("ingest", raw, data)
    doc_id = _row(data)["doc_id"]
    return raw, data, doc_id


def test_correct_then_nightly_applies_and_marks(dataset: tuple[Path, Path, str]) -> None:
    raw, data, doc_id = dataset
    before = _row(data)
    assert before["deadline_text"] == "Trong năm 2023" and before["corrected"] is False
    assert _correct(data, doc_id, "deadline_text", "Quý IV/2023", "--note", "theo QĐ") == 0
    assert _correct(data, doc_id, "criterion_code", "F3.ONTIME") == 0
    saved, problems = read_corrections(data)
    old_code = before["criterion_code"] or ""
    assert problems == [] and [c.old_value for c in saved] == ["Trong năm 2023", old_code]
    assert saved[0].source_path.endswith("plan_000.txt") and saved[0].note == "theo QĐ"
    _run("nightly", raw, data)
    after = _row(data)
    assert after["deadline_text"] == "Quý IV/2023" and after["corrected"] is True
    assert (after["criterion_code"], after["field_code"]) == ("F3.ONTIME", "F3")
    assert (after["match_method"], after["match_score"]) == ("analyst", 1.0)
    applied = query_rows(data, 'select * from corrections order by "column"')
    assert [(a["column"], a["new_value"]) for a in applied] == [
        ("criterion_code", "F3.ONTIME"),
        ("deadline_text", "Quý IV/2023"),
    ]
    # other rows stay as extracted
    assert _row(data, "1.4")["corrected"] is False
    # a second run changes nothing and reports nothing stale
    _run("nightly", raw, data)
    assert _row(data)["deadline_text"] == "Quý IV/2023"
    assert query_rows(data, "select * from errors where stage = 'correct'") == []
    assert len(query_rows(data, "select * from corrections")) == 2


def test_changed_source_makes_the_correction_stale(dataset: tuple[Path, Path, str]) -> None:
    raw, data, doc_id = dataset
    assert _correct(data, doc_id, "deadline_text", "Quý IV/2023") == 0
    _run("ingest", raw, data)
    assert _row(data)["deadline_text"] == "Quý IV/2023"
    # the commune sends a new version: row 1.5 now says 2024
    path = raw / "plan_000.txt"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(ROW_15))
    lines[index] = lines[index].replace("Trong năm 2023", "Trong năm 2024")
    path.write_text("".join(lines), encoding="utf-8")
    _run("nightly", raw, data)
    row = _row(data)
    assert row["deadline_text"] == "Trong năm 2024" and row["corrected"] is False
    assert row["doc_id"] != doc_id
    stale = query_rows(data, "select * from errors where kind = 'stale_correction'")
    assert len(stale) == 1 and stale[0]["severity"] == "warning"
    assert "plan_000.txt" in stale[0]["message"] and "'Trong năm 2024'" in stale[0]["message"]
    assert query_rows(data, "select * from corrections") == []


def test_unchanged_cell_in_a_changed_file_still_applies(dataset: tuple[Path, Path, str]) -> None:
    raw, data, doc_id = dataset
    assert _correct(data, doc_id, "lead", "Chủ tịch UBND xã") == 0
    path = raw / "plan_000.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nNơi nhận: Lưu VT.\n", encoding="utf-8")
    _run("nightly", raw, data)
    row = _row(data)
    assert row["doc_id"] != doc_id and row["lead"] == "Chủ tịch UBND xã" and row["corrected"]


def test_hand_written_lines_and_bad_lines(dataset: tuple[Path, Path, str]) -> None:
    raw, data, doc_id = dataset
    text = (
        "doc_id,source_path,table_index,code,column,old_value,new_value,author,at,note\n"
        f"{doc_id},,0,1.5,kind,item,not_item,lan,,không phải nhiệm vụ\n"
        f"{doc_id},,x,1.5,task,,y,lan,,\n"
        f"{doc_id},,0,1.5,score,,y,lan,,\n"
    )
    corrections_path(data).write_text(text, encoding="utf-8")
    _run("ingest", raw, data)  # nothing to extract: the corrections still apply
    assert _row(data)["kind"] == "not_item"
    bad = query_rows(data, "select message from errors where kind = 'bad_correction' order by 1")
    assert [m["message"].split(": ", 1)[1] for m in bad] == [
        "table_index must be a number, not 'x'",  # line 3
        "column 'score' cannot be corrected",  # line 4
    ]
    assert all("corrections.csv line" in m["message"] for m in bad)


def test_refused_corrections(dataset: tuple[Path, Path, str], capsys: Any) -> None:
    _raw, data, doc_id = dataset
    assert _correct(data, doc_id, "criterion_code", "F3.NO_SUCH") == 2
    assert "unknown criterion code 'F3.NO_SUCH'" in capsys.readouterr().err
    assert _correct(data, doc_id, "kind", "heading") == 2
    with redirect_stdout(io.StringIO()):
        assert main(["correct", "--data", str(data), doc_id, "0", "9.9.9", "task", "x"]) == 2
    assert "no row 9.9.9 in table 0" in capsys.readouterr().err
    assert not corrections_path(data).exists()


def test_criterion_choice_teaches_other_plans(dataset: tuple[Path, Path, str]) -> None:
    raw, data, _ = dataset
    (raw / "own.txt").write_text(OWN_PLAN, encoding="utf-8")
    _run("ingest", raw, data)
    own = _row(data, "1", _of_file("own.txt"))
    assert own["criterion_code"] != "F7.DATA_REUSE"
    with redirect_stdout(io.StringIO()):
        args = ["correct", "--data", str(data), own["doc_id"], "0", "1", "criterion_code"]
        assert main([*args, "F7.DATA_REUSE"]) == 0
    _run("ingest", raw, data)
    learned = list(csv.DictReader(learned_path(data).open(encoding="utf-8")))
    assert [(r["code"], r["alias"], r["source"]) for r in learned] == [
        (
            "F7.DATA_REUSE",
            "Vận hành kho lưu trữ số các hồ sơ đã giải quyết của xã",
            f"doc:{own['doc_id']}",
        )
    ]
    # another commune's plan with the same wording maps without a click
    other = OWN_PLAN.replace("Tân Lập", "Hòa Bình").replace("12/KH", "31/KH")
    (raw / "other.txt").write_text(other, encoding="utf-8")
    _run("ingest", raw, data)
    row = _row(data, "1", _of_file("other.txt"))
    assert (row["criterion_code"], row["match_method"]) == ("F7.DATA_REUSE", "alias")
    assert row["corrected"] is False


def test_with_aliases_reaches_the_matcher() -> None:
    label = "Vận hành kho lưu trữ số các hồ sơ đã giải quyết của xã"
    row = TableRow(0, 0, "item", "1", "1", None, 1, "1", None, criterion=label)
    plain = match_rows([row], province=None, district=None, plan_year=2024)[0]
    codes = with_aliases(load_codelist(), [AliasEntry("F7.DATA_REUSE", label, ("doc:ab",))])
    learned = match_rows([row], province=None, district=None, plan_year=2024, codes=codes)[0]
    assert plain.criterion_code != "F7.DATA_REUSE"
    assert (learned.criterion_code, learned.match_method) == ("F7.DATA_REUSE", "alias")
    assert codes.version != load_codelist().version
    unknown = [AliasEntry("F9.NOPE", label, ("doc:ab",))]
    assert with_aliases(load_codelist(), unknown) is load_codelist()


def test_a_dataset_written_before_the_new_columns_still_runs(
    dataset: tuple[Path, Path, str],
) -> None:
    """A version written before boxes and `corrected` existed (columns are only added): the
    next run reads it with those columns empty and applies corrections on top."""
    import pyarrow.parquet as pq

    from pipeline.dataset.store import Store

    raw, data, doc_id = dataset
    added = ["box_page", "box_x0", "box_top", "box_x1", "box_bottom", "cell_boxes", "corrected"]
    current = Store(data).current_dir()
    assert current is not None
    for part in (current / "plan_items").rglob("*.parquet"):
        old = pq.read_table(part).drop_columns(added)
        part.unlink()  # files of a version may be hard-linked into the next: never rewritten
        pq.write_table(old, part)
    items = Store(data).read_table("plan_items")
    assert set(items["corrected"].to_pylist()) == {False}
    assert set(map(tuple, items["cell_boxes"].to_pylist())) == {()}
    assert _correct(data, doc_id, "lead", "Chủ tịch UBND xã") == 0
    _run("ingest", raw, data)  # the file is unchanged: only the correction is new
    row = _row(data)
    assert row["lead"] == "Chủ tịch UBND xã" and row["corrected"] is True


def test_a_sub_row_teaches_its_own_task_not_the_objective_its_group_shares() -> None:
    # 004 3.3 and its sub-rows share one objective (a vertical merge); the analyst picks
    # F3.CITIZEN_SUPPORT for 3.3#2. Learning the shared objective alone would map 3.3 and 3.3#3
    # (the survey, the dialogues) to the same code by an exact match on the next run.
    from datetime import datetime

    from pipeline.dataset.corrections import Correction
    from pipeline.ingest.apply_corrections import Outcome, learned_rows

    shared = "Tỷ lệ hài lòng của người dân đạt tối thiểu 93% tại các cấp"
    task = "Tiếp tục triển khai tiện ích SMS, ZMS, email thông tin kết quả giải quyết hồ sơ"
    row = {"doc_id": "d4", "table_index": 0, "code": "3.3#2", "criterion": None}
    row |= {"objective": shared, "task": task, "requirement": None}
    choice = Correction(
        "d4",
        "plan_004.txt",
        0,
        "3.3#2",
        "criterion_code",
        "",
        "F3.CITIZEN_SUPPORT",
        "lan",
        datetime(2026, 12, 3),
    )
    learned = learned_rows(Outcome([row], applied=[(choice, "d4")]))
    # the whole row (normalize.learned): its siblings' rows differ by their tasks
    assert [(code, alias) for code, alias, _, _ in learned] == [
        ("F3.CITIZEN_SUPPORT", f"{shared} | {task}")
    ]
