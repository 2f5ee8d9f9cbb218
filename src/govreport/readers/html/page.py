"""What a CMS page puts around the report: navigation chrome, and the catalogue of the publication.

Chrome (navigation, share bars, footers) is removed by tag, class or id; the catalogue
box (索引号, 发布机构, 发布日期, 文号) is taken out of the tree into
:attr:`~govreport.model.document.SourceInfo.catalogue`, so neither becomes report text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from govreport.readers.html.markup import compact, flat, text_of

if TYPE_CHECKING:
    from lxml import etree
    from lxml.etree import XPath, _Element

# Elements that never hold report content.
_DROP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "select",
        "button", "input", "textarea", "nav", "header", "footer", "aside", "svg", "canvas", "map",
    }
)  # fmt: skip
# class/id words of CMS chrome: navigation, share bars, breadcrumbs, footers.
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|footer|copyright|share|bdshare|breadcrumb|crumb|sidebar|"
    r"toolbar|logo|dqwz|weizhi|position|print|fxd|jiathis)(?:$|[\s_-])",
    re.IGNORECASE,
)
CHROME_TEXT = (
    "当前位置",
    "您当前的位置",
    "您现在的位置",
    "分享到",
    "【打印",
    "【关闭",
    "打印本页",
    "关闭窗口",
)
CATALOGUE_LABELS = (
    "索引号",
    "发布机构",
    "发布日期",
    "文号",
    "主题分类",
    "成文日期",
    "公开方式",
    "公开范围",
    "公开时限",
    "生成日期",
    "有效性",
)
_CATALOGUE_FIELD = re.compile(
    rf"({'|'.join(CATALOGUE_LABELS)})\s*[:：]\s*|^({'|'.join(CATALOGUE_LABELS)})\s*$"
)
_CATALOGUE_START = re.compile(rf"\s*(?:{'|'.join(CATALOGUE_LABELS)})")


@lru_cache(maxsize=1)
def _names_query() -> XPath:
    """The class and id attributes below the body, found in C.

    Walking every element in Python costs more than the parse, and so does an XPath
    predicate tested on every element (``.//*[@class or @id]``).
    """
    from lxml import etree

    return etree.XPath("descendant::*/@class | descendant::*/@id")


def _named(body: _Element) -> dict[_Element, str]:
    """Elements below ``body`` with a class or id, in document order, to ``"class id"``."""
    found: dict[_Element, list[str]] = {}
    for value in cast("list[etree._ElementUnicodeResult]", _names_query()(body)):
        owner = value.getparent()
        if owner is not None:
            names = found.setdefault(owner, ["", ""])  # class, id
            names[0 if value.attrname == "class" else 1] = str(value)
    return {element: " ".join(names) for element, names in found.items()}


def drop_chrome(body: _Element) -> None:
    """Remove navigation, scripts, styles, share bars and footers (by tag, class or id).

    Chrome recognised by its words (当前位置, 分享到, 打印本页) is dropped later, as a
    paragraph, by :class:`~govreport.readers.html.body.BlockBuilder`.
    """
    from lxml import etree

    doomed = [
        element
        for element in body.iter(etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS)
        if not (element.tag == "header" and _holds_heading(element))  # <article><header><h1>title
    ]
    for element, names in _named(body).items():
        match = _CHROME_NAME.search(names)
        if match is None or next(element.iterdescendants("table"), None) is not None:
            continue
        if "head" in match.group().lower() and _holds_heading(element):
            continue  # an article header with the report's title
        doomed.append(element)
    for element in doomed:
        _remove_keep_tail(element)


def _holds_heading(element: _Element) -> bool:
    return next(element.iter("h1", "h2", "h3"), None) is not None


def _remove_keep_tail(element: _Element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def take_catalogue(body: _Element, words: str) -> tuple[tuple[str, str], ...]:
    """The page's catalogue fields, removed from the tree so they do not become report text.

    ``words`` is the decoded page, searched first for the labels at all.
    """
    if not any(label in words for label in CATALOGUE_LABELS[:4]):
        return ()  # most pages without a catalogue are recognised without visiting an element
    fields: dict[str, str] = {}
    holders: list[_Element] = []
    held_tails = 0
    for element in body.iter("td", "th", "span", "div", "li", "p", "b", "strong", "label", "dt", "em"):
        own = element.text
        if not own or _CATALOGUE_START.match(own) is None:
            continue  # the label opens the element's own text
        text = flat(text_of(element)).strip()
        pairs = _catalogue_pairs(text) if len(text) <= 200 else []
        if not pairs or all(label in fields for label, _ in pairs):
            continue
        sibling = element.getnext()
        tail = flat(element.tail).strip()
        if not pairs[-1][1] and tail and len(tail) <= 80:  # <b>文号：</b>value
            pairs[-1] = (pairs[-1][0], tail)
            element.tail = None  # the value is taken, not left behind as report text
            held_tails += len(compact(tail))
        elif not pairs[-1][1] and sibling is not None:  # <td>文号：</td><td>value</td>, <dt>…</dt><dd>…</dd>
            value = flat(text_of(sibling)).strip()
            if value and len(value) <= 80 and not _catalogue_pairs(value):
                pairs[-1] = (pairs[-1][0], value)
                holders.append(sibling)
        for label, value in pairs:
            fields.setdefault(label, value)
        holders.append(element)
    if len(fields) < 2:
        return ()  # one label alone is ordinary text, not a catalogue
    container = _common_ancestor(holders)
    held = held_tails + sum(len(compact(text_of(h))) for h in holders)
    if container is not None and container is not body and len(compact(text_of(container))) <= held:
        _remove_keep_tail(container)  # the catalogue box holds nothing else: drop it whole
    else:
        for holder in holders:
            _remove_keep_tail(holder)
    return tuple(fields.items())


def _catalogue_pairs(text: str) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a text made of catalogue fields only (``索引号：A01 发布机构：某局``)."""
    matches = list(_CATALOGUE_FIELD.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        pairs.append((match.group(1) or match.group(2), text[match.end() : end].strip()))
    return pairs


def _common_ancestor(elements: list[_Element]) -> _Element | None:
    paths = [[*reversed(list(e.iterancestors())), e] for e in elements]
    common = None
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common
