"""Organ names as link keys: one key for the short and the full name of the same organ.

Reports name their organ inconsistently: ``黄庄镇`` in the title and ``黄庄镇人民政府`` in
the closing block, ``亮甲山乡政府`` next to ``亮甲山乡人民政府``, ``东乡县凤山乡`` next to
``东乡族自治县凤山乡人民政府``. :func:`organ_key` folds those spellings together so the
corpus checks can link the reports of one organ across years.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that differ between printings of one name without changing it.
_DROP = re.compile(
    r"[\s\u3000\u00a0*_.,:;!?()\[\]{}<>\"'`~|/\\\-‐‑‒–—―－、，。：；！？（）【】［］〔〕《》〈〉“”‘’·•…]+"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The 56 recognised ethnic groups; autonomous units name one or more of them before 自治.
_ETHNIC_GROUP_NAMES = " ".join(
    (
        "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族",
        "白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族",
        "东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族",
        "仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族",
        "保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 各族",
    )
).split()
_ETHNIC_GROUPS = tuple(sorted(_ETHNIC_GROUP_NAMES, key=len, reverse=True))  # longest match first
_AUTONOMOUS = re.compile(r"自治(县|州|旗)")
_LEVEL_CHARS = "省市县区州旗盟"
REGION_SUFFIXES = tuple(_LEVEL_CHARS)
"""Last characters of a normalised key that name a region (a government that can have units)."""
# Suffixes that only say "the government of": removed so the short and full names meet.
_GOVERNMENT_TAILS = ("人民政府", "政府", "街道办事处", "办事处", "街道办")


def _strip_ethnic(segment: str) -> str:
    """``临夏回族`` → ``临夏``; ``东乡族`` → ``东乡`` (the place itself is named after the group)."""
    changed = True
    while changed:
        changed = False
        for group in _ETHNIC_GROUPS:
            if segment.endswith(group) and len(segment) > len(group):
                segment = segment[: -len(group)]
                changed = True
                break
    return segment[:-1] if segment.endswith("族") and len(segment) > 1 else segment


def _fold_autonomous(name: str) -> str:
    """``甘肃省临夏回族自治州东乡族自治县`` → ``甘肃省临夏州东乡县``."""
    out = name
    while match := _AUTONOMOUS.search(out):
        prefix = out[: match.start()]
        boundary = max(prefix.rfind(c) for c in _LEVEL_CHARS) + 1
        place = _strip_ethnic(prefix[boundary:])
        out = prefix[:boundary] + place + match.group(1) + out[match.end() :]
    return out


def _step(name: str) -> str:
    text = _DROP.sub("", unicodedata.normalize("NFKC", name).translate(_ASCII_LOWER))
    text = _fold_autonomous(text).replace("人民政府", "政府")
    for tail in _GOVERNMENT_TAILS:
        if text.endswith(tail) and len(text) > len(tail):
            text = text[: -len(tail)] + ("街道" if "街道" in tail else "")
            break
    return text


def organ_key(name: str) -> str:
    """The link key of an organ name; two spellings of one organ give the same key.

    Folds width and letter case (NFKC, ASCII lower case), drops whitespace and
    punctuation, turns ``XX族自治县/州/旗`` into ``XX县/州/旗``, ``人民政府`` into
    ``政府``, and drops a trailing ``政府`` / ``办事处`` (so ``黄庄镇``, ``黄庄镇政府`` and
    ``黄庄镇人民政府`` meet, and ``城关街道办事处`` meets ``城关街道``). Departments keep
    their names: ``县人民政府办公室`` becomes ``县政府办公室``, not ``县``.

    The result is a fixed point: ``organ_key(organ_key(x)) == organ_key(x)``. It is a
    matching key, never a name to show.
    """
    previous, current = None, name
    while current != previous:  # every step keeps or shortens the text, so this ends
        previous, current = current, _step(current)
    return current


def is_region(key: str) -> bool:
    """Whether a normalised key names a region government (``…省/市/县/区/州/旗/盟``)."""
    return len(key) >= 2 and key.endswith(REGION_SUFFIXES)
