"""Counts stated inside sentences, and statements that there was nothing to report.

Each amount (digits or a Chinese numeral with a unit) is named by the words around it: the
text from the previous separator up to the amount, and the words right after it. The
narrative key registry says which words name which key; the context rules say whether the
sentence or its section is about 政府信息公开 at all. A key stated with several values keeps a
whole and its labelled parts; any other repeat is kept as stated, for finding N2.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence

from attrs import define, evolve

from govreport.extract.narrative.context import Context, ContextRule, last_cue
from govreport.extract.narrative.keys import NARRATIVE_KEYS, NarrativeKey, Needs
from govreport.extract.narrative.naming import named_key, subject_of
from govreport.extract.narrative.nil import may_state_zero, nil_statements, zeros_in
from govreport.extract.narrative.numerals import Amount, amounts_in, may_hold_amount
from govreport.extract.narrative.sentences import (
    WINDOW,
    Sections,
    Sentence,
    blocks,
    context_of,
    mentions_other,
)
from govreport.limits import current_budget
from govreport.model.document import Paragraph
from govreport.model.report import NarrativeStat, NilStatement

_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?]?")
_SEPARATORS = "，,；;、：:（("
_SUFFIX_END = re.compile(r"[，,。；;：:（(]")
_LIST_MARK = re.compile("其中|分别|包括")
_REFERS_BACK = re.compile("涉及的|其中|上述|以上|该|另有|另外")
_CLAUSE = 48
"""The most words before or after an amount that can name it."""
_RESPECTIVELY = re.compile(r"分别(?:为|是|有)?[：:]?")


@define
class _Found:
    stat: NarrativeStat
    subject: str = ""
    """Organ-like words before the cue (区直各部门): a part when a whole came before."""
    listed: bool = False
    """A part found in a list after a whole (其中区直部门2275条)."""


def extract_narrative(
    paragraphs: Sequence[Paragraph],
) -> tuple[tuple[NarrativeStat, ...], tuple[NilStatement, ...]]:
    """Every recognised count in the paragraphs, and every nothing-to-report statement."""
    found: list[_Found] = []
    sections = Sections()
    scope: str | None = None
    budget = current_budget()
    keys = NARRATIVE_KEYS.active()
    for block in blocks(paragraphs):
        # The sentence before and the cue it referred back to: its own last cue is looked for
        # only when a sentence refers back to it (a cue search is costly, and rarely needed).
        previous_text, previous_refers = "", None
        for match in _SENTENCE.finditer(block.text):
            budget.check_time()
            text = match.group()
            carried = scope if _starts_list(text) else None
            refers: ContextRule | None = None
            if previous_text and _REFERS_BACK.match(text.lstrip()):
                refers = last_cue(previous_text[-WINDOW:]) or previous_refers
            previous_text, previous_refers = text, refers
            sections.see(text)
            if not may_hold_amount(text) and not may_state_zero(text):
                scope = carried  # most sentences: no amount, no zero in words, nothing to find
                continue
            sentence = Sentence(text, match.start(), block, sections, carried, keys, refers)
            here = sorted(_stats_in(sentence), key=_position)
            found.extend(here)
            wholes = [f.stat.key for f in here if NARRATIVE_KEYS.get(f.stat.key).opens_list]
            scope = wholes[-1] if wholes else carried
    return _resolve(found), nil_statements(paragraphs)


def _position(found: _Found) -> tuple[int, int]:
    """Text order: lists (分别为) and zeros in words are found apart from the other counts."""
    location = found.stat.location
    return (location.line or 0, location.column or 0) if location is not None else (0, 0)


def _between(marks: list[int], start: int, end: int) -> bool:
    """Whether a list word stands between ``start`` and ``end``."""
    index = bisect.bisect_left(marks, start)
    return index < len(marks) and marks[index] < end


def _starts_list(text: str) -> bool:
    # LEADING matches every text (all of it is optional), so only the 其中 after it decides.
    return text.lstrip(" ，,、：:").startswith("其中")


def _allowed(entry: NarrativeKey, context: Context) -> bool:
    if entry.needs is Needs.SELF:
        return context is not Context.OTHER
    return context is Context.DISCLOSURE


def _stats_in(sentence: Sentence) -> Iterator[_Found]:
    text = sentence.text
    amounts = amounts_in(text)
    if not amounts:  # most sentences: no list (分别为…) and no amount to name, only zeros in words
        yield from (_Found(stat=stat) for stat in zeros_in(sentence))
        return
    taken: set[int] = set()
    scope = sentence.scope
    scope_start = 0  # where the list of the whole in scope begins in this sentence
    yield from _respectively(sentence, amounts, taken)
    yield from (_Found(stat=stat) for stat in zeros_in(sentence))
    list_marks = [m.start() for m in _LIST_MARK.finditer(text)]
    boundary_floor = 0
    budget = current_budget()
    for index, amount in enumerate(amounts):
        if index % 256 == 255:
            budget.check_time()
        if amount.start in taken:
            boundary_floor = amount.share_end
            continue
        window = max(0, amount.start - WINDOW)
        start = max(
            boundary_floor,
            amount.start - _CLAUSE,
            max(text.rfind(ch, window, amount.start) for ch in _SEPARATORS) + 1,
        )
        prefix = text[start : amount.start].rstrip()
        suffix_stop = _SUFFIX_END.search(text, amount.end, amount.end + _CLAUSE)
        suffix = (
            ""
            if amount.share_percent is not None
            else text[amount.end : suffix_stop.start() if suffix_stop else amount.end + _CLAUSE]
        )
        near = suffix.split("、", 1)[0]  # the words after the amount that belong to it
        context, family = context_of(sentence, text[window : amount.start], near, prefix)
        # A whole's list runs from 其中 (or 分别, 包括) after it, or from a sentence starting with 其中.
        listing = (
            scope
            if scope is not None and (scope_start == 0 or _between(list_marks, scope_start, amount.start))
            else None
        )
        if listing is not None and not mentions_other(text[max(0, scope_start - WINDOW) : scope_start]):
            # An item of a disclosure list (其中…属信访、重复申请等不予处理80件) is about disclosure
            # unless its own clause names something else.
            context = Context.OTHER if mentions_other(prefix + near) else Context.DISCLOSURE
        named = named_key(prefix, suffix, listing, family, sentence.keys)
        boundary_floor_before, boundary_floor = boundary_floor, amount.share_end
        if named is None:
            # 其中微博29个，共发布信息1992条: a channel may be named one clause earlier.
            wide = max(window, max(text.rfind(ch, window, amount.start) for ch in "；;：:") + 1)
            named = named_key(text[wide : amount.start].rstrip(), suffix, None, "", sentence.keys)
            if named is None or named.entry.needs is not Needs.SELF or named.entry.labelled:
                continue
            start, prefix = wide, text[wide : amount.start].rstrip()
        entry, subject = named.entry, named.subject
        if not named.listed:
            # The organ may be a list itself (区直、县直各单位): read it from the clause start.
            clause = max(
                boundary_floor_before,
                window,
                max(text.rfind(ch, window, amount.start) for ch in "，,；;：:") + 1,
            )
            subject = subject_of(text[clause : start + named.raw_start])
        if amount.unit not in entry.units or not _allowed(entry, context):
            continue
        raw_start = start + named.raw_start if named.raw_start < len(prefix) else amount.start
        raw_end = amount.end + named.raw_end
        stat = _stat(entry.key, amount, text[raw_start:raw_end], named.label, sentence, raw_start)
        if entry.opens_list and not named.listed:
            scope, scope_start = entry.key, amount.start
        yield _Found(stat=stat, subject=subject, listed=named.listed)


def _respectively(sentence: Sentence, amounts: list[Amount], taken: set[int]) -> Iterator[_Found]:
    """…同意公开、部分公开、不予公开分别为3件、2件、1件: labels before 分别, amounts after, in order."""
    text = sentence.text
    starts = [a.start for a in amounts]
    for match in _RESPECTIVELY.finditer(text):
        window = max(0, match.start() - WINDOW)
        start = max(window, max(text.rfind(ch, window, match.start()) for ch in "，,；;：:。") + 1)
        labels = [w for w in re.split(r"[、和及与/]", text[start : match.start()].removesuffix("的")) if w]
        first = bisect.bisect_left(starts, match.end())
        after = amounts[first : first + len(labels)]
        if not 2 <= len(labels) <= 12 or len(after) != len(labels) or after[0].start - match.end() > 2:
            continue
        gaps = [
            text[a.end if a.share_percent is None else a.share_end : b.start]
            for a, b in itertools.pairwise(after)
        ]
        if any(gap.strip("、，, 和及") for gap in gaps):
            continue
        context, family = context_of(sentence, text[max(0, after[0].start - WINDOW) : after[0].start], "")
        position = start
        for word, amount in zip(labels, after, strict=True):
            position = text.find(word, position)
            named = named_key(word, "", sentence.scope, family, sentence.keys)
            if named is None or amount.unit not in named.entry.units or not _allowed(named.entry, context):
                continue
            taken.add(amount.start)
            stat = _stat(
                named.entry.key, amount, text[position : amount.end], named.label, sentence, position
            )
            yield _Found(stat=stat, listed=named.listed)


def _stat(key: str, amount: Amount, raw: str, label: str, sentence: Sentence, at: int) -> NarrativeStat:
    return NarrativeStat(
        key=key,
        value=amount.value,
        unit=amount.unit,
        raw=raw,
        approximate=bool(amount.approximation),
        approximation=amount.approximation,
        label=label,
        written=amount.form,
        share_percent=amount.share_percent,
        location=sentence.block.locate(sentence.offset + at),
    )


def _resolve(found: list[_Found]) -> tuple[NarrativeStat, ...]:
    """One whole per key; parts after a whole keep their label; restatements go; conflicts stay."""
    wholes: dict[tuple[str, str], NarrativeStat] = {}
    result: list[NarrativeStat] = []
    for item in found:
        stat = item.stat
        group = (stat.key, stat.label if NARRATIVE_KEYS.get(stat.key).labelled else "")
        whole = wholes.get(group)
        if whole is not None and (item.listed or item.subject):
            result.append(evolve(stat, part=True, label=item.subject or stat.label))
            continue
        if whole is None:
            wholes[group] = stat
        elif stat.value == whole.value and stat.approximate == whole.approximate:
            continue  # the same figure stated again
        result.append(stat)
    return tuple(result)
