"""Every regex of `normalize`, each with a real example from the samples beside it.

Deadline and target patterns run on *folded* text (`normalize.text.fold_keep_length`: marks
stripped, lower case, same length as the original), so 'Quý III/2023', 'quy III/2023' and
'Phân đấu'/'Phấn đấu' (000 typos) all match, and match offsets index the original text.
"""

from __future__ import annotations

import re

# --- text keys -------------------------------------------------------------------------------
# Runs of characters that are not letters or digits: punctuation, dashes, quotes, "%".
NON_WORD_RE = re.compile(r"[^\w]+|_+")
# The parts of a code for natural sorting: "6.11.1" -> 6, 11, 1; "I.3#2" -> I, 3, 2.
# A one-letter prefix joined by a hyphen to a loanword is one word: 'e-form', 'E-mail',
# 'e-Cabinet' are written 'eform', 'email', 'ecabinet' as often (the hyphen would split them).
LETTER_PREFIX_RE = re.compile(r"(?<![\w-])([A-Za-z])-(?=[A-Za-z]{2})")
# A Vietnamese syllable, folded (marks stripped): onset, one to three vowels, coda. 'nghieng',
# 'khuyen', 'truong', 'oanh' are; 'eform' (no 'f' in Vietnamese), 'qppl', 'ipv6', 'iso' are not:
# loanwords, abbreviations and the slips typed in them.
SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
# The label of a scored table's total row, folded: 'TỔNG ĐIỂM' (001), 'Tổng cộng', 'Tổng số
# điểm', 'Cộng'.
TOTAL_LABEL_RE = re.compile(r"(?:tong(?:\s+(?:cong|diem|so\s+diem|so))?|cong)\s*:?")
SORT_PART_RE = re.compile(r"[.#]")
# Roman numerals of section codes: "II", "VIII" (natural sorting).
ROMAN_RE = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# An STT that is a roman numeral, possibly dotted: "IV", "VIII." (not a label like 'TỔNG ĐIỂM').
ROMAN_STT_RE = re.compile(r"^[IVXLC]+\.?$")
# "1.1. Tiêu chí thành phần:" / "5. Lĩnh vực:" prefixes of the 003 headings.
LABEL_PREFIX_RE = re.compile(
    r"^(?:[\dIVX]+(?:\.\d+)*\.?\s*)?(?:tiêu chí(?: thành phần)?|lĩnh vực)\s*:\s*", re.IGNORECASE
)
# A quoted label: '“1.2.1. Thực hiện đầy đủ …”' (curly or straight quotes, closing optional).
QUOTED_RE = re.compile(r"[“\"](.+?)(?:[”\"]|$)")
# A name in quotes inside a row's text, closed on the same line: 'Tổ chức chấm điểm đạt chuẩn
# “Chính quyền thân thiện” theo Quyết định …', 'mô hình "Dân vận khéo"'.
QUOTED_NAME_RE = re.compile(r"[“\"]([^“”\"\n]{3,80})[”\"]")
# A criterion code in front of a label: "1.2.1. Thực hiện", "2.1.1.2. Kiểm tra", "3.1.2 Mức độ".
LEADING_CODE_RE = re.compile(r"^\d+(?:\.\d+)+\.?\s+")
# A parenthesis in a concept's label, an elaboration or an acronym: "Chất lượng phục vụ tại Bộ
# phận tiếp nhận và trả kết quả (nơi chờ, thái độ, …)", "Biểu mẫu điện tử (e-form)".
PARENTHESIS_RE = re.compile(r"\([^()]*\)")
# A place a row names, up to the next punctuation (on NFC text with its marks: folded, "tại"
# would be "tái" of "tái sử dụng"): "… toàn bộ TTHC trên Cổng thông tin điện tử", "tại Bộ phận
# một cửa". Not "trên cơ sở" (on the basis of). The process a task serves is a place too: "sử
# dụng bản chứng thực điện tử trong giải quyết hồ sơ trực tuyến", "trong thực hiện TTHC",
# "trong xử lý văn bản" (where the row's object is used, not what it is).
PLACE_RE = re.compile(
    r"\b(?:trên(?!\s+cơ\s+sở)|tại|trong(?=\s+(?:giải\s+quyết|thực\s+hiện|xử\s+lý)\b))"
    r"\s[^,;:.()]*",
    re.IGNORECASE,
)
# ... and in a text typed without marks, where "tai" is also "tải" (đăng tải), "tài" (tài chính)
# and "tái" (tái sử dụng): the word that may open a place, "tren Cong thong tin dien tu", "tai
# Bo phan mot cua", "trong giai quyet ho so" (`normalize.criteria_keys.without_places` decides
# on its neighbours) …
UNMARKED_PLACE_WORD_RE = re.compile(
    r"\b(?:tren(?!\s+co\s+so\b)|tai|trong(?=\s+(?:giai\s+quyet|thuc\s+hien|xu\s+ly)\b))\b",
    re.IGNORECASE,
)
# … and where a place ends: "tai Bo phan mot cua, niem yet" ends at the comma.
PLACE_END_RE = re.compile(r"[,;:.()]")

