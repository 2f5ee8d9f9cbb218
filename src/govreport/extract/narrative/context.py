"""Context before number: is a sentence, or the section it stands in, about 政府信息公开?

Old reports also report on 政务服务, 行政审批, the 服务中心, 信访, the 12345 hotline and the
budget, with sentences that look exactly like disclosure counts (区行政服务中心共受理申请121510件).
The rules below are the single table deciding which words make a context: the nearest cue
before a number in its sentence wins; with no cue in the sentence, the section heading decides.
The docs page of narrative keys lists this table.
"""

from __future__ import annotations

import functools
import re
from enum import Enum

from attrs import frozen

from govreport.registry import Registry


class Context(str, Enum):
    """What a sentence or section is about."""

    DISCLOSURE = "disclosure"
    """政府信息公开: counts here may take a disclosure key."""
    OTHER = "other"
    """Something else (政务服务, 审批, 信访, 12345, 预算): never a disclosure key."""
    NEUTRAL = "neutral"
    """No cue either way."""


@frozen
class ContextRule:
    """Words that make a sentence or heading about one thing."""

    name: str
    context: Context
    words: tuple[str, ...]
    family: str = ""
    """For a heading: the key family its counts belong to (``applications`` under 依申请公开情况)."""
    description: str = ""
    in_sentences: bool = True
    """``False`` for words that decide only as a heading: 行政复议 in a sentence may be any case."""


CONTEXT_RULES: Registry[ContextRule] = Registry("context rule")

for _rule in (
    ContextRule(
        "on_request",
        Context.DISCLOSURE,
        ("依申请公开", "依申请", "公开申请", "信息公开申请"),
        "applications",
        "依申请公开: applications for government information.",
    ),
    ContextRule(
        "active",
        Context.DISCLOSURE,
        ("主动公开", "主动发布"),
        "active",
        "主动公开: information published on the organ's own initiative.",
    ),
    ContextRule(
        "consultation",
        Context.DISCLOSURE,
        ("咨询处理", "咨询受理", "咨询情况"),
        "consultation",
        "咨询 about government information (a heading such as 咨询处理情况).",
    ),
    ContextRule(
        "review_litigation",
        Context.DISCLOSURE,
        ("行政复议", "行政诉讼", "复议、诉讼", "申诉"),
        "review",
        "A heading on 行政复议 and 行政诉讼 (in a disclosure report, about disclosure). In a sentence "
        "these words say nothing: 全年办理行政复议案件120件 may be any case.",
        in_sentences=False,
    ),
    ContextRule(
        "fees",
        Context.DISCLOSURE,
        ("收费及减免", "收费和减免", "信息处理费"),
        "fees",
        "Fees charged and waived for providing information.",
    ),
    ContextRule(
        "disclosure",
        Context.DISCLOSURE,
        ("政府信息公开", "信息公开", "公开政府信息", "不予公开"),
        "",
        "Any sentence or heading about 政府信息公开.",
    ),
    ContextRule(
        "service_centre",
        Context.OTHER,
        (
            "行政服务中心",
            "政务服务中心",
            "服务中心",
            "政务服务",
            "服务大厅",
            "办事大厅",
            "便民服务",
            "一窗受理",
        ),
        "",
        "政务服务 and its 服务中心: licence and permit applications, not information requests.",
    ),
    ContextRule(
        "approval",
        Context.OTHER,
        ("行政审批", "审批事项", "审批服务", "网上审批", "审批", "行政许可申请", "收件"),
        "",
        "行政审批 and applications for 行政许可 (licences and permits).",
    ),
    ContextRule(
        "petition",
        Context.OTHER,
        ("信访", "来信来访", "群众来访"),
        "",
        "信访: petitions and visits.",
    ),
    ContextRule(
        "hotline",
        Context.OTHER,
        ("12345", "热线", "市长信箱", "县长信箱", "网民留言", "留言"),
        "",
        "The 12345 hotline, mailboxes and message boards: service requests and complaints.",
    ),
    ContextRule(
        "budget",
        Context.OTHER,
        ("预算", "决算", "财政收入", "财政支出", "三公经费", "“三公”经费", "经费", "税收", "减免税"),
        "",
        "Budget, spending and taxes: amounts that are not fees for information.",
    ),
):
    CONTEXT_RULES.add(_rule.name, _rule)


def _cue_pattern(*, headings: bool) -> re.Pattern[str]:
    words = {w for r in CONTEXT_RULES.active() if headings or r.in_sentences for w in r.words}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_CUES = _cue_pattern(headings=False)
_HEADING_CUES = _cue_pattern(headings=True)
_RULE_OF_WORD = {w: r for r in CONTEXT_RULES.active() for w in r.words}


def cues_in(text: str) -> list[ContextRule]:
    """The rules of the cue words in ``text`` (a sentence), in order."""
    return [_RULE_OF_WORD[m.group()] for m in _CUES.finditer(text)]


def last_cue(text: str) -> ContextRule | None:
    """The rule of the last cue word in ``text`` (the nearest one before a number), if any."""
    rules = cues_in(text)
    return rules[-1] if rules else None


@functools.lru_cache(maxsize=4096)  # report after report prints the same few headings
def heading_rule(title: str) -> ContextRule | None:
    """The rule a heading title falls under: an ``other`` cue beats a disclosure one.

    A heading 审批事项及处理情况 is about approvals even in a report about disclosure; a
    heading 政府信息依申请公开情况 is about applications.
    """
    rules = [_RULE_OF_WORD[m.group()] for m in _HEADING_CUES.finditer(title)]
    other = [r for r in rules if r.context is Context.OTHER]
    if other:
        return other[0]
    with_family = [r for r in rules if r.family]
    return with_family[0] if with_family else (rules[0] if rules else None)


# A numbered heading, also inline in crawled text where the whole report is one line:
# 三、依申请公开情况 or （二）主动公开政府信息的主要类别, after a line start, a full stop or a space.
HEADING = re.compile(
    r"(?:^|(?<=[。！？\s>；]))\s*(?P<marker>(?P<top>[一二三四五六七八九十]{1,3}[、．.])|（[一二三四五六七八九十]{1,3}）)"
    r"\s*(?P<title>[^。！？\s；]{2,30})"
)
