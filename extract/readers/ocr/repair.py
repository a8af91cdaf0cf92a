"""Vietnamese OCR repairs that are safe: they restore what was printed, never invent text.

- Body lines: a roman heading's dot read as "L" or run into the title ("IL MỤC ĐÍCH",
  "I.MỤC ĐÍCH" -> "I. MỤC ĐÍCH").
- Text: NFC; "Ð"/"ð" (Icelandic eth, U+00D0/U+00F0, a glyph identical to "Đ" and never
  Vietnamese) -> "Đ"/"đ"; "ND"/"QD" as the type code of a legal symbol ("61/2018/ND-CP",
  "468/QD-TTg": no such codes exist, NĐ and QĐ do) and the word "HDND" -> "HĐND".
  "HD" alone is left: it is a real code (Hướng dẫn, "01/HD-UBND"). "©" before a capital
  is a "C" ("©C VHXH" -> "CC VHXH").
- STT codes, in the STT column only: a code that does not follow its neighbours ("4A"
  between "4.3" and "4.5", "21" between "2" and "2.2") is replaced by the one reading
  among the known confusions that fits both neighbours; with no such reading, or more than
  one, it is left as read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from extract.cleantext import fix_eth, nfc
from extract.tables.patterns import STT_CODE_RE, STT_ROMAN_RE
from extract.tables.roles import stt_headers

# "61/2018/ND-CP", "468/QD-TTg", "22a/QD-UBND": the type code right after the number/year.
SYMBOL_D_RE = re.compile(r"(?<=\d/)((?:\d{4}/)?)([NQ])D(?=\s?-)|(?<=\d[a-z]/)([NQ])D(?=\s?-)")
HDND_RE = re.compile(r"\bHDND\b")
# A capital C read as the copyright sign before more capitals ("CC VHXH" -> "©C VHXH",
# plan_004.scan.pdf p.15; "©C TPHT xã" by fax): no Vietnamese word starts with "©".
COPYRIGHT_C_RE = re.compile(r"©(?=[A-ZĐ])")
# A roman heading whose dot was lost or read as "L" (plan_003 p.1 "IL MỤC ĐÍCH", plan_001
# p.1 "I.MỤC ĐÍCH"): "IL", "IIL", "VL" are no roman numerals, so the "L" is the dot.
ROMAN_HEADING_RE = re.compile(
    r"^(?P<num>I{1,3}|IV|VI{0,3}|IX)(?:L\s*|\.(?=[^\s.]))(?=[A-ZĐÂĂÊÔƠƯ][A-ZĐÀ-Ỹ])"
)

# Characters Tesseract reads in place of STT characters: "4A" for "4.4" (the dot runs
# into the 4), "2,1" or "2/1" for "2.1", "l.2" for "1.2", "O" for "0".
STT_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "A": (".4", "4"),
    ",": (".",),
    "/": (".",),
    "·": (".",),
    ":": (".",),
    "l": ("1",),
    "I": ("1",),
    "|": ("1",),
    "i": ("1",),
    "O": ("0",),
    "o": ("0",),
    "S": ("5",),
    "B": ("8",),
    "Z": ("2", "7"),
}


def repair_text(text: str) -> str:
    """Safe repairs of one string: '61/2018/NÐ-CP' -> '61/2018/NĐ-CP', 'HDND' -> 'HĐND'."""
    text = fix_eth(nfc(text))
    text = SYMBOL_D_RE.sub(_symbol_d, text)
    return COPYRIGHT_C_RE.sub("C", HDND_RE.sub("HĐND", text))


def repair_line(text: str) -> str:
    """A body line: `repair_text`, and a roman heading's dot put back ('IL MỤC' -> 'I. MỤC')."""
    return ROMAN_HEADING_RE.sub(r"\g<num>. ", repair_text(text))


def _symbol_d(match: re.Match[str]) -> str:
    year, letter = match.group(1) or "", match.group(2) or match.group(3)
    return f"{year}{letter}Đ"


def is_stt_header(cell: str | None) -> bool:
    """A column header that names the STT column: 'STT', 'Stt', 'TT', 'Số TT'."""
    return " ".join((cell or "").lower().split()) in stt_headers()


def stt_code(text: str) -> str | None:
    """The numeric code of a printed STT ('1.2.' -> '1.2'), None when it is not one."""
    match = STT_CODE_RE.match(text)
    return match.group("code") if match else None


def follows(prev: str, code: str) -> bool:
    """Can `code` come right after `prev`? '4.3' -> '4.4', '4.3.1', '5': yes; '4.4.1': no."""
    a, b = prev.split("."), code.split(".")
    if b == [*a, "1"]:  # first child: 1.2 -> 1.2.1
        return True
    # next sibling at some level: 1.2.3 -> 1.2.4, 1.3 or 2
    return len(b) <= len(a) and b[:-1] == a[: len(b) - 1] and _next_number(a[len(b) - 1], b[-1])


def _next_number(a: str, b: str) -> bool:
    return a.isdigit() and b.isdigit() and int(b) == int(a) + 1


