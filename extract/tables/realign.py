"""Cells typed out of their columns, put back (DESIGN: "shifted cells").

A plan converted from PDF to Word, or typed row by row, leaves cells one or two columns left
of where the header puts them, with empty cells at the end of the row: in plan_002's
VI.2.3 sub-rows the DOCX itself holds 'Kho lưu trữ' under 'Nhiệm vụ', 'Văn phòng UBND xã'
under 'Kết quả' and 'Thường xuyên' under 'Cơ quan chủ trì'. Only cells whose kind is known
move: a deadline ('Thường xuyên', 'Quý II/2025') and the agencies this table names in its
lead and support columns on rows that stand in place. The text cells before them go where
the row leaves room (see `realign`).

A move is a `Moves`: the target column of each cell, -1 for an empty cell dropped at the end.
A piece of the same row on the next page follows its row's moves (plan_002 VI.3.1#3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import product

from extract.cleantext import lower_space
from extract.tables.patterns import DEADLINE_LIKE_RE, LIST_PART_RE, TARGET_LIKE_RE, TASK_VERB_RE

Moves = tuple[int, ...]
LABEL_ROLES = ("criterion", "objective", "task", "requirement")
AGENCY_ROLES = ("lead", "support")
# A deadline is short: 'Hoàn thành trước ngày 15/01/2023' (plan_000) has 5 words.
DEADLINE_WORDS = 8
# A cut agency name is known by its first words only from this many ('Văn phòng UBND').
CUT_NAME_WORDS = 3


def known_agencies(rows: Iterable[Sequence[str]], roles: Sequence[str | None]) -> dict[str, str]:
    """The first agency of each lead or support cell on rows filled to their last column (they
    stand in place), and the column it stands in most: {'văn phòng ubnd xã': 'lead',
    'văn phòng hđnd-ubnd huyện': 'support', …} (ties: lead)."""
    seen: dict[str, Counter[str]] = {}
    for cells in rows:
        if len(cells) != len(roles) or not cells or not cells[-1]:
            continue
        for cell, role in zip(cells, roles, strict=True):
            if role in AGENCY_ROLES and cell:
                seen.setdefault(_first_part(cell), Counter())[role] += 1
    return {name: max(AGENCY_ROLES, key=lambda r: (n[r], r == "lead")) for name, n in seen.items()}


def put_back(
    cells: Sequence[str], roles: Sequence[str | None], agencies: Mapping[str, str], *, sub_row: bool
) -> Moves | None:
    """Moves for a row that starts a draft: a sub-row's missing cell is first taken to be its
    merged objective (DESIGN rule 3, `realign`), a numbered row's the one after its label."""
    if sub_row:
        return realign(cells, roles, agencies, sub_row=True) or unshift(cells, roles)
    return unshift(cells, roles) or realign(cells, roles, agencies, sub_row=False)


def unshift(cells: Sequence[str], roles: Sequence[str | None]) -> Moves | None:
    """One cell dropped (plan_004 1.1-1.5, plan_002 V.1): the deadline column is empty and
    its left neighbour holds a deadline ('Thường xuyên'). The missing cell is taken to be the
    one right after the label column (Nhiệm vụ)."""
    if len(roles) < 4 or roles[-1] != "deadline" or cells[-1] or not cells[-2]:
        return None
    if not DEADLINE_LIKE_RE.match(cells[-2]):
        return None
    return _shift_right(cells, roles)


def _shift_right(cells: Sequence[str], roles: Sequence[str | None]) -> Moves | None:
    """An empty cell inserted where one is missing (`_gap`), the (empty) last cell dropped."""
    gap = _gap(cells, roles)
    if gap is None or gap >= len(cells) - 1 or cells[-1]:
        return None
    return tuple(i if i < gap else i + 1 for i in range(len(cells) - 1)) + (-1,)


def _gap(cells: Sequence[str], roles: Sequence[str | None]) -> int | None:
    """The column of the missing cell: the one after the label column, or after the task
    column when the cell there reads as a task ('Số hóa kết quả giải quyết' under 'Nhiệm
    vụ' is in place; the product after it is what was dropped)."""
    label = next((i for i, r in enumerate(roles) if r in LABEL_ROLES), None)
    if label is None:
        return None
    after = label + 1
    if after < len(cells) and roles[after] == "task" and TASK_VERB_RE.match(cells[after]):
        return after + 1
    return after


def realign(
    cells: Sequence[str], roles: Sequence[str | None], agencies: Mapping[str, str], *, sub_row: bool
) -> Moves | None:
    """Moves for a row whose last cells are empty and whose deadline or known agencies stand
    left of their columns: ['', 'Vận hành … kho lưu trữ điện tử', 'Kho lưu trữ', 'Văn phòng
    UBND xã', 'Thường xuyên', '', ''] -> task, output, lead, deadline. The text cells before
    them start after the objective on a sub-row (its objective is the merged one above,
    DESIGN rule 3); on a numbered row the first stays (the label) and the rest end where the
    moved cells begin."""
    if "lead" not in roles or not cells or cells[-1] or len(cells) != len(roles):
        return None
    tail = _tail(cells, roles, agencies)
    start, choices = tail if tail else (0, [])
    # a sub-row's texts after its objective under any choice of columns before the fallback
    for after, targets in product((True, False) if sub_row else (False,), choices):
        texts = _text_targets(cells, roles, start, min(targets), after=after)
        moves = (*texts, *targets) if texts else ()
        moves += (-1,) * (len(cells) - len(moves))
        if texts and _plausible(cells, roles, moves):
            return moves
    return None


