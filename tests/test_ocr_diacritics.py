"""The diacritics step after Tesseract (issue 14): case strings of our own, judged by a
model that has NOT counted plan_004 (left out), so the choices come from other plans'
words and the vocabularies, not from the text under test."""

from __future__ import annotations

import os

import pytest

from extract.readers.ocr.diacritics import (
    HUNSPELL_VI,
    Model,
    best_spelling,
    build_model,
    correct_lines,
    correct_words,
    corrections,
    mark_cost,
    read_lexicon,
)
from tests.ocr_language import (
    DATA,
    counts,
    held_out_model,
    ocr_words,
    render_counts,
    write_counts,
)


@pytest.fixture(scope="module")
def held_out() -> Model:
    return held_out_model()


words = ocr_words


@pytest.mark.parametrize(
    ("read", "before", "after", "want"),
    [
        ("kiếm", "phối hợp", "tra", "kiểm"),  # hook read as acute
        ("tố", None, "chức", "tổ"),
        ("cống", "trên", "thông", "cổng"),
        ("đối", "thay", "mới", "đổi"),
        ("chi", None, "đạo", "chỉ"),  # hook lost
        ("mâu", "hồ sơ", "phiếu", "mẫu"),  # tilde lost
        ("dân", "hướng", "nghiệp", "dẫn"),
        ("thồng", "và", "tin", "thông"),  # not a syllable: the nearest one in context
        ("hơp", "phối", None, "hợp"),
        ("dân", "người", "và", "dân"),  # right as read: left alone
        ("kiếm", None, None, "kiểm"),  # no context: the plans' own prior (no swords in plans)
        ("tiến", "đẩy mạnh", "độ", "tiến"),  # a right reading with a rarer neighbour stays
    ],
)
def test_spelling_the_context_prefers(
    held_out: Model, read: str, before: str | None, after: str | None, want: str
) -> None:
    prev = before.split()[-1] if before else None
    assert best_spelling(held_out, read, prev, after) == want


def test_only_doubtful_or_unknown_words_change(held_out: Model) -> None:
    sure = correct_words(words(("kiếm", 99.5), ("tra", 99.0)), held_out)
    unsure = correct_words(words(("kiếm", 80.0), ("tra", 99.0)), held_out)
    assert [w.text for w in sure] == ["kiếm", "tra"] and sure[0].was is None
    assert [w.text for w in unsure] == ["kiểm", "tra"] and unsure[0].was == "kiếm"
    assert list(corrections(4, unsure)) == ["page 4: 'kiếm' -> 'kiểm' (confidence 80)"]


def test_case_and_punctuation_are_kept(held_out: Model) -> None:
    fixed = correct_words(words(("Kiếm", 70.0), ("tra,", 99.0), ("CƯ", 60.0)), held_out)
    assert [w.text for w in fixed][:2] == ["Kiểm", "tra,"]
    capitals = correct_words(words(("dân", 95.0), ("CƯ", 60.0), ("trên", 95.0)), held_out)
    assert [w.text for w in capitals] == ["dân", "cư", "trên"]
    abbreviation = correct_words(words(("xã,", 95.0), ("CC", 90.0), ("chuyên", 95.0)), held_out)
    assert [w.text for w in abbreviation] == ["xã,", "CC", "chuyên"]  # công chức, no syllable


def test_quarter_numerals_follow_the_counted_text(held_out: Model) -> None:
    fixed = correct_words(words(("Quý", 95.0), ("1/2023", 70.0)), held_out)
    assert [w.text for w in fixed] == ["Quý", "I/2023"]
    assert [w.text for w in correct_words(words(("Quý", 95.0), ("l", 40.0)), held_out)] == [
        "Quý",
        "I",
    ]
    bar_and_one = correct_words(words(("Quý", 95.0), ("I1/2023", 80.0)), held_out)
    assert [w.text for w in bar_and_one] == ["Quý", "II/2023"]  # a photo, plan_004 p.19
    ones = correct_words(words(("Quý", 95.0), ("11/2023", 80.0)), held_out)
    assert [w.text for w in ones] == ["Quý", "II/2023"]  # skewed p.19: no quarter 11
    fraction = correct_words(words(("Quý", 95.0), ("1\u20442023", 80.0)), held_out)
    assert [w.text for w in fraction] == ["Quý", "I/2023"]  # 150 dpi p.16: a fraction slash


