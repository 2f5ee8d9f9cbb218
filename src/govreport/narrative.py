"""Counts stated inside sentences, and statements that there was nothing to report."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from govreport.model.document import Location, Paragraph
from govreport.model.report import NarrativeStat, NilStatement
from govreport.normalize.numbers import cn_to_int

_CN = "零〇一二两三四五六七八九十百千万"
# An amount: an optional 近/约, digits or a Chinese numeral, an optional 余/多, then a unit.
_AMOUNT = (
    rf"(?P<approx_pre>近|约|大约)?(?P<num>\d[\d,]*(?:\.\d+)?|[{_CN}]+)"
    r"(?P<approx_post>余|多)?(?P<unit>人次|条|件|次|起|个|元|万元)"
)
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_SHARE = re.compile(r"^[，,]?\s*(?:占[^0-9，,。；]{0,8}?)?(?P<pct>\d+(?:\.\d+)?)\s*[%％]")

_CHANNELS = (
    ("in_person", ("当面", "窗口", "现场", "来访")),
    ("phone", ("电话",)),
    ("fax", ("传真",)),
    ("email", ("电子邮件", "电子邮箱", "邮件")),
    ("online", ("网上", "网络", "在线", "网站", "互联网")),
    ("letter", ("信函", "邮寄", "来信")),
    ("other", ("其他",)),
)

# (key, pattern); the pattern must end right before the amount.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(prefix + _AMOUNT))
    for key, prefix in (
        ("active.total", r"主动(?:公开|发布)(?:各类)?(?:政府)?信息(?:共计|累计|共)?"),
        ("active.category", r"[“\"](?P<label>[^”\"]{1,16})[”\"](?:类)?(?:信息)?(?:共)?"),
        ("active.category", r"公开(?P<label>政务动态|工作动态|通知公告|政策文件|规范性文件)"),
        ("applications.channel", r"通过(?P<label>[^，,。；;]{1,14}?)提交(?:的)?申请(?:共)?"),
        (
            "applications.received",
            r"(?:受理|收到|接到|新收)(?:依申请公开)?(?:政府信息公开)?(?:政府信息)?(?:公开)?(?:申请)?(?:共计|共)?",
        ),
        (
            "consultation.channel",
            r"(?P<label>(?:咨询)?(?:电话|当面|现场|网上|网络|在线|信函|电子邮件)(?:咨询)?(?:接听|接待|受理)?)",
        ),
        ("consultation.total", r"(?:接受|受理|接待|处理)(?:群众|公众)?咨询(?:共计|共|累计)?"),
        ("complaints.report", r"举报"),
        ("complaints.complaint", r"投诉"),
        ("review.total", r"行政复议(?:案件)?"),
        ("litigation.total", r"行政诉讼(?:案件)?"),
        ("fees.total", r"收取(?:信息处理费|费用|各类费用)(?:共计|共)?"),
    )
)
_NIL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("applications", re.compile(r"(?:没有|未|无)(?:收到|受理|接到)[^。；]{0,24}?申请")),
    ("active", re.compile(r"(?:没有|未)主动公开")),
    (
        "review_litigation",
        re.compile(r"(?:没有|未|无)(?:发生|接到|收到)?[^。；]{0,24}?(?:行政复议|行政诉讼)"),
    ),
    ("fees", re.compile(r"全部实行免费|(?:未|没有|不)收取(?:任何)?(?:费用|信息处理费)")),
)


def _value(num: str) -> int | Decimal | None:
    if num[0].isdigit():
        digits = num.replace(",", "")
        return Decimal(digits) if "." in digits else int(digits)
    return cn_to_int(num)


def _channel(label: str) -> str | None:
    return next((key for key, words in _CHANNELS if any(w in label for w in words)), None)


def _sentences(paragraph: Paragraph) -> Iterator[tuple[str, int]]:
    for match in _SENTENCE.finditer(paragraph.text):
        yield match.group(), match.start()


def extract_narrative(
    paragraphs: Sequence[Paragraph],
) -> tuple[tuple[NarrativeStat, ...], tuple[NilStatement, ...]]:
    """Every recognised count in the paragraphs, and every nothing-to-report statement."""
    stats: list[NarrativeStat] = []
    nils: list[NilStatement] = []
    for paragraph in paragraphs:
        base = paragraph.location
        for sentence, offset in _sentences(paragraph):
            if not any(ch.isdigit() or ch in _CN for ch in sentence):
                continue
            stats.extend(_stats_in(sentence, offset, base))
        for topic, pattern in _NIL:
            for match in pattern.finditer(paragraph.text):
                nils.append(
                    NilStatement(
                        topic=topic,
                        raw=_sentence_at(paragraph.text, match.start()),
                        location=_shift(base, match.start()),
                    )
                )
    return tuple(stats), tuple(_dedupe_nils(nils))


def _stats_in(sentence: str, offset: int, base: Location) -> Iterator[NarrativeStat]:
    taken: list[tuple[int, int]] = []
    for key, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            span = match.span("num")
            if any(a <= span[0] < b for a, b in taken):
                continue
            value = _value(match["num"])
            if value is None:
                continue
            label = match.groupdict().get("label") or ""
            final_key = key
            if key.endswith(".channel"):
                channel = _channel(label)
                if channel is None:
                    continue
                final_key = f"{key}.{channel}"
            elif key == "active.category" and (not label or "主动公开" in label):
                continue
            if key == "applications.received" and "咨询" in match.group(0):
                continue
            share = None
            if (pct := _SHARE.match(sentence[match.end() :])) is not None:
                share = Decimal(pct["pct"])
            taken.append(span)
            yield NarrativeStat(
                key=final_key,
                value=value,
                unit=match["unit"],
                raw=match.group(0),
                approximate=bool(match["approx_pre"] or match["approx_post"]),
                label=label,
                share_percent=share,
                location=_shift(base, offset + match.start()),
            )


def _shift(base: Location, offset: int) -> Location:
    return Location(line=base.line, column=(base.column or 1) + offset, page=base.page)


def _sentence_at(text: str, index: int) -> str:
    start = max(text.rfind(ch, 0, index) for ch in "。；;") + 1
    ends = [i for i in (text.find(ch, index) for ch in "。；;") if i != -1]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()


def _dedupe_nils(nils: list[NilStatement]) -> list[NilStatement]:
    seen: set[tuple[str, str]] = set()
    result = []
    for nil in nils:
        if (nil.topic, nil.raw) not in seen:
            seen.add((nil.topic, nil.raw))
            result.append(nil)
    return result
