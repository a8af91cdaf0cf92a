"""Every regex of the legal-reference finder, each with a real example from data/raw/plan_00N.txt.

Whitespace inside a reference may hold at most two line breaks (PDF/DOCX line wraps and the
blank lines of the text exports, e.g. "của Chính\\n\\nphủ" in plan_002) but never a tab: a tab
is a table-cell boundary, and "Nghị định số\\tQuy chế…" (plan_004) must not reach the next cell.
"""

from __future__ import annotations

import regex

from extract.legal.vocab import organ_names, ref_types
from extract.marks import AnyMarks

Pattern = regex.Pattern[str]

_SP = r"[ \u00a0]"
# Between two words: spaces and/or up to two line breaks.
WS = rf"(?:{_SP}+(?:\n{_SP}*){{0,2}}|(?:\n{_SP}*){{1,2}})"
GAP = rf"(?:{WS})?"


def words(phrase: str) -> str:
    """Regex for a phrase whose spaces may be any WS: 'Chính phủ' also matches 'Chính\\n\\nphủ'."""
    return WS.join(regex.escape(w) for w in phrase.split())


# --- type words and the number/symbol core --------------------------------------------------

_NUMBERED = sorted(
    (t.word for t in ref_types() if t.kind in ("normative", "administrative", "named")),
    key=lambda w: -len(w),
)
_SHORT = sorted((t.word for t in ref_types() if t.kind == "normative"), key=lambda w: -len(w))
# "Nghị định", "Kế hoạch", "Chương trình hành động", "Luật"… (ref_types.csv), any case:
# "QUYẾT ĐỊNH số 09/…", "Luật số: 17/2008/QH12" (issue 15).
TYPE_WORD = "(?i:" + "|".join(words(w) for w in _NUMBERED) + ")"
SHORT_TYPE_WORD = "(?i:" + "|".join(words(w) for w in _SHORT) + ")"
# "số", "số:", "Số :" between the type word and the number: "Kế hoạch số: 57 /KH-UBND" (plan_000).
# Garbled or glued: "Nghị định s20/2008/NĐ-CP", "Quyết định so 1292/QĐ-BNV" (issue 15).
_SO = rf"(?:{WS}(?P<so>(?i:số|sô|so|s))(?:{_SP}*:)?)?{GAP}"

# A symbol code: "NĐ", "QĐ", "CTr", "TTg", "UBND", "VPCP", "HCC"; Ð (U+00D0) is the OCR eth,
# § and ® are Đ and đ in the legacy TCVN3 font ("22a/Q§-UBND"); a legislature number may
# follow ("QH13", "UBTVQH14"); "&" and "." join the parts of a unit: "CCHC&PC",
# "XD&KTVBQPPL", "TT.HĐND" (issue 15).
_CODE_PART = r"[\p{Lu}Ð§][\p{L}§®]{0,9}"
CODE = rf"{_CODE_PART}(?:[&.]{_CODE_PART})*(?:\d{{1,2}}(?![\d/]))?"
# A number: "106", "22a" (plan_003), "06".
_NUM = r"(?P<num>\d{1,5}[a-z]?)"
# Slash and dash with their typo variants: "23//CT-TTg" (plan_002), "57 /KH-UBND" (plan_000),
# "TT - VPCP" (plan_004); a line break may follow either ("61/2018/\nNĐ-CP").
_SLASH = rf"{_SP}*/{{1,2}}{GAP}"
_DASH = rf"{_SP}*[-\u2013]{GAP}"
# Party forms "20-CT/TU", "100 - KL/TW", "84 QĐ/TWĐTN" (no dash), "367 - QĐ/TWĐTN-VP";
# slash forms "61/2018/NĐ-CP", "106/KH-UBND", a single code "101/CP", "77/2015/QH13",
# "285/CCTTHC", and a slash between codes "183/2010/TTLT/BTC-BNN" (issue 15). Which forms
# stand without a type word is decided in symbols.parse_symbol.
_CORE = (
    rf"{_NUM}(?:"
    rf"(?P<pdash>{_DASH}|{_SP}+)(?P<ptype>{CODE})(?P<pslash>{_SLASH})(?P<pissuer>{CODE}"
    rf"(?:-{CODE})?)"
    rf"|(?P<slash1>{_SLASH})(?:(?P<year>(?:19|20)\d\d)(?P<slash2>{_SLASH}))?"
    rf"(?P<sym>{CODE}(?:(?:{_DASH}|/){CODE}){{0,3}})"
    r")(?![\p{L}\d])"
)
# The dashes inside a symbol, to split and to flag: "TT - VPCP" (plan_004) -> " - ".
DASH_SPLIT_RE: Pattern = regex.compile(r"\s*[-\u2013]\s*")
DASH_PART_RE: Pattern = regex.compile(r"[ \u00a0]*[-\u2013][ \u00a0\n]*")
_NOT_AFTER = r"(?<![\p{L}\d./,-])"