def _plausible(cells: Sequence[str], roles: Sequence[str | None], moves: Moves) -> bool:
    """Moves that change something, only to the right, and leave no support without a lead
    (a typed row drops an empty cell, and every task has a lead). Dropping an empty cell while
    every filled one stays is no change: a row in place whose last agency a page break cut
    ('Các bộ phận có' | 'liên quan', plan_002 VI.3.2#2 with row rules) is not shifted."""
    if all(m == i for i, m in enumerate(moves) if cells[i]):
        return False
    if not all(m >= i or (m < 0 and not cells[i]) for i, m in enumerate(moves)):
        return False
    placed = {roles[m]: cells[i] for i, m in enumerate(moves) if m >= 0 and cells[i]}
    return "support" not in placed or "lead" in placed


def _tail(
    cells: Sequence[str], roles: Sequence[str | None], agencies: Mapping[str, str]
) -> tuple[int, list[list[int]]] | None:
    """Where the row's run of known cells starts, and the target columns they may take, best
    first: a deadline last, agencies before it (both agency columns for two; for one, the
    column the table puts it in most, then the other). None when no known cell stands left
    of its column."""
    end = max(i for i, c in enumerate(cells) if c) if any(cells) else -1
    if end <= 0:
        return None
    i, deadline = end, []
    if "deadline" in roles and _is_deadline(cells[i]):
        deadline, i = [roles.index("deadline")], i - 1
    slots = [k for k, r in enumerate(roles) if r in AGENCY_ROLES]
    run = 0
    while i > 0 and run < len(slots) and cells[i] and _role_of(cells[i], agencies):
        run, i = run + 1, i - 1
    choices = [slots[:run] + deadline]
    if run == 1 and len(slots) == 2:
        most = roles.index(_role_of(cells[i + 1], agencies) or "lead")
        choices = [[k, *deadline] for k in sorted(slots, key=lambda k: k != most)]
    if not choices[0] or choices[0] == list(range(i + 1, end + 1)):
        return None  # nothing known, or known cells in their columns
    return i + 1, choices


def _text_targets(
    cells: Sequence[str], roles: Sequence[str | None], start: int, limit: int, *, after: bool
) -> list[int] | None:
    """Target columns of cells 0 .. start-1, the STT cell first; None when they do not fit.
    `after`: the text cells start after the objective (a sub-row's); otherwise the first
    stays (a numbered row's label) and the others end right before the moved cells."""
    filled = [k for k in range(1, start) if cells[k]]
    if not filled:
        return list(range(start))
    if after:
        first = roles.index("objective") + 1 if "objective" in roles else limit
        placed = {k: first + n for n, k in enumerate(filled)}
        return [placed.get(k, k) for k in range(start)] if first + len(filled) <= limit else None
    rest = filled[1:]
    placed = {k: limit - len(rest) + n for n, k in enumerate(rest)}
    if rest and placed[rest[0]] <= filled[0]:
        return None
    return [placed.get(k, k) for k in range(start)]


def _is_deadline(cell: str) -> bool:
    """'Thường xuyên', 'Chậm nhất trước ngày 31/12/2023'; not a task that starts with the
    same words ('Thường xuyên cập nhật quy trình lên phần mềm một cửa điện tử')."""
    return bool(DEADLINE_LIKE_RE.match(cell)) and len(cell.split()) <= DEADLINE_WORDS


def own_objective(cells: list[str], roles: Sequence[str | None]) -> tuple[int, int] | None:
    """Put a moved sub-row's text that states a target under Mục tiêu, its own objective, when
    none is there: '- Tỷ lệ giao dịch thanh toán trực tuyến … đạt tối thiểu 75%' (plan_002
    VI.3.1#3) is no task. Judged on the whole cell, once a page break's rest has joined it.
    Returns (objective, task) when the text moved."""
    if "objective" not in roles or "task" not in roles:
        return None
    objective, task = roles.index("objective"), roles.index("task")
    if cells[objective] or not TARGET_LIKE_RE.search(cells[task]):
        return None
    cells[objective], cells[task] = cells[task], ""
    return objective, task


def move(cells: Sequence[str], moves: Moves) -> list[str] | None:
    """The cells put where `moves` says; None when a filled cell has nowhere to go."""
    out = [""] * len(cells)
    for i, target in enumerate(moves):
        if not cells[i]:
            continue
        if target < 0 or target >= len(out) or out[target]:
            return None
        out[target] = cells[i]
    return out


def _role_of(cell: str, agencies: Mapping[str, str]) -> str | None:
    """The column the table puts the cell's first agency in; for a name a page break cut at the
    foot of the page ('Văn phòng UBND' | 'xã', 'Các bộ phận có' | 'liên quan': plan_002
    VI.3.1#3 in a narrower font), the column of the known names it begins, when they agree and
    it has at least CUT_NAME_WORDS words."""
    name = _first_part(cell)
    if name in agencies:
        return agencies[name]
    if len(name.split()) < CUT_NAME_WORDS:
        return None
    found = {role for known, role in agencies.items() if known.startswith(name + " ")}
    return found.pop() if len(found) == 1 else None


def _first_part(cell: str) -> str:
    """'Tài chính - Kế toán, Các bộ phận chuyên môn' -> 'tài chính - kế toán'."""
    return lower_space(LIST_PART_RE.split(cell, maxsplit=1)[0])
