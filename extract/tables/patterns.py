"""Regexes of the appendix-table rules, each with a real example from the samples."""

from __future__ import annotations

import re

from extract.marks import AnyMarks

# A printed STT that is a code: "1.1", "3.4." (plan_001, trailing dot), "1." (plan_004), "2.1.1".
STT_CODE_RE = re.compile(r"^(?P<code>\d{1,3}(?:\.\d{1,3})*)\.?$")
# A letter label of an item: "a)", "b.", "đ)" (items under roman sections in many plans).
STT_LETTER_RE = re.compile(r"^(?P<letter>[a-zđ])[).]$")
# A roman section number: "I.", "II", "VIII" (plan_000, plan_002).
STT_ROMAN_RE = re.compile(r"^(?P<roman>[IVX]{1,5})\.?$")
# A section row whose STT cell holds the title too: "1 Kiểm soát thủ tục hành chính" (plan_002),
# "IV Cải cách chế độ công vụ", "1.1 Đảm bảo hạ tầng công nghệ thông tin".
STT_WITH_TITLE_RE = re.compile(
    r"^(?P<stt>[IVX]{1,5}|\d{1,3}(?:\.\d{1,3})*)\.?\s+(?P<title>[^\d\s].*)$"
)
# The column-number row under a header: "(1)", "(2)" … (plan_001).
COLUMN_NUMBER_RE = re.compile(r"^\(\d{1,2}\)$")
# A score: "23.27", "1.50", "4,5", "0".
SCORE_RE = re.compile(r"^\d{1,3}(?:[.,]\d{1,3})?$")
# A year in a score header: "Điểm năm 2023" -> 2023.
YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A cell that reads like a deadline, to tell sub-rows from continuations: "Thường xuyên",
# "Quý II/2023", "Trước ngày 31 tháng 01", "Chậm nhất trước ngày 31/12/2023", "Năm 2025",
# "Theo thời hạn đã đăng ký" (plan_002); also as other plans write them: "Hằng năm" (the
# spelling Hằng beside Hàng), "Tháng 6/2025", "Định kỳ", "Trong năm 2025", "6 tháng đầu năm".
DEADLINE_LIKE_RE = AnyMarks(
    r"^(?:-\s*)?(?:Thường xuyên|H[àằ]ng (?:năm|quý|tháng|Quý)|Quý [IVX1-4]+|Năm 20\d\d|"
    r"Trước ngày|Chậm nhất|Hoàn thành trước|Trước \d|\d{1,2}/\d{1,2}/\d{4}|Tháng \d{1,2}\b|"
    r"Định kỳ|Trong (?:năm|quý|tháng)|Cả năm|\d{1,2} tháng (?:đầu|cuối) năm|"
    r"Theo (?:thời hạn|tiến độ|lộ trình))",
)
# Text that ends a sentence or list item: a cell ending so is complete, not split by a page.
TERMINATED_RE = re.compile(r"[.;:!?)]\s*$")
# A cell ending in a list separator, its list going on past a page break: "Dự thảo Quyết
# định; Danh mục;" (plan_004 2.7), "Văn phòng HĐND-UBND huyện, Các cơ quan, đơn vị," (2.6).
LIST_GOES_ON_RE = re.compile(r"[;,]\s*$")
# Where a list of agencies in one cell splits: "Tài chính - Kế toán, Các bộ phận chuyên môn"
# (plan_002 VI.3.1), "Văn phòng UBND xã; Các bộ phận chuyên môn" (plan_002 VI.3.1).
LIST_PART_RE = re.compile(r"\s*[,;]\s*")
# A cell that states a target, an objective rather than a task: "- Tỷ lệ giao dịch thanh toán
# trực tuyến các hồ sơ TTHC đạt tối thiểu 75%" (plan_002 VI.3.1), "100% hồ sơ được số hóa".
TARGET_LIKE_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{1,2})?\s*%")
# A cell that starts like a task, an action: "Tổ chức tuyên truyền …", "Rà soát, đề xuất …",
# "- Tham mưu ban hành văn bản QPPL …" (plan_002), "Đẩy mạnh cung cấp dịch vụ công …".
TASK_VERB_RE = AnyMarks(
    r"^[-+•]?\s*(?:Tổ chức|Triển khai|Rà soát|Thực hiện|Tuyên truyền|Xây dựng|Ban hành|Duy trì|"
    r"Nâng cao|Đẩy mạnh|Tiếp tục|Kiểm tra|Cập nhật|Tham mưu|Hoàn thiện|Tăng cường|Theo dõi|"
    r"Công khai|Đôn đốc|Chỉ đạo|Bố trí|Cử|Lập|Phối hợp|Hướng dẫn|Tập huấn|Đăng ký|Đánh giá|"
    r"Chấm điểm|Kiện toàn|Kiên toàn|Khảo sát|Vận hành|Sử dụng|Ứng dụng|Số hóa|Niêm yết|Tiếp nhận|"
    r"Giải quyết|Quán triệt|Phổ biến|Đảm bảo|Bảo đảm|Thường xuyên|Ra soát)\b",
)
# A document that announces an appendix table: "PHỤ LỤC I", "Phụ lục 02", "Biểu số 01",
# "(Kèm theo Kế hoạch số 57/KH-UBND ngày 25/8/2023 của UBND xã)".
APPENDIX_RE = AnyMarks(r"(?i)\bph[ụu] l[ụu]c\b|\bbiểu(?: số)?\s*\d|\bbiểu mẫu\b|kèm theo kế hoạch")
