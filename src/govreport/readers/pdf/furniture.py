"""Page furniture: page numbers, running headers and running footers, dropped from the text.

Only the first and last lines of a page, within a margin band, are candidates: a line is
furniture when it is a page number (``- 4 -``, ``第 4 页``) or when its shape (digits
aside) repeats on most pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from govreport.readers.pdf.geometry import PageContent
from govreport.readers.pdf.lines import TextLine
from govreport.readers.pdf.ruled import Element

MARGIN_SHARE = 0.14
"""Page numbers, headers and footers are only looked for in this share of the page height."""

_PAGE_NUMBER = re.compile(
    r"[-—–－~～\s]*\d+[-—–－~～\s]*"
    r"|第\s*\d+\s*页(\s*[,，、/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(page|p\.)\s*\d+(\s*of\s*\d+)?",
    re.IGNORECASE,
)

_DIGITS = re.compile(r"\d+")


def page_furniture(pages: Sequence[PageContent], elements: list[list[Element]]) -> set[int]:
    """``id`` of text lines that are page numbers, running headers or running footers."""
    drop: set[int] = set()
    edges: list[tuple[PageContent, TextLine]] = []
    for page, items in zip(pages, elements, strict=True):
        for candidates in (items[:2], items[-2:][::-1]):
            for item in candidates:
                if not isinstance(item, TextLine):
                    break
                band = MARGIN_SHARE * page.height
                if not (item.box[3] <= band or item.box[1] >= page.height - band):
                    break
                edges.append((page, item))
                if _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", item.text).strip()):
                    drop.add(id(item))
    if len(pages) >= 2:
        shapes = Counter(_DIGITS.sub("#", line.text) for _, line in edges)
        for _, line in edges:
            if shapes[_DIGITS.sub("#", line.text)] >= max(2, len(pages) // 2 + 1):
                drop.add(id(line))
    return drop
