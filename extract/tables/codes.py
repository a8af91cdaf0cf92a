"""Unique item codes from printed STT values (DESIGN rule 6).

'3.4.' -> '3.4'; a second '6.1' right after '6.9' -> '6.10' (plan_001 prints 6.10 as 6.1);
numbering that restarts under roman sections is qualified: '2.2' under 'II' -> 'II.2.2'
(plan_002); any other duplicate gets an ordinal: the second '4.3' -> '4.3#2' (plan_004).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.tables.patterns import STT_CODE_RE, STT_LETTER_RE, STT_ROMAN_RE
from models.numerals import roman_value


@dataclass
class CodeBook:
    """Remembers codes given in one table so every new one is unique and has a parent."""

    levels: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    last_child: dict[str | None, str] = field(default_factory=dict)
    next_ordinal: dict[str, int] = field(default_factory=dict)  # code -> no smaller one free
    roman: str | None = None
    qualify: bool = False  # numbering restarts under each roman section (plan_002)
    context: str | None = None  # the last numbered code: letter items 'a)' hang under it

    def assign(self, stt: str, label: str) -> tuple[str, str | None, int, tuple[str, ...]]:
        """Code, parent, level and flags for a printed STT ('3.4.' -> ('3.4', '3', 2, ()))."""
        flags: list[str] = []
        stt = stt.strip()
        if stt.endswith("."):
            flags.append("trailing_dot")
        roman = STT_ROMAN_RE.match(stt)
        if roman:
            self.roman = self.context = roman.group("roman")
            return self._register(self.roman, None, label, flags)
        letter = STT_LETTER_RE.match(stt)
        if letter:
            return self._letter(letter.group("letter"), label, flags)
        match = STT_CODE_RE.match(stt)
        base = match.group("code") if match else stt.rstrip(".") or "?"
        if match and self.roman and self.qualify:
            base = f"{self.roman}.{base}"  # numbering restarts under each roman section
        parent = self._parent_of(base)
        truncated = self._truncated_decimal(base, parent)
        if truncated is not None:
            flags.append("decimal_truncated")  # '6.1' printed for '6.10' right after '6.9'
            base = truncated
        elif base in self.levels:
            flags.append("duplicate_code")
            base = self.ordinal(base)
        self.context = base
        return self._register(base, parent, label, flags)

    def _letter(
        self, letter: str, label: str, flags: list[str]
    ) -> tuple[str, str | None, int, tuple[str, ...]]:
        """'b)' under 'II' -> 'II.b'; under item '1.2' -> '1.2.b' (hierarchy kept)."""
        parent = self.context
        code = f"{parent}.{letter}" if parent else letter
        if code in self.levels:
            flags.append("duplicate_code")
            code = self.ordinal(code)
        return self._register(code, parent, label, flags)

    def ordinal(self, code: str) -> str:
        """A sub-row's code: the inherited code with the next free ordinal, '2.6#2'.

        Codes are never unregistered, so the smallest free ordinal of a code only grows: the
        search resumes where the last one stopped (issue 11: a table of a thousand '1' rows
        probed 2, 3, … again for every row)."""
        n = self.next_ordinal.get(code, 2)
        while f"{code}#{n}" in self.levels:
            n += 1
        self.next_ordinal[code] = n
        return f"{code}#{n}"

    def register_subrow(self, code: str, of: str, label: str) -> tuple[str | None, int]:
        """Record a sub-row code as a sibling of the row it continues; returns parent, level."""
        parent = self._parent_of(of)
        self.levels[code] = self.levels.get(of, 1)
        self.labels[code] = label
        return parent, self.levels[code]

    def _parent_of(self, code: str) -> str | None:
        parts = code.split(".")
        for end in range(len(parts) - 1, 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in self.levels:
                return candidate
        if self.roman and code != self.roman:
            return self.roman
        return None

    def _truncated_decimal(self, code: str, parent: str | None) -> str | None:
        """'6.10' when '6.1' follows its sibling '6.9' (a number format dropped the 0)."""
        previous = self.last_child.get(parent)
        if previous is None:
            return None
        head, _, last = previous.rpartition(".")
        if not last.isdigit():
            return None
        expected = f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
        if expected == code + "0" and expected not in self.levels:
            return expected
        return None

    def _register(
        self, code: str, parent: str | None, label: str, flags: list[str]
    ) -> tuple[str, str | None, int, tuple[str, ...]]:
        level = self.levels[parent] + 1 if parent in self.levels else 1
        self.levels[code] = level
        self.labels[code] = label
        self.last_child[parent] = code
        return code, parent, level, tuple(flags)

    @staticmethod
    def restarts_under_roman(stts: list[str]) -> bool:
        """True when numeric STTs do not follow their roman section: 'II' then '1', '1.1'."""
        current = None
        for stt in stts:
            roman = STT_ROMAN_RE.match(stt.strip())
            if roman:
                current = roman_value(roman.group("roman"))
                continue
            match = STT_CODE_RE.match(stt.strip())
            if match and current is not None and int(match.group("code").split(".")[0]) != current:
                return True
        return False

    def root_of(self, code: str, parents: dict[str, str | None]) -> str:
        """The top-level ancestor of a code, e.g. '2.1.1' -> 'II' in plan_000."""
        seen = set()
        while parents.get(code) is not None and code not in seen:
            seen.add(code)
            code = parents[code] or code
        return code
