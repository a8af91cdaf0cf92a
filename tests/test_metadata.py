"""Document metadata, exact for every sample in every format (checked against the texts)."""

from __future__ import annotations

from datetime import date

import pytest

from extract.metadata import DocMeta, find_metadata
from extract.readers import read_document
from tests.conftest import RAW

EXPECTED = {
    # The header of plan_000 says 28/8/2022 for a 2023 plan (its appendix says 25/8/2023):
    # issue_date keeps what the header prints, plan_year comes from the title.
    "000": DocMeta(
        doc_number="57/KH-UBND",
        doc_type="Kế hoạch",
        title="Duy trì, cải thiện và nâng cao Chỉ số cải cách hành chính (Par Index), Chỉ số hài "
        "lòng về sự phục vụ hành chính (Sipas) năm 2023",
        commune="Hà Châu",
        district="Phú Bình",
        province="Thái Nguyên",
        issue_date=date(2022, 8, 28),
        plan_year=2023,
        signer="Hoàng Văn Oanh",
        signer_title="Chủ tịch",
    ),
    "001": DocMeta(
        doc_number="101/KH-UBND",
        doc_type="Kế hoạch",
        title="Duy trì, nâng cao Chỉ số cải cách hành chính (PAR INDEX) năm 2024",
        commune="Thanh Liệt",
        district="Thanh Trì",
        province="Hà Nội",
        issue_date=date(2024, 5, 6),
        plan_year=2024,
        signer="Tạ Đăng Doanh",
        signer_title="Chủ tịch",
    ),
    # A decision without a "Số:" line: its number comes from the annexed plan's
    # "(Ban hành kèm theo Quyết định số: 09/QĐ-UBND)"; no province is named in the text;
    # no title is printed above the signer's name.
    "002": DocMeta(
        doc_number="09/QĐ-UBND",
        doc_type="Quyết định",
        title="Ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 trên địa bàn xã Lộc Hòa",
        commune="Lộc Hòa",
        district="Lộc Ninh",
        province=None,
        issue_date=date(2025, 1, 22),
        plan_year=2025,
        signer="Nguyễn Công Thành",
        signer_title=None,
    ),
    # "Số: /KH-UBND" (blank number) and "ngày tháng 03 năm 2024" (no day): nulls.
    "003": DocMeta(
        doc_number=None,
        doc_type="Kế hoạch",
        title="Khắc phục những tồn tại, hạn chế trong công tác cải cách hành chính năm 2023 và "
        "nhiệm vụ, giải pháp nâng cao các Chỉ số cải cách hành chính năm 2024",
        commune="Sơn Thượng",
        district="Sơn Hà",
        province=None,
        issue_date=None,
        plan_year=2024,
        signer="Đinh Văn Viên",
        signer_title="Chủ tịch",
    ),
    # "huyện Trảng Bom Nai" once, a typo; "huyện Trảng Bom" otherwise.
    "004": DocMeta(
        doc_number="18/KH-UBND",
        doc_type="Kế hoạch",
        title="Kiểm soát thủ tục hành chính xã Giang Điền năm 2023",
        commune="Giang Điền",
        district="Trảng Bom",
        province="Đồng Nai",
        issue_date=date(2023, 2, 3),
        plan_year=2023,
        signer="Trịnh Hồng Cường",
        signer_title="Phó Chủ tịch",
    ),
}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_metadata_exact(sample: str, fmt: str) -> None:
    assert find_metadata(read_document(RAW / f"plan_{sample}.{fmt}")) == EXPECTED[sample]


def test_header_date_conflicting_with_own_citation_is_a_warning() -> None:
    from pipeline.ingest.process import process_file

    result = process_file(str(RAW / "plan_000.txt"), "r")
    warnings = [(e.kind, e.severity) for e in result.errors]
    assert warnings == [("date_conflict", "warning")]
    assert "2022-08-28" in result.errors[0].message and "2023-08-25" in result.errors[0].message
    assert result.documents[0].meta.issue_date == date(2022, 8, 28)
    assert [e for e in process_file(str(RAW / "plan_004.txt"), "r").errors] == []