# A typed reference: "Kế hoạch số 106/KH-UBND" (plan_000), "Chỉ thị số 20-CT/TU" (plan_000),
# "Quyết định 468/QĐ-TTg" (plan_002), "Chỉ thị số 23//CT-TTg" (plan_002).
# Glued to the word before: "tạiTờ trình số 350/TTr-SXD" (issue 15).
TYPED_REF_RE = AnyMarks(
    rf"(?:(?<![\p{{L}}])|(?<=\p{{Ll}})(?=\p{{Lu}}))(?P<type>{TYPE_WORD}){_SO}{_CORE}"
)
# A symbol without a type word: "Số: 57/KH-UBND" (plan_000 header), "và số 107/2021/NĐ-CP".
BARE_REF_RE: Pattern = regex.compile(rf"{_NOT_AFTER}{_CORE}")
# A normative short form without symbol: "Nghị định 167/2017" (modelled on plan_000's
# "Nghị định số 167/2017/NĐ-CP"); the year must not be followed by another slash or a symbol.
SHORT_REF_RE = AnyMarks(
    rf"(?<![\p{{L}}])(?P<type>{SHORT_TYPE_WORD}){_SO}(?P<num>\d{{1,5}}){_SP}*/{_SP}*"
    rf"(?P<year>(?:19|20)\d\d)(?!{_SP}*[/\-\u2013]|[\p{{L}}\d])"
)
# A plan cited by number alone: "Đề án 06." (plan_001, plan_002); not "Chương trình 2021",
# not a count: "Chương trình 6 tháng", "Đề án 3 nội dung".
NO_SYMBOL_REF_RE = AnyMarks(
    r"(?<![\p{L}])(?P<type>Đề án|Chương trình) (?P<num>\d{1,3})(?![\d/%\-\u2013]|[.,]\d|\p{L})"
    r"(?! +(?:tháng|năm|ngày|tuần|quý|giờ|lần|người|xã|huyện|tỉnh|điểm|tiêu chí|nội dung"
    r"|nhiệm vụ|mục tiêu|giải pháp|lĩnh vực|cuộc|đợt|bước)(?!\p{L}))"
)
# "Mẫu số 01/ĐK-TCT" is a form number, not a reference (negative case).
# So are "Biểu số 01/BC-NV" and "Phụ lục số 02/KH-UBND" (issue 15).
FORM_BEFORE_RE = AnyMarks(r"(?i:mẫu|biểu|phụ lục)(?:\s+(?i:số))?\s*:?\s*$")

# --- dates -----------------------------------------------------------------------------------

