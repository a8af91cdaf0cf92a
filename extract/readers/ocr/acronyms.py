"""Acronyms misread beyond one letter put back (issue 14).

Plans are full of capital-letter acronyms (UBND, TTHC, CCHC, HĐND, VP, CSDL, MCLT…) and
Tesseract misreads them where a scan is poor: a doubled letter read once ('THC', 'THE' for
'TTHC' at 150 dpi and by fax), a speck read inside ('MCL/T', 'MCL7T'), a letter read twice
('VHTTT', 'MCLTT'). A plain dictionary cannot help: 'THE' is a syllable too. The known
acronyms are counted, with their case, from the same typed text as the syllable counts
(extract/data/vi_acronyms.tsv): a token of capitals whose small form the text never prints
(so 'NAM' of a heading, printed 'Nam' elsewhere, is none).

A reading of capitals that is no known acronym becomes the one known acronym nearest to it,
when Tesseract was unsure of it and the distance is small. The distance weighs the ways OCR
goes wrong: a letter doubled or undoubled, a mark inside, two capitals of like shape cost half
an edit; a capital read as another of unlike shape one; a letter more or less one and a half.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

# Capitals of the acronyms the plans print ('UBND', 'HĐND'); Vietnamese vowel marks never.
CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZĐ"
# An acronym as the text prints it: 2-6 capitals ('VP', 'TTHC', 'VBQPPL').
ACRONYM_RE = re.compile(rf"^[{CAPITALS}]{{2,6}}$")
# A token of the counted text: letters, an underscore joining them into one identifier
# ('F1.XHH_DIRECTION', 'xhh_direction' in the vocabularies: neither is the acronym 'XHH').
TOKEN_RE = re.compile(r"[^\W\d]+")
# A roman numeral ('II', 'XXVII') is numbering, not an acronym.
ROMAN_RE = re.compile(r"^[IVX]+$")
# A reading that may be a misread acronym: capitals with at most one mark or digit read
# inside ('THC', 'MCL/T', 'MCL7T'), and punctuation around it ('(TTHC),').
READ_RE = re.compile(
    rf"^(?P<pre>[^\w]*)(?P<core>[{CAPITALS}]+(?:[/|.'7][{CAPITALS}]+)?)(?P<post>[^\w]*)$"
)
# Capitals Tesseract takes for one another (each swap costs half an edit).
LIKE_SHAPES = frozenset(
    frozenset(pair)
    for pair in ("CE", "CG", "CO", "OD", "OQ", "DĐ", "IL", "IT", "EF", "FP", "PR", "BR", "UV", "VY")
)
HALF = 0.5
# A letter more or less, undoubled: more than MAX_DISTANCE alone. Real acronyms differ so
# ('BHYT', 'BYT'; 'NTM', 'TM'); OCR rather misreads a letter as another.
DROPPED = 1.5
MAX_DISTANCE = 1.0  # 'THE' -> 'TTHC': a T undoubled (0.5) and C read E (0.5)
# Two acronyms as near: the far more common one wins ('THE': 'TTHC' printed 220 times,
# 'TH' (tổng hợp) once, both 1.0 away); else neither.
PRIOR_RATIO = 10


def count_acronyms(texts: Iterable[str]) -> Counter[str]:
    """Acronyms in texts with their counts: capital tokens whose small form never occurs in
    a line of words (a line that is one token, a code value of a vocabulary, is no word).

    'UBND xã, Nam Định; KẾ HOẠCH NĂM' -> {'UBND': 1} ('NAM' is printed 'Nam' elsewhere)."""
    found: Counter[str] = Counter()
    small: set[str] = set()
    lines = (line for text in texts for line in unicodedata.normalize("NFC", text).splitlines())
    for line in lines:
        found_here = TOKEN_RE.findall(line)
        for token in found_here:
            if ACRONYM_RE.match(token) and not ROMAN_RE.match(token):
                found[token] += 1
            elif not token.isupper() and len(found_here) > 1:  # a lone 'xhh' is a code value
                small.add(token.lower())
    return Counter({a: n for a, n in found.items() if a.lower() not in small})


def distance(read: str, known: str) -> float:
    """Weighted edits from a reading to an acronym: 'THC' -> 'TTHC' 0.5, 'MCL/T' -> 'MCLT'
    0.5, 'THE' -> 'TTHC' 1.0, 'VPP' -> 'VP' 0.5, 'CB' -> 'VP' 2.0, 'BHYT' -> 'BYT' 1.5."""
    rows = [[0.0]]
    for j in range(len(known)):
        rows[0].append(rows[0][-1] + _dropped(known, j))
    for i, a in enumerate(read, 1):
        row = [rows[-1][0] + _dropped(read, i - 1)]
        for j, b in enumerate(known, 1):
            row.append(
                min(
                    rows[-1][j] + _dropped(read, i - 1),
                    row[j - 1] + _dropped(known, j - 1),
                    rows[-1][j - 1] + _swap(a, b),
                )
            )
        rows.append(row)
    return rows[-1][-1]


def _dropped(text: str, index: int) -> float:
    """Cost of a letter of `text` that the other lacks: half for a mark or a doubled one."""
    char = text[index]
    doubled = (index > 0 and text[index - 1] == char) or text[index + 1 : index + 2] == char
    return HALF if doubled or char not in CAPITALS else DROPPED


def _swap(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return HALF if frozenset((a, b)) in LIKE_SHAPES else 1.0


def nearest(read: str, known: Mapping[str, int]) -> str | None:
    """The one known acronym within MAX_DISTANCE of a reading, nearer than any other or as
    near and PRIOR_RATIO times as common ('THC' -> 'TTHC'); None when there is none or two
    are alike ('CX' between 'CC' and 'XH')."""
    ranked = sorted(
        (distance(read, a), -n, a) for a, n in known.items() if abs(len(a) - len(read)) <= 2
    )
    if not ranked or ranked[0][0] > MAX_DISTANCE:
        return None
    best, runner = ranked[0], ranked[1] if len(ranked) > 1 else None
    if runner is not None and runner[0] <= best[0] and -best[1] < PRIOR_RATIO * -runner[1]:
        return None
    return best[2]


def restored(text: str, known: Mapping[str, int], around: Iterable[str]) -> str | None:
    """A misread acronym put right with its punctuation ('THC,' -> 'TTHC,'), or None when the
    reading is a known acronym, a roman numeral, or a word of a heading in capitals (a
    neighbour is capitals too and no acronym: 'QUY ĐỊNH')."""
    match = READ_RE.match(unicodedata.normalize("NFC", text))
    if match is None:
        return None
    core = match["core"]
    letters = sum(c in CAPITALS for c in core)
    if core in known or ROMAN_RE.match(core) or not 2 <= letters <= 6:
        return None
    if any(_heading_word(w, known) for w in around):
        return None
    if any(part in known for part in re.split(r"[/|.'7]", core) if len(part) < len(core)):
        return None  # 'UBND/VP': two acronyms with a slash between
    found = nearest(core, known)
    return None if found is None else match["pre"] + found + match["post"]


def _heading_word(text: str, known: Mapping[str, int]) -> bool:
    core = re.sub(r"[^\w]", "", text)
    return len(core) > 1 and core.isupper() and core not in known and not core.isdigit()
