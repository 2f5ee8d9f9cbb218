"""Numbers as they are printed in table cells and in sentences."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import Enum
from typing import NamedTuple


class TokenKind(str, Enum):
    """What a cell's text turned out to be."""

    NUMBER = "number"
    BLANK = "blank"
    PLACEHOLDER = "placeholder"
    TEXT = "text"


class CellToken(NamedTuple):
    """A classified cell text. ``value`` is set for numbers only."""

    kind: TokenKind
    value: int | Decimal | None = None
    unit: str | None = None


PLACEHOLDERS = frozenset(
    {
        "/",
        "／",
        "-",
        "--",
        "---",
        "—",
        "——",
        "–",
        "－",
        "一",
        "无",
        "不适用",
        "n/a",
        "na",
        "空",
        "\\",
        "×",
    }
)
_NUMBER = re.compile(
    r"(?P<sign>[+\-−]|增加|减少|增|减)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<frac>\d+))?"
    r"(?P<unit>万元|元|件|条|个|项|次|宗|起)?"
)
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_MONEY_UNITS = frozenset({"万元", "元"})

BLANK = CellToken(TokenKind.BLANK)
_CACHE: dict[str, CellToken] = {}


def parse_cell(text: str) -> CellToken:
    """Classify a table cell's text: a number, blank, a placeholder or other text.

    Accepts full-width digits, thousands separators, signs (``+3``, ``-2``, ``－2``,
    ``增加3``, ``减少2``), decimals and a trailing unit (``251000元``, ``12.5万元``).
    A decimal point makes a ``Decimal``; otherwise the value is an ``int``.
    """
    cached = _CACHE.get(text)
    if cached is not None:
        return cached
    token = _classify(text)
    if len(_CACHE) < 4096:
        _CACHE[text] = token
    return token


_SPLIT_DIGITS = re.compile(r"[0-9０-９][\s\u3000\u00a0]+[0-9０-９]")


def _classify(text: str) -> CellToken:
    if _SPLIT_DIGITS.search(text):
        return CellToken(TokenKind.TEXT)  # "1 2": one number or two? Never guess.
    stripped = _SPACE.sub("", text)
    if not stripped:
        return BLANK
    folded = unicodedata.normalize("NFKC", stripped).lower()
    if folded in PLACEHOLDERS or stripped in PLACEHOLDERS:
        return CellToken(TokenKind.PLACEHOLDER)
    match = _NUMBER.fullmatch(folded)
    if match is None:
        return CellToken(TokenKind.TEXT)
    digits = match["int"].replace(",", "")
    negative = match["sign"] in ("-", "−", "减少", "减")
    value: int | Decimal
    if match["frac"] is not None:
        value = Decimal(f"{digits}.{match['frac']}")
        value = -value if negative else value
    else:
        value = -int(digits) if negative else int(digits)
    unit = match["unit"] if match["unit"] in _MONEY_UNITS else None
    return CellToken(TokenKind.NUMBER, value, unit)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "万"


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral (``十二``, ``两千零五``, ``二〇二一``, ``一万二千``); ``None`` if not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch != "万" for ch in text):
        return None
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit form, as in years: 二〇二一.
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万
            if section == 0 and digit is None:
                return None  # 万 multiplies nothing: the 万 of 万元, not a number
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)
