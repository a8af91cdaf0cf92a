"""Case table of document headers (issue 15): the top of a document as printed at every level,
with the number, type, issue date and (where given) commune the header parser must read.

Lines are separated by "\\n"; " | " and "\\t" separate the cells of a two-column header table
(the text path reads them as printed; the DOCX path writes them as a real table row).
Written for this project after reading public documents; numbers and dates are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import EllipsisType

UNCHECKED = ...


@dataclass(frozen=True)
class HeaderCase:
    """A header and the fields it states (None: the header leaves the field blank)."""

    text: str
    doc_number: str | None
    doc_type: str | None
    issue_date: date | None
    commune: str | None | EllipsisType = UNCHECKED


def d(iso: str) -> date:
    """'2023-08-02' -> date(2023, 8, 2)."""
    return date.fromisoformat(iso)


_UB = "ỦY BAN NHÂN DÂN\nXÃ {x}\n"
_CH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

# fmt: off
HEADERS: tuple[HeaderCase, ...] = (
    # --- commune plans and decisions, the layouts of the samples -----------------------------
    HeaderCase(_UB.format(x="THẠCH KIM") + _CH + "Số: 12/KH-UBND\nThạch Kim, ngày 05 tháng 3 năm "
               "2024\nKẾ HOẠCH\nCải cách hành chính năm 2024",
               "12/KH-UBND", "Kế hoạch", d("2024-03-05"), "Thạch Kim"),
    HeaderCase(_UB.format(x="HÀ CHÂU") + _CH + "Số: 128/2025/QĐ-UBND\nHà Châu, ngày 14 tháng 01 "
               "năm 2025\nQUYẾT ĐỊNH\nBan hành Quy chế làm việc",
               "128/2025/QĐ-UBND", "Quyết định", d("2025-01-14"), "Hà Châu"),
    HeaderCase(_UB.format(x="LỘC HÒA") + "Số:\n15/KH-UBND\nLộc Hòa, ngày 10 tháng 3 năm 2024\n"
               "KẾ HOẠCH\nKiểm soát thủ tục hành chính",
               "15/KH-UBND", "Kế hoạch", d("2024-03-10"), "Lộc Hòa"),
    HeaderCase("ỦY BAN NHÂN DÂN XÃ GIANG ĐIỀN Số: 07/KH-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
               "Giang Điền, ngày 02 tháng 02 năm 2024\nKẾ HOẠCH\nTuyên truyền cải cách hành chính",
               "07/KH-UBND", "Kế hoạch", d("2024-02-02"), "Giang Điền"),
    HeaderCase("UBND XÃ SƠN THƯỢNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 21/QĐ-UBND | Sơn "
               "Thượng, ngày 11 tháng 4 năm 2024 |\nQUYẾT ĐỊNH\nVề việc kiện toàn Tổ công tác",
               "21/QĐ-UBND", "Quyết định", d("2024-04-11"), "Sơn Thượng"),
    HeaderCase("UBND XÃ THANH LIỆT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 33/BC-UBND\tThanh "
               "Liệt, ngày 20 tháng 6 năm 2024\nBÁO CÁO\nKết quả cải cách hành chính 6 tháng",
               "33/BC-UBND", "Báo cáo", d("2024-06-20"), "Thanh Liệt"),
    HeaderCase(_UB.format(x="HÀ CHÂU") + "Số: /KH-UBND\nHà Châu, ngày tháng 3 năm 2024\n"
               "KẾ HOẠCH\nTruyền thông cải cách hành chính",
               None, "Kế hoạch", None, "Hà Châu"),
    HeaderCase(_UB.format(x="THẠCH KIM") + "Số:    /QĐ-UBND\nThạch Kim, ngày    tháng    năm 2025\n"
               "QUYẾT\nĐỊNH\nVề việc thành lập Tổ công nghệ số cộng đồng",
               None, "Quyết định", None, "Thạch Kim"),
    HeaderCase(_UB.format(x="GIANG ĐIỀN") + "Số: 05/TTr-UBND\nGiang Điền, ngày 08 tháng 01 năm "
               "2025\nTỜ TRÌNH\nVề việc đề nghị phê duyệt",
               "05/TTr-UBND", "Tờ trình", d("2025-01-08"), "Giang Điền"),
    HeaderCase(_UB.format(x="LỘC HÒA") + "Số: 102/UBND-VP\nV/v báo cáo kết quả cải cách hành chính"
               "\nLộc Hòa, ngày 03 tháng 7 năm 2024\nKính gửi: UBND huyện Lộc Ninh",
               "102/UBND-VP", "Công văn", d("2024-07-03"), "Lộc Hòa"),
    HeaderCase(_UB.format(x="THANH LIỆT") + "Số: 40/TB-UBND\nThanh Liệt, ngày 15 tháng 8 năm 2024\n"
               "THÔNG BÁO\nKết luận của Chủ tịch UBND xã",
               "40/TB-UBND", "Thông báo", d("2024-08-15"), "Thanh Liệt"),
    HeaderCase(_UB.format(x="SƠN THƯỢNG") + "Số: 02/ĐA-UBND\nSơn Thượng, ngày 01 tháng 02 năm 2024"
               "\nĐỀ ÁN\nChuyển đổi số xã Sơn Thượng",
               "02/ĐA-UBND", "Đề án", d("2024-02-01"), "Sơn Thượng"),
    HeaderCase(_UB.format(x="HÀ CHÂU") + "Số: 03/ĐC-UBND\nHà Châu, ngày 05 tháng 02 năm 2024\n"
               "ĐỀ CƯƠNG\nBáo cáo tổng kết",
               "03/ĐC-UBND", "Đề cương", d("2024-02-05"), "Hà Châu"),
    HeaderCase(_UB.format(x="THẠCH KIM") + "Số: 11/CTr-UBND\nThạch Kim, ngày 09 tháng 3 năm 2024\n"
               "CHƯƠNG TRÌNH\nCông tác năm 2024",
               "11/CTr-UBND", "Chương trình", d("2024-03-09"), "Thạch Kim"),
    HeaderCase(_UB.format(x="LỘC HÒA") + "Số: 01/HD-UBND\nLộc Hòa, ngày 02 tháng 01 năm 2024\n"
               "HƯỚNG DẪN\nThực hiện quy trình nội bộ",
               "01/HD-UBND", "Hướng dẫn", d("2024-01-02"), "Lộc Hòa"),
    HeaderCase(_UB.format(x="GIANG ĐIỀN") + "Số: 04/PA-UBND\nGiang Điền, ngày 04 tháng 4 năm 2024\n"
               "PHƯƠNG ÁN\nSắp xếp bộ phận một cửa",
               "04/PA-UBND", "Phương án", d("2024-04-04"), "Giang Điền"),
    HeaderCase(_UB.format(x="HÀ CHÂU") + "QUY CHẾ\nLàm việc của Ủy ban nhân dân xã Hà Châu\n(Ban"
               " hành "
               "kèm theo Quyết định số 12/QĐ-UBND ngày 10 tháng 01 năm 2024 của UBND xã Hà Châu)",
               "12/QĐ-UBND", "Quy chế", None, "Hà Châu"),
    HeaderCase(_UB.format(x="SƠN THƯỢNG") + "QUY ĐỊNH\nTrách nhiệm của người đứng đầu\n(Kèm theo "
               "Quyết định số: 30/QĐ-UBND ngày 02/5/2024 của UBND xã)",
               "30/QĐ-UBND", "Quy định", None, "Sơn Thượng"),
    HeaderCase(_UB.format(x="THANH LIỆT") + "Số: 57 /KH-UBND\nThanh Liệt, ngày 6 tháng 5 năm 2024\n"
               "**KẾ HOẠCH**\n**Duy trì Chỉ số cải cách hành chính**",
               "57/KH-UBND", "Kế hoạch", d("2024-05-06"), "Thanh Liệt"),
    HeaderCase(_UB.format(x="THẠCH KIM") + "Số: 09/QĐ-UBND\nThạch Kim, ngày 01\ntháng 6 năm 2022\n"
               "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch",
               "09/QĐ-UBND", "Quyết định", d("2022-06-01"), "Thạch Kim"),
    HeaderCase("ỦY BAN NHÂN DÂN\nPHƯỜNG HÒA XUÂN\nSố: 88/KH-UBND\nHòa Xuân, ngày 12 tháng 12 năm "
               "2023\nKẾ HOẠCH\nCải cách hành chính năm 2024",
               "88/KH-UBND", "Kế hoạch", d("2023-12-12"), "Hòa Xuân"),
    HeaderCase("ỦY BAN NHÂN DÂN\nTHỊ TRẤN PHÚ BÀI\nSố: 14/KH-UBND\nPhú Bài, ngày 20 tháng 01 năm "
               "2024\nKẾ HOẠCH\nKiểm soát thủ tục hành chính",
               "14/KH-UBND", "Kế hoạch", d("2024-01-20"), "Phú Bài"),
    HeaderCase(_UB.format(x="THẠCH KIM") + "Số: 19/KH-UBND\nThạch Kim, ngày 19 tháng 3 năm 2024\n"
               "KẾ HOẠCH\nThông tin tại xã Thạch Kimhttps://thachkim.gov.vn",
               "19/KH-UBND", "Kế hoạch", d("2024-03-19"), "Thạch Kim"),
    HeaderCase(_UB.format(x="LỘC HÒA") + "Số: 06/QC-UBND\nLộc Hòa, ngày 06 tháng 01 năm 2025\n"
               "QUY CHẾ\nPhối hợp tiếp nhận hồ sơ",
               "06/QC-UBND", "Quy chế", d("2025-01-06"), "Lộc Hòa"),
    HeaderCase("HỘI ĐỒNG NHÂN DÂN\nXÃ HÀ CHÂU\nSố: 05/NQ-HĐND\nHà Châu, ngày 20 tháng 12 năm 2023\n"
               "NGHỊ QUYẾT\nVề dự toán ngân sách năm 2024",
               "05/NQ-HĐND", "Nghị quyết", d("2023-12-20"), "Hà Châu"),
    HeaderCase("ĐẢNG BỘ HUYỆN PHÚ BÌNH\nĐẢNG ỦY XÃ HÀ CHÂU\n*\nSố 150-KH/ĐU\nHà Châu, ngày 02 "
               "tháng 3 năm 2024\nKẾ HOẠCH\nThực hiện Chỉ thị của Tỉnh ủy",
               "150-KH/ĐU", "Kế hoạch", d("2024-03-02"), "Hà Châu"),
    # --- districts -------------------------------------------------------------------------
    HeaderCase("ỦY BAN NHÂN DÂN\nHUYỆN PHÚ BÌNH\nSố: 106/KH-UBND\nPhú Bình, ngày 02 tháng 8 năm"
               " 2023"
               "\nKẾ HOẠCH\nDuy trì Chỉ số cải cách hành chính",
               "106/KH-UBND", "Kế hoạch", d("2023-08-02"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nHUYỆN LỘC NINH\nSố: 128/QĐ-UBND\nLộc Ninh, ngày 14 tháng 01 năm"
               " 2025"
               "\nQUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính",
               "128/QĐ-UBND", "Quyết định", d("2025-01-14"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nHUYỆN SƠN HÀ\nSố: 14/KH-UBND\nSơn Hà, ngày 05 tháng 02 năm 2024\n"
               "KẾ HOẠCH\nCải cách hành chính huyện Sơn Hà năm 2024",
               "14/KH-UBND", "Kế hoạch", d("2024-02-05"), None),
    HeaderCase("UBND HUYỆN TRẢNG BOM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG NỘI VỤ\tĐộc lập - "
               "Tự do - Hạnh phúc\nSố: 45/PNV\tTrảng Bom, ngày 08 tháng 3 năm 2023\nV/v triển khai",
               "45/PNV", "Công văn", d("2023-03-08"), None),
    HeaderCase("HUYỆN ỦY THANH TRÌ\n*\nSố 659-TB/HU\nThanh Trì, ngày 08 tháng 3 năm 2024\nTHÔNG BÁO"
               "\nKết luận của Ban Thường vụ Huyện ủy",
               "659-TB/HU", "Thông báo", d("2024-03-08"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nTHỊ XÃ PHÚ MỸ\nSố: 31/KH-UBND\nPhú Mỹ, ngày 14 tháng 3 năm 2024\n"
               "KẾ HOẠCH\nTuyên truyền cải cách hành chính",
               "31/KH-UBND", "Kế hoạch", d("2024-03-14"), None),
    HeaderCase("HỘI ĐỒNG NHÂN DÂN\nHUYỆN PHÚ BÌNH\nSố: 15/NQ-HĐND\nPhú Bình, ngày 18 tháng 12 năm "
               "2023\nNGHỊ QUYẾT\nVề kế hoạch đầu tư công",
               "15/NQ-HĐND", "Nghị quyết", d("2023-12-18"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nQUẬN BA ĐÌNH\nSố: 3350/QĐ-UBND\nBa Đình, ngày 20 tháng 10 năm 2021"
               "\nQUYẾT ĐỊNH\nVề việc công bố danh mục",
               "3350/QĐ-UBND", "Quyết định", d("2021-10-20"), None),
    # --- provinces and cities --------------------------------------------------------------
    HeaderCase("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 30/2018/QĐ-UBND | Hải Phòng, ngày 09"
               " tháng "
               "10 năm 2018 |\nQUYẾT ĐỊNH\nBan hành Quy định",
               "30/2018/QĐ-UBND", "Quyết định", d("2018-10-09"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 05/CT-UBND\nHà Nội, ngày 17 tháng 02 năm"
               " 2023\n"
               "CHỈ THỊ\nVề đẩy mạnh cải cách hành chính",
               "05/CT-UBND", "Chỉ thị", d("2023-02-17"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 12/2024/QĐ-UBND\nBình Định, ngày 03 tháng 4"
               " năm "
               "2024\nQUYẾT ĐỊNH\nBan hành Quy chế phối hợp",
               "12/2024/QĐ-UBND", "Quyết định", d("2024-04-03"), None),
    HeaderCase("UBND TỈNH ĐỒNG NAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ\tĐộc lập - Tự"
               " do - "
               "Hạnh phúc\nSố: 2231/SNV-CCHC&PC\tĐồng Nai, ngày 15 tháng 8 năm 2023\nV/v hướng dẫn",
               "2231/SNV-CCHC&PC", "Công văn", d("2023-08-15"), None),
    HeaderCase("HỘI ĐỒNG NHÂN DÂN\nTỈNH THÁI BÌNH\nSố: 12/2023/NQ-HĐND\nThái Bình, ngày 07 tháng 7 "
               "năm 2023\nNGHỊ QUYẾT\nQuy định mức chi",
               "12/2023/NQ-HĐND", "Nghị quyết", d("2023-07-07"), None),
    HeaderCase("UBND TỈNH THÁI NGUYÊN\nSỞ TƯ PHÁP\nSố: 18/BCTĐ-STP\nThái Nguyên, ngày 02 tháng 3"
               " năm "
               "2024\nBÁO CÁO THẨM ĐỊNH\nDự thảo Quyết định",
               "18/BCTĐ-STP", "Báo cáo thẩm định", d("2024-03-02"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 316/PA-UBND\nLâm Đồng, ngày 11 tháng 10 năm"
               " 2023\n"
               "PHƯƠNG ÁN\nSắp xếp đơn vị hành chính cấp xã",
               "316/PA-UBND", "Phương án", d("2023-10-11"), None),
    HeaderCase("UBND TỈNH QUẢNG NGÃI\nSỞ XÂY DỰNG\nSố: 350/TTr-SXD\nQuảng Ngãi, ngày 14 tháng 7"
               " năm "
               "2023\nTỜ TRÌNH\nĐề nghị ban hành Quyết định",
               "350/TTr-SXD", "Tờ trình", d("2023-07-14"), None),
    HeaderCase("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 1020/QĐ-UBND\nSơn La, ngày 9 tháng 6 năm 2023\n"
               "QUYẾT ĐỊNH\nVề việc công bố Danh mục thủ tục hành chính",
               "1020/QĐ-UBND", "Quyết định", d("2023-06-09"), None),
    HeaderCase("TỈNH ỦY BÌNH PHƯỚC\n*\nSố 22-NQ/TU\nBình Phước, ngày 10 tháng 12 năm 2021\nNGHỊ"
               " QUYẾT"
               "\nVề chuyển đổi số",
               "22-NQ/TU", "Nghị quyết", d("2021-12-10"), None),
    HeaderCase("TỈNH ỦY QUẢNG TRỊ\n*\nSố 147-CTHĐ/TU\nQuảng Trị, ngày 09 tháng 5 năm 2019\n"
               "CHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 37-NQ/TW",
               "147-CTHĐ/TU", "Chương trình hành động", d("2019-05-09"), None),
    HeaderCase("HĐND TỈNH ĐỒNG NAI\nTHƯỜNG TRỰC HĐND\nSố: 07/TTr-TT.HĐND\nĐồng Nai, ngày 03"
               " tháng 12 "
               "năm 2021\nTỜ TRÌNH\nVề chương trình giám sát",
               "07/TTr-TT.HĐND", "Tờ trình", d("2021-12-03"), None),
    # --- ministries, Government, National Assembly, Party centre -----------------------------
    HeaderCase("CHÍNH PHỦ\nSố: 61/2018/NĐ-CP\nHà Nội, ngày 23 tháng 4 năm 2018\nNGHỊ ĐỊNH\nVề thực "
               "hiện cơ chế một cửa",
               "61/2018/NĐ-CP", "Nghị định", d("2018-04-23"), None),
    HeaderCase("THỦ TƯỚNG CHÍNH PHỦ\nSố: 06/QĐ-TTg\nHà Nội, ngày 06 tháng 01 năm 2022\nQUYẾT ĐỊNH\n"
               "Phê duyệt Đề án",
               "06/QĐ-TTg", "Quyết định", d("2022-01-06"), None),
    HeaderCase("BỘ NỘI VỤ\nSố: 10/2023/TT-BNV\nHà Nội, ngày 29 tháng 6 năm 2023\nTHÔNG TƯ\nHướng"
               " dẫn "
               "xếp lương",
               "10/2023/TT-BNV", "Thông tư", d("2023-06-29"), None),
    HeaderCase("BỘ TÀI CHÍNH - BỘ NÔNG NGHIỆP\nSố: 183/2010/TTLT/BTC-BNN\nHà Nội, ngày 15 tháng"
               " 11 năm "
               "2010\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn chế độ tài chính",
               "183/2010/TTLT-BTC-BNN", "Thông tư liên tịch", d("2010-11-15"), None),
    HeaderCase("QUỐC HỘI\nLuật số: 80/2015/QH13\nLUẬT\nBAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT",
               "80/2015/QH13", "Luật", None, None),
    HeaderCase("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 653/2019/UBTVQH14\nHà Nội, ngày 12"
               " tháng 3 "
               "năm 2019\nNGHỊ QUYẾT\nVề việc sắp xếp các đơn vị hành chính",
               "653/2019/UBTVQH14", "Nghị quyết", d("2019-03-12"), None),
    HeaderCase("QUỐC HỘI\nNghị quyết số: 107/2023/QH15\nHà Nội, ngày 24 tháng 6 năm 2023\nNGHỊ"
               " QUYẾT\n"
               "Về việc thí điểm",
               "107/2023/QH15", "Nghị quyết", d("2023-06-24"), None),
    HeaderCase("ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 97-QĐ/TW\nHà Nội, ngày"
               " 22 tháng "
               "3 năm 2023\nQUY ĐỊNH\nSửa đổi, bổ sung một số điều",
               "97-QĐ/TW", "Quy định", d("2023-03-22"), None),
    HeaderCase("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 31-QĐ/TW\nHà Nội, ngày 30 tháng 9 năm"
               " 2021\nQUYẾT ĐỊNH"
               "\nBan hành Quy chế làm việc",
               "31-QĐ/TW", "Quyết định", d("2021-09-30"), None),
    HeaderCase("BAN BÍ THƯ\n*\nSố 22-CT/TW\nHà Nội, ngày 15 tháng 7 năm 2021\nCHỈ THỊ\nVề tăng"
               " cường",
               "22-CT/TW", "Chỉ thị", d("2021-07-15"), None),
    HeaderCase("BỘ CHÍNH TRỊ\n*\nSố 127-KL/TW\nHà Nội, ngày 28 tháng 02 năm 2025\nKẾT LUẬN\nCủa Bộ "
               "Chính trị, Ban Bí thư",
               "127-KL/TW", "Kết luận", d("2025-02-28"), None),
    HeaderCase("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 367 - QĐ/TWĐTN-VP | Hà Nội, "
               "ngày 29 tháng 10 năm 2013 |\nQUYẾT ĐỊNH\nVề việc ban hành Quy định",
               "367-QĐ/TWĐTN-VP", "Quyết định", d("2013-10-29"), None),
    HeaderCase("VĂN PHÒNG CHÍNH PHỦ\nSố: 01/2023/TT-VPCP\nHà Nội, ngày 05 tháng 4 năm"
               " 2023\nTHÔNG TƯ"
               "\nQuy định một số nội dung",
               "01/2023/TT-VPCP", "Thông tư", d("2023-04-05"), None),
    HeaderCase("BỘ NỘI VỤ\nSố: 4214/BNV-CCVC\nV/v hướng dẫn\nHà Nội, ngày 12 tháng 9 năm 2023",
               "4214/BNV-CCVC", "Công văn", d("2023-09-12"), None),
    HeaderCase("THỦ TƯỚNG CHÍNH PHỦ\nSố: 26/CT-TTg\nHà Nội, ngày 05 tháng 9 năm 2016\nCHỈ THỊ\nVề "
               "tăng cường kỷ luật",
               "26/CT-TTg", "Chỉ thị", d("2016-09-05"), None),
    HeaderCase("CHỦ TỊCH NƯỚC\nSố: 05/2025/L-CTN\nHà Nội, ngày 25 tháng 6 năm 2025\nLỆNH\nVề việc "
               "công bố Luật",
               "05/2025/L-CTN", "Lệnh", d("2025-06-25"), None),
    HeaderCase("CHÍNH PHỦ\nSố: 76/NQ-CP\nHà Nội, ngày 15 tháng 7 năm 2021\nNGHỊ\nQUYẾT\nBan hành "
               "Chương trình tổng thể",
               "76/NQ-CP", "Nghị quyết", d("2021-07-15"), None),
    HeaderCase("VĂN PHÒNG CHÍNH PHỦ\nSố: 135/TB-VPCP\nHà Nội, ngày 10 tháng 4 năm 2023\nTHÔNG BÁO\n"
               "Kết luận của Phó Thủ tướng",
               "135/TB-VPCP", "Thông báo", d("2023-04-10"), None),
)
# fmt: on
