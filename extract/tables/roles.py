"""Column roles from header text: 'Cơ quan chủ trì' -> lead, 'Điểm năm 2023' -> score_year.

The words are data (extract/tables/data/header_words.csv: role, word, example); the file's
order is the priority, the first word found in the folded header wins ("Chủ trì tham mưu"
is lead because lead comes before support). A word written "=stt" must be the whole header.

Two-row headers: a group label spanning its sub-columns ("Điểm" over "Tối đa | Năm 2023",
"Thời gian" over "Bắt đầu | Hoàn thành", "Đơn vị thực hiện" over "Chủ trì | Phối hợp") is
resolved per sub-column: the sub-label's own role, else the role of "group sub-label"
('Điểm năm 2023'), else the group's. The ambiguous "Nội dung" (role `content`) becomes task
or criterion from the other columns present, then from the cells.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.cleantext import lower_space
from extract.tables.patterns import COLUMN_NUMBER_RE, TASK_VERB_RE, YEAR_RE
from models.marks import is_bare, strip_marks

Rows = Sequence[Sequence[str | None]]
AMBIGUOUS = "content"


@dataclass(frozen=True, slots=True)
class HeaderWord:
    """One synonym: ('lead', 'chủ trì', exact=False, example 'Cơ quan chủ trì')."""

    role: str
    word: str
    exact: bool
    example: str

    @property
    def bare(self) -> str:
        """The word without marks, for headers typed without them: 'chu tri'."""
        return strip_marks(self.word)


@cache
def header_words() -> tuple[HeaderWord, ...]:
    """The vocabulary in priority order, from extract/tables/data/header_words.csv."""
    path = resources.files("extract.tables").joinpath("data/header_words.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        HeaderWord(r["role"], r["word"].lstrip("="), r["word"].startswith("="), r["example"])
        for r in rows
    )


@cache
def stt_headers() -> frozenset[str]:
    """The whole-header words of the STT column ('stt', 'tt', 'số tt', …), from the data."""
    return frozenset(w.word for w in header_words() if w.role == "stt")


def role_of(header: str) -> str | None:
    """The role of one header text: 'Thời gian chậm nhất phải hoàn thành' -> 'deadline'."""
    text = lower_space(header)
    bare = text.rstrip(".")
    unmarked = is_bare(text)  # typed without marks: 'Co quan chu tri' is 'Cơ quan chủ trì'
    for word in header_words():
        key = word.bare if unmarked else word.word
        if (bare == key) if word.exact else (key in text):
            return word.role
    return None


def _group_labels(top: Sequence[str | None], lower: Sequence[Sequence[str | None]]) -> list[str]:
    """The top row's label over each column: a covered slot (None), or an empty slot over a
    labelled sub-column next to another labelled sub-column, takes the label to its left."""
    subs = [any(col < len(r) and r[col] for r in lower) for col in range(len(top))]
    labels: list[str] = []
    for col, text in enumerate(top):
        if text:
            labels.append(text)
        elif col and labels[-1] and (text is None or (subs[col] and subs[col - 1])):
            labels.append(labels[-1])
        else:
            labels.append("")
    return labels


def _levels(header_rows: Rows, width: int) -> list[list[str]]:
    """Per column, its header texts top to bottom, group labels spread over their span."""
    rows = [
        [("" if COLUMN_NUMBER_RE.match(c or "") else c) for c in _pad(r, width)]
        for r in header_rows
    ]
    if not rows:
        return [[] for _ in range(width)]
    top = _group_labels(rows[0], rows[1:])
    return [[t for t in [top[c], *(r[c] or "" for r in rows[1:])] if t] for c in range(width)]


def _pad(row: Sequence[str | None], width: int) -> list[str | None]:
    return [*row[:width], *([""] * (width - len(row)))]


def _column_role(texts: list[str]) -> str | None:
    """Lowest label first; a sub-label without a role takes one with its group above."""
    for i in range(len(texts) - 1, -1, -1):
        role = role_of(texts[i])
        if role is None and i:
            role = role_of(f"{texts[i - 1]} {texts[i]}")
        if role is not None:
            return role
    return None


def raw_column_roles(header_rows: Rows, width: int) -> list[str | None]:
    """Roles per column from the header alone; 'content' where 'Nội dung' is undecided."""
    roles = [_column_role(texts) for texts in _levels(header_rows, width)]
    if roles and roles[0] is None:
        roles[0] = "stt"
    return roles


def column_roles(header_rows: Rows, width: int, body: Rows = ()) -> list[str | None]:
    """Roles per column, e.g. ['stt', 'criterion', 'score_max', 'score_year', 'lead']."""
    return resolve_content(raw_column_roles(header_rows, width), body)


def resolve_content(roles: list[str | None], body: Rows = ()) -> list[str | None]:
    """'Nội dung' is the task beside a criterion column, the criterion beside a task column;
    alone it is the task when most of its cells start with a verb ('Tổ chức', 'Rà soát')."""
    out = list(roles)
    for col, role in enumerate(roles):
        if role != AMBIGUOUS:
            continue
        if "task" in roles:
            out[col] = "criterion"
        elif "criterion" in roles or "objective" in roles:
            out[col] = "task"
        else:
            out[col] = _by_cells(roles, body, col)
    return out


def _by_cells(roles: list[str | None], body: Rows, col: int) -> str:
    """Verbs in most cells -> task; no cells: criterion in a score table, else task."""
    share = _verb_share(body, col)
    if share is None:
        return "criterion" if {"score_max", "score_year"} & set(roles) else "task"
    return "task" if share >= 0.5 else "criterion"


def content_uncertain(roles: Sequence[str | None]) -> bool:
    """True when 'Nội dung' had nothing beside it to decide by (then the cells decided)."""
    return AMBIGUOUS in roles and not {"task", "criterion", "objective"} & set(roles)


def _verb_share(body: Rows, col: int) -> float | None:
    cells = [(r[col] or "").strip() for r in body if col < len(r) and (r[col] or "").strip()]
    if not cells:
        return None
    return sum(1 for c in cells if TASK_VERB_RE.match(c)) / len(cells)


def header_label(header_rows: Rows, col: int) -> str:
    """The full header text of a column, upper and lower rows joined: 'Điểm / Năm 2023'."""
    width = max((len(r) for r in header_rows), default=0)
    texts = _levels(header_rows, max(width, col + 1))[col]
    return " / ".join(texts)


def year_of(header: str) -> int | None:
    """The year in a score header: 'Điểm năm 2024' -> 2024; 'Điểm tối đa' -> None."""
    match = YEAR_RE.search(header)
    return int(match.group(0)) if match else None
