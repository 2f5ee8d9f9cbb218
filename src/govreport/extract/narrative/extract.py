"""Counts stated inside sentences, and statements that there was nothing to report.

Each amount (digits or a Chinese numeral with a unit) is named by the words around it: the
text from the previous separator up to the amount, and the words right after it. The
narrative key registry says which words name which key; the context rules say whether the
sentence or its section is about 政府信息公开 at all. A key stated with several values keeps a
whole and its labelled parts; any other repeat is kept as stated, for finding N2.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence

from attrs import define, evolve, field

from govreport.extract.narrative.context import HEADING, Context, ContextRule, cues_in, heading_rule, last_cue
from govreport.extract.narrative.keys import NARRATIVE_KEYS, NarrativeKey, Needs
from govreport.extract.narrative.numerals import Amount, amounts_in
from govreport.limits import current_budget
from govreport.model.document import Location, Paragraph
from govreport.model.report import NarrativeStat, NilStatement, NumberForm

_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?]?")
_SENTENCE_END = "。！!？?；;：:"
_TABLE_LINE = re.compile(r"\t|\|")
_SEPARATORS = "，,；;、：:（("
_SUFFIX_END = re.compile(r"[，,。；;：:（(]")
_LIST_MARK = re.compile("其中|分别|包括")
_REFERS_BACK = re.compile("涉及的|其中|上述|以上|该|另有|另外")
_LEADING = re.compile(r"^[\s，,、：:]*(?:其中|另外|此外|同时)?[\s，,、：:]*")
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
_TITLE_END = re.compile(r".{0,28}?(?:情况|措施|问题|概述|统计表|事项|说明|打算)")
_CLAUSE = 48
"""The most words before or after an amount that can name it."""
_WINDOW = 300
"""How far before an amount its words and cues are looked for: a sentence, not a whole crawled page."""
_RESPECTIVELY = re.compile(r"分别(?:为|是|有)?[：:]?")

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


@define
class _Sections:
    """The headings in force: a top heading (三、) and a sub-heading (（一）)."""

    top: ContextRule | None = None
    sub: ContextRule | None = None

    def see(self, text: str) -> None:
        if "、" not in text and "（" not in text and "．" not in text and "." not in text:
            return
        for match in HEADING.finditer(text):
            # Crawled text glues the body to the heading: the title ends at its closing word.
            title = match["title"]
            rule = heading_rule(end.group() if (end := _TITLE_END.match(title)) else title)
            if match["top"]:
                self.top, self.sub = rule, None
            else:
                self.sub = rule

    def rule(self) -> ContextRule | None:
        if self.sub is not None and self.sub.context is not Context.NEUTRAL:
            return self.sub
        return self.top


@define
class _Found:
    stat: NarrativeStat
    subject: str = ""
    """Organ-like words before the cue (区直各部门): a part when a whole came before."""
    listed: bool = False
    """A part found in a list after a whole (其中区直部门2275条)."""


@define
class _Block:
    """Paragraphs that continue one another: a PDF or Markdown line break inside a sentence.

    ``starts`` holds where each paragraph begins in ``text``, so an offset maps back to the
    paragraph's own line and column. Only the last paragraph is looked at when the next one
    comes, so a block of many short lines is read in linear time.
    """

    parts: list[str] = field(factory=list)
    starts: list[tuple[int, Location]] = field(factory=list)
    length: int = 0

    @functools.cached_property
    def text(self) -> str:
        return "".join(self.parts)

    def add(self, paragraph: Paragraph) -> None:
        self.starts.append((self.length, paragraph.location))
        self.parts.append(paragraph.text)
        self.length += len(paragraph.text)

    def continues(self, paragraph: Paragraph) -> bool:
        """Whether ``paragraph`` goes on with the sentence this block ends in."""
        # A table line never joins a block, so it is always a block's only paragraph.
        text, last = paragraph.text.strip(), self.parts[-1].rstrip() if self.parts else ""
        if not text or not last or last[-1] in _SENTENCE_END or _TABLE_LINE.search(text):
            return False
        if HEADING.match(text) or text[0] in "#|第" or _TABLE_LINE.search(last):
            return False
        return not (len(self.starts) == 1 and len(last) <= 40 and HEADING.match(last.lstrip()))

    def locate(self, offset: int) -> Location:
        index = bisect.bisect_right(self.starts, offset, key=lambda start: start[0]) - 1
        start, base = self.starts[max(index, 0)]
        return _shift(base, offset - start)


def _blocks(paragraphs: Sequence[Paragraph]) -> Iterator[_Block]:
    block = _Block()
    for paragraph in paragraphs:
        if block.starts and not block.continues(paragraph):
            yield block
            block = _Block()
        block.add(paragraph)
    if block.starts:
        yield block


@define
class _Sentence:
    text: str
    offset: int
    block: _Block
    sections: _Sections
    scope: str | None
    """The whole whose list this sentence may continue (a sentence starting with 其中)."""
    keys: tuple[NarrativeKey, ...]
    """The active narrative keys, in priority order."""
    carried_cue: ContextRule | None = None
    """The last cue of the sentence before, for a sentence that refers back to it (涉及的…, 其中…)."""


def extract_narrative(
    paragraphs: Sequence[Paragraph],
) -> tuple[tuple[NarrativeStat, ...], tuple[NilStatement, ...]]:
    """Every recognised count in the paragraphs, and every nothing-to-report statement."""
    found: list[_Found] = []
    nils: list[NilStatement] = []
    sections = _Sections()
    scope: str | None = None
    budget = current_budget()
    keys = NARRATIVE_KEYS.active()
    for block in _blocks(paragraphs):
        previous_cue: ContextRule | None = None
        for match in _SENTENCE.finditer(block.text):
            budget.check_time()
            text = match.group()
            carried = scope if _starts_list(text) else None
            refers = previous_cue if _REFERS_BACK.match(text.lstrip()) else None
            sentence = _Sentence(text, match.start(), block, sections, carried, keys, refers)
            previous_cue = last_cue(text[-_WINDOW:]) or refers
            sections.see(sentence.text)
            here = sorted(_stats_in(sentence), key=_position)
            found.extend(here)
            wholes = [f.stat.key for f in here if NARRATIVE_KEYS.get(f.stat.key).opens_list]
            scope = wholes[-1] if wholes else carried
    for paragraph in paragraphs:
        for topic, pattern in _NIL:
            for nil in pattern.finditer(paragraph.text):
                nils.append(
                    NilStatement(
                        topic=topic,
                        raw=_sentence_at(paragraph.text, nil.start()),
                        location=_shift(paragraph.location, nil.start()),
                    )
                )
    return _resolve(found), tuple(_dedupe_nils(nils))


def _position(found: _Found) -> tuple[int, int]:
    """Text order: lists (分别为) and zeros in words are found apart from the other counts."""
    location = found.stat.location
    return (location.line or 0, location.column or 0) if location is not None else (0, 0)


def _between(marks: list[int], start: int, end: int) -> bool:
    """Whether a list word stands between ``start`` and ``end``."""
    index = bisect.bisect_left(marks, start)
    return index < len(marks) and marks[index] < end


def _starts_list(text: str) -> bool:
    return _LEADING.match(text) is not None and text.lstrip(" ，,、：:").startswith("其中")


def _context(sentence: _Sentence, before: str, after: str, clause: str = "") -> tuple[Context, str]:
    """The context of an amount, and the key family its section is about.

    The nearest cue before the amount decides, else a cue right after it, else the section.
    In a sentence that also names something else (区行政服务中心受理申请121510件，其中政府信息公开
    申请5件，办结121000件), a disclosure cue counts only inside the amount's own clause.
    """
    section = sentence.sections.rule()
    family = section.family if section is not None and section.context is Context.DISCLOSURE else ""
    cue = last_cue(before) or last_cue(after) or sentence.carried_cue
    if cue is not None:
        if cue.context is Context.DISCLOSURE and _mentions_other(before) and last_cue(clause + after) is None:
            return Context.NEUTRAL, family
        return cue.context, family
    return (section.context if section is not None else Context.NEUTRAL), family


def _mentions_other(text: str) -> bool:
    return any(rule.context is Context.OTHER for rule in cues_in(text))


def _allowed(entry: NarrativeKey, context: Context) -> bool:
    if entry.needs is Needs.SELF:
        return context is not Context.OTHER
    return context is Context.DISCLOSURE


def _stats_in(sentence: _Sentence) -> Iterator[_Found]:
    text = sentence.text
    amounts = amounts_in(text)
    taken: set[int] = set()
    scope = sentence.scope
    scope_start = 0  # where the list of the whole in scope begins in this sentence
    yield from _respectively(sentence, amounts, taken)
    yield from _negations(sentence)
    list_marks = [m.start() for m in _LIST_MARK.finditer(text)]
    boundary_floor = 0
    budget = current_budget()
    for index, amount in enumerate(amounts):
        if index % 256 == 255:
            budget.check_time()
        if amount.start in taken:
            boundary_floor = amount.share_end
            continue
        window = max(0, amount.start - _WINDOW)
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
        context, family = _context(sentence, text[window : amount.start], near, prefix)
        # A whole's list runs from 其中 (or 分别, 包括) after it, or from a sentence starting with 其中.
        listing = (
            scope
            if scope is not None and (scope_start == 0 or _between(list_marks, scope_start, amount.start))
            else None
        )
        if listing is not None and not _mentions_other(text[max(0, scope_start - _WINDOW) : scope_start]):
            # An item of a disclosure list (其中…属信访、重复申请等不予处理80件) is about disclosure
            # unless its own clause names something else.
            context = Context.OTHER if _mentions_other(prefix + near) else Context.DISCLOSURE
        named = _name(prefix, suffix, listing, family, sentence.keys)
        boundary_floor_before, boundary_floor = boundary_floor, amount.share_end
        if named is None:
            # 其中微博29个，共发布信息1992条: a channel may be named one clause earlier.
            wide = max(window, max(text.rfind(ch, window, amount.start) for ch in "；;：:") + 1)
            named = _name(text[wide : amount.start].rstrip(), suffix, None, "", sentence.keys)
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
            subject = _subject(text[clause : start + named.raw_start])
        if amount.unit not in entry.units or not _allowed(entry, context):
            continue
        raw_start = start + named.raw_start if named.raw_start < len(prefix) else amount.start
        raw_end = amount.end + named.raw_end
        stat = _stat(entry.key, amount, text[raw_start:raw_end], named.label, sentence, raw_start)
        if entry.opens_list and not named.listed:
            scope, scope_start = entry.key, amount.start
        yield _Found(stat=stat, subject=subject, listed=named.listed)


@define
class _Named:
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


def _name(
    prefix: str, suffix: str, scope: str | None, family: str, keys: tuple[NarrativeKey, ...]
) -> _Named | None:
    """The key the words around an amount name, or ``None`` when they name two (予以公开及部分公开)."""
    named = _first_name(prefix, suffix, scope, family, keys)
    if named is None or named.listed:
        return named
    before = prefix[: named.cue_start].rstrip()
    if before.endswith(_CONJUNCTIONS) and before[:-1].strip():
        other = _first_name(before[:-1], "", scope, family, keys)
        if (
            other is not None
            and other.entry.key != named.entry.key
            and other.entry.family == named.entry.family
        ):
            return None
    return named


def _first_name(
    prefix: str, suffix: str, scope: str | None, family: str, keys: tuple[NarrativeKey, ...]
) -> _Named | None:
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
            return _Named(entry, start, start, end, cue_label, _subject(prefix[:start]))
    if family and (named := _sub_cue(label, prefix, {f"section:{family}"}, keys)) is not None:
        return named
    if scope is not None and (subject := _subject(prefix)):
        # A part in a list after a whole: 其中区直部门2275条、乡镇674条.
        start = len(prefix) - len(prefix.lstrip())
        return _Named(NARRATIVE_KEYS.get(scope), start, start, 0, subject, subject, listed=True)
    return None


def _sub_cue(label: str, prefix: str, parents: set[str], keys: tuple[NarrativeKey, ...]) -> _Named | None:
    for entry in keys:
        if parents & set(entry.parents):
            for cue in entry.sub_cues:
                if (m := _pattern(cue).search(label)) is not None:
                    # The raw words are the whole list item: 咨询电话接听90次, not 电话接听90次.
                    item = len(prefix) - len(_LEADING.sub("", prefix))
                    return _Named(entry, min(item, len(prefix)), min(m.start(), len(prefix)))
    return None


def _subject(words: str) -> str:
    """The organ a clause is about (区直各部门), or ``""`` for the whole (全区, 2016年...)."""
    words = _LEADING.sub("", words)
    words = _TIME.sub("", words)
    words = _GENERIC.sub("", words).strip(" ，,、：:")
    if not words or _NOT_ORGAN.search(words) or not _ORGAN.search(words):
        return ""
    return words


def _respectively(sentence: _Sentence, amounts: list[Amount], taken: set[int]) -> Iterator[_Found]:
    """…同意公开、部分公开、不予公开分别为3件、2件、1件: labels before 分别, amounts after, in order."""
    text = sentence.text
    starts = [a.start for a in amounts]
    for match in _RESPECTIVELY.finditer(text):
        window = max(0, match.start() - _WINDOW)
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
        context, family = _context(sentence, text[max(0, after[0].start - _WINDOW) : after[0].start], "")
        position = start
        for word, amount in zip(labels, after, strict=True):
            position = text.find(word, position)
            named = _name(word, "", sentence.scope, family, sentence.keys)
            if named is None or amount.unit not in named.entry.units or not _allowed(named.entry, context):
                continue
            taken.add(amount.start)
            stat = _stat(
                named.entry.key, amount, text[position : amount.end], named.label, sentence, position
            )
            yield _Found(stat=stat, listed=named.listed)


def _negations(sentence: _Sentence) -> Iterator[_Found]:
    if not any(word in sentence.text for word in "未没无免不"):
        return
    for key, pattern, excluded in _NEGATIONS:
        for match in pattern.finditer(sentence.text):
            if excluded and any(ch in match.group() for ch in excluded):
                continue
            context, _ = _context(sentence, sentence.text[max(0, match.end() - _WINDOW) : match.end()], "")
            if context is not Context.DISCLOSURE:
                continue
            entry = NARRATIVE_KEYS.get(key)
            yield _Found(
                stat=NarrativeStat(
                    key=key,
                    value=0,
                    unit=entry.units[0],
                    raw=match.group(),
                    written=NumberForm.NEGATION,
                    location=sentence.block.locate(sentence.offset + match.start()),
                )
            )


def _stat(key: str, amount: Amount, raw: str, label: str, sentence: _Sentence, at: int) -> NarrativeStat:
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


def _shift(base: Location, offset: int) -> Location:
    return Location(line=base.line, column=(base.column or 1) + offset, page=base.page)


def _sentence_at(text: str, index: int) -> str:
    window = max(0, index - _WINDOW)
    start = max(window, max(text.rfind(ch, window, index) for ch in "。；;") + 1)
    ends = [i for i in (text.find(ch, index, index + _WINDOW) for ch in "。；;") if i != -1]
    return text[start : (min(ends) + 1 if ends else min(len(text), index + _WINDOW))].strip()


def _dedupe_nils(nils: list[NilStatement]) -> list[NilStatement]:
    seen: set[tuple[str, str]] = set()
    result = []
    for nil in nils:
        if (nil.topic, nil.raw) not in seen:
            seen.add((nil.topic, nil.raw))
            result.append(nil)
    return result
