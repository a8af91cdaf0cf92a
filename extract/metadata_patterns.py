"""Regexes for document metadata, each with a real example from the samples."""

from __future__ import annotations

import regex

from extract.marks import AnyMarks

# The issuing body in the letterhead: "ỦY BAN NHÂN DÂN" / "XÃ SƠN THƯỢNG" (plan_003), "UBND XÃ
# SƠN THƯỢNG | CỘNG HÒA…", "ĐẢNG ỦY XÃ HÀ CHÂU", "PHƯỜNG HÒA XUÂN", "THỊ TRẤN PHÚ BÀI", one-line
# "ỦY BAN NHÂN DÂN XÃ GIANG ĐIỀN Số: 07/…", a PDF row "XÃ SƠN THƯỢNG CỘNG HÒA…"; never "XÃ HỘI
# CHỦ NGHĨA VIỆT NAM" (issue 15).
HEADER_COMMUNE_RE = AnyMarks(
    r"^[ *#|]*(?:(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HĐND|HỘI ĐỒNG NHÂN DÂN|ĐẢNG ỦY|ĐẢNG UỶ)"
    r"[ \n]+)?(?:XÃ|PHƯỜNG|THỊ TRẤN) +(?!HỘI )"
    r"(?P<name>\p{Lu}+(?: (?!CỘNG HÒA|SỐ)\p{Lu}+){0,3})(?![\p{L}])",
    regex.M,
)
# A letterhead of a higher level: the document is not a commune's ("HUYỆN PHÚ BÌNH", "TỈNH ỦY",
# "BỘ NỘI VỤ", "CHÍNH PHỦ", "QUỐC HỘI", "BAN CHẤP HÀNH TRUNG ƯƠNG").
HEADER_HIGHER_RE = AnyMarks(
    r"^[ *#|]*(?:(?:UBND|ỦY BAN NHÂN DÂN|HĐND|HỘI ĐỒNG NHÂN DÂN)[ \n]+)?(?:HUYỆN|QUẬN|THỊ XÃ"
    r"|TỈNH|THÀNH PHỐ|BỘ|CHÍNH PHỦ|THỦ TƯỚNG|QUỐC HỘI|ỦY BAN THƯỜNG VỤ|BAN |VĂN PHÒNG|CHỦ TỊCH "
    r"NƯỚC|ĐẢNG CỘNG SẢN|HUYỆN ỦY|TỈNH ỦY)",
    regex.M,
)
# A commune named in running text: "UBND xã Hà Châu", "xã Lộc Hòa", "UBND Xã Thanh Liệt".
# Not "Xã Hội Chủ Nghĩa" (a title-cased national motto, issue 15).
COMMUNE_RE = AnyMarks(r"\b[Xx]ã (?!Hội )(?P<name>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})")
# A district: "huyện Phú Bình", "huyện Sơn Hà", "huyện Trảng Bom".
DISTRICT_RE = AnyMarks(r"\b[Hh]uyện (?P<name>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})")
# A province or centrally-run city: "tỉnh Thái Nguyên", "thành phố Hà Nội"; the name must be in
# extract/data/provinces.csv ("tỉnh Quy định về …" in plan_002 is not a province).
PROVINCE_RE = AnyMarks(
    r"\b(?:[Tt]ỉnh|[Tt]hành phố|TP\.?) (?P<name>\p{Lu}\p{Ll}*(?: (?:-\s)?\p{Lu}\p{Ll}*){0,3})"
)
# A year the plan is for, in its title: "… Chỉ số hài lòng … năm 2023" -> 2023.
PLAN_YEAR_RE = AnyMarks(r"năm\s+(?P<year>20\d\d)\b", regex.IGNORECASE)
# A person's name line under the signature: "Hoàng Văn Oanh", "Trịnh Hồng Cường".
PERSON_NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$")
# Signature titles: "CHỦ TỊCH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN".
SIGNER_TITLE_RE = AnyMarks(r"^(?:KT\.\s*|TM\.\s*)?(?P<title>(?:PHÓ )?CHỦ TỊCH|ỦY BAN NHÂN DÂN)\b")
# Lines that end a title block: "Căn cứ …", "Thực hiện …", "Năm 2023, …", "CHỦ TỊCH …".
TITLE_STOP_RE = AnyMarks(r"^(?:Căn cứ|Thực hiện|Theo|Năm \d{4}|I\.|\p{Lu}[\p{Lu} ]{6,}$)")
