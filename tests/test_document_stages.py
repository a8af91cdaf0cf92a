"""The two stage verbs on a short plan of our own: extract_document, then normalize_document.

The expected values are worked out by hand from the text below (a commune plan with a score
table whose children do not add up, and its own number cited with a later date).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extract import extract_document
from extract.readers.text import read
from models.document import Document
from models.stages import Extracted, Finding
from normalize.document import normalize_document

PLAN = """ỦY BAN NHÂN DÂN XÃ TÂN HÒA
Số: 12/KH-UBND
Tân Hòa, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
Thực hiện Kế hoạch số 30/KH-UBND ngày 20/02/2024 của UBND huyện Phú Bình.
Kèm theo Kế hoạch số 12/KH-UBND ngày 06/3/2024 của UBND xã Tân Hòa.
STT\tNội dung\tĐiểm tối đa\tĐiểm năm 2023\tĐiểm năm 2024\tCơ quan chủ trì\tThời gian
1\tCông tác chỉ đạo\t3\t2,5\t3\tVăn phòng UBND xã\tQuý II/2024
1.1\tBan hành kế hoạch\t1\t1\t1\tVăn phòng UBND xã\tTháng 1/2024
1.2\tBáo cáo định kỳ\t1,5\t1\t2\tCông chức Tư pháp\tTrong năm 2024
"""


def _doc() -> Document:
    return read(Path("tan-hoa.txt"), PLAN.encode(), "ab" * 32)


def test_extract_document_reads_meta_rows_and_refs() -> None:
    extracted = extract_document(_doc())
    meta = extracted.meta
    assert (meta.doc_number, meta.commune, meta.plan_year) == ("12/KH-UBND", "Tân Hòa", 2024)
    assert meta.issue_date == date(2024, 3, 5)
    assert [(r.code, r.parent_code) for r in extracted.rows] == [
        ("1", None),
        ("1.1", "1"),
        ("1.2", "1"),
    ]
    assert [(r.key, r.relation) for r in extracted.refs] == [
        ("12/KH-UBND", "self"),
        ("30/KH-UBND", "implements"),
        ("12/KH-UBND", "self"),
    ]


def test_normalize_document_builds_every_table() -> None:
    doc = _doc()
    out = normalize_document(doc, extract_document(doc))
    items = {i.row.code: i for i in out.plan_items}
    assert items["1"].deadline_date == date(2024, 6, 30) and items["1"].deadline_kind == "quarter"
    assert items["1.2"].deadline_date == date(2024, 12, 31)
    assert {i.commune for i in out.plan_items} == {"Tân Hòa"}
    assert items["1.2"].score_max == 1.5
    kinds = [(s.code, s.year, s.kind) for s in out.item_scores if s.code == "1"]
    assert kinds == [("1", None, "max"), ("1", 2023, "actual"), ("1", 2024, "target")]
    # the plan's own number: an administrative number of its own commune's UBND
    assert out.legal_refs[0].identity == "12/KH-UBND|ubnd xa tan hoa|2024"
    assert out.legal_refs[1].identity == "30/KH-UBND|ubnd huyen phu binh|2024"


def test_normalize_document_reports_inconsistent_data() -> None:
    doc = _doc()
    findings = normalize_document(doc, extract_document(doc)).findings
    assert findings == (
        Finding(
            "normalize",
            "score_mismatch",
            "table 0 item 1: children sum to 2.50 in 'Điểm tối đa', the item says 3.00",
        ),
        Finding(
            "normalize",
            "score_mismatch",
            "table 0 item 1: children sum to 2.00 in 'Điểm năm 2023', the item says 2.50",
        ),
        Finding(
            "extract",
            "date_conflict",
            "tan-hoa.txt: header date 2024-03-05 but the plan's own number is cited with "
            "2024-03-06; issue_date keeps the header",
        ),
    )


def test_nothing_extracted_gives_empty_records_not_an_error() -> None:
    out = normalize_document(_doc(), Extracted())
    assert (out.plan_items, out.item_scores, out.legal_refs, out.findings) == ((), (), (), ())
