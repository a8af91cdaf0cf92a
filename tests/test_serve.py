"""`plans serve` without a browser: safe defaults, escaping, the review queue, 'row as read'.

Starlette's TestClient speaks to the app in-process (no socket); the browser test
(test_serve_browser.py) covers clicking and the page image.
"""

from __future__ import annotations

import io
import re
import shutil
import warnings
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.dataset.corrections import corrections_path, read_corrections
from pipeline.review.serve import create_app
from pipeline.review.serve.app import search_codes

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
BASE = "http://127.0.0.1:8765"
TOKEN = "test-token"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, Path, str]:
    tmp = tmp_path_factory.mktemp("serve")
    raw = tmp / "raw"
    raw.mkdir()
    shutil.copy(RAW / "plan_000.txt", raw / "plan_000.txt")
    data = tmp / "parquet"
    with redirect_stdout(io.StringIO()):
        assert main(["ingest", str(raw), "--out", str(data), "--progress", "none"]) == 0
    client = TestClient(create_app(data, token=TOKEN), base_url=BASE)
    doc_id = re.findall(r"/plan/([0-9a-f]{64})", client.get("/").text)[0]
    return client, raw, data, doc_id


def _form(doc_id: str, **extra: str) -> dict[str, str]:
    form = {"csrf": TOKEN, "doc_id": doc_id, "row": "0:5", "code": "1.5", "column": "task"}
    form.update(extra)
    return form


def test_post_needs_the_token_and_same_origin(site: tuple[TestClient, Path, Path, str]) -> None:
    client, _raw, data, doc_id = site
    for form, headers in [
        (_form(doc_id, csrf="", value="x"), {}),
        (_form(doc_id, csrf="guess", value="x"), {}),
        (_form(doc_id, value="x"), {"origin": "http://evil.example"}),
    ]:
        answer = client.post("/correct", data=form, headers=headers, follow_redirects=False)
        assert answer.status_code == 403
    assert not corrections_path(data).exists()
    # a foreign Host (DNS rebinding) is refused before any handler
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_text_is_escaped_and_pending_shown(site: tuple[TestClient, Path, Path, str]) -> None:
    client, _raw, data, doc_id = site
    hostile = '<script>alert(1)</script> & "quoted"'
    form = _form(doc_id, value=hostile, note="<b>x</b>")
    answer = client.post("/correct", data=form, headers={"origin": BASE}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/plan/{doc_id}?row=0%3A5&saved=1")
    page = client.get(answer.headers["location"])
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "script-src" not in page.headers["content-security-policy"]  # no script at all
    assert page.headers["x-frame-options"] == "DENY"
    saved = read_corrections(data)[0]
    assert saved[-1].new_value == hostile and saved[-1].note == "<b>x</b>"
    corrections_path(data).unlink()


def test_only_manifest_files_are_served(site: tuple[TestClient, Path, Path, str]) -> None:
    client, *_ = site
    for path in (
        "/page/../../etc/passwd",
        "/page/%2e%2e%2fetc%2fpasswd/1.png",
        "/page/" + "0" * 64 + "/1.png",
        "/plan/../../etc/passwd",
    ):
        assert client.get(path).status_code == 404, path


def test_text_sources_show_the_row_as_read(site: tuple[TestClient, Path, Path, str]) -> None:
    client, _raw, _data, doc_id = site
    page = client.get(f"/plan/{doc_id}?row=0:5")
    assert 'id="as-read"' in page.text and 'id="page-image"' not in page.text
    assert "Cử cán bộ tham gia các lớp tập huấn" in page.text
    # the text export has no page image to give
    assert client.get(f"/page/{doc_id}/1.png").status_code == 404


def test_plans_list_filters(site: tuple[TestClient, Path, Path, str]) -> None:
    client, *_ = site
    assert client.get("/?fmt=txt").text.count('class="plan"') == 1
    assert client.get("/?fmt=pdf").text.count('class="plan"') == 0
    assert client.get("/?year=1999").text.count('class="plan"') == 0


def test_code_search_over_vietnamese_labels() -> None:
    codes = [code for code, _ in search_codes("đúng hạn")]
    assert "F3.ONTIME" in codes
    assert [c for c, _ in search_codes("dung han")] == codes  # accents optional
    assert search_codes("") == []


def test_stale_correction_is_in_the_review_queue(
    site: tuple[TestClient, Path, Path, str],
) -> None:
    client, raw, data, doc_id = site
    corrections_path(data).write_text(
        "doc_id,source_path,table_index,code,column,old_value,new_value,author,at,note\n"
        f"{doc_id},,0,1.5,deadline_text,Trong năm 2022,Quý IV/2023,lan,,\n",
        encoding="utf-8",
    )
    with redirect_stdout(io.StringIO()):
        assert main(["ingest", str(raw), "--out", str(data), "--progress", "none"]) == 0
    queue = client.get("/review").text
    assert "stale_correction" in queue and "&#39;Trong năm 2023&#39;" in queue
    assert "Trong năm 2023" in client.get(f"/plan/{doc_id}?row=0:5").text
    corrections_path(data).unlink()


def test_serve_defaults_to_localhost() -> None:
    args = build_parser().parse_args(["serve"])
    # --data unset: resolved at run time ($PLANS_DATA, the config file, else data/parquet)
    assert (args.host, args.port, args.data) == ("127.0.0.1", 8765, None)


def test_serve_without_a_dataset_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--data", str(tmp_path / "none")]) == 2
    assert "no dataset here" in capsys.readouterr().err
