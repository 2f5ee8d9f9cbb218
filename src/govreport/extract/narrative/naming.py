"""Which narrative key the words around an amount name, and the organ a clause is about.

The words before an amount (from the previous separator) and right after it are matched
against the cues of the narrative keys in priority order; inside a list opened by a whole
(其中…), the whole's sub-cues come first.
"""

from __future__ import annotations

import functools
import re

from attrs import define

from govreport.extract.narrative.keys import NARRATIVE_KEYS, NarrativeKey

LEADING = re.compile(r"^[\s，,、：:]*(?:其中|另外|此外|同时)?[\s，,、：:]*")
_TIME = re.compile(
    r"^.*(?:\d{4}年(?:度)?|全年|今年|本年(?:度)?|年内|同期|截至[^，]{0,12}?(?:底|末|止|目前)?)"
)
_GENERIC = re.compile(
    r"^(?:全[区县市镇乡省]|我[区县市镇乡省局委办厅]|本(?:机关|单位|部门)|累计|共|总共|各类)+"
)
_ORGAN = re.compile(
    r"部门|单位|乡镇|镇|街道|区直|县直|市直|本级|区县|县区|县市|机关|管委会|委员会|局|办公室|社区|村|直属"
)
_NOT_ORGAN = re.compile(r"网站|通过|渠道|平台|方式|形式")


@define
class Named:
    """What the words around an amount name, and where in the clause they stand."""

    entry: NarrativeKey
    raw_start: int
    """Where the raw words begin in the clause before the amount."""
    cue_start: int
    """Where the naming words begin (after a conjunction in 予以公开及部分公开)."""
    raw_end: int = 0
    """How far the raw words go past the amount (收到5件政府信息公开申请)."""
    label: str = ""
    subject: str = ""
    listed: bool = False


_pattern = functools.cache(re.compile)
_CONJUNCTIONS = ("及", "和", "与", "或", "、")


def named_key(
    prefix: str, suffix: str, scope: str | None, family: str, keys: tuple[NarrativeKey, ...]
) -> Named | None:
    """The key the words around an amount name, or ``None`` when they name two (予以公开及部分公开)."""
    named = _firstnamed_key(prefix, suffix, scope, family, keys)
    if named is None or named.listed:
        return named
    before = prefix[: named.cue_start].rstrip()
    if before.endswith(_CONJUNCTIONS) and before[:-1].strip():
        other = _firstnamed_key(before[:-1], "", scope, family, keys)
        if (
            other is not None
            and other.entry.key != named.entry.key
            and other.entry.family == named.entry.family
        ):
            return None
    return named


def _firstnamed_key(
    prefix: str, suffix: str, scope: str | None, family: str, keys: tuple[NarrativeKey, ...]
) -> Named | None:
    """The first key the words around an amount name, with where its raw text starts and ends."""
    label = f"{prefix}#{suffix}"
    # A list after a whole names its items first (其中当面申请3件); then a cue of its own; then the
    # section (受理12件 under 依申请公开情况).
    if scope is not None and (named := _sub_cue(label, prefix, {scope}, keys)) is not None:
        return named
    for entry in keys:
        for cue in entry.cues:
            if (m := _pattern(cue).search(label)) is None:
                continue
            start = min(m.start(), len(prefix))
            cue_label = m.groupdict().get("label") or ""
            if entry.labelled and (not cue_label or "主动公开" in cue_label):
                continue
            end = max(0, m.end() - len(prefix) - 1)
            return Named(entry, start, start, end, cue_label, subject_of(prefix[:start]))
    if family and (named := _sub_cue(label, prefix, {f"section:{family}"}, keys)) is not None:
        return named
    if scope is not None and (subject := subject_of(prefix)):
        # A part in a list after a whole: 其中区直部门2275条、乡镇674条.
        start = len(prefix) - len(prefix.lstrip())
        return Named(NARRATIVE_KEYS.get(scope), start, start, 0, subject, subject, listed=True)
    return None


def _sub_cue(label: str, prefix: str, parents: set[str], keys: tuple[NarrativeKey, ...]) -> Named | None:
    for entry in keys:
        if parents & set(entry.parents):
            for cue in entry.sub_cues:
                if (m := _pattern(cue).search(label)) is not None:
                    # The raw words are the whole list item: 咨询电话接听90次, not 电话接听90次.
                    item = len(prefix) - len(LEADING.sub("", prefix))
                    return Named(entry, min(item, len(prefix)), min(m.start(), len(prefix)))
    return None


def subject_of(words: str) -> str:
    """The organ a clause is about (区直各部门), or ``""`` for the whole (全区, 2016年...)."""
    words = LEADING.sub("", words)
    words = _TIME.sub("", words)
    words = _GENERIC.sub("", words).strip(" ，,、：:")
    if not words or _NOT_ORGAN.search(words) or not _ORGAN.search(words):
        return ""
    return words
