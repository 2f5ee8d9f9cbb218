"""Nothing to report, stated in words: 未收到申请 for a topic, and zero counts (未发生行政复议)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from govreport.extract.narrative.context import Context
from govreport.extract.narrative.keys import NARRATIVE_KEYS
from govreport.extract.narrative.sentences import WINDOW, Sentence, context_of, shift
from govreport.model.document import Paragraph
from govreport.model.report import NarrativeStat, NilStatement, NumberForm

_NIL: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 未收到行政复议申请 is about review, not about disclosure applications.
    (
        "applications",
        re.compile(r"(?:没有|未|无)(?:收到|受理|接到)(?:(?!行政复议|行政诉讼)[^。；]){0,24}?申请"),
    ),
    ("active", re.compile(r"(?:没有|未)主动公开")),
    (
        "review_litigation",
        re.compile(r"(?:没有|未|无)(?:发生|接到|收到)?[^。；]{0,24}?(?:行政复议|行政诉讼)"),
    ),
    ("fees", re.compile(r"全部实行免费|(?:未|没有|不)收取(?:任何)?(?:费用|信息处理费)")),
)
_NIL_WORD = re.compile("[没未无全不]")
"""The first character of each way :data:`_NIL` says nothing happened (没有, 未, 无, 全部…, 不收取)."""

# Zero stated in words, per key: (key, pattern, words that must not be in the match).
_NEGATIONS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # 未发生…被行政复议纠错或行政诉讼败诉 says nothing was corrected or lost, not that there was no case.
    (
        "review.total",
        re.compile(
            r"(?<!尚)(?:没有|未|无)(?:发生|收到|接到|受理|出现)?[^。；，,被：:]{0,24}?行政复议(?!纠错|纠正|败诉|撤销|确认违法)"
        ),
        "",
    ),
    (
        "litigation.total",
        re.compile(
            r"(?<!尚)(?:没有|未|无)(?:发生|收到|接到|受理|出现)?[^。；，,被：:]{0,24}?行政诉讼(?!败诉|纠错|撤销)"
        ),
        "",
    ),
    (
        "applications.received",
        re.compile(r"(?:没有|未|无)(?:收到|受理|接到)[^。；，,]{0,24}?申请"),
        "复议诉讼",
    ),
    (
        "fees.charged",
        re.compile(r"全部实行免费|(?:未|没有|暂不|不)收(?:取)?(?:任何)?(?:费用|信息处理费|费)"),
        "",
    ),
    ("replies.denied", re.compile(r"(?:没有|无|未)(?:出现|发生)?不予公开"), ""),
)


_ZERO_WORD = re.compile("[未没无免不]")
"""A character every pattern of :data:`_NEGATIONS` holds."""


def nil_statements(paragraphs: Sequence[Paragraph]) -> tuple[NilStatement, ...]:
    """Every statement that a topic had nothing to report (未收到申请, 全部实行免费), once each."""
    nils: list[NilStatement] = []
    for paragraph in paragraphs:
        if _NIL_WORD.search(paragraph.text) is None:
            continue  # every statement of nothing to report holds one of these
        for topic, pattern in _NIL:
            for nil in pattern.finditer(paragraph.text):
                nils.append(
                    NilStatement(
                        topic=topic,
                        raw=_sentence_at(paragraph.text, nil.start()),
                        location=shift(paragraph.location, nil.start()),
                    )
                )
    return tuple(_dedupe_nils(nils))


def may_state_zero(text: str) -> bool:
    """Whether ``text`` may state a zero in words; when not, :func:`zeros_in` finds none."""
    return _ZERO_WORD.search(text) is not None


def zeros_in(sentence: Sentence) -> Iterator[NarrativeStat]:
    """The counts a disclosure sentence states as zero in words (没有发生行政复议: ``review.total`` 0)."""
    if not may_state_zero(sentence.text):
        return
    for key, pattern, excluded in _NEGATIONS:
        for match in pattern.finditer(sentence.text):
            if excluded and any(ch in match.group() for ch in excluded):
                continue
            context, _ = context_of(sentence, sentence.text[max(0, match.end() - WINDOW) : match.end()], "")
            if context is not Context.DISCLOSURE:
                continue
            entry = NARRATIVE_KEYS.get(key)
            yield NarrativeStat(
                key=key,
                value=0,
                unit=entry.units[0],
                raw=match.group(),
                written=NumberForm.NEGATION,
                location=sentence.block.locate(sentence.offset + match.start()),
            )


def _sentence_at(text: str, index: int) -> str:
    window = max(0, index - WINDOW)
    start = max(window, max(text.rfind(ch, window, index) for ch in "。；;") + 1)
    ends = [i for i in (text.find(ch, index, index + WINDOW) for ch in "。；;") if i != -1]
    return text[start : (min(ends) + 1 if ends else min(len(text), index + WINDOW))].strip()


def _dedupe_nils(nils: list[NilStatement]) -> list[NilStatement]:
    seen: set[tuple[str, str]] = set()
    result = []
    for nil in nils:
        if (nil.topic, nil.raw) not in seen:
            seen.add((nil.topic, nil.raw))
            result.append(nil)
    return result
