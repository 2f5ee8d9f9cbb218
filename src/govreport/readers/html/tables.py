"""HTML tables as grids: row and column spans placed as browsers place them, cell text line by line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from govreport.limits import current_budget
from govreport.readers.cells import CellLines, RawCell, RawTable
from govreport.readers.html.markup import BLOCK_TAGS, flat, source_line, tag_of, text_of

if TYPE_CHECKING:
    from lxml.etree import _Element

# Elements that break a cell's text into lines (the cell itself is counted when it matches).
_LINE_BREAKS = ("br", "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre")
_MAX_COLSPAN = 1000  # as browsers cap them
_MAX_ROWSPAN = 65534
# A span value as browsers read it: leading ASCII digits after optional spaces ("2;", " 3").
# str.isdigit() is not used: it is true for "²" and other digits int() refuses.
_SPAN_DIGITS = re.compile(r"[ \t\n\r\f]*([0-9]+)")


def rows_of(table: _Element) -> Iterator[_Element]:
    """The rows of ``table``, inside ``thead``, ``tbody`` and ``tfoot`` too (not of nested tables)."""
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            yield child
        else:
            yield from child.iterchildren("tr")


def cells_of(tr: _Element) -> Iterator[_Element]:
    """The cells of a row."""
    return tr.iterchildren("td", "th")


def _span(value: str | None, limit: int) -> int:
    """The span an attribute value declares, at most ``limit``; 1 when it declares none."""
    if value is None:
        return 1
    digits = _SPAN_DIGITS.match(value)
    if digits is None:
        return 1
    number = digits.group(1).lstrip("0") or "0"
    if len(number) > len(str(limit)):  # thousands of digits: int() would refuse them, and they are over
        return limit
    return min(int(number), limit)


def expand(table: _Element, rows: list[_Element], held: list[tuple[int, int, int]] | None = None) -> RawTable:
    """The rows of ``table`` as a grid: each origin cell at its grid position with its spans.

    ``held`` lists (column, column span, rows) already covered at the top of the table by
    row spans of the piece before it.
    """
    budget = current_budget()
    occupied: set[tuple[int, int]] = set()
    cells: list[RawCell] = []
    overflow: list[tuple[int, int]] = []
    n_rows = len(rows)
    multiline = _multiline_cells(table)
    for col, span, count in held or ():
        occupied.update((rr, cc) for rr in range(min(count, n_rows)) for cc in range(col, col + span))
    for r, tr in enumerate(rows):
        budget.check_time()
        c = 0
        plain = 0  # cells of this row spanning one position, charged to the budget with the row
        for td in cells_of(tr):
            while (r, c) in occupied:
                c += 1
            declared = _span(td.get("rowspan"), _MAX_ROWSPAN)
            row_span = n_rows - r if declared == 0 else min(declared, n_rows - r)
            if declared > row_span:
                overflow.append((len(cells), declared - row_span))
            col_span = max(_span(td.get("colspan"), _MAX_COLSPAN), 1)
            if row_span == 1 and col_span == 1:
                plain += 1
                if plain == 4096:  # a row of millions of cells stops early too
                    budget.charge("grid_cells", plain)
                    plain = 0
                occupied.add((r, c))
            else:
                # Every position a span covers is a grid cell: charged before it is taken.
                budget.charge("grid_cells", row_span * col_span)
                occupied.update((rr, cc) for rr in range(r, r + row_span) for cc in range(c, c + col_span))
            cells.append(RawCell(_cell_text_of(td, multiline), r, c, row_span, col_span, source_line(td)))
            c += col_span
        budget.charge("grid_cells", plain)
    n_cols = max((cc for _, cc in occupied), default=-1) + 1
    expanded = RawTable(cells=cells, n_rows=n_rows, n_cols=n_cols, line=source_line(table))
    expanded.overflow = overflow
    return expanded


def _multiline_cells(table: _Element) -> set[_Element]:
    """Cells of ``table`` whose text breaks into lines (``<br>``, or more than one block inside)."""
    blocks: dict[_Element, int] = {}
    multiline: set[_Element] = set()
    for mark in table.iter(*_LINE_BREAKS):
        if mark is table:
            continue
        cell = mark.getparent()
        while cell is not None and cell.tag not in ("td", "th"):
            cell = cell.getparent()
        if cell is None:
            continue
        blocks[cell] = blocks.get(cell, 0) + 1
        if mark.tag == "br" or blocks[cell] > 1:
            multiline.add(cell)
    return multiline


def _cell_text_of(td: _Element, multiline: set[_Element]) -> str:
    if td not in multiline:  # one line: no need to walk the cell
        return flat(text_of(td)).strip()
    lines = CellLines()
    _cell_text(td, lines)
    return lines.text()


def _cell_text(element: _Element, lines: CellLines) -> None:
    """Text of a cell: ``<br>``, ``<p>`` and nested rows break lines; nested tables are read as text."""
    tag = tag_of(element)
    if tag == "br":
        lines.newline()
        return
    if tag in ("td", "th"):  # a cell of a nested table: keep it apart from its neighbours
        lines.newline(apart=True)
    elif tag in BLOCK_TAGS or tag == "table":
        lines.newline()
    block = tag in BLOCK_TAGS or tag == "table"
    lines.add(flat(element.text))
    for child in element:
        _cell_text(child, lines)
        lines.add(flat(child.tail))
    if block:
        lines.newline(apart=tag in ("td", "th", "tr", "table"))
