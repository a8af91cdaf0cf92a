"""Vietnamese diacritics put right after Tesseract, syllable by syllable (issue 14).

At 150 dpi, on a fax or a photo, Tesseract confuses marks that differ by a few pixels:
hook and acute ("kiểm" -> "kiếm", "tổ" -> "tố"), tilde and none ("mẫu" -> "mâu"), horn and
none ("ư" -> "u"), "đ" and "d". Most misreadings are still real syllables, so a
dictionary alone cannot tell; the words round them can ("kiểm soát", "kiểm tra" are
common, "kiếm soát" never occurs). A noisy-channel choice per syllable:

    score(c) = log P(c | previous) + log P(next | c) - CHANNEL * marks changed(c)

over the syllables c of the lexicon with the same letters as the reading (its skeleton).
The reading changes only when another spelling wins by MARGIN, and only where Tesseract
was unsure (word confidence under DOUBT) or read a syllable the lexicon does not know.
The lexicon is Debian's hunspell-vi word list (a syllable list, 6,600 entries); syllable
and bigram counts come from the typed text of plans and the project's vocabulary files
(extract/data/vi_syllables.tsv, vi_bigrams.tsv). Every change keeps the word's reading
(`Word.was`), so it can be shown and flagged.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from extract.readers.ocr.acronyms import restored
from extract.readers.ocr.engine import Word
from extract.readers.ocr.quarters import quarter_read
from extract.readers.ocr.specks import DASHES, DOUBT, is_speck, lone_speck, unspecked

logger = logging.getLogger(__name__)

HUNSPELL_VI = Path("/usr/share/hunspell/vi_VN.dic")  # Debian package hunspell-vi
# DOUBT (ocr_specks): the Tesseract word confidence under which a reading may be changed.
NAME_DOUBT = 90.0  # a capitalised known word (a name: 'Đinh') changes only under this
# A known word read this unsure may be another one letter away too ('công khan' for 'công
# khai' by fax), not only another spelling of its letters.
LETTER_DOUBT = 95.0  # fax plan_004 p.9: "tờ khan theo" at 94.2, "khan báo" at 90.6
# Roman numerals and their misreadings ('IL', 'IIl') are left to ocr_words/ocr_repair.
ROMANISH_RE = re.compile(r"^[IVXLl|]+$")
CHANNEL = 2.5  # log-probability cost of one mark changed
MARGIN = 1.0  # a spelling must beat the reading by this much (natural log)
SMOOTH = 2.0  # weight of the unigram in the interpolated bigram estimate
MAX_COST = 2.0  # candidates further than this from the reading are not considered

TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
SHAPES = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}
# Tone pairs Tesseract mixes up at low resolution (each costs 1 mark; any other pair 2).
CLOSE_TONES = frozenset(
    {
        frozenset({"hook", "acute"}),
        frozenset({"hook", ""}),
        frozenset({"tilde", ""}),
        frozenset({"acute", ""}),
        frozenset({"grave", ""}),
        frozenset({"dot", ""}),
        frozenset({"tilde", "acute"}),
        frozenset({"tilde", "hook"}),
    }
)
# A word: letters with an optional affix of punctuation, 'tra,' -> ('', 'tra', ',').
WORD_RE = re.compile(r"^(?P<pre>[^\w]*)(?P<core>[^\W\d_]+)(?P<post>[^\w]*)$")
# A token of the language model: a syllable or a number ("quý i" / "quý 1").
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
# Letters Tesseract swaps in words the lexicon does not know: 'Sft' for 'Stt'.
# 'nzười' for 'người', 'khan' for 'khai' (a 1-bit fax breaks the i's dot and hooks the g).
LETTER_SWAPS = {
    "f": "t",
    "t": "f",
    "l": "i",
    "i": "l",
    "c": "e",
    "e": "c",
    "z": "g",
    "n": "i",
    "g": "c",
    "o": "g",  # 'nohiệp' for 'nghiệp' (fax plan_004 p.18)
}

VOWELS = frozenset("aeiouy")
ALPHABET = "abcdeghiklmnopqrstuvxy"  # the skeleton letters of Vietnamese words (đ is d)
# Letters whose capital is the small letter enlarged: "cư" is read "CƯ" (issue 14).
SAME_SHAPE = frozenset("cosuvwxzôơưõóòỏọốồổỗộớờởỡợúùủũụứừửữự")


@dataclass(frozen=True, slots=True)
class Model:
    """Syllable counts, bigram counts and the lexicon of known syllables (lower case)."""

    unigrams: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    lexicon: frozenset[str]
    by_skeleton: dict[str, tuple[str, ...]]
    acronyms: dict[str, int]  # 'TTHC': 134 (ocr_acronyms), case kept
    total: int  # all syllables counted (summed once: log_bigram runs thousands of times a page)


def skeleton(syllable: str) -> str:
    """The letters without any mark: 'Kiểm' -> 'kiem', 'đổi' -> 'doi'."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c)
    )
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def tokens(text: str) -> list[str]:
    """Language-model tokens of a text, lower case: 'Kiểm tra, Quý I' -> [kiểm, tra, quý, i]."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def count_texts(texts: Iterable[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Syllable and bigram counts of texts, line by line (no bigram across a line break)."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for line in text.splitlines():
            found = tokens(line)
            unigrams.update(found)
            bigrams.update(zip(found, found[1:], strict=False))
    return unigrams, bigrams


def build_model(
    unigrams: dict[str, int],
    bigrams: dict[tuple[str, str], int],
    lexicon: Iterable[str],
    acronyms: dict[str, int] | None = None,
) -> Model:
    """A model from counts, a syllable list (the counted syllables are known words too) and
    the counted acronyms."""
    known = frozenset({unicodedata.normalize("NFC", w).lower() for w in lexicon} | set(unigrams))
    groups: dict[str, list[str]] = {}
    for word in sorted(known):
        if word.isalpha():
            groups.setdefault(skeleton(word), []).append(word)
    by_skeleton = {key: tuple(words) for key, words in groups.items()}
    total = sum(unigrams.values())
    return Model(dict(unigrams), dict(bigrams), known, by_skeleton, dict(acronyms or {}), total)


@cache
def default_model() -> Model:
    """The shipped counts and Debian's hunspell-vi syllables (the counts alone without it)."""
    data = resources.files("extract") / "data"
    unigrams = {w: int(n) for w, n in _rows(data.joinpath("vi_syllables.tsv").read_text("utf-8"))}
    bigrams = {
        (a, b): int(n) for a, b, n in _rows(data.joinpath("vi_bigrams.tsv").read_text("utf-8"))
    }
    acronyms = {a: int(n) for a, n in _rows(data.joinpath("vi_acronyms.tsv").read_text("utf-8"))}
    return build_model(unigrams, bigrams, read_lexicon(HUNSPELL_VI), acronyms)


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()[1:] if line]


