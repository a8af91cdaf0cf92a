"""Two unsure syllables side by side put right together (issue 14).

The diacritics step (ocr_diacritics) judges each syllable by the words round it as read; when
two neighbours are both misread, neither is the context the other needs: 'Đấy manh chuyển'
(fax plan_004 p.14, 'Đẩy mạnh' at 90 and 96) has no counted pair either way ('đấy mạnh',
'đẩy manh'). So each pair of unsure neighbours is judged once more, both spellings at once:

    score(a, b) = log P(a | before) + log P(b | a) + log P(after | b) - CHANNEL * marks changed

and the pair changes when another beats the reading by MARGIN, as one word would.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from extract.readers.ocr.diacritics import (
    CHANNEL,
    MARGIN,
    MAX_COST,
    WORD_RE,
    Model,
    default_model,
    log_bigram,
    mark_cost,
    skeleton,
    tokens,
)
from extract.readers.ocr.engine import Word
from extract.readers.ocr.specks import DOUBT

Pair = tuple[str, str]


def correct_pairs(words: Sequence[Word], model: Model | None = None) -> list[Word]:
    """Words of a cell with each pair of unsure neighbouring syllables judged together;
    a changed word keeps Tesseract's reading in `was`."""
    model = model or default_model()
    out = list(words)
    for i in range(len(out) - 1):
        pair = _syllables(out[i], out[i + 1])
        if pair is None:
            continue
        before = _last(out[i - 1].text) if i else None
        after = _first(out[i + 2].text) if i + 2 < len(out) else None
        best = best_pair(model, (pair[0].lower(), pair[1].lower()), before, after)
        for j, core, spelled in ((i, pair[0], best[0]), (i + 1, pair[1], best[1])):
            if spelled != core.lower():
                word = out[j]
                text = word.text.replace(core, _cased(spelled, core), 1)
                out[j] = replace(word, text=text, was=word.was or word.text)
    return out


def best_pair(model: Model, read: Pair, before: str | None, after: str | None) -> Pair:
    """The spellings of two syllables the context prefers: ('đấy', 'manh') -> ('đẩy', 'mạnh')."""

    def score(pair: Pair) -> float:
        context = (
            log_bigram(model, before, pair[0])
            + log_bigram(model, pair[0], pair[1])
            + log_bigram(model, pair[1], after)
        )
        return context - CHANNEL * (mark_cost(read[0], pair[0]) + mark_cost(read[1], pair[1]))

    best, best_score = read, score(read) + MARGIN
    for pair in itertools.product(_spellings(model, read[0]), _spellings(model, read[1])):
        value = score(pair)
        if value > best_score:
            best, best_score = pair, value
    return best


def _spellings(model: Model, syllable: str) -> list[str]:
    found = model.by_skeleton.get(skeleton(syllable), ())
    return [w for w in found if mark_cost(syllable, w) <= MAX_COST] or [syllable]


def _syllables(a: Word, b: Word) -> Pair | None:
    """Two unsure neighbours that are bare syllables with nothing between them (a comma after
    the first parts them), the second in small letters (two capitals may be a name)."""
    if a.conf >= DOUBT or b.conf >= DOUBT:
        return None
    first = WORD_RE.match(unicodedata.normalize("NFC", a.text))
    second = WORD_RE.match(unicodedata.normalize("NFC", b.text))
    if first is None or second is None or first["post"] or second["pre"]:
        return None
    if not second["core"].islower() or (first["core"].isupper() and len(first["core"]) > 1):
        return None
    return first["core"], second["core"]


def _cased(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


def _last(text: str) -> str | None:
    found = tokens(text)
    return found[-1] if found else None


def _first(text: str) -> str | None:
    found = tokens(text)
    return found[0] if found else None