# "02/8/2023", "23/04/2018", "02-8-2023", "14 tháng 01 năm 2025" (plan_000, plan_002, plan_004).
DATE = (
    rf"(?:(?P<d>\d{{1,2}}){_SP}*(?P<sep>[/.-]){_SP}*(?P<m>\d{{1,2}}){_SP}*(?P=sep){_SP}*"
    rf"(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d>\d{{1,2}}){WS}(?i:tháng){WS}(?P<m>\d{{1,2}}){WS}(?i:năm){WS}(?P<y>(?:19|20)\d\d))"
    r"(?!\d)"
)
# A date right after a key: ", ngày 26/4/2023" (plan_000: "20-CT/TU, ngày 26/4/2023"),
# "\nngày 22/01/2025" (plan_002), or with no "ngày": "766/QĐ-TTg 23/6/2022" (plan_002).
DATE_AFTER_RE = AnyMarks(rf"(?:{_SP}*,?{GAP}(?P<ngay>(?i:ngày)){GAP}|{_SP}+){DATE}")
# --- issuers ---------------------------------------------------------------------------------

# Capitalised words that start a subject or a new reference, never part of a place name:
# "của UBND huyện Sơn Hà Về việc…" (plan_003), "của UBND tỉnh Quy định về…" (plan_002).
_STOP = (
    r"(?:Về|V/v|Quy định|Ban hành|Hướng dẫn|Phê duyệt|Kế hoạch|Quyết định|Nghị định|Nghị quyết"
    r"|Chỉ thị|Thông tư|Thông báo|Chương trình|Luật|Đề án|Công văn|Văn bản|Căn cứ|Thực hiện"
    r"|Triển khai|Trong|Trên|Theo|Tại)(?!\p{L})"
)
# A place name: "Phú Bình", "Thái Nguyên", "Lộc Ninh" (one line only, at most four words).
PLACE = rf"(?!{_STOP})\p{{Lu}}\p{{L}}*(?:{_SP}+(?!{_STOP})\p{{Lu}}\p{{L}}*){{0,3}}"
# Multi-word names may wrap over a typed-PDF line: "UBND thị\nxã Phú Mỹ" (issue 15 cases).
_LEVEL = (
    "(?i:tỉnh|huyện|"
    + "|".join(words(w) for w in ("thị xã", "thị trấn", "thành phố"))
    + r"|xã|quận|phường)(?!\p{L})"
)
_PEOPLE = (
    "(?:UBND|HĐND|"
    + "|".join(words(w) for w in ("Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân"))
    + ")"
)
# Words may wrap over a typed-PDF line: "của Văn" / "phòng UBND tỉnh" (a test writes the case
# table into a PDF).
_OFFICE = rf"(?:(?:Phó{WS})?{words('Chủ tịch')}|{words('Văn phòng')}|{words('Thường trực')})"
_PARTY = r"(?:Tỉnh|Thành|Huyện|Quận|Đảng) (?:ủy|uỷ)"
_ORGANS = "|".join(words(name) for name, _ in organ_names())
_LOCAL = rf"(?:{_OFFICE}{WS})?{_PEOPLE}(?:{WS}{_LEVEL})?(?:{_SP}+{PLACE})?"
# The Party's central bodies that have no symbol code of their own (their documents are
# '-/TW'): "của Bộ Chính trị", "của Bộ Chính trị, Ban Bí thư", "của Ban Bí thư"; a plenum of the
# Central Committee: "của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII".
_PARTY_CENTRE = (
    rf"{words('Bộ Chính trị')}(?:,?{WS}{words('Ban Bí thư')})?|{words('Ban Bí thư')}"
    # the short form of a plenum: "Hội nghị Trung ương 6 khóa XII", "Hội nghị Trung ương lần thứ tư"
    rf"|Hội{WS}nghị{WS}Trung{WS}ương(?:{_SP}+(?:\d{{1,2}}|lần{WS}thứ{WS}[\p{{L}}\d]+))?"
    rf"(?:{_SP}+khóa{_SP}+[IVXLC]+)?"
)
_PLENUM = rf"(?:Hội{WS}nghị{WS}(?:lần{WS}thứ{WS}\p{{L}}+{WS})?)?"
_PARTY_ORG = (
    rf"(?:Ban {words('Thường vụ')}{WS})?{_PARTY}(?:{WS}{_LEVEL})?(?:{_SP}+{PLACE})?"
    rf"|{_PLENUM}Ban [Cc]hấp hành{WS}(?:Trung ương(?: Đảng)?|Đảng bộ(?:{WS}{_LEVEL})?"
    rf"(?:{_SP}+{PLACE})?)(?:{_SP}+khóa{_SP}+[IVXLC]+)?"
    rf"|{_PARTY_CENTRE}"
)
_MINISTER = r"(?:(?:Bộ trưởng|Chủ nhiệm|Tổng Thanh tra|Thống đốc),?" + WS + r"){0,2}"
# An issuing organ: "UBND huyện Phú Bình", "Chủ tịch UBND tỉnh Thái Nguyên", "Ban Thường vụ
# Tỉnh ủy", "Đảng ủy xã Minh Phú" (a commune's Party committee, named with its level),
# "Ban Chấp hành Đảng bộ huyện Phú Bình khóa XXVII" (plan_000), "Thủ tướng Chính phủ",
# "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" (plan_004), "Ủy ban nhân dân huyện Lộc Ninh".
# A province's department may name its province: "Sở Nội vụ tỉnh Đồng Nai", "Sở Tư pháp thành
# phố Hà Nội", "Sở Nội vụ tỉnh".
_OF_PROVINCE = rf"(?:{WS}(?i:tỉnh|{words('thành phố')})(?!\p{{L}})(?:{_SP}+{PLACE})?)?"
ISSUER = rf"(?:{_MINISTER}(?:{_ORGANS}){_OF_PROVINCE}|{_LOCAL}|{_PARTY_ORG})"
# "… của UBND huyện Phú Bình" right after a key or date; "23/11/2018, của Văn phòng Chính phủ".
ISSUER_AFTER_RE = AnyMarks(rf"{_SP}*,?{GAP}của{WS}(?P<issuer>{ISSUER})(?![\p{{L}}])")

