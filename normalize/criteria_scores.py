"""What a row's scores say of how its criterion is measured (issue 19): a survey's points are
the respondents' mean times the maximum (0.92 of 1), a self-assessment's move in steps (0.5,
1). `criteria` leans a surveyed row to the survey concepts (`criteria_rank.SURVEY_PRIOR`). The
total row of a scored table is the index's score (`total_rows`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from models.document import TableRow
from normalize.patterns import TOTAL_LABEL_RE
from normalize.text import fold

# Self-assessed points move in steps of this (0.25, 0.5, 1, 1.5 of a criterion's maximum);
# a survey's points are the respondents' mean times the maximum: 0.92, 0.97, 3.84 (001).
SCORE_STEP = 0.25
# ... but a table where this share of the scored rows or more is off the steps scores by a
# formula (a rate times the maximum), not by surveys, and says nothing of them: 001 has 39 of
# 118 off the steps. With every score of 001 made irregular, plan-out gave 80 right and 6
# wrong codes instead of 89 and 5; with this cap, 89 and 8, as without the survey signal.
SURVEY_SHARE_MAX = 0.5


def surveyed(row: TableRow) -> bool:
    """True when a year's score of the row is off the self-assessment steps (SCORE_STEP): a
    survey's mean, 0.92 of 1 ('Thái độ phục vụ …', 001 3.6.2), not 0.5 or 1."""
    return any(
        cell.role == "score_year" and not _on_step(cell.value, SCORE_STEP) for cell in row.scores
    )


def survey_rows(rows: Sequence[TableRow]) -> frozenset[int]:
    """The positions in `rows` of the rows scored by a survey (`surveyed`), in the tables whose
    scores tell surveys apart: fewer than SURVEY_SHARE_MAX of their scored rows are off the
    self-assessment steps."""
    off = [i for i, r in enumerate(rows) if r.scores and surveyed(r)]
    scored: Counter[int] = Counter(r.table_index for r in rows if r.scores)
    n_off: Counter[int] = Counter(rows[i].table_index for i in off)
    tables = {t for t, n in scored.items() if n_off[t] < SURVEY_SHARE_MAX * n}
    return frozenset(i for i in off if rows[i].table_index in tables)


def _on_step(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6


def total_rows(rows: Sequence[TableRow]) -> frozenset[int]:
    """The positions in `rows` of the total rows of scored tables: in each table, the last row
    with scores, when its label is a total word, in the criterion cell or printed in the STT
    column ('TỔNG ĐIỂM … 100 96.56 97.06', 001). A 'Cộng' closing each field is a subtotal."""
    last = {r.table_index: i for i, r in enumerate(rows) if r.scores}
    return frozenset(i for i in last.values() if _is_total_label(rows[i]))


def _is_total_label(row: TableRow) -> bool:
    return TOTAL_LABEL_RE.fullmatch(fold(row.criterion or row.stt_raw or "")) is not None