def repair_stt_column(
    cells: Sequence[str | None], others: Sequence[tuple[str, ...]] = ()
) -> list[str | None]:
    """Repair the STT cells of a table's data rows, in order: ['4.3', '4A', '4.5'] -> 4.4.

    `others[i]` are other readings of cell i (another scale or psm): one that fits the
    numbering as read is taken before any confusion is guessed."""
    out = list(cells)
    for index, raw in enumerate(cells):
        if not raw or " " in raw or len(raw) > 12 or raw[0] == "(" or STT_ROMAN_RE.match(raw):
            continue  # empty, a title, a column number '(1)' or a roman section
        prev = _neighbour(out, range(index - 1, -1, -1))
        after = _next_codes(cells, index)
        code = stt_code(raw)
        if code is not None and (prev is None or follows(prev, code)):
            continue  # reads as a code and fits what came before: leave it
        if after is None and (prev is None or code is not None):
            continue  # changing a code needs both neighbours to agree
        read = others[index] if index < len(others) else ()
        fixed = _repaired(raw, read, prev, after)
        if fixed is None and after is not None and _misread(code, prev):
            # the code after may be misread too ('2,' before '21', '24' before '25' by fax)
            fixed = _repaired(raw, read, prev, _next_codes(cells, index, loose=True))
        if fixed is None and code is None:
            fixed = _repeated(raw, read, prev, after)
        if fixed is not None:
            out[index] = fixed
    return out


def _misread(code: str | None, prev: str | None) -> bool:
    """No code, or a code shallower than the one above ('24' after '2.3': a dot lost; a
    deeper list numbered on, '6.11' after '6.1', is as printed)."""
    return code is None or (prev is not None and code.count(".") < prev.count("."))


def _repeated(
    raw: str, read: tuple[str, ...], prev: str | None, after: frozenset[str] | None
) -> str | None:
    """A code printed twice (a task over two rows, plan_004 p.16 '4.3', '4.3') read as no
    code ('4,3'): the one reading equal to the code above, when the code after follows it."""
    if prev is None or (after is not None and not any(follows(prev, a) for a in after)):
        return None
    same = [c for c in (*read, *_readings(raw)) if stt_code(c) == prev]
    return min(same, key=lambda c: (abs(len(c) - len(raw)), c)) if same else None


def _repaired(
    raw: str, read: tuple[str, ...], prev: str | None, after: frozenset[str] | None
) -> str | None:
    """Another reading that fits, else the one confusion that fits. With no code before it
    (the first code on a page), only the code after it can tell, so two readings must
    agree: a confusion of this reading and one of another ('S.' and '5,' -> '5.')."""
    guesses = list(_readings(raw))
    others = [c for text in read for c in (text, *_readings(text))]
    if prev is None:
        agreed = {stt_code(c) for c in guesses} & {stt_code(c) for c in others}
        return _one_fit(raw, prev, after, [c for c in guesses if stt_code(c) in agreed])
    return _one_fit(raw, prev, after, read) or _one_fit(raw, prev, after, guesses + others)


def _one_fit(
    raw: str, prev: str | None, after: frozenset[str] | None, candidates: Iterable[str]
) -> str | None:
    """The one candidate whose code fits between the neighbours (None: none or several),
    spelt as closely to the reading as the candidates allow ('5.' for 'S.', not '5')."""
    fits = {c for c in candidates if _fits(prev, stt_code(c), after)}
    if len({stt_code(c) for c in fits}) != 1:
        return None
    return min(fits, key=lambda c: (abs(len(c) - len(raw)), c))


def _neighbour(cells: Sequence[str | None], order: range) -> str | None:
    """The nearest code in `order` that is a code ('1.2'), skipping empty and title cells."""
    for index in order:
        text = cells[index]
        if text and STT_ROMAN_RE.match(text):
            return None  # a roman section restarts the numbering: no neighbour across it
        code = stt_code(text or "")
        if code is not None:
            return code
    return None


def _fits(prev: str | None, code: str | None, after: frozenset[str] | None) -> bool:
    if code is None or (prev is not None and not follows(prev, code)):
        return False
    return after is None or any(follows(code, a) for a in after)


def _next_codes(
    cells: Sequence[str | None], index: int, loose: bool = False
) -> frozenset[str] | None:
    """The codes the next STT cell may stand for: its code as read, or when it reads as no
    code (or `loose`) every code one known confusion away, so that a run of misread codes
    is put right one by one (fax plan_004 p.8: '1.4', '15', '2,', '21', '2.2'), and past a
    cell that is no code, the code after it ('S.', '9.1,', '6' by a red stamp). None: no
    code follows (a roman section restarts the numbering). A code printed oddly but
    consistently ('6.11', '6.11.1' in plan_001) is left as printed."""
    found: set[str] = set()
    for text in cells[index + 1 :]:
        if text and STT_ROMAN_RE.match(text):
            break
        if not text or " " in text or len(text) > 12:
            continue  # empty or a title
        code = stt_code(text)
        if code is not None and not loose:
            found.add(code)
            break
        # a cell that reads as no code ('9.1,') is looked past too, to the next code
        readings = {stt_code(c) for c in (text, *_readings(text))}
        found |= {c for c in readings if c is not None}
        if code is not None:
            break
    return frozenset(found) or None


def _readings(raw: str) -> Iterator[str]:
    """Every string one known confusion away from `raw`: '4A' -> '4.4', '44', '4', 'A'…"""
    for index, char in enumerate(raw):
        for replacement in STT_CONFUSIONS.get(char, ()):
            yield raw[:index] + replacement + raw[index + 1 :]
        yield raw[:index] + raw[index + 1 :]  # a stray mark read as a character
        if index and raw[index - 1].isdigit() and char.isdigit():
            yield raw[:index] + "." + raw[index:]  # a dot lost between two digits
