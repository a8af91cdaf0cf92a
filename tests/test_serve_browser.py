"""Acceptance of issue 18 in a real browser: Playwright for Python driving Debian's Chromium
(`apt-get install chromium`; never a downloaded browser).

Open a plan, click row 1.5, see its box highlighted on the page image, correct a cell and the
criterion code, run `plans nightly`, reload: both corrections are there, marked, and
`plans query` returns them. Row 1.5 of plan_000.pdf was located by hand with PyMuPDF: page 6
(842 x 595 pt, landscape), its cells span y 178.5-283.6 pt, i.e. 30-48 % of the page height.
`pytest --update-golden` also writes the README screenshot.
"""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.review.serve import create_app
from tests.conftest import query_rows

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
SCREENSHOT = Path(__file__).resolve().parent / "fixtures" / "screenshots" / "review.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROW_TEXT = "Tập huấn, tuyên truyền, phổ biến nội dung"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    import uvicorn

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "plan_000.pdf", raw / "plan_000.pdf")
    data = tmp_path / "parquet"
    with redirect_stdout(io.StringIO()):
        assert main(["ingest", str(raw), "--out", str(data), "--progress", "none"]) == 0
    port = _free_port()
    config = uvicorn.Config(create_app(data), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    while not uv.started:  # the server's own flag, not a timing assumption
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", raw, data
    uv.should_exit = True
    thread.join()


def _row_box_fraction(page: Any) -> tuple[float, float]:
    image = page.locator("#page-image").bounding_box()
    box = page.locator("#row-box").bounding_box()
    assert image and box and box["width"] > 0 and box["height"] > 0
    top = (box["y"] - image["y"]) / image["height"]
    bottom = (box["y"] + box["height"] - image["y"]) / image["height"]
    return top, bottom


def test_review_and_correct_in_a_browser(
    server: tuple[str, Path, Path], request: pytest.FixtureRequest
) -> None:
    base, raw, data = server
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        page.goto(base + "/")
        page.locator("a.plan").first.click()
        row = page.locator("tr.item", has_text=ROW_TEXT)
        with page.expect_response(lambda r: r.url.endswith("/6.png")) as image:
            row.locator("a.rowlink").click()
        assert image.value.ok and image.value.headers["content-type"] == "image/png"
        assert "selected" in (row.get_attribute("class") or "")
        # an <img> without a height has none until its image is decoded: visible = loaded
        playwright_api.expect(page.locator("#page-image")).to_be_visible()
        top, bottom = _row_box_fraction(page)
        assert 0.29 < top < 0.31 and 0.46 < bottom < 0.49, (top, bottom)
        if request.config.getoption("--update-golden"):
            _screenshot(page)
        # correct a cell
        page.select_option("#column", "deadline_text")
        page.fill("#value", "Quý IV/2023")
        page.fill("#note", "theo Quyết định 12/QĐ-UBND")
        page.click("#save-cell")
        assert "Quý IV/2023" in page.locator("#pending").inner_text()
        # choose a criterion code by searching the code list's Vietnamese labels
        page.fill("#q", "dung han")
        page.click("#search")
        page.click("button.choose[data-code='F3.ONTIME']")
        assert page.locator("#saved").is_visible()
        with redirect_stdout(io.StringIO()):
            assert main(["nightly", str(raw), "--out", str(data), "--progress", "none"]) == 0
        page.reload()
        row = page.locator("tr.item", has_text=ROW_TEXT)
        assert row.locator("td.deadline").inner_text() == "Quý IV/2023"
        assert row.locator("td.code").inner_text().startswith("F3.ONTIME")
        assert "corrected" in (row.get_attribute("class") or "")
        assert row.locator(".corrected-mark").is_visible()
        assert page.locator("#pending").count() == 0
        browser.close()
    found = query_rows(
        data,
        "select deadline_text, criterion_code, match_method, corrected from plan_items "
        "where table_index = 0 and code = '1.5'",
    )
    assert found == [
        {
            "deadline_text": "Quý IV/2023",
            "criterion_code": "F3.ONTIME",
            "match_method": "analyst",
            "corrected": True,
        }
    ]


def _screenshot(page: Any) -> None:
    """The README picture: the plan page with a row beside its source, kept under 200 KB."""
    from PIL import Image

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    image = Image.open(SCREENSHOT).convert("RGB").quantize(colors=64)
    image.save(SCREENSHOT, optimize=True)
    assert SCREENSHOT.stat().st_size < 200_000
