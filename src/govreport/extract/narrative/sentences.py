"""Where an amount stands: paragraphs joined into blocks, sentences, the headings in force, context.

A PDF or Markdown line break can fall inside a sentence, so paragraphs that continue one
another are read as one :class:`Block`, with the way back to each paragraph's own line
and column. :func:`context_of` says whether the words around an amount, its sentence or
its section are about 政府信息公开.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

from attrs import define, field

from govreport.extract.narrative.context import HEADING, Context, ContextRule, cues_in, heading_rule, last_cue
from govreport.extract.narrative.keys import NarrativeKey
from govreport.model.document import Location, Paragraph

_SENTENCE_END = "。！!？?；;：:"
_TABLE_LINE = re.compile(r"\t|\|")
_TITLE_END = re.compile(r".{0,28}?(?:情况|措施|问题|概述|统计表|事项|说明|打算)")
_MARKER = re.compile(r"[一二三四五六七八九十][、．.）]")
"""The end of every heading marker of :data:`HEADING`, found much faster than a heading."""
WINDOW = 300
"""How far before an amount its words and cues are looked for: a sentence, not a whole crawled page."""


@define
class Sections:
    """The headings in force: a top heading (三、) and a sub-heading (（一）)."""

    top: ContextRule | None = None
    sub: ContextRule | None = None

    def see(self, text: str) -> None:
        """Take the headings that ``text`` holds as the ones in force."""
        if _MARKER.search(text) is None:
            return  # no heading marker (三、 or （二）): the usual sentence
        for match in HEADING.finditer(text):
            # Crawled text glues the body to the heading: the title ends at its closing word.
            title = match["title"]
            rule = heading_rule(end.group() if (end := _TITLE_END.match(title)) else title)
            if match["top"]:
                self.top, self.sub = rule, None
            else:
                self.sub = rule

    def rule(self) -> ContextRule | None:
        """The section's context rule: the sub-heading's unless it is neutral, else the top heading's."""
        if self.sub is not None and self.sub.context is not Context.NEUTRAL:
            return self.sub
        return self.top


@define
class Block:
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
        """The paragraphs' text, joined with nothing between them."""
        return "".join(self.parts)

    def add(self, paragraph: Paragraph) -> None:
        """Append ``paragraph`` to the block."""
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
        """The line and column of the character at ``offset`` of :attr:`text`."""
        index = bisect.bisect_right(self.starts, offset, key=lambda start: start[0]) - 1
        start, base = self.starts[max(index, 0)]
        return shift(base, offset - start)


def blocks(paragraphs: Sequence[Paragraph]) -> Iterator[Block]:
    """The paragraphs in blocks of paragraphs that continue one another."""
    block = Block()
    for paragraph in paragraphs:
        if block.starts and not block.continues(paragraph):
            yield block
            block = Block()
        block.add(paragraph)
    if block.starts:
        yield block


@define
class Sentence:
    """One sentence of a block, with what is in force where it stands."""

    text: str
    offset: int
    block: Block
    sections: Sections
    scope: str | None
    """The whole whose list this sentence may continue (a sentence starting with 其中)."""
    keys: tuple[NarrativeKey, ...]
    """The active narrative keys, in priority order."""
    carried_cue: ContextRule | None = None
    """The last cue of the sentence before, for a sentence that refers back to it (涉及的…, 其中…)."""


def context_of(sentence: Sentence, before: str, after: str, clause: str = "") -> tuple[Context, str]:
    """The context of an amount, and the key family its section is about.

    The nearest cue before the amount decides, else a cue right after it, else the section.
    In a sentence that also names something else (区行政服务中心受理申请121510件，其中政府信息公开
    申请5件，办结121000件), a disclosure cue counts only inside the amount's own clause.
    """
    section = sentence.sections.rule()
    family = section.family if section is not None and section.context is Context.DISCLOSURE else ""
    cue = last_cue(before) or last_cue(after) or sentence.carried_cue
    if cue is not None:
        if cue.context is Context.DISCLOSURE and mentions_other(before) and last_cue(clause + after) is None:
            return Context.NEUTRAL, family
        return cue.context, family
    return (section.context if section is not None else Context.NEUTRAL), family


def mentions_other(text: str) -> bool:
    """Whether ``text`` has a cue of something other than 政府信息公开 (政务服务中心, 信访...)."""
    return any(rule.context is Context.OTHER for rule in cues_in(text))


def shift(base: Location, offset: int) -> Location:
    """``base`` moved ``offset`` characters to the right on its line."""
    return Location(line=base.line, column=(base.column or 1) + offset, page=base.page)
