"""The spaCy components of issue 17: plans_legal_refs and plans_agencies.

The issue's snippet runs exactly, in a fresh interpreter that finds the components only through
the `spacy_factories` entry points declared in pyproject.toml; every case of the legal-reference
case table runs through the spaCy component and the plain finder and gives the same keys.
"""

# The snippet is kept verbatim below, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import extract.nlp  # noqa: F401  (registers plans_legal_refs in this process)
import normalize.nlp  # noqa: F401  (registers plans_agencies in this process)
from extract.legal import find_refs_in_text
from normalize.agency_mentions import agency_mentions, find_agencies
from tests.legal_cases import NEGATIVE, POSITIVE

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = textwrap.dedent(
    """
    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("plans_legal_refs")
    nlp.add_pipe("plans_agencies")
    doc = nlp("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ; giao Văn phòng UBND xã chủ trì")
    doc.spans["legal_refs"][0]._.legal_ref.key   # "61/2018/NĐ-CP"
    doc.spans["agencies"][0]._.agency_code       # a canonical code from normalize/codes/agencies.csv
    print(doc.spans["legal_refs"][0]._.legal_ref.key)
    print(" ".join(s._.agency_code for s in doc.spans["agencies"]))
    """
)
EXPECTED_OUTPUT = "61/2018/NĐ-CP\nTW_CP VP_TK\n"  # 'Chính phủ', 'Văn phòng UBND xã'


def blank() -> Language:
    """spacy.blank('vi') with the plain tokenizer: no pyvi, no model download."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = blank()
    pipeline.add_pipe("plans_legal_refs")
    pipeline.add_pipe("plans_agencies")
    return pipeline


def _entry_points() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return dict(project["project"]["entry-points"]["spacy_factories"])


def _run_snippet(tmp_path: Path, extra_path: list[str]) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "snippet.py"
    script.write_text(SNIPPET, "utf-8")
    env = {"PYTHONPATH": ":".join([*extra_path, str(ROOT)]), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-s", str(script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


def test_snippet_runs_through_the_declared_entry_points(tmp_path: Path) -> None:
    """What `pip install -e .` does for spaCy: a dist-info with pyproject's entry points."""
    info = tmp_path / "site" / "plans_entry_points-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: plans-entry-points\n", "utf-8")
    lines = [f"{name} = {target}" for name, target in _entry_points().items()]
    (info / "entry_points.txt").write_text("[spacy_factories]\n" + "\n".join(lines) + "\n")
    done = _run_snippet(tmp_path, [str(tmp_path / "site")])
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED_OUTPUT


@pytest.mark.skipif(
    "plans_agencies" not in {ep.name for ep in metadata.entry_points(group="spacy_factories")},
    reason="plans is not installed with its entry points here (make setup / pip install -e .)",
)
def test_snippet_runs_in_the_installed_environment(tmp_path: Path) -> None:
    done = _run_snippet(tmp_path, [])
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED_OUTPUT


def test_entry_points_name_the_registered_factories() -> None:
    targets = {"plans_legal_refs": extract.nlp.make_legal_refs}
    targets["plans_agencies"] = normalize.nlp.make_agencies
    for name, target in _entry_points().items():
        module, attr = target.split(":")
        assert getattr(sys.modules[module], attr) is targets[name]
        assert Language.has_factory(name)


def test_blank_vietnamese_needs_no_model() -> None:
    assert blank().tokenizer("Văn phòng UBND xã")[1].text == "phòng"


# --- one case table, every path --------------------------------------------------------------


@pytest.mark.parametrize("text", [c.text for c in POSITIVE] + list(NEGATIVE))
def test_case_table_gives_the_same_keys_through_spacy(nlp: Language, text: str) -> None:
    plain = find_refs_in_text(text)
    doc = nlp(text)
    spans = list(doc.spans["legal_refs"])
    assert [s._.legal_ref.key for s in spans] == [r.key for r in plain]
    for span, record in zip(spans, plain, strict=True):
        assert span._.legal_ref == record
        assert span.label_ == record.ref_type
        assert span.start_char <= record.char_start < record.char_end <= span.end_char
        # expand: the span is the smallest run of whole tokens around the record
        assert span[0].idx <= record.char_start < span[0].idx + len(span[0].text)


