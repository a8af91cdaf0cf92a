"""Column roles from header text: 'Cơ quan chủ trì' -> lead, 'Điểm năm 2023' -> score_year."""

from __future__ import annotations

from collections.abc import Sequence

from extract.tables.patterns import COLUMN_NUMBER_RE, YEAR_RE

# Checked in order on the lower-cased header text; the first keyword found wins.
# "Chủ trì tham mưu" (plan_001) must be lead, so lead comes before support ("tham mưu").
ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("score_max", ("điểm tối đa", "điểm chuẩn", "thang điểm")),
    ("score_year", ("điểm năm", "điểm tự chấm", "điểm đạt")),
    ("lead", ("chủ trì",)),
    ("support", ("phối hợp", "tham mưu")),
    ("deadline", ("thời gian", "thời hạn", "tiến độ")),
    ("output", ("sản phẩm", "kết quả")),
    ("requirement", ("yêu cầu", "chỉ tiêu", "mức độ cần đạt")),
    ("objective", ("mục tiêu",)),
    ("task", ("nhiệm vụ", "hoạt động", "giải pháp")),
    ("criterion", ("tiêu chí", "lĩnh vực", "nội dung")),
    ("note", ("ghi chú",)),
)
STT_HEADERS = frozenset({"stt", "tt", "số tt", "số thứ tự"})


def role_of(header: str) -> str | None:
    """The role of one header text: 'Thời gian chậm nhất phải hoàn thành' -> 'deadline'."""
    text = " ".join(header.lower().split())
    if text.rstrip(".") in STT_HEADERS:
        return "stt"
    for role, keywords in ROLE_KEYWORDS:
        if any(k in text for k in keywords):
            return role
    return None


def column_roles(header_rows: Sequence[Sequence[str | None]], width: int) -> list[str | None]:
    """Roles per column; the lowest non-empty header cell decides (two-line headers)."""
    roles: list[str | None] = []
    for col in range(width):
        texts = [row[col] for row in header_rows if col < len(row) and row[col]]
        role = None
        for text in reversed(texts):  # "Mục tiêu" under "Nội dung thực hiện" -> objective
            role = role_of(text or "")
            if role is not None:
                break
        roles.append(role)
    if roles and roles[0] is None:
        roles[0] = "stt"
    return roles


def header_label(header_rows: Sequence[Sequence[str | None]], col: int) -> str:
    """The full header text of a column, upper and lower rows joined: 'Điểm năm 2023'."""
    parts = [row[col] for row in header_rows if col < len(row) and row[col]]
    return " / ".join(p for p in parts if p and not COLUMN_NUMBER_RE.match(p))


def year_of(header: str) -> int | None:
    """The year in a score header: 'Điểm năm 2024' -> 2024; 'Điểm tối đa' -> None."""
    match = YEAR_RE.search(header)
    return int(match.group(0)) if match else None