def read_lexicon(path: Path) -> list[str]:
    """The syllables of a hunspell .dic file (first line: the count), [] when it is missing."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        logger.warning("%s missing: diacritics checked against the counted text only", path)
        return []
    return [line.split("/")[0].strip() for line in lines[1:] if line.strip()]


@lru_cache(maxsize=1 << 16)
def mark_cost(read: str, candidate: str) -> float:
    """Marks that differ between two spellings of one skeleton: 'kiếm'/'kiểm' -> 1."""
    cost = 0.0
    for a, b in zip(_letters(read), _letters(candidate), strict=True):
        if a[0] != b[0]:
            cost += 1.0  # đ / d
        if a[1] != b[1]:
            cost += 1.0  # circumflex, breve, horn / none
        if a[2] != b[2]:
            cost += 1.0 if frozenset({a[2], b[2]}) in CLOSE_TONES else 2.0
    return cost


@lru_cache(maxsize=1 << 14)
def _letters(syllable: str) -> tuple[tuple[str, str, str], ...]:
    """(base letter, shape mark, tone mark) per letter: 'ể' -> ('e', 'circumflex', 'hook')."""
    out: list[tuple[str, str, str]] = []
    for char in syllable.lower():
        parts = unicodedata.normalize("NFD", char)
        base = "d" if parts[0] == "đ" else parts[0]
        shape = "stroke" if parts[0] == "đ" else ""
        tone = ""
        for mark in parts[1:]:
            shape = SHAPES.get(mark, shape)
            tone = TONES.get(mark, tone)
        out.append((base, shape, tone))
    return tuple(out)


def log_bigram(model: Model, first: str | None, second: str | None) -> float:
    """log P(second | first), interpolated with the unigram (add-one) estimate."""
    if second is None:
        return 0.0
    unigram = (model.unigrams.get(second, 0) + 1) / (model.total + len(model.lexicon))
    if first is None:
        return math.log(unigram)
    pair = model.bigrams.get((first, second), 0)
    return math.log((pair + SMOOTH * unigram) / (model.unigrams.get(first, 0) + SMOOTH))


def best_spelling(
    model: Model, read: str, before: str | None, after: str | None, conf: float = 100.0
) -> str:
    """The spelling of `read` (lower case) the context prefers: ('kiếm', None, 'tra') -> 'kiểm'.

    Under LETTER_DOUBT (Tesseract's confidence) a known word may also become another one
    letter away (LETTER_SWAPS): ('khan', 'công', None, 39.0) -> 'khai'; an unknown word one
    letter more or one letter no Vietnamese word holds may become a word the context joins
    ('ngzười' -> 'người', 'nøhi' -> 'nghị' after 'kiến')."""

    def score(word: str, cost: float) -> float:
        context = log_bigram(model, before, word) + log_bigram(model, word, after)
        return context - CHANNEL * cost

    known = read in model.lexicon
    best, best_score = read, score(read, 0.0) if known else -math.inf
    for word, cost in _variants(model, read, conf, (before, after)):
        if word != read and cost <= MAX_COST:
            value = score(word, cost)
            if value > best_score + (MARGIN if known else 0.0):
                best, best_score = word, value
    return best


def _variants(
    model: Model, read: str, conf: float, context: tuple[str | None, str | None]
) -> list[tuple[str, float]]:
    """Spellings `read` may stand for, with their cost in marks changed."""
    words = [*model.by_skeleton.get(skeleton(read), ())]
    known = read in model.lexicon
    if not known or conf < LETTER_DOUBT:
        words.extend(_swapped(model, read))
    found = [(word, mark_cost(read, word)) for word in words]
    if not known and conf < LETTER_DOUBT:
        for near in _one_off(read):
            found.extend(
                (word, 1.0 + mark_cost(near, word))
                for word in model.by_skeleton.get(skeleton(near), ())
                if _joined(model, word, context)
            )
    return found


def _one_off(read: str) -> list[str]:
    """Readings one letter away: each letter dropped ('ngzười' -> 'người'), a letter no
    Vietnamese word holds read for another ('nøhi' -> 'nahi', 'nbhi', …)."""
    out = [read[:i] + read[i + 1 :] for i in range(len(read))] if len(read) > 2 else []
    for i, char in enumerate(read):
        if skeleton(char) not in ALPHABET:
            out.extend(read[:i] + other + read[i + 1 :] for other in ALPHABET)
    return out


def _joined(model: Model, word: str, context: tuple[str | None, str | None]) -> bool:
    """The counted text joins `word` to a neighbour ('kiến nghị'): a letter dropped or
    replaced on the context's word only, not into any syllable ('email' is no 'mai')."""
    before, after = context
    return model.bigrams.get((before or "", word), 0) > 0 or (
        model.bigrams.get((word, after or ""), 0) > 0
    )


def _swapped(model: Model, read: str) -> list[str]:
    """Known words one swapped letter away: 'sft' -> ['stt']."""
    found = []
    for index, char in enumerate(read):
        other = LETTER_SWAPS.get(char)
        if other is not None:
            word = read[:index] + other + read[index + 1 :]
            if word in model.unigrams:
                found.append(word)
    return found


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if like[:1].isupper() else word


def correct_words(words: Sequence[Word], model: Model | None = None) -> list[Word]:
    """Words of one line with doubtful diacritics put right; a changed word keeps `was`."""
    model = model or default_model()
    out = list(words)
    for index, word in enumerate(out):
        before = _token(out[index - 1].text) if index else None
        after = _token(out[index + 1].text) if index + 1 < len(out) else None
        if is_speck(model.bigrams, word, (before, _respelled(model, before, after, word))):
            logger.debug("speck dropped: %r (confidence %.0f)", word.text, word.conf)
            out[index] = replace(word, text="", was=word.was or word.text)
            continue
        quarter = quarter_read(model.bigrams, word.text, before) if word.conf < DOUBT else None
        around = [w.text for w in out[max(0, index - 1) : index + 2] if w is not word]
        opened = sum(w.text.count("(") - w.text.count(")") for w in out[:index]) > 0
        after_text = _same_line_next(out, index)
        cleaned = replace(word, text=unspecked(model.bigrams, word, opened, after_text))
        acronym = restored(cleaned.text, model.acronyms, around) if word.conf < DOUBT else None
        text = quarter or acronym or _spelling(model, cleaned, (before, after), around)
        if text != word.text:
            out[index] = replace(word, text=text, was=word.was or word.text)
    return [word for word in out if word.text]


def _respelled(model: Model, before: str | None, after: str | None, word: Word) -> str | None:
    """The syllable after a lone dash as the context spells it: the dash is judged before
    its neighbours are put right ('thực _ hiên' is 'thực hiện', fax plan_004 p.19)."""
    if after is None or not set(word.text) <= DASHES:
        return after
    return best_spelling(model, after, before, None)


def _same_line_next(words: list[Word], index: int) -> str | None:
    """The next word's text when it is on the same line ('dân. doanh'); a line ending in a
    full stop before a small word on the next line ends its sentence ('khác.' / 'thông')."""
    if index + 1 < len(words):
        word, after = words[index], words[index + 1]
        if (after.image, after.line) == (word.image, word.line):
            return after.text
    return None


def correct_lines(words: Sequence[Word], model: Model | None = None) -> list[Word]:
    """`correct_words` over the words in Tesseract's reading order, lone specks dropped."""
    lines: dict[tuple[int, tuple[int, int, int]], list[Word]] = {}
    for word in words:
        lines.setdefault((word.image, word.line), []).append(word)
    # One sequence in reading order: a cell's sentence goes on over its line breaks
    # ("… PAKN trên / Cổng thông tin"), so each line's first word has a left neighbour.
    sequence: list[Word] = []
    for key in sorted(lines):
        members = sorted(lines[key], key=lambda w: w.left)
        if len(members) == 1 and len(lines) > 1 and lone_speck(members[0]):
            logger.debug("speck dropped: %r (confidence %.0f)", members[0].text, members[0].conf)
            continue
        sequence.extend(members)
    return correct_words(sequence, model)


def corrections(page: int, words: Iterable[Word]) -> Iterable[str]:
    """What the corrections changed on a page: "page 3: 'kiếm' -> 'kiểm'"."""
    for word in words:
        if word.was is not None:
            yield f"page {page}: {word.was!r} -> {word.text!r} (confidence {word.conf:.0f})"


def _token(text: str) -> str | None:
    found = tokens(text)
    return found[-1] if found else None


def _spelling(
    model: Model, word: Word, context: tuple[str | None, str | None], around: list[str]
) -> str:
    match = WORD_RE.match(unicodedata.normalize("NFC", word.text))
    if match is None:
        return word.text
    before, after = context
    if ROMANISH_RE.match(match.group("core")):
        return word.text
    lower = _lowered(match.group("core"), around)
    known = lower.lower() in model.lexicon
    doubt = NAME_DOUBT if lower[:1].isupper() and _in_name(around) else DOUBT
    if word.conf >= doubt and known:
        return match.group("pre") + lower + match.group("post")
    spelled = best_spelling(model, lower.lower(), before, after, word.conf)
    return match.group("pre") + _cased(spelled, lower) + match.group("post")


def _in_name(around: list[str]) -> bool:
    """A capitalised word beside another (not an acronym) may be part of a name ('Đinh Văn
    Viên'); one that starts a cell or stands among small words is capitalised by its place
    ('Kiếm soát', 'trên Cống DVC'): the name rule does not protect it."""
    return any(t[:1].isupper() and not t.isupper() for t in around)


def _lowered(core: str, around: list[str]) -> str:
    """'CƯ' between small words -> 'cư': only letters whose capital is the small one enlarged."""
    small_context = bool(around) and all(t.islower() for t in around)
    lower = core.lower()
    syllable = bool(set(skeleton(lower)) & VOWELS)  # 'CC' (công chức) is no syllable
    if len(core) > 1 and core.isupper() and small_context and set(lower) <= SAME_SHAPE and syllable:
        return core.lower()
    return core
