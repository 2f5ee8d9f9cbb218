"""Cell numbers, Chinese numerals, label closeness and label cores, pinned (issue 14).

The mutation run showed these helpers answered right only where their callers looked:
callers pass a limit to the edit distance, strip cells before parsing, and rarely ask for
a tie between two label cores. These tests pin each helper's own answers.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.normalize.numbers import BLANK, CellToken, TokenKind, cn_to_int, parse_cell
from govreport.tables.closeness import edit_distance
from govreport.tables.cores import CoreIndex

# --- normalize/numbers.py: parse_cell and _classify ------------------------------------


def test_digits_split_by_a_space_are_text_not_a_guessed_number() -> None:
    assert parse_cell("1 2") == CellToken(TokenKind.TEXT)
    assert parse_cell("３\u30004") == CellToken(TokenKind.TEXT)


def test_spaces_around_and_inside_a_number_are_dropped() -> None:
    assert parse_cell(" 1,234 元 ") == CellToken(TokenKind.NUMBER, 1234, "元")
    assert parse_cell("\u00a012.5\u3000万元") == CellToken(TokenKind.NUMBER, Decimal("12.5"), "万元")


def test_a_cell_of_spaces_only_is_blank() -> None:
    assert parse_cell("\u3000 \u00a0") is BLANK
    assert parse_cell("") is BLANK


def test_placeholders_are_placeholders_in_any_case_and_width() -> None:
    for text in ("/", "—", "无", "不适用", "N/A", "NA", "ｎ／ａ", "Ｎａ"):
        assert parse_cell(text) == CellToken(TokenKind.PLACEHOLDER), text


def test_words_are_text() -> None:
    assert parse_cell("详见附件") == CellToken(TokenKind.TEXT)


# --- normalize/numbers.py: cn_to_int --------------------------------------------------


def test_empty_or_foreign_text_is_no_chinese_numeral() -> None:
    assert cn_to_int("") is None
    assert cn_to_int("三个") is None
    assert cn_to_int("一a") is None


def test_digit_by_digit_numerals_read_as_years() -> None:
    assert cn_to_int("二〇二一") == 2021
    assert cn_to_int("二〇") == 20
    assert cn_to_int("一二") == 12


def test_single_digits_and_unit_numerals() -> None:
    assert cn_to_int("三") == 3
    assert cn_to_int("零") == 0
    assert cn_to_int("十二") == 12
    assert cn_to_int("两千零五") == 2005
    assert cn_to_int("一万二千") == 12000


def test_a_unit_without_a_digit_counts_once() -> None:
    # 一百十: the 十 has no digit before it, so it is one ten.
    assert cn_to_int("一百十") == 110
    assert cn_to_int("十万") == 100000


def test_each_wan_group_adds_to_the_total() -> None:
    assert cn_to_int("一万二万") == 30000


def test_wan_alone_is_the_wan_of_wanyuan() -> None:
    assert cn_to_int("万") is None


# --- tables/closeness.py: edit_distance -----------------------------------------------


@cache
def _levenshtein(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    return min(
        _levenshtein(a[1:], b) + 1,
        _levenshtein(a, b[1:]) + 1,
        _levenshtein(a[1:], b[1:]) + (a[0] != b[0]),
    )


def test_edit_distance_without_a_limit_is_the_full_distance() -> None:
    assert edit_distance("", "") == 0
    assert edit_distance("a", "a") == 0
    assert edit_distance("ab", "ab") == 0
    assert edit_distance("a", "") == 1
    assert edit_distance("abc", "") == 3
    assert edit_distance("ab", "b") == 1
    assert edit_distance("ab", "a") == 1
    assert edit_distance("xy", "a") == 2
    assert edit_distance("aba", "bac") == 2  # one deletion, one insertion
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("其他法律行政止公开", "其他法律行政法规禁止公开") == 3


def test_edit_distance_within_the_limit_is_exact() -> None:
    assert edit_distance("abc", "ab", limit=1) == 1
    assert edit_distance("abc", "abd", limit=1) == 1
    assert edit_distance("ab", "ab", limit=0) == 0


def test_edit_distance_above_the_limit_is_limit_plus_one() -> None:
    assert edit_distance("abc", "xyz", limit=1) == 2  # rows exceed the limit early
    assert edit_distance("abcd", "a", limit=1) == 2  # lengths alone exceed it
    assert edit_distance("aabb", "bbaa", limit=2) == 3  # only the last cell exceeds it


@given(st.text("abc", max_size=6), st.text("abc", max_size=6), st.none() | st.integers(0, 4))
def test_edit_distance_is_levenshtein_capped_at_limit_plus_one(a: str, b: str, limit: int | None) -> None:
    full = _levenshtein(a, b)
    expected = full if limit is None else min(full, limit + 1)
    assert edit_distance(a, b, limit) == expected
    assert edit_distance(b, a, limit) == expected


# --- tables/cores.py: CoreIndex -------------------------------------------------------


def test_a_key_equal_to_an_exact_core_names_its_candidate() -> None:
    index = CoreIndex([["法人或其他组织"], ["其他"]], exact=["其他"])
    assert index.best("其他") == (2, 1)
    assert index.best("法人或其他组织") == (7, 0)
    assert index.best("其他情形") is None
    only_exact = CoreIndex([["其他"]], exact=["其他"])
    assert only_exact.best("其他") == (2, 0)
    assert only_exact.best("其他情形") is None


def test_equal_length_cores_in_one_key_go_to_the_first_candidate() -> None:
    index = CoreIndex([["申请"], ["公开"]])
    assert index.best("申请公开") == (2, 0)
    assert index.best("公开申请") == (2, 0)
    assert index.best("依申请公开") == (2, 0)


def test_a_longer_core_beats_an_earlier_candidate() -> None:
    index = CoreIndex([["公开"], ["不予公开"]])
    assert index.best("不予公开") == (4, 1)
    assert index.best("部分公开不予公开") == (4, 1)


def test_best_of_ties_between_keys_go_to_the_first_candidate() -> None:
    index = CoreIndex([["申请"], ["公开"], ["不予公开"]])
    assert index.best_of(["申请", "公开"]) == (2, 0)
    assert index.best_of(["公开", "申请"]) == (2, 0)
    assert index.best_of(["公开", "不予公开", "申请"]) == (4, 2)
    assert index.best_of(["其他"]) is None


def test_answers_stay_the_same_when_asked_again() -> None:
    index = CoreIndex([["申请"], ["公开"]], exact=["公开"])
    for _ in range(2):
        assert index.best("申请公开") == (2, 0)
        assert index.matched("申请公开") == (0,)
        assert index.matched("公开") == (1,)
    index.cache_clear()
    assert index.matched_of(["申请", "公开"]) == {0, 1}


@pytest.mark.parametrize(("text", "value"), [("−5", -5), ("减5", -5), ("减少5", -5), ("-5", -5), ("增5", 5)])
def test_every_printed_minus_makes_a_negative_number(text: str, value: int) -> None:
    assert parse_cell(text) == CellToken(TokenKind.NUMBER, value)


@pytest.mark.parametrize(("text", "unit"), [("5件", None), ("5条", None), ("5元", "元"), ("5万元", "万元")])
def test_only_money_units_are_kept_with_a_number(text: str, unit: str | None) -> None:
    assert parse_cell(text) == CellToken(TokenKind.NUMBER, 5, unit)
