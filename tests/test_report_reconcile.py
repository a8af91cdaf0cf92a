"""Issue 16: the report's numbers reconcile. Every chart's drawn numbers (read back from the
artists matplotlib drew: pipeline/report/marks.py) are checked (a) against the table printed
beside it in the same section and (b) against a `plans query` written here over the plain
views (each plan counted once), on the 15 sample files of data/raw ingested once per session.

Hand-checked values (read in the plans): Thanh Liệt's printed field subtotals F1 23.27 of 24,
F3 19.68 of 20, section 4 (F5) 16.71 -> 16.96 of 18, F2 5.5 -> 5.75; Hà Châu's ONLINE_RATE 90 %
is Phú Bình district's ('toàn trình năm 2023 của huyện'), its PAYMENT_RATE targets are three
indicators (100 %, 70 %, 30 %); 61/2018/NĐ-CP is cited by Giang Điền, Lộc Hòa and Thanh Liệt.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from contextlib import redirect_stdout
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.report.html import Chart, Section, Table
from pipeline.report.marks import Mark, marks
from pipeline.report.queries import REVIEW_BELOW, load, open_dataset
from pipeline.report.sections import build_sections
from tests.conftest import RAW, query_rows

matplotlib.use("Agg")
NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")  # '>= 98, >= 96' -> 98, 96
# every chart of the report, by its data-chart name (prefix), and the test reconciling it
RECONCILED = {
    "coverage-plans": "test_plans_per_province",
    "coverage-files": "test_files_per_commune_and_format",
    "targets-percent": "test_percent_targets",
    "targets-fields": "test_targets_per_field",
    "scores-profile": "test_score_profile",
    "scores-change-": "test_score_changes",
    "legal-cited": "test_most_cited",
    "review-methods": "test_match_methods",
}


def sample_dataset(factory: pytest.TempPathFactory) -> Path:
    """The 15 files of data/raw ingested once per session (shared with the browser tests)."""
    out = factory.getbasetemp() / "report_samples" / "parquet"
    if not (out / "current").exists():
        files = sorted(RAW.glob("plan_00?.*"))
        assert len(files) == 15
        with redirect_stdout(io.StringIO()):
            argv = ["ingest", *map(str, files), "--out", str(out), "--progress", "none"]
            assert main(argv) == 0
    return out


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_dataset(tmp_path_factory)


@pytest.fixture(scope="module")
def sections(dataset: Path) -> dict[str, Section]:
    con = open_dataset(dataset)
    try:
        return {s.id: s for s in build_sections(load(con))}
    finally:
        con.close()


def chart(section: Section, name: str) -> Chart:
    found = [b for b in section.blocks if isinstance(b, Chart) and _name(b).startswith(name)]
    assert len(found) == 1, f"{section.id}: {len(found)} charts named {name}"
    return found[0]


def _name(c: Chart) -> str:
    found = re.search(r'data-chart="([^"]+)"', c.svg)
    assert found
    return found.group(1)


def table(section: Section, caption: str) -> pd.DataFrame:
    found = [b for b in section.blocks if isinstance(b, Table) and b.caption.startswith(caption)]
    assert len(found) == 1, f"{section.id}: no table '{caption}'"
    assert len(found[0].frame) <= found[0].max_rows  # every row is printed
    return found[0].frame


def bars(c: Chart) -> dict[tuple[str, str], float]:
    """{(category, series): length} of the drawn bars; empty segments of a stack left out."""
    drawn = [m for m in c.marks if m.kind == "bar" and m.value != 0]
    found = {(m.category, m.series): m.value for m in drawn}
    assert len(found) == len(drawn), "two bars on one category and series"
    return found


def texts(c: Chart) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for m in c.marks:
        if m.kind == "text":
            found[m.category].append(m.text)
    return dict(found)


def code(label: str) -> str:
    """'F3 Cải cách thủ tục hành chính' -> 'F3'; 'ONTIME_RATE Tỷ lệ … (4)' -> 'ONTIME_RATE'."""
    return label.split(" ", 1)[0]


# --- the marks: what a chart drew --------------------------------------------------------------


def test_marks_read_bars_dots_and_labels_back_from_the_artists() -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    ax.barh(["Hà Châu", "Lộc Hòa"], [2, 0], label="2023")
    ax.barh(["Hà Châu", "Lộc Hòa"], [1, 3], left=[2, 0], label="2025")
    change = ax.barh(["F2", "F5"], [-0.25, 0.0])
    ax.bar_label(change, labels=["5.75 → 5.5", "16.96 → 16.96"])
    ax.scatter([96, 98], [0.1, -0.1], label="Lộc Hòa 2025")
    ax.bar(0, 0, label="legend proxy")  # a vertical bar: its category is on the x axis
    ax.figure.canvas.draw()
    drawn = marks(ax)
    assert Mark("bar", "2023", "Hà Châu", 2.0) in drawn
    assert Mark("bar", "2025", "Lộc Hòa", 3.0) in drawn  # a stacked bar's own length
    assert Mark("bar", "", "F2", -0.25) in drawn and Mark("bar", "", "F5", 0.0) in drawn
    assert Mark("text", "", "F2", -0.25, "5.75 → 5.5") in drawn
    dots = [m for m in drawn if m.kind == "dot"]
    assert [(m.series, m.category, m.value) for m in dots] == [
        ("Lộc Hòa 2025", "Hà Châu", 96.0),
        ("Lộc Hòa 2025", "Hà Châu", 98.0),
    ]
    assert [m.value for m in drawn if m.series == "legend proxy"] == [0.0]


def test_every_chart_of_the_report_is_reconciled(sections: dict[str, Section]) -> None:
    names = [_name(b) for s in sections.values() for b in s.blocks if isinstance(b, Chart)]
    assert len(names) == 8
    for name in names:
        assert any(name.startswith(prefix) for prefix in RECONCILED), name
    assert all(
        any(b.marks for b in s.blocks if isinstance(b, Chart))
        for s in sections.values()
        if any(isinstance(b, Chart) for b in s.blocks)
    )


# --- coverage ----------------------------------------------------------------------------------


def test_plans_per_province(sections: dict[str, Section], dataset: Path) -> None:
    drawn = bars(chart(sections["coverage"], "coverage-plans"))
    beside = table(sections["coverage"], "Plans:")
    printed = Counter(zip(beside["province"], beside["plan_year"].astype(str), strict=True))
    sql = (
        "select coalesce(province, '(province not found)') as province, plan_year, "
        "count(distinct plan_id) as n from all_documents group by all"
    )
    asked = {(r["province"], str(r["plan_year"])): r["n"] for r in query_rows(dataset, sql)}
    assert drawn == printed == asked
    assert sum(drawn.values()) == 5  # five plans, not fifteen files


def test_files_per_commune_and_format(sections: dict[str, Section], dataset: Path) -> None:
    drawn = bars(chart(sections["coverage"], "coverage-files"))
    beside = table(sections["coverage"], "Plans:").set_index("commune")
    for commune, row in beside.iterrows():
        formats = sorted(series for (c, series), _n in drawn.items() if c == commune)
        assert ", ".join(formats) == row["formats"]
        assert sum(n for (c, _s), n in drawn.items() if c == commune) == row["files"]
    sql = "select commune, source_format as f, count(*) as n from all_documents group by all"
    assert drawn == {(r["commune"], r["f"]): r["n"] for r in query_rows(dataset, sql)}
    assert sum(drawn.values()) == 15
    assert sections["coverage"].intro.startswith("15 files read for 5 plans")


# --- targets -----------------------------------------------------------------------------------


def _dots(c: Chart) -> dict[tuple[str, str], list[float]]:
    """{(metric, plan): sorted values} of the dots."""
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for m in c.marks:
        if m.kind == "dot":
            found[(code(m.category), m.series)].append(m.value)
    return {k: sorted(v) for k, v in found.items()}


def _cell_values(value: object) -> list[float]:
    """A wide-table cell: 99.9 -> [99.9]; '>= 98, >= 96' -> [96, 98]; missing -> []."""
    if isinstance(value, str):
        return sorted(float(n) for n in NUMBER_RE.findall(value))
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [float(value)]  # type: ignore[arg-type]


def test_percent_targets(sections: dict[str, Section], dataset: Path) -> None:
    drawn = _dots(chart(sections["targets"], "targets-percent"))
    wide = table(sections["targets"], "targets_wide view").set_index("metric")
    plans = [c for c in wide.columns if c != "label"]
    metrics = {m for m, _p in drawn}
    assert set(wide.index) == metrics
    printed = {(m, p): _cell_values(wide.loc[m, p]) for m in metrics for p in plans}
    printed = {k: v for k, v in printed.items() if v}
    assert drawn == printed
    sql = (
        "select t.metric, d.commune || ' ' || d.plan_year as plan, "
        "list(distinct t.value order by t.value) as v from targets t "
        "join documents d using (doc_id) "
        "where t.unit = '%' and t.scope = 'commune' and t.value is not null group by all"
    )
    asked = {(r["metric"], r["plan"]): r["v"] for r in query_rows(dataset, sql)}
    assert drawn == {k: v for k, v in asked.items() if k[0] in metrics}
    # a district's target is not the commune's: Hà Châu's ONLINE_RATE 90 % is Phú Bình's
    sql = "select metric, value, scope from targets join documents using (doc_id) "
    sql += "where commune = 'Hà Châu' and metric = 'ONLINE_RATE'"
    assert query_rows(dataset, sql) == [
        {"metric": "ONLINE_RATE", "value": 90.0, "scope": "district"}
    ]
    assert ("ONLINE_RATE", "Hà Châu 2023") not in drawn
    assert _cell_values(wide.loc["ONLINE_RATE", "Hà Châu 2023"]) == []
    wider = table(sections["targets"], "Targets a plan sets for its district")
    assert ("Hà Châu 2023", "ONLINE_RATE", 90.0) in set(
        zip(wider["plan"], wider["metric"], wider["value"], strict=True)
    )
    # several values of one metric are shown, not merged into the highest
    assert drawn[("PAYMENT_RATE", "Hà Châu 2023")] == [30.0, 70.0, 100.0]
    assert drawn[("ONTIME_RATE", "Lộc Hòa 2025")] == [96.0, 98.0]


def test_targets_per_field(sections: dict[str, Section], dataset: Path) -> None:
    drawn = bars(chart(sections["targets"], "targets-fields"))
    per_field = {(plan, code(series)): n for (plan, series), n in drawn.items()}
    sql = (
        "select d.commune || ' ' || d.plan_year as plan, "
        "coalesce(split_part(t.criterion_code, '.', 1), '(none)') as field, "
        "count(*) filter (where t.scope = 'commune') as own, count(*) as every "
        "from targets t join documents d using (doc_id) group by all"
    )
    rows = query_rows(dataset, sql)
    assert per_field == {(r["plan"], r["field"]): r["own"] for r in rows if r["own"]}
    # beside it, the wider targets: chart + table = every target row of the plan
    wider = Counter(table(sections["targets"], "Targets a plan sets for its district")["plan"])
    every = Counter()  # type: Counter[str]
    for r in rows:
        every[r["plan"]] += r["every"]
    shown = Counter()  # type: Counter[str]
    for (plan, _field), n in per_field.items():
        shown[plan] += int(n)
    assert {p: shown[p] + wider[p] for p in every} == dict(every)
    assert wider["Hà Châu 2023"] == 2  # DISBURSE_RATE and ONLINE_RATE of Phú Bình district


# --- scores ------------------------------------------------------------------------------------


def _subtotals(section: Section) -> pd.DataFrame:
    return table(section, "Printed field subtotals")


def test_score_profile(sections: dict[str, Section], dataset: Path) -> None:
    c = chart(sections["scores"], "scores-profile")
    drawn = {(code(cat), series): v for (cat, series), v in bars(c).items()}
    sub = _subtotals(sections["scores"])
    printed = {
        (f, k, None if pd.isna(y) else int(y)): v
        for f, k, y, v in sub[["field_code", "kind", "year", "printed"]].itertuples(index=False)
    }
    for (field, series), pct in drawn.items():
        kind, year = series.split(" · ")[1].split(" ")
        expected = 100 * printed[(field, kind, int(year))] / printed[(field, "max", None)]
        assert pct == round(expected, 1), (field, series)
    # the printed figures of the plan, hand-checked (issue 16: not 22.19/23, 22.18/22.5)
    assert printed[("F1", "actual", 2023)] == 23.27 and printed[("F1", "max", None)] == 24
    assert printed[("F3", "actual", 2023)] == 19.68 and printed[("F3", "max", None)] == 20
    assert printed[("F5", "actual", 2023)] == 16.71 and printed[("F5", "target", 2024)] == 16.96
    # printed and summed side by side, the flag exactly where they differ
    assert {"printed", "summed", "flag"} <= set(sub.columns)
    differs = (sub["printed"] - sub["summed"]).abs() > 0.005
    assert ((sub["flag"] == "DIFFERS") == differs).all()
    # the bar labels show the bars' values
    labels = [m for m in c.marks if m.kind == "text"]
    assert sorted(float(m.text) for m in labels) == sorted(drawn.values())
    sql = (
        "select i.field_code, s.kind, s.year, s.value from item_scores s "
        "join plan_items i using (doc_id, table_index, row_index) "
        "where i.kind = 'item' and i.parent_code is null and s.value is not null"
    )
    asked = {(r["field_code"], r["kind"], r["year"]): r["value"] for r in query_rows(dataset, sql)}
    assert {k: v for k, v in asked.items() if k[0] != "F0"} == printed


def test_score_changes(sections: dict[str, Section]) -> None:
    c = chart(sections["changes"], "scores-change-thanh-liet")
    drawn = {code(m.category): m.value for m in c.marks if m.kind == "bar"}
    labels = {code(cat): t[0] for cat, t in texts(c).items()}
    sub = _subtotals(sections["scores"])
    field_of = dict(zip(sub["code"], sub["field_code"], strict=False))
    actual = sub[(sub["kind"] == "actual") & (sub["year"] == 2023)].set_index("field_code")
    target = sub[(sub["kind"] == "target") & (sub["year"] == 2024)].set_index("field_code")
    assert set(drawn) == set(actual.index)
    for field, change in drawn.items():
        a, b = actual.loc[field, "printed"], target.loc[field, "printed"]
        assert labels[field] == f"{a:g} → {b:g}"
        assert change == pytest.approx(b - a, abs=1e-9)
    # beside it: the items whose score changed add up to their field's change (an item
    # belongs to the field of its top-level row: 4.1.4 -> section 4 -> F5), and the plan's
    # total row ('TỔNG ĐIỂM', F0) changes by the sum of the fields
    items = table(sections["changes"], "Items whose score changed")
    summed: dict[str, float] = defaultdict(float)
    for item_code, field, change in items[["code", "field_code", "change"]].itertuples(index=False):
        summed[field_of.get(item_code.split(".")[0], field)] += change
    assert summed.pop("F0") == pytest.approx(sum(drawn.values()))
    assert {f: round(v, 2) for f, v in summed.items()} == {
        f: round(v, 2) for f, v in drawn.items() if v
    }
    assert drawn["F2"] == pytest.approx(0.25) and drawn["F5"] == pytest.approx(0.25)


# --- legal references --------------------------------------------------------------------------


def test_most_cited(sections: dict[str, Section], dataset: Path) -> None:
    c = chart(sections["legal"], "legal-cited")
    drawn = {cat: v for (cat, _s), v in bars(c).items()}
    beside = table(sections["legal"], "Cited documents").set_index("document")
    assert drawn == beside["plans"].to_dict()  # bar length = plans, not citations
    for document, (label,) in texts(c).items():
        plans, citations = beside.loc[document, ["plans", "citations"]]
        noun = "plan" if plans == 1 else "plans"
        assert label.startswith(f"{plans} {noun} · {citations} citation"), label
    sql = (
        "select key, count(distinct plan_id) as plans, count(*) as citations "
        "from legal_refs where relation <> 'self' and key is not null group by key"
    )
    asked = {r["key"]: (r["plans"], r["citations"]) for r in query_rows(dataset, sql)}
    by_key: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for document, row in beside.iterrows():
        by_key[str(document).split(" · ")[0]][0] += int(row["plans"])
        by_key[str(document).split(" · ")[0]][1] += int(row["citations"])
    for key, (plans, citations) in by_key.items():
        assert asked[key] == (plans, citations), key
    assert (
        beside.loc["61/2018/NĐ-CP", "cited_by"] == "Giang Điền 2023, Lộc Hòa 2025, Thanh Liệt 2024"
    )
    every_file = "select count(*) as n from all_legal_refs where key = '61/2018/NĐ-CP'"
    assert query_rows(dataset, every_file)[0]["n"] == 3 * asked["61/2018/NĐ-CP"][1]


# --- review ------------------------------------------------------------------------------------


def test_match_methods(sections: dict[str, Section], dataset: Path) -> None:
    c = chart(sections["review"], "review-methods")
    drawn = bars(c)
    review = Counter(table(sections["review"], "Review list")["plan"])
    to_review = {cat: int(t[0].split()[0]) for cat, t in texts(c).items()}
    assert to_review == {p: review[p] for p in to_review}
    sql = (
        "select d.commune || ' ' || d.plan_year as plan, "
        "coalesce(i.match_method, 'none') as method, count(*) as n, "
        f"count(*) filter (where i.criterion_code is null or coalesce(i.match_score, 0) < "
        f"{REVIEW_BELOW}) as low from plan_items i join documents d using (doc_id) "
        "where i.kind = 'item' group by all"
    )
    rows = query_rows(dataset, sql)
    assert drawn == {(r["plan"], r["method"]): r["n"] for r in rows}
    low: Counter[str] = Counter()
    for r in rows:
        low[r["plan"]] += r["low"]
    assert to_review == {p: low[p] for p in to_review}
