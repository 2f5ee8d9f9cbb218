"""The cheap pre-filters of the narrative and metadata passes never pass over a text the full pattern matches.

Each pre-filter looks for what every match of its pattern holds; texts are built from the
pieces the patterns are made of, so matches are common and near misses too.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.extract import metadata
from govreport.extract.narrative import nil, numerals, sentences
from govreport.extract.narrative.context import HEADING

_PIECES = (
    *"0123456789,.，。、；：:（）() \n\t%％",
    *"零〇一二两三四五六七八九十百千万",
    *numerals.UNITS,
    *numerals.APPROX_BEFORE,
    *numerals.APPROX_AFTER,
    "左右",
    "1,",
    "1,2",
    "3.5",
    "第",
    "一条龙",
    *"没有未无免不全部实行收取费用信息处理费发生接到受理出现行政复议诉讼申请主动公开",
    "尚未",
    "纠错",
    "年",
    "月",
    "日",
    "2021",
    "统计期限",
    "统计时间",
    "统计区间",
    "涵盖",
    "期限",
    "至",
    "地址：",
    "邮编",
    "电话：",
    "传真：",
    "a@b.cn",
    "http://",
    "www.",
    "gov.cn",
    "情况",
    "总体",
)
texts = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


@settings(max_examples=500)
@given(texts)
def test_amounts_are_only_in_texts_that_may_hold_one(text: str) -> None:
    if not numerals.may_hold_amount(text):
        assert numerals.AMOUNT.search(text) is None
        assert numerals.amounts_in(text) == []


@settings(max_examples=500)
@given(texts)
def test_zeros_in_words_and_nil_statements_are_only_in_texts_with_their_words(text: str) -> None:
    if not nil.may_state_zero(text):
        assert all(pattern.search(text) is None for _, pattern, _ in nil._NEGATIONS)
    if nil._NIL_WORD.search(text) is None:
        assert all(pattern.search(text) is None for _, pattern in nil._NIL)


@settings(max_examples=500)
@given(texts)
def test_headings_are_only_in_texts_with_a_marker(text: str) -> None:
    if sentences._MARKER.search(text) is None:
        assert HEADING.search(text) is None


@settings(max_examples=500)
@given(texts)
def test_periods_and_contacts_are_only_in_texts_with_their_words(text: str) -> None:
    if not any(word in text for word in metadata._PERIOD_WORDS):
        assert metadata._PERIOD.search(re.sub(r"\s+", "", text)) is None
    for name, pattern in metadata._CONTACT.items():
        if not any(mark in text for mark in metadata._CONTACT_MARKS[name]):
            assert pattern.search(text) is None


def test_the_pieces_make_matches() -> None:
    # The texts above reach every pattern: each matches one of these.
    assert numerals.amounts_in("约1,200件")
    assert numerals.may_hold_amount("一千二百余 件")
    assert nil.may_state_zero("未发生行政复议")
    assert HEADING.search("三、主动公开情况")
    assert metadata._PERIOD.search("统计期限为2021年1月1日至12月31日")
