"""Amounts inside sentences: digits or Chinese numerals, approximation words, unit, share."""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import frozen

from govreport.model.report import NumberForm
from govreport.normalize.numbers import cn_to_int

_CN = "零〇一二两三四五六七八九十百千万"
UNITS = ("人次", "件次", "万元", "条", "件", "次", "起", "个", "元", "篇", "份", "期", "宗", "项", "场")
APPROX_BEFORE = ("大约", "将近", "约", "近", "逾")
APPROX_AFTER = ("余", "多")

# An amount: an optional approximation word, digits or a Chinese numeral, an optional 余/多, a unit,
# and an optional trailing 左右. A digit run glued to a preceding digit or letter is not an amount.
AMOUNT = re.compile(
    rf"(?P<approx_pre>{'|'.join(APPROX_BEFORE)})?"
    rf"(?<![\d.A-Za-z])(?P<num>\d[\d,]*(?:\.\d+)?|[{_CN}]+)"
    rf"(?P<approx_post>{'|'.join(APPROX_AFTER)})?\s*(?P<unit>{'|'.join(UNITS)})(?P<around>左右)?"
)
# What every amount holds: the last character of its number (a digit, a numeral or a comma), then
# its unit. It is found much faster than AMOUNT, so a sentence without it is passed over.
_NUMBER_UNIT = re.compile(rf"[\d,{_CN}](?:{'|'.join(APPROX_AFTER)})?\s*(?:{'|'.join(UNITS)})")
_SHARE = re.compile(r"[，,（(]?\s*(?:占[^0-9，,。；;]{0,10}?)?(?P<pct>\d+(?:\.\d+)?)\s*[%％][）)]?(?:占)?")


@frozen
class Amount:
    """One amount found in a sentence, with its span inside the sentence."""

    value: int | Decimal
    unit: str
    form: NumberForm
    approximation: str
    start: int
    number_start: int
    end: int
    share_percent: Decimal | None
    share_end: int


def _value(num: str) -> tuple[int | Decimal | None, NumberForm]:
    if num[0].isdigit():
        digits = num.replace(",", "")
        return (Decimal(digits) if "." in digits else int(digits)), NumberForm.DIGITS
    return cn_to_int(num), NumberForm.CHINESE


def may_hold_amount(text: str) -> bool:
    """Whether ``text`` may hold an amount; when not, :func:`amounts_in` finds none."""
    return _NUMBER_UNIT.search(text) is not None


def amounts_in(sentence: str) -> list[Amount]:
    """Every amount with a unit in ``sentence``, left to right."""
    found: list[Amount] = []
    if not may_hold_amount(sentence):
        return found
    for match in AMOUNT.finditer(sentence):
        value, form = _value(match["num"])
        if value is None or (form is NumberForm.CHINESE and _is_word(sentence, match)):
            continue
        approximation = match["approx_pre"] or match["approx_post"] or match["around"] or ""
        end = match.end()
        share, share_end = None, end
        if (pct := _SHARE.match(sentence, end, end + 40)) is not None:
            share, share_end = Decimal(pct["pct"]), pct.end()
        found.append(
            Amount(
                value=value,
                unit=match["unit"],
                form=form,
                approximation=approximation,
                start=match.start(),
                number_start=match.start("num"),
                end=end,
                share_percent=share,
                share_end=share_end,
            )
        )
    return found


# Words that end in a numeral-and-unit but are not amounts: 一条龙, 一件事, 统一, 第一 ...
_WORD_BEFORE = "第统唯逐同单每"
_WORD_AFTER = ("龙", "心", "事", "体", "线", "站", "网", "窗", "张", "大", "性", "办", "端")


def _is_word(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[match.start("num") - 1] if match.start("num") > 0 else ""
    after = sentence[match.end() : match.end() + 1]
    together = match["num"] == "一" and match["unit"] == "起"  # 一起: "together"
    return together or before in _WORD_BEFORE or after in _WORD_AFTER
