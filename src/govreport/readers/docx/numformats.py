"""Number formats of Word list numbering (``w:numFmt``): the text Word prints for a counter."""

from __future__ import annotations

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def chinese_counting(value: int, digits: str = _CN_DIGITS) -> str:
    """``11`` → ``十一``, ``20`` → ``二十``, ``105`` → ``一百零五`` (as Word's chineseCounting prints)."""
    if value <= 0 or value >= 10000:
        return str(value)
    text = ""
    places = [int(d) for d in str(value)][::-1]
    zero_pending = False
    for power in range(len(places) - 1, -1, -1):
        digit = places[power]
        if digit == 0:
            zero_pending = bool(text)
            continue
        if zero_pending:
            text += digits[0]
            zero_pending = False
        text += digits[digit] + _CN_UNITS[power]
    if digits is _CN_DIGITS and 10 <= value < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    out = ""
    for amount, letters in _ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def _letters(value: int) -> str:
    if value <= 0:
        return str(value)
    letter = chr(ord("A") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """The text of list counter ``value`` in Word number format ``fmt`` (unknown formats print decimals)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_counting(value)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(value, _CN_LEGAL).replace("十", "拾").replace("百", "佰").replace("千", "仟")
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return _ZODIAC[value - 1]
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    return str(value)
