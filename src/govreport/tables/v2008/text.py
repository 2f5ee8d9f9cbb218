"""Where the 统计表 is: its 指标名称/计量单位 header in a grid or in paragraphs, and its text.

The table's text is joined from grid cells or from the paragraphs that carry row labels,
with the way back from an offset in the joined text to a location in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from attrs import frozen

from govreport.model.document import Document, Location
from govreport.tables.statistics_form import STATISTICS_ROWS

_HEADER = re.compile(r"指标\s*名称")
UNIT_HEADER = re.compile(r"计量\s*单位")
ROW_PATTERNS = tuple((r, re.compile(r.pattern)) for r in STATISTICS_ROWS)


@frozen
class _Span:
    """Where a stretch of the joined table text came from."""

    start: int
    location: Location
    advances: bool
    """Whether the column advances with the offset (paragraph text) or stays (a grid cell)."""


class TableText:
    """The table's text joined from paragraphs or grid cells, with the way back to locations."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[_Span] = []
        self.starts: list[int] = []
        self.length = 0

    def add(self, text: str, location: Location, *, advances: bool) -> None:
        """Append ``text`` (after a line break), printed at ``location``."""
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        self.spans.append(_Span(self.length, location, advances))
        self.starts.append(self.length)
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        """The joined text."""
        return "".join(self.parts)

    def locate(self, offset: int) -> Location:
        """Where the character at ``offset`` of the joined text is printed."""
        span = self.spans[max(bisect_right(self.starts, offset) - 1, 0)]
        loc = span.location
        if not span.advances or loc.column is None:
            return loc
        return Location(line=loc.line, column=loc.column + offset - span.start, page=loc.page)


def table_text(document: Document) -> TableText | None:
    """The 统计表's text, from its header to the end of the table."""
    for grid in document.grids:
        if _is_header(" ".join(c.text for c in grid.cells[:12])):
            joined = TableText()
            for row in grid.rows():
                for cell in row:
                    joined.add(cell.text, cell.location, advances=False)
            return joined
    paragraphs = document.paragraphs
    for i, paragraph in enumerate(paragraphs):
        match = _HEADER.search(paragraph.text)
        if match is None or not UNIT_HEADER.search(paragraph.text, match.end()):
            continue
        joined = TableText()
        location = paragraph.location
        joined.add(
            paragraph.text[match.start() :],
            Location(line=location.line, column=(location.column or 1) + match.start(), page=location.page),
            advances=True,
        )
        # A table printed one row per line continues while the lines carry a row label.
        for following in paragraphs[i + 1 : i + 80]:
            if not is_statistics_row(following.text):
                break
            joined.add(following.text, following.location, advances=True)
        return joined
    return None


def _is_header(text: str) -> bool:
    found = _HEADER.search(text)
    return found is not None and UNIT_HEADER.search(text, found.end()) is not None


def is_statistics_header(line: str) -> bool:
    """Whether a line of text starts the 统计表 (its 指标名称 … 计量单位 header)."""
    return _is_header(line)


def is_statistics_row(line: str) -> bool:
    """Whether a line of text carries a 统计表 row label (the table goes on while lines do)."""
    return any(p.search(line) for _, p in ROW_PATTERNS)
