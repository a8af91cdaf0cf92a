"""Regexes for document metadata, each with a real example from the samples."""

from __future__ import annotations

import regex

# The plan's own number line: "Số: 57/KH-UBND" (plan_000), "Số: 101 /KH-UBND" (plan_001),
# "Số: /KH-UBND" (plan_003: blank number -> null doc_number, not an error).
DOC_NUMBER_RE = regex.compile(
    r"^Số\s*:?\s*(?P<num>\d+[a-z]?)?\s*/\s*(?P<sym>\p{Lu}[\p{L}]*(?:-\p{Lu}[\p{L}]*)+)\s*$"
)
# The annex line naming the decision it belongs to: "(Ban hành kèm theo Quyết định số: 09/QĐ-UBND)".
ANNEX_OF_RE = regex.compile(
    r"kèm theo (?P<type>Quyết định|Kế hoạch) số\s*:?\s*(?P<num>\d+[a-z]?)\s*/\s*"
    r"(?P<sym>\p{Lu}[\p{L}]*(?:-\p{Lu}[\p{L}]*)+)",
    regex.IGNORECASE,
)
# The place-and-date line: "Hà Châu, ngày 28 tháng 8 năm 2022"; "Sơn Thượng, ngày tháng 03 năm
# 2024" (plan_003: no day -> no issue_date).
PLACE_DATE_RE = regex.compile(
    r"^(?P<place>[\p{L} ]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})\s*"
    r"năm\s*(?P<year>\d{4})"
)
# The document type heading: "KẾ HOẠCH", "QUYẾT ĐỊNH" (upper case, alone on its line).
DOC_TYPE_RE = regex.compile(r"^(?P<type>KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|BÁO CÁO)\s*:?\s*$")
# The issuing body in the letterhead: "ỦY BAN NHÂN DÂN" / "XÃ SƠN THƯỢNG" (plan_003).
HEADER_COMMUNE_RE = regex.compile(
    r"^(?:UBND\s+|ỦY BAN NHÂN DÂN\s+)?XÃ\s+(?P<name>\p{Lu}[\p{Lu} ]+)$"
)
# A commune named in running text: "UBND xã Hà Châu", "xã Lộc Hòa", "UBND Xã Thanh Liệt".
COMMUNE_RE = regex.compile(r"\b[Xx]ã (?P<name>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})")
# A district: "huyện Phú Bình", "huyện Sơn Hà", "huyện Trảng Bom".
DISTRICT_RE = regex.compile(r"\b[Hh]uyện (?P<name>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})")
# A province or centrally-run city: "tỉnh Thái Nguyên", "thành phố Hà Nội"; the name must be in
# extract/data/provinces.csv ("tỉnh Quy định về …" in plan_002 is not a province).
PROVINCE_RE = regex.compile(
    r"\b(?:[Tt]ỉnh|[Tt]hành phố|TP\.?) (?P<name>\p{Lu}\p{Ll}*(?: (?:-\s)?\p{Lu}\p{Ll}*){0,3})"
)
# A year the plan is for, in its title: "… Chỉ số hài lòng … năm 2023" -> 2023.
PLAN_YEAR_RE = regex.compile(r"năm\s+(?P<year>20\d\d)\b", regex.IGNORECASE)
# A person's name line under the signature: "Hoàng Văn Oanh", "Trịnh Hồng Cường".
PERSON_NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$")
# Signature titles: "CHỦ TỊCH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN".
SIGNER_TITLE_RE = regex.compile(
    r"^(?:KT\.\s*|TM\.\s*)?(?P<title>(?:PHÓ )?CHỦ TỊCH|ỦY BAN NHÂN DÂN)\b"
)
# Lines that end a title block: "Căn cứ …", "Thực hiện …", "Năm 2023, …", "CHỦ TỊCH …".
TITLE_STOP_RE = regex.compile(r"^(?:Căn cứ|Thực hiện|Theo|Năm \d{4}|I\.|\p{Lu}[\p{Lu} ]{6,}$)")
