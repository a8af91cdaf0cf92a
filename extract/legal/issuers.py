"""Issuers of references: 'của UBND huyện Phú Bình' -> ('UBND huyện Phú Bình', 'district')."""

from __future__ import annotations

from extract.legal.patterns import ISSUER_AFTER_RE, NON_WORD_RE, SPACES_RE
from extract.legal.vocab import IssuerKind, level_by_code, level_words
from models.marks import is_bare, strip_marks
from models.records import IssuerLevel


def issuer_after(text: str, pos: int) -> tuple[str, int] | None:
    """The issuer after `pos` and where it ends: ' của Chính\\n\\nphủ' -> ('Chính phủ', end)."""
    m = ISSUER_AFTER_RE.match(text, pos)
    if m is None:
        return None
    return SPACES_RE.sub(" ", m.group("issuer")).strip(), m.end()


def level_of_text(issuer_text: str) -> IssuerLevel | None:
    """Level named in issuer text, leftmost then longest word: 'Ban Thường vụ Tỉnh ủy' -> party."""
    folded = f" {NON_WORD_RE.sub(' ', issuer_text.casefold()).strip()} "
    bare = is_bare(issuer_text)  # 'UBND huyen Son Ha': the level words without their marks
    best: tuple[int, int, IssuerLevel] | None = None
    for word, level in level_words():
        at = folded.find(f" {strip_marks(word) if bare else word} ")
        if at < 0:
            continue
        candidate = (at, -len(word), level)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return None if best is None else best[2]


def level_of_code(issuer_code: str | None, kind: IssuerKind = "symbol") -> IssuerLevel:
    """Level implied by an issuer code: 'CP' -> central, 'TU' -> party, 'UBND' -> unknown."""
    if issuer_code is None:
        return "unknown"
    return level_by_code(kind).get(issuer_code, "unknown")


def issuer_level(issuer_text: str | None, issuer_code: str | None) -> IssuerLevel:
    """Text, else code: ('UBND huyện Phú Bình', 'UBND') -> district, (None, 'CP') -> central."""
    if issuer_text:
        level = level_of_text(issuer_text)
        if level is not None:
            return level
    return level_of_code(issuer_code)