# --- deadlines (folded text) -------------------------------------------------------------------
# "31/12/2023", "01/06/2023", "15/01/2023" (day first).
DATE_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
# "ngay 31 thang 01 nam 2023" (Trước ngày 31 tháng 01 năm 2023).
DATE_WORDS_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
# "ngay 31/12", "truoc 30/6", "cham nhat 15/12" without a year (the plan year is meant); not a
# bare "19/19" (a count of criteria).
DATE_DM_RE = re.compile(
    r"\b(?:ngay|truoc|cham\s+nhat)\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/.-]?\s*\d)"
)
# "6 thang dau nam", "6 thang cuoi nam 2026": the first or the second half of the year.
HALF_YEAR_RE = re.compile(r"\b6\s+thang\s+(dau|cuoi)\s+nam\b(?:\s+(\d{4}))?")
# "quy III/2023", "quy III nam 2023", "quy I" (year optional), "quy 3/2023".
QUARTER_RE = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
# "thang 6/2024", "thang 01/2023", "thang 6 nam 2024", "thang 12" (not "6 thang").
MONTH_RE = re.compile(r"\bthang\s+(\d{1,2})\b(?:\s*(?:/|nam)\s*(\d{4}))?")
# "trong nam 2023", "nam 2025", "cuoi nam 2024".
YEAR_RE = re.compile(r"\bnam\s+(\d{4})\b")
# "thuong xuyen", "hang quy/nam", "hang nam", "dinh ky", "lien tuc".
RECURRING_RE = re.compile(
    r"thuong\s+xuyen|\bha[nn]g\s+(?:nam|quy|thang|tuan|ngay)|dinh\s+ky|lien\s+tuc"
)
# "khi co huong dan cua Bo nganh TW", "theo huong dan cua tinh", "theo tien do thoi gian",
# "theo ke hoach UBND tinh phe duyet", "theo thoi han da dang ky", "sau khi ...".
EVENT_RE = re.compile(
    r"\bkhi\s+(?:co|duoc)\b|\bsau\s+khi\b|\btheo\s+(?:huong\s+dan|ke\s+hoach|tien\s+do|thoi\s+han"
    r"|yeu\s+cau|chi\s+dao|lo\s+trinh|van\s+ban|quy\s+dinh)"
)