def test_context_runs_over_line_breaks_and_specks_go(held_out: Model) -> None:
    cell = [*words(("PAKN", 95.0), ("trên", 96.0)), *words(("Công", 80.0), ("thông", 96.0), line=2)]
    assert [w.text for w in correct_lines(cell, held_out)] == ["PAKN", "trên", "Cổng", "thông"]
    specked = [*words(("thực", 95.0)), *words(("_", 21.0), line=2), *words(("hiện", 95.0), line=3)]
    assert [w.text for w in correct_lines(specked, held_out)] == ["thực", "hiện"]
    dash = words(("phòng", 95.0), ("–", 31.0), ("thống", 95.0))  # a printed dash stays
    assert "–" in [w.text for w in correct_lines(dash, held_out)]
    names = words(("Đinh", 95.0), ("Văn", 96.0), ("Viên", 95.0))  # a name is no typo
    assert [w.text for w in correct_lines(names, held_out)] == ["Đinh", "Văn", "Viên"]
    roman = words(("IL", 60.0), ("MỤC", 95.0), ("ĐÍCH", 95.0))  # left to repair_line
    assert correct_lines(roman, held_out)[0].text == "IL"


def test_mark_costs() -> None:
    assert mark_cost("kiếm", "kiểm") == 1.0  # hook / acute
    assert mark_cost("dan", "đan") == 1.0
    assert mark_cost("ma", "mà") == 1.0 and mark_cost("mả", "mà") == 2.0


def test_model_sums_and_costs_once_per_process() -> None:
    """Speed (issue 14): the model's total is summed when built, not at each of the thousands
    of bigram look-ups a page makes; a pair's mark cost is computed once per process."""
    model = build_model({"kiểm": 3, "tra": 2}, {("kiểm", "tra"): 2}, ["kiếm"])
    assert model.total == 5
    assert "total" in Model.__dataclass_fields__  # a field, not a sum behind a property
    mark_cost("tổ", "tố")
    hits = mark_cost.cache_info().hits
    assert mark_cost("tổ", "tố") == 1.0
    assert mark_cost.cache_info().hits == hits + 1


def test_hunspell_vi_is_installed_and_read() -> None:
    lexicon = read_lexicon(HUNSPELL_VI)
    assert len(lexicon) > 6000 and "kiểm" in lexicon and "nghiệp" in lexicon


def test_shipped_counts_are_the_counts_of_the_sources() -> None:
    """extract/data/vi_*.tsv are counted from data/raw and the vocabularies (FIX_BIGRAMS=1
    rewrites them)."""
    if os.environ.get("FIX_BIGRAMS"):
        write_counts()
    syllables, pairs = render_counts(*counts())
    assert (DATA / "vi_syllables.tsv").read_text("utf-8") == syllables
    assert (DATA / "vi_bigrams.tsv").read_text("utf-8") == pairs


def test_a_capital_by_its_place_is_no_name(held_out: Model) -> None:
    """A cell's first word, or a capital among small words, is corrected like any word
    (fax plan_004: 'Kiếm soát' at 95.9, 'trên Cống dịch vụ' at 92.8)."""
    first = correct_words(words(("Kiếm", 95.0), ("soát", 96.0)), held_out)
    assert [w.text for w in first] == ["Kiểm", "soát"]
    among = correct_words(words(("trên", 96.0), ("Cống", 92.0), ("thông", 96.0)), held_out)
    assert [w.text for w in among] == ["trên", "Cổng", "thông"]
    name = correct_words(words(("Đinh", 93.0), ("Văn", 96.0)), held_out)  # beside a name
    assert [w.text for w in name] == ["Đinh", "Văn"]


def test_a_very_unsure_word_may_be_one_letter_off(held_out: Model) -> None:
    fixed = correct_words(words(("công", 95.0), ("khan", 39.0), ("kịp", 96.0)), held_out)
    assert [w.text for w in fixed] == ["công", "khai", "kịp"]
    sure = correct_words(words(("công", 95.0), ("khan", 96.0), ("kịp", 96.0)), held_out)
    assert [w.text for w in sure] == ["công", "khan", "kịp"]  # read surely: kept
    unknown = correct_words(words(("cho", 95.0), ("nzười", 44.0), ("dân", 96.0)), held_out)
    assert [w.text for w in unknown] == ["cho", "người", "dân"]
    hooked = correct_words(words(("dẫn", 95.0), ("nohiệp", 50.0), ("vụ", 96.0)), held_out)
    assert [w.text for w in hooked] == ["dẫn", "nghiệp", "vụ"]


