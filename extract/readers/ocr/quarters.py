"""The quarter after 'Quý' in a table's deadline column, put right (issue 14)."""

from __future__ import annotations

import re

Bigrams = dict[tuple[str, str], int]

# A quarter after "Quý": printed as a roman numeral or a digit ("Quý I/2024", "Quý 1").
# A bar read as a one after a bar is a bar too: "Quý I1/2023" (a photo) is "Quý II/2023",
# and so are two ones ("Quý 11/2023", skewed: no quarter 11). The slash may be read as a
# fraction slash ("Quý 1⁄2023", 150 dpi).
QUARTER_RE = re.compile(
    r"^(?P<num>IV|I{1,3}|[1-4]|[lI|1][lI|1]{1,2}|[lI|])(?P<rest>(?:[/⁄]\d{4})?[^\w]*)$"
)
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def quarter_read(bigrams: Bigrams, text: str, before: str | None) -> str | None:
    """After 'Quý', the quarter in the form the counted text prints it: 'Quý 1' -> 'Quý I'."""
    match = QUARTER_RE.match(text) if before == "quý" else None
    if match is None:
        return None
    num, rest = match.group("num"), match.group("rest").replace("⁄", "/")
    digit = num if len(num) == 1 and num.isdigit() else "4" if num == "IV" else str(len(num))
    roman = ROMAN[digit]
    if bigrams.get(("quý", roman.lower()), 0) >= bigrams.get(("quý", digit), 0):
        return roman + rest
    return digit + rest
