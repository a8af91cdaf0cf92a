"""Case table of the legal-reference finder (eyecite style): strings taken from or modelled on
data/raw/plan_00N.txt, with what the first reference found in each must be.

`relation`, `subject`, `issuer_text` and `number` are checked only when given; `flags` always
(an empty tuple means "no repair was needed").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Case:
    """One positive string and the expected first reference in it."""

    text: str
    key: str | None
    ref_type: str
    issued_date: date | None
    issuer_level: str
    relation: str | None = None
    flags: tuple[str, ...] = ()
    subject: str | None = None
    issuer_text: str | None = None
    number: str | None = None
    # The identities of the other references in the string (for precision/recall): keys, or a
    # law's name, or "Đề án 06".
    others: tuple[str, ...] = ()


def d(iso: str) -> date:
    """'2023-08-02' -> date(2023, 8, 2)."""
    return date.fromisoformat(iso)


# fmt: off
POSITIVE: tuple[Case, ...] = (
    # a Party thông tri (not in the samples): CONTRIBUTING "add a legal document type"
    Case("Thực hiện Thông tri số 07-TT/TU ngày 15/3/2023 của Ban Thường vụ Tỉnh ủy về tăng cường",
         "07-TT/TU", "Thông tri", d("2023-03-15"), "party", "implements",
         issuer_text="Ban Thường vụ Tỉnh ủy"),
    # plan_000 (Hà Châu)
    Case("Thực hiện Kế hoạch số 106/KH-UBND ngày 02/8/2023 của UBND huyện Phú Bình duy trì, cải "
         "thiện và nâng cao Chỉ số cải cách hành chính",
         "106/KH-UBND", "Kế hoạch", d("2023-08-02"), "district", "implements",
         issuer_text="UBND huyện Phú Bình", number="106"),
    Case("Chỉ thị số 20-CT/TU, ngày 26/4/2023 của Ban Thường vụ Tỉnh ủy về tiếp tục đẩy mạnh cải "
         "cách hành chính; Chương trình",
         "20-CT/TU", "Chỉ thị", d("2023-04-26"), "party", "mention",
         subject="về tiếp tục đẩy mạnh cải cách hành chính", issuer_text="Ban Thường vụ Tỉnh ủy"),
    Case("Chương trình số 11-CTr/HU ngày 08/4/2021 của Ban Chấp hành Đảng bộ huyện Phú Bình khóa "
         "XXVII về cải cách hành chính nhà nước",
         "11-CTr/HU", "Chương trình", d("2021-04-08"), "party",
         issuer_text="Ban Chấp hành Đảng bộ huyện Phú Bình khóa XXVII"),
    Case("Chỉ thị số 18-CT/HU ngày 16/5/2023 của Ban Thường vụ Huyện ủy Phú Bình về tiếp tục",
         "18-CT/HU", "Chỉ thị", d("2023-05-16"), "party",
         issuer_text="Ban Thường vụ Huyện ủy Phú Bình"),
    Case("- Thực hiện nghiêm túc, có hiệu quả Kế hoạch số 02/KH-UBND ngày 06/01/2023 của Chủ tịch "
         "UBND huyện ban hành Kế hoạch cải cách hành chính huyện Phú Bình năm 2023",
         "02/KH-UBND", "Kế hoạch", d("2023-01-06"), "district", "implements",
         subject="ban hành Kế hoạch cải cách hành chính huyện Phú Bình năm 2023"),
    Case("1. Tiếp tục triển khai thực hiện đồng bộ, hiệu quả Nghị quyết số 76/NQ-CP ngày 15/7/2021 "
         "của Chính phủ ban hành Chương trình tổng thể",
         "76/NQ-CP", "Nghị quyết", d("2021-07-15"), "central", "implements"),
    Case("Quyết định số 4020/QĐ-UBND ngày 16/12/2021 của UBND tỉnh Thái Nguyên về việc ban hành "
         "Chương trình cải cách hành chính nhà nước tỉnh Thái Nguyên giai đoạn 2021 - 2025; ",
         "4020/QĐ-UBND", "Quyết định", d("2021-12-16"), "province",
         subject="về việc ban hành Chương trình cải cách hành chính nhà nước tỉnh Thái Nguyên giai "
         "đoạn 2021 - 2025", issuer_text="UBND tỉnh Thái Nguyên"),
    Case("Kế hoạch số 188/KH-UBND ngày 24/12/2022 của Chủ tịch UBND tỉnh Thái Nguyên ban hành Kế "
         "hoạch cải cách hành chính tỉnh Thái Nguyên năm 2023",
         "188/KH-UBND", "Kế hoạch", d("2022-12-24"), "province",
         issuer_text="Chủ tịch UBND tỉnh Thái Nguyên"),
    Case("Nghị quyết số 01-NQ/TU ngày 31/12/2020 của Ban Chấp hành Đảng bộ tỉnh về Chương trình "
         "chuyển đổi số",
         "01-NQ/TU", "Nghị quyết", d("2020-12-31"), "party"),
    Case("Kế hoạch số 25/KH-UBND ngày 20/02/2023 của Chủ tịch UBND tỉnh ban hành Kế hoạch chuyển "
         "đổi số",
         "25/KH-UBND", "Kế hoạch", d("2023-02-20"), "province"),
    Case("Ban Chỉ đạo thực hiện Nghị quyết số 01-NQ/TU, kế hoạch chuyển đổi số năm 2023",
         "01-NQ/TU", "Nghị quyết", None, "party", "implements"),
    Case("Tiếp tục thực hiện Chỉ thị số 15/2014/CT-UBND ngày 29/7/2014 của UBND tỉnh về việc tăng "
         "cường quản lý cán bộ",
         "15/2014/CT-UBND", "Chỉ thị", d("2014-07-29"), "province", "implements"),
    Case("đúng quy định tại Nghị định số 167/2017/NĐ-CP ngày 31/12/2017 của Chính phủ quy định "
         "việc sắp xếp lại, xử lý tài sản công",
         "167/2017/NĐ-CP", "Nghị định", d("2017-12-31"), "central", "mention",
         subject="quy định việc sắp xếp lại, xử lý tài sản công"),
    Case("Số: 57/KH-UBND",
         "57/KH-UBND", "Kế hoạch", None, "unknown", "self"),
    Case("(Ban hành kèm theo Kế hoạch số: 57 /KH-UBND ngày 25 tháng 8 năm 2023 của UBND xã Hà "
         "Châu)",
         "57/KH-UBND", "Kế hoạch", d("2023-08-25"), "commune", "self", ("spaced_slash",),
         issuer_text="UBND xã Hà Châu"),
    Case("chức đảm bảo đúng quy định tại Luật Cán bộ, công chức và các văn bản hướng dẫn thi hành",
         None, "Luật", None, "central", subject="Luật Cán bộ, công chức"),
    # plan_001 (Thanh Liệt)
    Case("Số: 101 /KH-UBND\n\nThanh Liệt, ngày 6 tháng 5 năm 2024",
         "101/KH-UBND", "Kế hoạch", d("2024-05-06"), "unknown", "self", ("spaced_slash",)),
    Case("đồng thời thực hiện Thông báo số 659-TB/HU ngày 08/3/2024 của Huyện ủy Thanh Trì về kết "
         "luận",
         "659-TB/HU", "Thông báo", d("2024-03-08"), "party", "implements",
         issuer_text="Huyện ủy Thanh Trì"),
    Case("các TTHC theo quy định tại Nghị định số 61/2018/NĐ-CP và Nghị định số 107/2021/NĐ-CP "
         "ngày 06/12/2021",
         "61/2018/NĐ-CP", "Nghị định", None, "central", "mention", others=("107/2021/NĐ-CP",)),
    Case("nhiệm vụ tại Quyết định số 06/QĐ-TTg ngày 16/3/2022 của Thủ tướng Chính phủ.",
         "06/QĐ-TTg", "Quyết định", d("2022-03-16"), "central", issuer_text="Thủ tướng Chính phủ"),
    Case("- Triển khai thực hiện Nghị định số 60/2021/NĐ-CP của Chính phủ về Quy định cơ chế tự "
         "chủ tài chính",
         "60/2021/NĐ-CP", "Nghị định", None, "central", "implements",
         subject="về Quy định cơ chế tự chủ tài chính"),
    Case("trên cơ sở tích hợp một số nội dung của Đề án 06.",
         None, "Đề án", None, "unknown", "mention", ("no_symbol",), number="06"),
    Case("Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 tại cơ quan UBND xã",
         "TCVN ISO 9001:2015", "Tiêu chuẩn", None, "ministry"),
    Case("theo tiêu chuẩn quốc gia TCNV ISO 9001:2015 theo đúng quy định.",
         "TCVN ISO 9001:2015", "Tiêu chuẩn", None, "ministry", flags=("tcnv_typo",)),
    Case("Áp dụng quy trình ISO 9001:2015 trong hoạt động của xã, thị trấn",
         "ISO 9001:2015", "Tiêu chuẩn", None, "unknown"),
    Case("Tính hiệu quả trong việc thực hiện quy trình ISO 9001.",
         "ISO 9001", "Tiêu chuẩn", None, "unknown"),
    # plan_002 (Lộc Hòa)
    Case("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
         None, "Luật", d("2015-06-19"), "central", "basis",
         subject="Luật Tổ chức chính quyền địa phương"),
    Case("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
         "chính quyền địa phương ngày 22 tháng 11 năm 2019;",
         None, "Luật", d("2019-11-22"), "central", "basis",
         subject="Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
         "chính quyền địa phương"),
    Case("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng "
         "thể Cải cách hành chính Nhà nước giai đoạn 2021-2030;",
         "76/NQ-CP", "Nghị quyết", d("2021-07-15"), "central", "basis",
         subject="ban hành Chương trình tổng thể Cải cách hành chính Nhà nước giai đoạn 2021-2030"),
    Case("Căn cứ Chỉ thị số 23//CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ đẩy mạnh thực hiện",
         "23/CT-TTg", "Chỉ thị", d("2021-09-02"), "central", "basis", ("double_slash",)),
    Case("Căn cứ Quyết định số 531/QĐ-UBND ngày 07/10/2022 của UBND xã Lộc Hòa ban hành Quy định "
         "trách nhiệm",
         "531/QĐ-UBND", "Quyết định", d("2022-10-07"), "commune", "basis"),
    Case("Căn cứ Quyết định số 128/QĐ-UBND ngày 14 tháng 01 năm 2025 của Ủy ban nhân dân huyện Lộc "
         "Ninh ban hành Kế hoạch",
         "128/QĐ-UBND", "Quyết định", d("2025-01-14"), "district", "basis",
         issuer_text="Ủy ban nhân dân huyện Lộc Ninh"),
    Case("(Ban hành kèm theo Quyết định số: 09/QĐ-UBND)",
         "09/QĐ-UBND", "Quyết định", None, "unknown", "self"),
    Case("(*Ban hành kèm theo Quyết định số: 09/QĐ-UBND  \nngày 22/01/2025 của Chủ tịch UBND xã*).",
         "09/QĐ-UBND", "Quyết định", d("2025-01-22"), "commune", "self",
         issuer_text="Chủ tịch UBND xã"),
    Case("theo quy định của Luật Ban hành văn bản quy phạm pháp luật và các văn bản hướng dẫn thi "
         "hành.",
         None, "Luật", None, "central", "mention",
         subject="Luật Ban hành văn bản quy phạm pháp luật"),
    Case("- Đảm bảo triển khai, tổ chức thực hiện có hiệu quả Nghị định số 63/2010/NĐ-CP ngày "
         "08/6/2010; Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
         "63/2010/NĐ-CP", "Nghị định", d("2010-06-08"), "central", "implements",
         ("shared_issuer",), issuer_text="Chính phủ", others=("61/2018/NĐ-CP",)),
    Case("- Nâng cao chất lượng phục vụ người dân và tổ chức tại Quyết định số 766/QĐ-TTg "
         "23/6/2022 của Thủ tướng Chính phủ.",
         "766/QĐ-TTg", "Quyết định", d("2022-06-23"), "central", "mention"),
    Case("theo quy định tại Nghị định số 107/2020/NĐ-CP, Nghị định số 108/2020/NĐ-CP ngày "
         "14/9/2020, Nghị định số 120/2020/NĐ-CP ngày 07/10/2020 của Chính phủ",
         "107/2020/NĐ-CP", "Nghị định", None, "central", flags=("shared_issuer",),
         issuer_text="Chính phủ", others=("108/2020/NĐ-CP", "120/2020/NĐ-CP")),
    Case("- Tiếp tục thực hiện Nghị định số 117/2013/NĐ-CP ngày 07/10/2013 của Chính\n\nphủ về sửa "
         "đổi, bổ sung một số điều",
         "117/2013/NĐ-CP", "Nghị định", d("2013-10-07"), "central", "implements",
         issuer_text="Chính phủ"),
    Case("Tổ công nghệ số cộng đồng và Đề án 06.",
         None, "Đề án", None, "unknown", flags=("no_symbol",), number="06"),
    Case("đảm bảo theo Quyết định 1312/QĐ-UBND ngày 21/8/2024 của UBND tỉnh về Quy định phát triển",
         "1312/QĐ-UBND", "Quyết định", d("2024-08-21"), "province", "mention",
         subject="về Quy định phát triển"),
    Case("- + Tập trung triển khai Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ "
         "về phát triển ứng dụng dữ liệu về dân cư",
         "06/QĐ-TTg", "Quyết định", d("2022-01-06"), "central", "implements"),
    Case("lưu trữ tại Nghị định số 30/2020/NĐ-CP ngày 07/3/2020 của Chính phủ và nhu cầu",
         "30/2020/NĐ-CP", "Nghị định", d("2020-03-07"), "central"),
    Case("- + Tổ chức triển khai và thực hiện nội dung Quyết định số 1394/QĐ-UBND ngày 11/9/2024 "
         "của UBND tỉnh Quy định về khảo sát sự hài lòng",
         "1394/QĐ-UBND", "Quyết định", d("2024-09-11"), "province", "implements",
         subject="Quy định về khảo sát sự hài lòng", issuer_text="UBND tỉnh"),
    Case("Bộ phận một cửa các cấp tổ chức hoạt động theo Quyết định 468/QĐ-TTg\tRà soát",
         "468/QĐ-TTg", "Quyết định", None, "central"),
    Case("theo Quyết định số 1493/QĐ-UBND ngày 14/9/2023 của UBND tỉnh\tKế hoạch",
         "1493/QĐ-UBND", "Quyết định", d("2023-09-14"), "province"),
    # plan_003 (Sơn Thượng)
    Case("Căn cứ Kế hoạch số 14/KH-UBND ngày 05/02/2024 của UBND huyện Sơn Hà về việc cải cách "
         "hành chính huyện Sơn Hà năm 2024;",
         "14/KH-UBND", "Kế hoạch", d("2024-02-05"), "district", "basis",
         subject="về việc cải cách hành chính huyện Sơn Hà năm 2024"),
    Case("Quyết định số 22a/QĐ-UBND ngày 11/01/2024 của UBND huyện Sơn Hà Về việc phê duyệt và "
         "công bố Chỉ số cải cách hành chính năm 2023",
         "22a/QĐ-UBND", "Quyết định", d("2024-01-11"), "district",
         subject="Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2023",
         issuer_text="UBND huyện Sơn Hà", number="22a"),
    Case("Thực hiện Kế hoạch số 15/KH-UBND ngày 23/02/2024 của UBND xã Sơn Thượng ban hành Kế "
         "hoạch",
         "15/KH-UBND", "Kế hoạch", d("2024-02-23"), "commune", "implements"),
    Case("Kế hoạch số 16/KH-UBND ngày 07/02/2024 của UBND huyện Sơn Hà về việc khắc phục",
         "16/KH-UBND", "Kế hoạch", d("2024-02-07"), "district"),
    # plan_004 (Giang Điền)
    Case("Số: 18 /KH-UBND\n\nGiang Điền, ngày 03 tháng 02 năm 2023",
         "18/KH-UBND", "Kế hoạch", d("2023-02-03"), "unknown", "self", ("spaced_slash",)),
    Case("Căn cứ Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về tiếp nhận, xử lý phản "
         "ánh",
         "20/2008/NĐ-CP", "Nghị định", d("2008-02-14"), "central", "basis"),
    Case("Nghị định số 92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ về việc sửa đổi",
         "92/2017/NĐ-CP", "Nghị định", d("2017-08-07"), "central"),
    Case("Nghị định số 61/2018/NĐ-CP ngày 23/04/2018 của Chính phủ về thực hiện cơ chế một cửa",
         "61/2018/NĐ-CP", "Nghị định", d("2018-04-23"), "central"),
    Case("Quyết định số 1085/QĐ-TTg ngày 15 tháng 9 năm 2022 của Thủ tướng Chính phủ ban hành Kế "
         "hoạch rà soát",
         "1085/QĐ-TTg", "Quyết định", d("2022-09-15"), "central"),
    Case("Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ "
         "hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính",
         "02/2017/TT-VPCP", "Thông tư", d("2017-10-31"), "ministry",
         subject="hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính",
         issuer_text="Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
    Case("Thông tư số 01/2018/TT-VPCP ngày 23/11/2018, của Văn phòng Chính phủ hướng dẫn thi hành",
         "01/2018/TT-VPCP", "Thông tư", d("2018-11-23"), "ministry",
         issuer_text="Văn phòng Chính phủ"),
    Case("Quyết định số 3183/QĐ-UBND ngày 09/9/2021 của UBND tỉnh về việc ban hành Chương trình",
         "3183/QĐ-UBND", "Quyết định", d("2021-09-09"), "province"),
    Case("Thực hiện Kế hoạch số 22/KH-UBND ngày 17/01/2023 của UBND huyện về cải cách hành chính",
         "22/KH-UBND", "Kế hoạch", d("2023-01-17"), "district", "implements"),
    Case("theo lộ trình được giao tại Kế hoạch số 232/KH-UBND ngày 31/10/2022 của UBND tỉnh Đồng "
         "Nai.",
         "232/KH-UBND", "Kế hoạch", d("2022-10-31"), "province", issuer_text="UBND tỉnh Đồng Nai"),
    Case("b, Triển khai Kế hoạch số 5755/KH-UBND ngày 27/5/2021 của Chủ tịch UBND tỉnh về thực "
         "hiện",
         "5755/KH-UBND", "Kế hoạch", d("2021-05-27"), "province", "implements"),
    Case("về thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt "
         "đề án",
         "468/QĐ-TTg", "Quyết định", d("2021-03-27"), "central", "implements",
         subject="phê duyệt đề án"),
    Case("Nghị định 107/2021/NĐ-CP ngày 06/12/2021 sửa đổi, bổ sung Nghị định số 61/2018/NĐ-CP",
         "107/2021/NĐ-CP", "Nghị định", d("2021-12-06"), "central", subject="sửa đổi, bổ sung",
         others=("61/2018/NĐ-CP",)),
    Case("quy định kiểm soát thủ tục hành chính định kỳ (quý, năm) theo Thông tư 01/2020/TT-VPCP",
         "01/2020/TT-VPCP", "Thông tư", None, "ministry"),
    Case("theo Văn bản số 3706/VP-HCC ngày 09/12/2020 của Văn phòng UBND tỉnh về thực hiện chế độ "
         "báo cáo",
         "3706/VP-HCC", "Văn bản", d("2020-12-09"), "province", issuer_text="Văn phòng UBND tỉnh"),
    Case("theo Thông tư số 01/2020/TT - VPCP cho UBND huyện",
         "01/2020/TT-VPCP", "Thông tư", None, "ministry", flags=("spaced_dash",)),
    # OCR and typing variants, short forms, Party symbols (modelled on the samples)
    Case("Quyết định số 22/QÐ-UBND ngày 02/8/2023 của UBND huyện Phú Bình",
         "22/QĐ-UBND", "Quyết định", d("2023-08-02"), "district", flags=("eth_for_d",)),
    Case("Nghị định số 61/2018/ND-CP ngày 23/4/2018 của Chính phủ",
         "61/2018/NĐ-CP", "Nghị định", d("2018-04-23"), "central", flags=("missing_diacritic",)),
    Case("Nghị định số 45/2020/NÐ-CP ngày 08/4/2020",
         "45/2020/NĐ-CP", "Nghị định", d("2020-04-08"), "central", flags=("eth_for_d",)),
    Case("Căn cứ Quyết định số 12/QD-UBND ngày 02-8-2023 của UBND xã Hà Châu",
         "12/QĐ-UBND", "Quyết định", d("2023-08-02"), "commune", "basis", ("missing_diacritic",)),
    Case("theo Quyết định\n468/QĐ-TTg ngày 27/3/2021",
         "468/QĐ-TTg", "Quyết định", d("2021-03-27"), "central", flags=("line_break",)),
    Case("Căn cứ Nghị định số 61/2018/\nNĐ-CP ngày 23/4/2018 của Chính phủ;",
         "61/2018/NĐ-CP", "Nghị định", d("2018-04-23"), "central", "basis", ("line_break",)),
    Case("Căn cứ Nghị định số\n61/2018/NĐ-CP ngày 23/4/2018;",
         "61/2018/NĐ-CP", "Nghị định", d("2018-04-23"), "central", "basis", ("line_break",)),
    Case("(theo 09/QĐ-UBND)",
         "09/QĐ-UBND", "Quyết định", None, "unknown", "mention"),
    Case("Nghị định 167/2017 của Chính phủ",
         "167/2017/NĐ-CP", "Nghị định", None, "central", flags=("short_form",)),
    # Without its symbol the number is no key (issue 15: "1211/2016"); number and year stay.
    Case("Thông tư 01/2020 của Văn phòng Chính phủ",
         None, "Thông tư", None, "ministry", flags=("short_form",), number="01"),
    Case("thực hiện Quy định số 205-QĐi/TW ngày 23/9/2019",
         "205-QĐi/TW", "Quy định", d("2019-09-23"), "party", "implements"),
    Case("Hướng dẫn số 25-HD/TU ngày 02/8/2023",
         "25-HD/TU", "Hướng dẫn", d("2023-08-02"), "party"),
    Case("Căn cứ Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ",
         "01/2020/TT-VPCP", "Thông tư", d("2020-10-21"), "ministry", "basis"),
    Case("KẾ HOẠCH SỐ 57/KH-UBND NGÀY 28/8/2022",
         "57/KH-UBND", "Kế hoạch", d("2022-08-28"), "unknown"),
)

NEGATIVE: tuple[str, ...] = (
    "Chương trình tổng thể cải cách hành chính nhà nước của Chính phủ giai đoạn 2021 - 2030",
    "Kế hoạch cải cách hành chính nhà nước huyện Phú Bình giai đoạn 2021-2025.",
    "Tỷ lệ giải quyết hồ sơ đúng hạn đạt tối thiểu 96%",
    "bình quân tối thiểu đạt từ 99,9% trở lên",
    "Tiêu chí thành phần: “1.2.1. Thực hiện đầy đủ về số lượng”",
    "Xã đạt 19/19 tiêu chí nông thôn mới",
    "đạt 96.56%, đứng thứ 5/16 xã, thị trấn",
    "Điện thoại: 0274.3861.234",
    "Mẫu số 01/ĐK-TCT",
    "Chậm nhất trước ngày 31/12/2023",
    "ngày 02/8/2023",
    "trên Cổng Dịch vụ công Quốc gia và Tổng đài 1022;",
    "Quý III/2023",
    "Hàng Quý/Năm",
    "đơn giản hóa tối thiểu từ 10-20% TTHC",
    "1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\t24\t23.27\t23.27\t",
    "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của UBND Xã Thanh Liệt)",
    "Số: /KH-UBND",
    "Sơn Thượng, ngày tháng 03 năm 2024",
    "theo định hướng Quyết định 468 về đổi mới cơ chế MC, MCLT",
    "MC, MCLT và Nghị định số\tQuy chế hoạt động, phân công nhiệm vụ",
    "Trước Quý I, tháng 6/2024, tháng 9/2024 và Quý IV năm 2024.",
    "Có từ 02 - 03 cuộc đối thoại/diễn đàn",
    "chuyển đổi sang công nghệ IPV06 theo quy định",
    "trừ 0,1 điểm/TTHC",
    "theo tiêu chuẩn ISO vào hoạt động quản lý tại",
    "thi hành pháp luật đảm bảo đúng quy định của pháp luật",
    "**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính Nhà nước năm 2025",
    "Hoàn thành trước ngày 15/01/2023",
    "Đề án vị trí việc làm năm 2025",
    "Phòng Nội vụ-LĐTB&XH;",
    "sau khi có Thông tư hướng dẫn của cơ quan có thẩm quyền",
    "Luật sư tư vấn pháp lý miễn phí",
    "Báo cáo Chương trình 6 tháng đầu năm 2024",
    "Đề án 3 nội dung trọng tâm",
)
# fmt: on
