"""Roman numerals of section numbers ('II', 'VIII') and quarters ('Quý III'): the one pure
helper both stages need (extract numbers table sections, normalize sorts codes and reads
deadlines), kept here because extract and normalize do not import each other."""

from __future__ import annotations

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    """'VIII' -> 8, 'IV' -> 4, 'XL' -> 40 (upper-case numerals; a smaller one before a larger
    one is subtracted). A character that is not a numeral raises KeyError."""
    total = 0
    for i, ch in enumerate(numeral):
        value = ROMAN_VALUES[ch]
        nxt = ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < nxt else value
    return total