# --- subjects, lists, clauses ----------------------------------------------------------------

# The start of a subject: "về việc ban hành…" (plan_000), "ban hành Chương trình…", "Về việc
# phê duyệt…" (plan_003), "Quy định về khảo sát…", "sửa đổi, bổ sung…", "hướng dẫn thi hành…".
SUBJECT_START_RE = AnyMarks(
    rf"{_SP}*,?{GAP}(?P<subject>(?i:về việc|v/v|về|ban hành|quy định|hướng dẫn|phê duyệt"
    r"|sửa đổi)(?!\p{L}))"
)
# The end of a subject clause: ";", a line break or tab, ". " before a capital, a final ".".
SUBJECT_END_RE: Pattern = regex.compile(r"[;\n\t]|\.(?=[ \u00a0*]*(?:\p{Lu}|/|$))|\.$")
# Dangling words at a subject's end, cut by the next reference or a cell end: "… sửa đổi, bổ
# sung một số điều của" (plan_001), "… MCLT và Nghị định số" (plan_004, the number is missing).
SUBJECT_TAIL_RE = AnyMarks(
    rf"(?:[ ,.:;*]+|[ ]+(?:và các|và|của|tại|theo)(?!\p{{L}})|[ ]+{TYPE_WORD}[ ]+số[ ]*:?)+$"
)
# Text between two references of one list: ", ", "; ", " và " (plan_002: "Nghị định số
# 107/2020/NĐ-CP, Nghị định số 108/2020/NĐ-CP ngày 14/9/2020").
LIST_JOIN_RE = AnyMarks(rf"^{_SP}*(?:[,;]{GAP}(?:và{WS})?|{WS}và{WS})$")
# A sentence end inside a line: "… năm 2023. UBND xã Hà Châu …" (plan_000).
SENTENCE_END_RE: Pattern = regex.compile(r"[.!?](?:\*\*)?[ \u00a0]+(?=[\p{Lu}(\-+*\"“])")
# List markers and bold before a clause's first word: "- ", "+ ", "1. ", "1.1. ", "b, ", "a) ",
# "**1.** ", "- + " (plan_002).
CLAUSE_PREFIX_RE = AnyMarks(
    r"^[\s\-+*•#>(]*(?:(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]{1,4})[.):,](?:\*\*)?\s+)?[\s*\-+]*"
)
# Openers that do not change a clause's verb: "Tiếp tục triển khai…" (plan_000), "Tổ chức
# triển khai và thực hiện…" (plan_002), "Tập trung triển khai…", "Đồng thời thực hiện…".
CLAUSE_FILLER_RE = AnyMarks(r"^(?:(?i:tiếp tục|đồng thời|tập trung|tổ chức) +)+")
# "Căn cứ Nghị quyết số 76/NQ-CP…" (plan_002) -> basis.
BASIS_START_RE = AnyMarks(r"^(?i:căn cứ)(?!\p{L})")
# "Thực hiện Kế hoạch số 106/KH-UBND…" (plan_000), "b, Triển khai Kế hoạch số 5755/KH-UBND…"
# (plan_004) -> implements.
IMPLEMENTS_START_RE = AnyMarks(r"^(?i:thực hiện|triển khai)(?!\p{L})")
# A reference right after the verb: "đồng thời thực hiện Thông báo số 659-TB/HU" (plan_001),
# "thực hiện có hiệu quả Nghị định số 63/2010/NĐ-CP" (plan_002).
IMPLEMENTS_BEFORE_RE = AnyMarks(
    r"(?i:thực hiện|triển khai)(?:[ ,]+(?i:có hiệu quả|hiệu quả|nghiêm túc|đồng bộ|tốt|nội dung"
    r"|đầy đủ))*[ ,]*$"
)
# The appendix line: "(Ban hành kèm theo Kế hoạch số: 57 /KH-UBND …" (plan_000), "(*Ban hành
# kèm theo Quyết định số: 09/QĐ-UBND" (plan_002), "(Kèm theo Kế hoạch số /KH-UBND" (plan_001).
ATTACHED_RE = AnyMarks(r"^[\s(*_]*(?:[Bb]an hành\s+)?[Kk]èm theo\s+$")

