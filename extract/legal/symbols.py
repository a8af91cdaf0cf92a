"""Number/symbol parsing: '61/2018/NĐ-CP', '106/KH-UBND', '20-CT/TU' -> canonical parts."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.cleantext import fix_eth
from extract.legal.patterns import DASH_PART_RE, DASH_SPLIT_RE
from extract.legal.vocab import ascii_code_aliases, code_case_aliases, type_by_code

# TCVN3 (ABC) bytes read as Latin-1 inside a key: "22a/Q§-UBND" is "22a/QĐ-UBND" (issue 15).
_TCVN3 = str.maketrans({"§": "Đ", "®": "đ"})
# A legislature number after an issuer code: "QH13", "UBTVQH14" -> issuer "QH", "UBTVQH".
_TERM_RE = regex.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed number and symbol, e.g. key '23/CT-TTg' from '23//CT-TTg' with 'double_slash'."""

    key: str
    number: str
    year: int | None
    symbol: str
    type_code: str | None  # "NĐ", "KH", "CT"; None for a công văn symbol ("VP-HCC")
    issuer_code: str | None  # "CP", "UBND", "TU"; "VP" for "3706/VP-HCC"
    flags: tuple[str, ...]
    # Only after a type word: a single code ("101/CP", "285/CCTTHC") or a Party form without
    # its dash ("84 QĐ/TWĐTN"); bare, "đạt 3/KH" or "năm 2023 QĐ/…" would be noise.
    typed_only: bool = False


def _fix_code(raw: str, flags: list[str]) -> str:
    """Repair one code: 'NÐ' (eth) -> 'NĐ', 'Q§' (TCVN3) -> 'QĐ', 'QD' -> 'QĐ', 'TTG' -> 'TTg'.

    Flags 'eth_for_d', 'tcvn3', 'missing_diacritic', 'code_case'."""
    code = fix_eth(raw)
    if code != raw:
        flags.append("eth_for_d")
    fixed = code.translate(_TCVN3)
    if fixed != code:
        flags.append("tcvn3")
    alias = ascii_code_aliases().get(fixed)
    if alias is not None:
        flags.append("missing_diacritic")
        return alias
    cased = code_case_aliases().get(fixed.casefold())
    if cased is not None and cased != fixed:
        flags.append("code_case")
        return cased
    return fixed


def issuer_of(code: str) -> str:
    """The issuer in a code: 'UBTVQH14' -> 'UBTVQH', 'QH13' -> 'QH', 'UBND' -> 'UBND'."""
    return _TERM_RE.sub("", code) or code


def _separator_flags(parts: list[str | None], flags: list[str]) -> None:
    """Flag typos in slash/dash separators: '//', ' / ', ' - ', an en dash, line breaks."""
    for sep in (p for p in parts if p is not None):
        if "\n" in sep:
            flags.append("line_break")
        if "//" in sep:
            flags.append("double_slash")
        core = sep.replace("\n", "")
        if "/" in core and core.strip() != core:
            flags.append("spaced_slash")
        if ("-" in core or "\u2013" in core) and core.strip() != core:
            flags.append("spaced_dash")
        if "\u2013" in core:
            flags.append("en_dash")


def _split_codes(sym: str) -> list[str]:
    """'TT - VPCP' -> ['TT', 'VPCP']; 'KH-UBND' -> ['KH', 'UBND']."""
    return [part for part in DASH_SPLIT_RE.split(sym.strip()) if part]


def _party_symbol(m: regex.Match[str]) -> Symbol:
    """'20-CT/TU' (plan_000) -> key '20-CT/TU', type 'CT', issuer 'TU'."""
    flags: list[str] = []
    _separator_flags([m.group("pdash"), m.group("pslash")], flags)
    no_dash = not regex.search(r"[-\u2013]", m.group("pdash"))
    if no_dash:
        flags.append("missing_dash")
    type_code = _fix_code(m.group("ptype"), flags)
    issuers = [_fix_code(c, flags) for c in m.group("pissuer").split("-")]
    symbol = f"{type_code}/{'-'.join(issuers)}"
    known = type_code if type_code in type_by_code() else None
    number = m.group("num")
    return Symbol(
        f"{number}-{symbol}",
        number,
        None,
        symbol,
        known,
        issuer_of(issuers[0]),
        _dedupe(flags),
        typed_only=no_dash,
    )


def _slash_symbol(m: regex.Match[str]) -> Symbol:
    """'61/2018/NĐ-CP' -> year 2018, type 'NĐ', issuer 'CP'; '3706/VP-HCC' -> issuer 'VP'."""
    flags: list[str] = []
    sym = m.group("sym")
    if "/" in sym:  # "183/2010/TTLT/BTC-BNN" -> "TTLT-BTC-BNN"
        flags.append("slash_in_symbol")
        sym = sym.replace("/", "-")
    dashes = DASH_PART_RE.findall(sym)
    _separator_flags([m.group("slash1"), m.group("slash2"), *dashes], flags)
    codes = [_fix_code(c, flags) for c in _split_codes(sym)]
    year = int(m.group("year")) if m.group("year") else None
    symbol = "-".join(codes)
    type_code = codes[0] if codes[0] in type_by_code() and len(codes) > 1 else None
    issuer = issuer_of(codes[1] if type_code is not None else codes[0])
    number = m.group("num")
    key = f"{number}/{year}/{symbol}" if year is not None else f"{number}/{symbol}"
    single = len(codes) == 1
    return Symbol(key, number, year, symbol, type_code, issuer, _dedupe(flags), single)


def parse_symbol(m: regex.Match[str]) -> Symbol:
    """Parse a core match of TYPED_REF_RE/BARE_REF_RE: '61/2018/NĐ-CP' -> Symbol(key=…)."""
    return _party_symbol(m) if m.group("ptype") is not None else _slash_symbol(m)


def _dedupe(flags: list[str]) -> tuple[str, ...]:
    """Keep the first of each flag, in order: ['eth_for_d', 'eth_for_d'] -> ('eth_for_d',)."""
    return tuple(dict.fromkeys(flags))


def short_form_symbol(type_code: str, number: str, year: int) -> Symbol:
    """'Nghị định 167/2017' -> key '167/2017/NĐ-CP' (only Chính phủ issues Nghị định)."""
    if type_code == "NĐ":
        return Symbol(f"{number}/{year}/NĐ-CP", number, year, "NĐ-CP", "NĐ", "CP", ("short_form",))
    # Without a symbol the number is not a key: "Nghị quyết 1211/2016" could be any issuer's
    # (issue 15); `number` and `year` still say which document it is.
    return Symbol("", number, year, "", type_code or None, None, ("short_form",))