def test_an_unknown_word_one_letter_off_that_the_context_joins(held_out: Model) -> None:
    """Photo p.18 'cho ngzười dân' (a letter more), fax p.18 'kiến nøhi cho' (a letter no
    Vietnamese word holds) and 'n;zười' (a mark inside, then 'z' for 'g')."""
    extra = correct_words(words(("cho", 93.0), ("ngzười", 60.0), ("dân", 96.0)), held_out)
    assert [w.text for w in extra] == ["cho", "người", "dân"]
    foreign = correct_words(words(("kiến", 93.0), ("nøhi", 48.0), ("cho", 93.0)), held_out)
    assert [w.text for w in foreign] == ["kiến", "nghị", "cho"]
    marked = correct_words(words(("cho", 93.0), ("n;zười", 0.0), ("dân.", 90.0)), held_out)
    assert [w.text for w in marked] == ["cho", "người", "dân."]
    email = correct_words(words(("qua", 93.0), ("maiz", 60.0), ("của", 96.0)), held_out)
    assert [w.text for w in email] == ["qua", "maiz", "của"]  # 'mai' joined to nothing: kept


def test_punctuation_left_by_specks_goes(held_out: Model) -> None:
    glued = correct_words(words(("phụ", 96.0), ("thuộc", 96.0), ("địa-giới", 52.0)), held_out)
    assert [w.text for w in glued] == ["phụ", "thuộc", "địa giới"]
    assert glued[2].was == "địa-giới"
    number = correct_words(words(("CC", 93.0), ("1._cửa", 14.0), ("xã", 97.0)), held_out)
    assert [w.text for w in number] == ["CC", "1 cửa", "xã"]  # fax p.14
    listed = correct_words(words(("mục", 93.0), ("1.Cửa", 60.0)), held_out)
    assert [w.text for w in listed] == ["mục", "1.Cửa"]  # a capital after: no join
    sure = correct_words(
        words(
            ("địa-giới", 98.0),
        ),
        held_out,
    )
    assert [w.text for w in sure] == ["địa-giới"]  # read surely: a hyphen printed
    lead = correct_words(words(("'VP", 70.0), ("UBND", 96.0), ("xã", 96.0)), held_out)
    assert [w.text for w in lead] == ["VP", "UBND", "xã"]
    closing = correct_words(words(("VP", 96.0), ("UBND),", 80.0), ("xã", 96.0)), held_out)
    assert [w.text for w in closing] == ["VP", "UBND,", "xã"]
    opened = correct_words(words(("(nếu", 96.0), ("có)", 80.0)), held_out)
    assert [w.text for w in opened] == ["(nếu", "có)"]  # the bracket it closes is open
    ending = correct_words(
        words(
            ("điểm/TTHC)", 80.0),
        ),
        held_out,
    )
    assert [w.text for w in ending] == ["điểm/TTHC)"]  # may close a bracket of the row above


def test_lone_marks_and_stops_before_small_words(held_out: Model) -> None:
    lone = correct_words(words(("thanh", 96.0), (".", 60.0), ("toán", 96.0)), held_out)
    assert [w.text for w in lone] == ["thanh", "toán"]
    inside = correct_words(words(("VP'UBND", 80.0), ("xã", 96.0)), held_out)
    assert [w.text for w in inside] == ["VP UBND", "xã"]
    stop = correct_words(words(("người", 96.0), ("dân.", 89.0), ("doanh", 96.0)), held_out)
    assert [w.text for w in stop] == ["người", "dân,", "doanh"]
    sentence = correct_words(words(("dân.", 89.0), ("Doanh", 96.0)), held_out)
    assert [w.text for w in sentence] == ["dân.", "Doanh"]  # a new sentence: kept
    acronym = correct_words(words(("Hồ", 96.0), ("sơ", 96.0), ("TTHG", 60.0)), held_out)
    assert [w.text for w in acronym] == ["Hồ", "sơ", "TTHC"]


def test_marks_no_word_holds(held_out: Model) -> None:
    inner = correct_words(words(("Văn", 96.0), ("phòng", 96.0), ("C°hính", 54.0)), held_out)
    assert [w.text for w in inner] == ["Văn", "phòng", "Chính"]
    bar = correct_words(words(("hóa", 93.0), ("_", 75.0), ("và", 97.0)), held_out)
    assert [w.text for w in bar] == ["hóa", "và"]
    quote = correct_words(words(("TTHC", 96.0), ("'", 60.0), ("Bộ", 96.0)), held_out)
    assert [w.text for w in quote] == ["TTHC", "'", "Bộ"]  # printed so in plan_004 p.16


def test_a_stop_at_a_lines_end_stays(held_out: Model) -> None:
    lines = [*words(("tiện", 96.0), ("khác.", 89.0)), *words(("thông", 96.0), line=2)]
    assert [w.text for w in correct_lines(lines, held_out)] == ["tiện", "khác.", "thông"]


def test_a_dash_before_a_misspelt_syllable_is_still_a_speck(held_out: Model) -> None:
    cell = [*words(("dung", 97.0), ("thực", 93.0), ("_", 25.0)), *words(("hiên", 96.0), line=2)]
    assert [w.text for w in correct_lines(cell, held_out)] == ["dung", "thực", "hiện"]
