"""The body of ``word/document.xml``: paragraphs, tables with merged cells, and text boxes.

``Location.line`` of a block is its 1-based ordinal among the body's paragraphs and
tables (one "line" per paragraph, as a text export of the file would have). Text is read
one way everywhere (:func:`_runs`): body paragraphs, and each table cell's paragraphs,
text boxes and nested tables in order, as the lines of the cell
(:class:`~govreport.readers.cells.CellLines`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from govreport.limits import current_budget
from govreport.model.document import Location, Paragraph
from govreport.readers.cells import CellLines, RawCell, RawTable, new_raw_cell
from govreport.readers.docx.grid import MAX_SPAN, plain_rows
from govreport.readers.docx.numbering import Numbering
from govreport.readers.docx.tags import (
    ALTERNATE,
    BR,
    CHOICE,
    CR,
    FALLBACK,
    GRID_BEFORE,
    GRID_SPAN,
    HYPHEN,
    SDT,
    SDT_CONTENT,
    SKIP,
    TAB,
    TBL,
    TC,
    TCPR,
    TEXT_BOX,
    TR,
    TRPR,
    VAL,
    VMERGE,
    WRAPPERS,
    P,
    T,
    int_value,
)

if TYPE_CHECKING:
    from lxml.etree import _Element


class BodyReader:
    """Collects blocks in document order; text boxes come out as paragraphs before their anchor."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.budget = current_budget()
        self.items: list[Paragraph | RawTable] = []
        self.ordinal = 0

    def blocks_of(self, container: _Element) -> None:
        """Read the paragraphs and tables of ``container`` (the body, a text box, a content control)."""
        for child in container:
            tag = child.tag
            if tag == P:
                self._paragraph(child)
            elif tag == TBL:
                self.budget.check_time()
                self.ordinal += 1
                self.items.append(self._table(child))
            elif tag in WRAPPERS:
                inner = _unwrapped(child)
                if inner is not None:
                    self.blocks_of(inner)

    def _paragraph(self, paragraph: _Element) -> None:
        lines = CellLines()
        boxes: list[_Element] = []
        lines.add(self.numbering.label(paragraph))
        _runs(paragraph, lines, boxes, tab="\t")
        for box in boxes:  # a label in a text box reads as a paragraph of its own, before its anchor
            self.blocks_of(box)
        self.ordinal += 1
        location = Location(line=self.ordinal)
        for line in lines.lines():
            self.items.append(Paragraph(text=line, location=location))

    def _table(self, table: _Element) -> RawTable:
        cells: list[RawCell] = []
        open_merges: dict[int, int] = {}  # grid column -> index of the cell a vMerge continues
        plain = plain_rows(table, self.numbering, self.budget)
        if plain is not None:
            n_cols = 0
            for r, (col, row) in enumerate(plain):
                for span, merge, text in row:
                    if merge is None:  # most cells: _starts_cell, inlined
                        if open_merges:
                            open_merges.pop(col, None)
                        cells.append(new_raw_cell((text, r, col, 1, span, self.ordinal)))
                    elif _starts_cell(cells, open_merges, r, col, merge):
                        cells.append(new_raw_cell((text, r, col, 1, span, self.ordinal)))
                    col += span
                self.budget.charge("grid_cells", col)  # the grid positions of the row, spans included
                n_cols = max(n_cols, col)
            return RawTable(cells=cells, n_rows=len(plain), n_cols=n_cols, line=self.ordinal)
        rows = list(_children(table, TR))
        n_cols = 0
        for r, tr in enumerate(rows):
            col = 0
            for child in tr:
                if child.tag == TRPR:
                    for prop in child:
                        if prop.tag == GRID_BEFORE:
                            col = int_value(prop.get(VAL), 0)
                    break
            for tc in _children(tr, TC):
                span, merge = 1, None
                for part in tc:
                    if part.tag == TCPR:
                        for prop in part:
                            if prop.tag == GRID_SPAN:
                                span = min(max(int_value(prop.get(VAL), 1), 1), MAX_SPAN)
                            elif prop.tag == VMERGE:
                                merge = prop.get(VAL, "continue")
                        break
                if _starts_cell(cells, open_merges, r, col, merge):
                    # Text is read only for cells that start: list numbers count as they are read.
                    lines = CellLines()
                    self._cell_lines(tc, lines)
                    cells.append(RawCell(lines.text(), r, col, 1, span, self.ordinal))
                col += span
            self.budget.charge("grid_cells", col)  # the grid positions of the row, spans included
            self.budget.check_time()
            n_cols = max(n_cols, col)
        return RawTable(cells=cells, n_rows=len(rows), n_cols=n_cols, line=self.ordinal)

    def _cell_lines(self, container: _Element, lines: CellLines) -> None:
        """The text of a table cell (or a text box in one): a line per paragraph, nested cells apart."""
        for child in container:
            tag = child.tag
            if tag == P:
                lines.newline()
                lines.add(self.numbering.label(child))
                boxes: list[_Element] = []
                _runs(child, lines, boxes, tab=" ")
                for box in boxes:
                    self._cell_lines(box, lines)
                lines.newline()
            elif tag == TBL:
                for tr in _children(child, TR):
                    for tc in _children(tr, TC):
                        lines.newline(apart=True)  # nested cells stay apart
                        self._cell_lines(tc, lines)
                        lines.newline(apart=True)
            elif tag in WRAPPERS:
                inner = _unwrapped(child)
                if inner is not None:
                    self._cell_lines(inner, lines)


def _starts_cell(
    cells: list[RawCell], open_merges: dict[int, int], row: int, col: int, merge: str | None
) -> bool:
    """Apply a cell's ``w:vMerge``: True if it starts a grid cell, False if it extends the one above.

    ``open_merges`` maps a grid column to the index in ``cells`` of the merge open there.
    """
    if merge == "continue" and col in open_merges:
        origin = cells[open_merges[col]]
        cells[open_merges[col]] = origin._replace(row_span=row - origin.row + 1)
        return False
    open_merges.pop(col, None)
    if merge == "restart":
        open_merges[col] = len(cells)
    return True


def _unwrapped(wrapper: _Element) -> _Element | None:
    """What a content control or custom XML element holds."""
    return wrapper.find(SDT_CONTENT) if wrapper.tag == SDT else wrapper


def _children(parent: _Element, tag: str) -> Iterator[_Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            inner = _unwrapped(child)
            if inner is not None:
                yield from _children(inner, tag)


def _runs(element: _Element, lines: CellLines, boxes: list[_Element], *, tab: str) -> None:
    """The visible text of a paragraph's runs, ``w:tab`` as ``tab``; text boxes go to ``boxes``."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == T:
            lines.add(child.text or "")
        elif tag == TAB:
            lines.add(tab)
        elif tag in (BR, CR):
            lines.newline()
        elif tag == HYPHEN:
            lines.add("-")
        elif tag == ALTERNATE:  # the Choice, or the Fallback written for older readers
            chosen = child.find(CHOICE)
            if chosen is None:
                chosen = child.find(FALLBACK)
            if chosen is not None:
                _runs(chosen, lines, boxes, tab=tab)
        elif tag == TEXT_BOX:
            boxes.append(child)
        else:
            _runs(child, lines, boxes, tab=tab)
