"""notebooks/compare_communes.ipynb runs top to bottom against a freshly ingested dataset.

The notebook is stored without outputs; executing it here (nbclient, a real kernel, real
DuckDB) keeps it from rotting as the tables evolve.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.cli import main
from tests.conftest import RAW, ROOT

NOTEBOOK = ROOT / "notebooks" / "compare_communes.ipynb"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five text exports, ingested once (one file per plan)."""
    out = tmp_path_factory.mktemp("nb_data")
    files = [str(p) for p in sorted(RAW.glob("plan_00?.txt"))]
    assert main(["ingest", *files, "--out", str(out), "--jobs", "2", "--progress", "none"]) == 0
    return out


@pytest.fixture(scope="module")
def executed(dataset: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    before = os.environ.get("PLANS_DATA")
    os.environ["PLANS_DATA"] = str(dataset)  # the kernel inherits the environment
    try:
        client = NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()
    finally:
        if before is None:
            os.environ.pop("PLANS_DATA", None)
        else:
            os.environ["PLANS_DATA"] = before
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for o in _outputs(nb):
        parts.append(o.get("text", ""))
        parts.append(o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_and_answers_its_three_questions(executed: nbformat.NotebookNode) -> None:
    outputs = _outputs(executed)
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # one chart per question
    text = _text(executed)
    assert str(executed.cells[1].source).count("PLANS_DATA") >= 1
    assert "99.9" in text  # 1. Hà Châu's on-time target
    assert "decrees cited by every plan:" in text and "61/2018/NĐ-CP" in text  # 2.
    assert "97.06" in text and "96.56" in text  # 3. Thanh Liệt's total, 2024 vs 2023


def test_notebook_reads_the_dataset_given_in_plans_data(
    executed: nbformat.NotebookNode, dataset: Path
) -> None:
    assert f"dataset: {dataset}" in _text(executed)
