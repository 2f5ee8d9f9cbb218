"""lxml element helpers shared by the HTML modules: tags, text, source lines and HTML whitespace."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from lxml.etree import _Element

BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
        "article", "main", "blockquote", "pre", "center", "address", "form", "body", "html", "figure",
        "figcaption", "hr", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "fieldset", "legend",
    }
)  # fmt: skip
WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
"""HTML white space (not U+00A0, which stays a space of its own); see :func:`flat`."""


def tag_of(element: _Element) -> str:
    """The element's tag in lower case; ``""`` for comments and processing instructions."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


@lru_cache(maxsize=1)
def text_getter() -> Callable[..., str]:
    """``lxml.etree.tostring``, imported once: with ``method="text"`` it reads a subtree's text in C."""
    from lxml import etree  # imported by read() already; cached here for the per-cell calls

    return cast("Callable[..., str]", etree.tostring)


def text_of(element: _Element) -> str:
    """All the text inside ``element``, without its tail."""
    return text_getter()(element, method="text", encoding="unicode", with_tail=False)


def source_line(element: _Element) -> int | None:
    """The line of the page the element starts on, if libxml2 knows it."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def compact(text: str) -> str:
    """``text`` without any white space (to compare amounts of text)."""
    return "".join(text.split())


def flat(text: str | None) -> str:
    """HTML whitespace: runs collapse to one space; &nbsp; stays a space of its own."""
    return WHITESPACE.sub(" ", text).replace("\xa0", " ") if text else ""
