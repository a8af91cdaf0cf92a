"""Shared test fixtures: sample paths, the golden-file comparison, the OCR marker."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ("000", "001", "002", "003", "004")
HAS_TESSERACT = shutil.which("tesseract") is not None
# plan -> (province, district, plan year) as the plans and the decisions they cite give them
# (002's province from 'QĐ 1493/QĐ-UBND … của UBND tỉnh' of Bình Phước; 003's from Sơn Hà).
SAMPLE_PLACES = {
    "000": ("Thái Nguyên", "Phú Bình", 2023),
    "001": ("Hà Nội", "Thanh Trì", 2024),
    "002": ("Bình Phước", "Lộc Ninh", 2025),
    "003": ("Quảng Ngãi", "Sơn Hà", 2024),
    "004": ("Đồng Nai", "Trảng Bom", 2023),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output (review the diff!)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_ocr = pytest.mark.skip(reason="tesseract is not installed (make test installs it)")
    for item in items:
        if "ocr" in item.keywords and not HAS_TESSERACT:
            item.add_marker(skip_ocr)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_jsonl(records: Iterable[Any]) -> str:
    """One JSON object per line, keys sorted, Vietnamese kept readable."""
    lines = []
    for rec in records:
        data = dataclasses.asdict(rec) if dataclasses.is_dataclass(rec) else rec
        lines.append(json.dumps(_plain(data), ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare records with a golden JSONL file exactly (--update-golden rewrites it)."""

    def check(path: Path, records: Iterable[Any]) -> None:
        text = to_jsonl(records)
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        expected = path.read_text(encoding="utf-8")
        assert text.splitlines() == expected.splitlines(), f"differs from golden {path}"

    return check


@pytest.fixture(scope="session")
def raw() -> Path:
    return RAW


def query_rows(data: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of `plans query SQL --format jsonl` on a dataset, as an analyst gets them."""
    import io
    from contextlib import redirect_stdout

    from pipeline.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["query", "--data", str(data), "--format", "jsonl", sql]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]