def test_case_table_first_keys_are_the_expected_ones(nlp: Language) -> None:
    for case in POSITIVE:
        doc = nlp(case.text)
        spans = doc.spans["legal_refs"]
        assert spans and spans[0]._.legal_ref.key == case.key, case.text


def test_references_split_by_punctuation_inside_one_token(nlp: Language) -> None:
    text = "Nghị định số 107/2020/NĐ-CP;Nghị định số 108/2020/NĐ-CP của Chính phủ"
    doc = nlp(text)
    spans = doc.spans["legal_refs"]
    assert [s._.legal_ref.key for s in spans] == ["107/2020/NĐ-CP", "108/2020/NĐ-CP"]


# --- agencies ------------------------------------------------------------------------------


def test_agency_spans_follow_the_splitter(nlp: Language) -> None:
    text = (
        "Giao Văn phòng HĐND-UBND huyện, Phòng Văn hoá và Thông tin huyện Phú Bình phối hợp "
        "với CC TP-HT và Bộ phận một cửa."
    )
    doc = nlp(text)
    spans = doc.spans["agencies"]
    found = find_agencies(text)
    assert [(s._.agency_code, s._.agency_level) for s in spans] == [
        ("HUYEN_VP", "district"),
        ("HUYEN_VHTT", "district"),
        ("TP_HT", "commune"),
        ("ONESTOP", "commune"),
    ]
    assert [s._.agency for s in spans] == found
    assert [s.label_ for s in spans] == [m.agency_code for m in found]
    assert spans[1].text == "Phòng Văn hoá và Thông tin huyện Phú Bình"
    assert spans[0].text == "Văn phòng HĐND-UBND huyện,"  # the token holds the comma


def test_cells_mode_keeps_unlisted_agencies() -> None:
    pipeline = blank()
    pipeline.add_pipe("plans_agencies", config={"cells": True})
    doc = pipeline("Ban quản lý dự án, VP UBND xã")
    spans = doc.spans["agencies"]
    assert [(s.text, s._.agency_code, s.label_) for s in spans] == [
        ("Ban quản lý dự án,", None, "AGENCY"),
        ("VP UBND xã", "VP_TK", "VP_TK"),
    ]
    assert [s._.agency for s in spans] == agency_mentions("Ban quản lý dự án, VP UBND xã")


def test_case_table_gives_the_same_keys_through_refs_parquet_and_spacy(
    nlp: Language, tmp_path: Path
) -> None:
    """eyecite-style: one case table, every path. The cases as a text export, one per
    paragraph: `plans refs FILE` (the isolated worker), the `legal_refs` Parquet table after
    `plans ingest`, and the spaCy component over the same text give the same keys in order."""
    import json

    from pipeline.cli import main
    from pipeline.query.views import connect

    text = "\n\n".join(case.text for case in POSITIVE) + "\n"
    plan = tmp_path / "cases.txt"
    plan.write_text(text, encoding="utf-8")
    doc = nlp(text)  # the spans live as long as their Doc
    spacy_keys = [s._.legal_ref.key for s in doc.spans["legal_refs"]]
    assert spacy_keys == [r.key for r in find_refs_in_text(text)]

    refs_out = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "refs", str(plan)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    refs_keys = [json.loads(line)["key"] for line in refs_out.splitlines() if line]
    out = tmp_path / "out"
    assert main(["ingest", str(plan), "--out", str(out), "--progress", "none"]) == 0
    parquet_keys = [
        k
        for (k,) in connect(out)
        .execute("select key from legal_refs order by char_start")
        .fetchall()
    ]
    assert refs_keys == parquet_keys == spacy_keys
    assert {case.key for case in POSITIVE} <= set(spacy_keys)
