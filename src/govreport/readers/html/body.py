"""The page body in document order: paragraphs (one per line of text) and tables."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from govreport.model.document import Location, Paragraph
from govreport.readers.cells import RawTable
from govreport.readers.html.markup import BLOCK_TAGS, flat, source_line, tag_of
from govreport.readers.html.page import CHROME_TEXT
from govreport.readers.html.tables import cells_of, expand, rows_of

if TYPE_CHECKING:
    from lxml.etree import _Element


class BlockBuilder:
    """Walks the body in document order, emitting paragraphs (one per line) and raw tables."""

    def __init__(self) -> None:
        self.items: list[Paragraph | RawTable] = []
        self._line: list[str] = []
        self._line_at: int | None = None

    def flush(self) -> None:
        """End the paragraph being collected; chrome recognised by its words is dropped."""
        text = "".join(self._line).strip()
        if text and not (len(text) < 200 and text.startswith(CHROME_TEXT)):
            self.items.append(Paragraph(text=text, location=Location(line=self._line_at)))
        self._line = []
        self._line_at = None

    def _add(self, text: str | None, line: int | None) -> None:
        piece = flat(text)
        if not piece:
            return
        if self._line_at is None and piece.strip():
            self._line_at = line
        self._line.append(piece)

    def walk(self, element: _Element) -> None:
        """Read ``element`` and what it holds, in document order."""
        tag = tag_of(element)
        if tag == "table":
            self.flush()
            self._table(element)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        self._add(element.text, source_line(element))
        for child in element:
            self.walk(child)
            self._add(child.tail, source_line(child))
        if block:
            self.flush()

    def _table(self, table: _Element) -> None:
        rows = list(rows_of(table))
        for caption in table.iterchildren("caption"):
            self.walk(caption)
        width = max((len(tr) for tr in rows), default=0)  # children of a row are its cells
        nested = next(islice(table.iter("table"), 1, 2), None) is not None  # the first one is itself
        if width <= 1 or (nested and width <= 2):
            # A layout table wrapping the page: its cells are containers, not data.
            for tr in rows:
                for cell in cells_of(tr):
                    self.walk(cell)
                    self.flush()
            return
        previous = self.items[-1] if self.items else None
        if isinstance(previous, RawTable) and previous.overflow:
            # Nothing printed since the last table, and its row spans run on: a split table
            # whose next piece leaves those columns out. Read the piece with them held.
            piece = expand(table, rows, previous.held_columns())
            if piece.n_cols == previous.n_cols:
                previous.continue_with(piece)
                return
        self.items.append(expand(table, rows))