# --- the document's own header (extract.legal.header, read by extract.metadata too) ----------

# Where the document's own number starts: "Số: 57/KH-UBND" (plan_000), "Số 97-QĐ/TW" (Party,
# no colon), "Luật số: 80/2015/QH13", "Nghị quyết số: 653/2019/UBTVQH14", after a cell
# boundary "…XÃ GIANG ĐIỀN\tSố: 07/…", inside a one-line header "…GIANG ĐIỀN Số: 07/…" (issue 15).
HEADER_NUMBER_AT_RE = AnyMarks(
    rf"^[ \t*#>|]*(?:(?P<type>{TYPE_WORD}){_SP}+(?i:số){_SP}*:|Số|SỐ)"
    rf"|(?<=[\s|])(?:Số|SỐ){_SP}*:",
    regex.M,
)
# The number itself right after, maybe on the next line: "Số:\n15/KH-UBND"; blank "Số: /KH-UBND"
# (plan_003) does not match.
HEADER_NUMBER_RE: Pattern = regex.compile(
    rf"{_SP}*:?[ \u00a0\t*]*(?:\n[ \u00a0\t*]*){{0,2}}{_CORE}"
)
# The place-and-date line: "Hà Châu, ngày 28 tháng 8 năm 2022" (plan_000), in a table cell
# "| Hải Phòng, ngày 09 tháng 10 năm 2018 |", split "Hà Nội, ngày 01\ntháng 6 năm 2022", after
# capitals in a one-line header "…VIỆT NAM Giang Điền, ngày…", blank "Sơn Thượng, ngày tháng
# 03 năm 2024" (plan_003: no day, no date). A place is title-case words (issue 15).
DATELINE_RE = AnyMarks(
    rf"(?<![\p{{L}}])(?P<place>\p{{Lu}}\p{{Ll}}+(?:{_SP}+\p{{Lu}}\p{{Ll}}+){{0,3}}),{_SP}*"
    rf"(?i:ngày){GAP}(?P<d>\d{{1,2}})?[ .…]*{GAP}(?i:tháng){GAP}(?P<m>\d{{1,2}})?[ .…]*{GAP}"
    rf"(?i:năm){GAP}(?P<y>(?:19|20)\d\d)"
)
# A heading line that is a type word in capitals: "KẾ HOẠCH", "**QUYẾT ĐỊNH**", "## **KẾ
# HOẠCH**" (samples), "BÁO CÁO THẨM ĐỊNH", "LUẬT" (issue 15); markup and spaces stripped.
HEADING_MARKUP_RE: Pattern = regex.compile(r"^[\s*#_>|]+|[\s*#_|:]+$")
# A công văn states its subject under the number instead of a heading: "V/v báo cáo kết quả".
VV_LINE_RE: Pattern = regex.compile(r"^[\s*_|]*V/v(?!\p{L})", regex.M)
# The annex line naming the document it is attached to: "(Ban hành kèm theo Quyết định số:
# 09/QĐ-UBND)" (plan_002), "(Kèm theo Quyết định số: 30/QĐ-UBND ngày…)".
ANNEX_OF_RE = AnyMarks(rf"(?i:kèm theo){WS}(?P<type>{TYPE_WORD}){_SO}{_CORE}")

