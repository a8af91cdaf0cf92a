"""Font-name checks for the PDF reader: bold runs and legacy Vietnamese 8-bit fonts.

Old plans typed in TCVN3 (ABC) or VNI fonts store Vietnamese letters in Latin-1 code
points, so their text layer decodes to mojibake ("Céng hßa X· héi"). The font name is
the only reliable sign: ".VnTime", ".VnTimeH", ".VnArial" (TCVN3) and "VNI-Times",
"VNI-Helve" (VNI). Converting that text is a later issue; for now the reader warns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Subset-embedded fonts carry a six-letter tag: "BAAAAA+LiberationSerif-Bold".
SUBSET_PREFIX_RE = re.compile(r"^[A-Z]{6}\+")
# TCVN3 / ABC fonts: ".VnTime", ".VnTimeH", ".VnArial NarrowH"; some producers drop
# the dot or turn it into "_" ("VnTime", "_VnTime").
TCVN3_FONT_RE = re.compile(r"^[._]?Vn[A-Z]")
# VNI fonts: "VNI-Times", "VNI-Helve-Condense", "VNI Times".
VNI_FONT_RE = re.compile(r"^VNI[-_ ]", re.IGNORECASE)

LEGACY_ENCODINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("TCVN3", TCVN3_FONT_RE),
    ("VNI", VNI_FONT_RE),
)


def base_font_name(fontname: str) -> str:
    """Strip the subset tag: 'CAAAAA+LiberationSerif-Bold' -> 'LiberationSerif-Bold'."""
    return SUBSET_PREFIX_RE.sub("", fontname)


def is_bold(fontname: str) -> bool:
    """True for a bold face, e.g. 'CAAAAA+LiberationSerif-Bold' or 'TimesNewRoman,Bold'."""
    return "Bold" in fontname


def legacy_font_warnings(page_number: int, fontnames: Iterable[str]) -> list[str]:
    """Warn per legacy encoding: 'page 3: legacy TCVN3 font .VnTime, text is mojibake'."""
    names = sorted({base_font_name(name) for name in fontnames})
    warnings = []
    for encoding, pattern in LEGACY_ENCODINGS:
        legacy = [name for name in names if pattern.match(name)]
        if legacy:
            noun = "font" if len(legacy) == 1 else "fonts"
            warnings.append(
                f"page {page_number}: legacy {encoding} {noun} {', '.join(legacy)}, "
                "text is mojibake"
            )
    return warnings


# Latin-1 letters Vietnamese uses; any other Latin-1 symbol or letter in running text is a
# sign of a legacy 8-bit font read as Latin-1: TCVN3 "Céng hßa X· héi", VNI "Coäng hoøa".
VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»°")
MOJIBAKE_SHARE = 0.03  # of the letters
MIN_LETTERS = 20


def is_mojibake(text: str) -> bool:
    """Legacy-font text decoded as Latin-1: 'Céng hßa X· héi chñ nghÜa ViÖt Nam' -> True."""
    letters = sum(1 for c in text if c.isalpha())
    if letters < MIN_LETTERS:
        return False
    foreign = sum(1 for c in text if "\u00a1" <= c <= "\u00ff" and c not in VIETNAMESE_LATIN1)
    native = sum(1 for c in text if _is_vietnamese_letter(c))
    return foreign >= MOJIBAKE_SHARE * letters and foreign > native


def _is_vietnamese_letter(char: str) -> bool:
    # ă đ ơ ư and their capitals, and the precomposed letters with tone marks (U+1EA0-1EF9).
    return char in "ăĂđĐơƠưƯ" or "\u1ea0" <= char <= "\u1ef9"
