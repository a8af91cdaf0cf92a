"""A phrase hit that two distinct keys of its concept find in the row's own words is not
disowned by BM25's reading of the whole row (criteria_keys.CORROBORATING_KEYS, issue 19). Before
it, 'Tiếp tục triển khai tiện ích SMS, ZMS, email thông tin kết quả giải quyết hồ sơ, nghĩa vụ
tài chính, khảo sát ý kiến người dân' (004 3.3#2, read by hand in data/raw/plan_004.txt) went to
review: BM25 reads publicity of progress in 'thông tin kết quả giải quyết hồ sơ'."""

from __future__ import annotations

from normalize.codelist import load_codelist
from normalize.criteria_keys import corroborated_shares
from normalize.criteria_rank import rank
from normalize.matching import Scored, index_for
from tests.test_criteria_review import plan_out

CODES = load_codelist()
INDEX = index_for(CODES)
SUPPORT = "F3.CITIZEN_SUPPORT"
SHARES = {SUPPORT: 0.46, "F3.PROGRESS_PUBLIC": 1.0}


def shares(text: str, code: str = SUPPORT, hit: str = "phrase") -> dict[str, float]:
    best = {code: Scored(code, 0.8, hit)}  # type: ignore[arg-type]
    return corroborated_shares(best, {**SHARES, code: 0.46}, [text], INDEX, 0.7)


def test_two_keys_of_the_concept_corroborate_its_phrase() -> None:
    assert shares("Nhắn tin SMS, ZMS báo kết quả hồ sơ cho người dân")[SUPPORT] == 1.0


def test_one_key_or_one_key_twice_does_not() -> None:
    assert shares("Nhắn tin SMS báo kết quả hồ sơ cho người dân")[SUPPORT] == 0.46
    assert shares("Gửi SMS khi tiếp nhận và SMS khi trả kết quả")[SUPPORT] == 0.46


def test_keys_that_overlap_are_one_mention() -> None:
    # 'phương án đơn giản hóa' and 'đơn giản hóa TTHC' (label) share 'đơn giản hóa'
    text = "Phê duyệt phương án đơn giản hóa TTHC"
    assert shares(text, "F3.SIMPLIFY")["F3.SIMPLIFY"] == 0.46
    assert shares(text + "; cắt giảm thời gian giải quyết", "F3.SIMPLIFY")["F3.SIMPLIFY"] == 1.0


def test_words_found_apart_are_no_phrase_to_corroborate() -> None:
    assert shares("Nhắn tin SMS, ZMS", hit="tokens")[SUPPORT] == 0.46


def test_a_shared_objective_lends_no_key() -> None:
    # a sub-row's own task names 'SMS', the objective its group shares 'ZMS': one key of its own
    objective = "Tỷ lệ người dân nhận thông báo qua ZMS đạt 50%"
    task = "Tiếp tục triển khai tiện ích SMS, email thông tin kết quả giải quyết hồ sơ"
    texts = [(objective, 1.0), (task, 0.9)]
    alone = {s.code: s for s in rank(texts, CODES, "F3", top=False)}
    shared = {s.code: s for s in rank(texts, CODES, "F3", top=False, shared=frozenset({objective}))}
    assert alone[SUPPORT].bm25_share == 1.0 and shared[SUPPORT].bm25_share < 0.7


def test_plan_out_the_sms_row_keeps_its_concept() -> None:
    match = plan_out("004")["3.3#2"]
    assert (match.criterion_code, match.match_method) == (SUPPORT, "alias")