# --- laws and standards ----------------------------------------------------------------------

# A law cited by name: "Luật Tổ chức chính quyền địa phương" (plan_002), "Luật sửa đổi, bổ sung
# một số điều của Luật Tổ chức Chính phủ và …" (plan_002), "Luật Cán bộ, công chức" (plan_000).
LAW_START_RE = AnyMarks(r"(?<![\p{L}])Luật(?= +(?:\p{Lu}|sửa đổi))")
# Where a law name ends: " ngày", " và" / " của" not before "Luật", ", " before a capital,
# punctuation, a line break unless the next line goes on in lower case (plan_002.pdf wraps
# "…Luật Tổ chức\nchính quyền địa phương ngày 22 tháng 11 năm 2019").
# "Luật Cán bộ, công chức và các văn bản…" -> "Luật Cán bộ, công chức".
LAW_NAME_END_RE = AnyMarks(
    r"[ \u00a0]*(?:[;:.()\[\]\t\"“”]|\n(?!\n?\p{Ll})|,[ \u00a0]*(?=\p{Lu}|ngày|của)"
    r"|\s+(?:ngày|và(?!\s+Luật)|của(?!\s+Luật)|năm\s+\d|số\s+\d|theo|đã|được|tại|hiện hành"
    r"|trên|đối với)(?!\p{L}))|$"
)
# The number after a law's name: "Luật Tổ chức chính quyền địa phương số 77/2015/QH13", wrapped
# "…địa phương\nsố 77/2015/QH13" (issue 15).
LAW_NUMBER_RE = AnyMarks(rf"{WS}(?i:số)(?:{_SP}*:)?{GAP}{_CORE}")
# A standard: "TCVN ISO 9001:2015", the typo "TCNV ISO 9001:2015", "ISO 9001:2015", "ISO 9001"
# (all plan_001); not the bare word "ISO" ("tiêu chuẩn ISO vào hoạt động").
STANDARD_RE: Pattern = regex.compile(
    rf"(?<![\p{{L}}\d])(?:(?P<tc>TCVN|TCNV){WS})?(?P<iso>ISO)(?:{WS})?(?P<num>\d{{3,5}})"
    r"(?: *: *(?P<year>(?:19|20)\d\d))?(?![\d\p{L}])"
    rf"|(?<![\p{{L}}\d])(?P<tc>TCVN|TCNV){WS}(?P<num>\d{{3,5}})"
    r"(?: *: *(?P<year>(?:19|20)\d\d))?(?![\d\p{L}])"
)
# Anything but letters and digits, to match issuer words: "Bộ trưởng, Chủ nhiệm" (plan_004).
NON_WORD_RE: Pattern = regex.compile(r"[^\p{L}\d]+")
# Runs of whitespace folded to one space in `context` and `issuer_text`.
SPACES_RE: Pattern = regex.compile(r"\s+")