# --- targets (folded text) ---------------------------------------------------------------------
NUMBER = r"(\d{1,3}(?:[.,]\d{1,2})?)"
# "99,9%", "100 %", "96%" — not "2021 - 2030", not "1.2.1".
PERCENT_RE = re.compile(rf"(?<![\d.,/]){NUMBER}\s*%")
# "10-20%", "10% - 20%", "10 den 20%" (a range: two targets, >= low and <= high).
PERCENT_RANGE_RE = re.compile(rf"(?<![\d.,/]){NUMBER}\s*%?\s*(?:-|–|den)\s*{NUMBER}\s*%")
# "80 diem" (đạt tối thiểu 80 điểm trở lên, 000 body).
POINTS_RE = re.compile(rf"(?<![\d.,/]){NUMBER}\s*diem\b")
# "1 sang kien", "02 - 03 cuoc doi thoai", "02 nhom TTHC lien thong".
COUNT_RE = re.compile(
    r"(?<![\d.,/])(\d{1,3})(?:\s*(?:-|–|den)\s*(\d{1,3}))?\s+"
    r"(sang kien|cuoc|nhom|lop|hoi nghi|mo hinh|buoi|dot)\b"
)
# Cues just before a number: "toi thieu dat tu 99,9%", "dat 100%", "it nhat 1", "tu 98%".
GE_BEFORE_RE = re.compile(
    r"(?:toi\s+thieu|it\s+nhat|khong\s+thap\s+hon|khong\s+duoi|vuot|\bdat|\btu|\btren)[\s:,]*"
    r"(?:ty\s+le\s*)?(?:tu\s*)?$"
)
LE_BEFORE_RE = re.compile(r"(?:toi\s+da|khong\s+(?:vuot\s+)?qua|\bduoi)[\s:,]*$")
# Cues just after a number: "98% tro len", "5% tro xuong".
# (used with .match(text, pos), so no "^": it would only match at the start of the string)
GE_AFTER_RE = re.compile(r"\s*(?:tro\s+len|tro\s+nen)")
LE_AFTER_RE = re.compile(r"\s*tro\s+xuong")
# A penalty, not a target: "(Điểm trừ: …, trừ 0,1 điểm/TTHC)" (001 3.1.3).
PENALTY_BEFORE_RE = re.compile(r"\btru\s*$")
# Words that make a body sentence a target: "Phấn đấu", "Phân đấu" (typo), "đảm bảo", "tối thiểu".
TARGET_CUE_RE = re.compile(
    r"phan\s+dau|toi\s+thieu|tro\s+len|dam\s+bao|chi\s+tieu|muc\s+tieu|it\s+nhat|khong\s+thap\s+hon"
)
# Scope markers, on marks-stripped text that keeps its case: whose result the number is.
# "tỷ lệ giải ngân … của huyện đạt tối thiểu 95%", "năm 2023 huyện Phú Bình đạt tỷ lệ 90%"
# (000 6.1.1, 7.3.3); not "Hệ thống … của tỉnh" nor "… phần mềm … tỉnh đảm bảo đạt" (003).
DISTRICT_SCOPE_RE = re.compile(
    r"(?i:\b(?:cua|toan|cap)\s+huyen(?:\s+\w+){0,3}\s+dat\b)"
    r"|(?i:\bhuyen)\s+[A-Z]\w*(?:\s+[A-Z]\w*)?\s+(?i:dat)\b"
)
PROVINCE_SCOPE_RE = re.compile(
    r"(?i:\b(?:cua|toan|cap)\s+tinh(?:\s+\w+){0,3}\s+dat\b)"
    r"|(?i:\btinh)\s+[A-Z]\w*(?:\s+[A-Z]\w*)?\s+(?i:dat)\b"
)
COMMUNE_SCOPE_RE = re.compile(r"(?i:\bxa\b)")
# Strong clause boundaries inside a cell or paragraph (run on marks-stripped text that keeps its
# case): ";", a sentence end ("… trở lên. - Có tỷ lệ"), a line break, and a list dash/plus before
# a capital or a digit ("- Tỷ lệ …", "… 90% - 80% các TTHC"), not "kinh tế - xã hội", "02 - 03".
CLAUSE_BOUNDARY_RE = re.compile(r";|\n|(?<!\d)\.\s+|(?:^|(?<=\s))(?<!\d\s)[-–+•]\s+(?=[A-Z\d])")
# Leading junk of a clause: bullets, commas, "và".
CLAUSE_LEAD_RE = re.compile(r"[\s,;:.\-–+•]*(?:va\s+)?")
# Words before a number that do not make a clause subject: "- Tối thiểu 15% hồ sơ …".
NUMBER_FIRST_LEAD_RE = re.compile(
    r"^[\s,;:.\-–+•]*(?:(?:toi\s+thieu|dam\s+bao|it\s+nhat|phan\s+dau|dat|tu|co|va|hoan\s+thanh)\s*)*$"
)
# A sentence that reports a past year ("Năm 2023, … đạt 96.56%"): the year is captured.
YEAR_MENTION_RE = re.compile(r"\bnam\s+(\d{4})\b")
