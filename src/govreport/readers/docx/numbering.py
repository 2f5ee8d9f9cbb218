"""Word list numbering: the number text Word generates in front of a numbered paragraph.

Numbers come from ``word/numbering.xml`` (lists and their levels) and ``word/styles.xml``
(styles that number their paragraphs, such as heading styles); the text of a counter in
each number format is :func:`~govreport.readers.docx.numformats.format_number`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from govreport.readers.docx.numformats import format_number
from govreport.readers.docx.tags import NUMPR, PPR, PSTYLE, VAL, W, int_value

if TYPE_CHECKING:
    from lxml.etree import _Element


@frozen
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


@frozen
class _List:
    key: str  # counters are shared per abstract list unless the instance restarts them
    levels: dict[int, _Level]
    starts: dict[int, int]


class Numbering:
    """Word list numbering: the number text Word generates in front of a paragraph."""

    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._read_lists(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_lists(self, root: _Element) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.iterchildren(f"{W}lvl"):
                levels[int_value(lvl.get(f"{W}ilvl"), 0)] = _level(lvl)
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            ref = num.find(f"{W}abstractNumId")
            abstract_id = ref.get(f"{W}val", "") if ref is not None else ""
            levels = dict(abstract.get(abstract_id, {}))
            starts: dict[int, int] = {}
            for override in num.iterchildren(f"{W}lvlOverride"):
                ilvl = int_value(override.get(f"{W}ilvl"), 0)
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[ilvl] = int_value(start.get(f"{W}val"), 1)
                replaced = override.find(f"{W}lvl")
                if replaced is not None:
                    levels[ilvl] = _level(replaced)
            key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
            self.lists[num_id] = _List(key=key, levels=levels, starts=starts)

    def _read_styles(self, root: _Element) -> None:
        based_on: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in root.iterchildren(f"{W}style"):
            style_id = style.get(f"{W}styleId", "")
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{W}val", "")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                own[style_id] = _num_pr(num_pr, ("", 0))
        for style_id in set(based_on) | set(own):
            current: str | None = style_id
            for _ in range(16):  # basedOn chains are short; a cycle must not hang
                if current is None or current in own:
                    break
                current = based_on.get(current)
            if current is not None and current in own:
                self.style_numbering[style_id] = own[current]

    def label(self, paragraph: _Element) -> str:
        """The generated number text of ``paragraph`` (``一、``, ``（二）``, ``3.``), or ``""``."""
        if not self.lists or len(paragraph) == 0 or paragraph[0].tag != PPR:
            return ""  # paragraph properties, when present, come first
        style_id: str | None = None
        num_pr: _Element | None = None
        for prop in paragraph[0]:
            if prop.tag == PSTYLE:
                style_id = prop.get(VAL)
            elif prop.tag == NUMPR:
                num_pr = prop
        inherited = self.style_numbering.get(style_id) if style_id else None
        if num_pr is None and inherited is None:
            return ""
        num_id, ilvl = _num_pr(num_pr, inherited or ("", 0)) if num_pr is not None else inherited or ("", 0)
        word_list = self.lists.get(num_id)
        if num_id in ("", "0") or word_list is None or ilvl not in word_list.levels:
            return ""
        counters = self.counters.setdefault(word_list.key, {})
        level = word_list.levels[ilvl]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = word_list.starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for n in range(9, 0, -1):
            marker = f"%{n}"
            if marker not in text:
                continue
            lvl = word_list.levels.get(n - 1)
            value = counters.get(n - 1, word_list.starts.get(n - 1, lvl.start if lvl else 1))
            text = text.replace(marker, format_number(value, lvl.fmt if lvl else "decimal"))
        return text + level.suffix


def _level(lvl: _Element) -> _Level:
    def val(tag: str, default: str) -> str:
        node = lvl.find(f"{W}{tag}")
        return node.get(f"{W}val", default) if node is not None else default

    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(val("suff", "tab"), " ")
    return _Level(
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", ""),
        start=int_value(val("start", "1"), 1),
        suffix=suffix,
    )


def _num_pr(num_pr: _Element, default: tuple[str, int]) -> tuple[str, int]:
    ilvl = num_pr.find(f"{W}ilvl")
    num_id = num_pr.find(f"{W}numId")
    return (
        num_id.get(f"{W}val", default[0]) if num_id is not None else default[0],
        int_value(ilvl.get(f"{W}val"), 0) if ilvl is not None else default[1],
    )
