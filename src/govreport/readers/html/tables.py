"""HTML tables as grids: row and column spans placed as browsers place them, cell text line by line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from govreport.limits import current_budget
from govreport.readers.cells import CellLines, RawCell, RawTable, new_raw_cell
from govreport.readers.html.markup import BLOCK_TAGS, WHITESPACE, flat, source_line, tag_of, text_getter

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
    # Per grid column, the first row no cell placed so far covers. Every cell placed starts
    # at or above the row being read, so "covered at row r" is exactly free_from[c] > r.
    free_from: list[int] = []
    cells: list[RawCell] = []
    overflow: list[tuple[int, int]] = []
    n_rows = len(rows)
    multiline = _multiline_cells(table)
    for col, span, count in held or ():
        if min(count, n_rows) > 0:
            _cover(free_from, col, span, min(count, n_rows))
    squeeze, text_of_cell = WHITESPACE.sub, text_getter()
    for r, tr in enumerate(rows):
        budget.check_time()
        c = 0
        plain = 0  # cells of this row spanning one position, charged to the budget with the row
        for td in tr.iterchildren("td", "th"):
            width = len(free_from)
            while c < width and free_from[c] > r:
                c += 1
            rowspan, colspan = td.get("rowspan"), td.get("colspan")
            if rowspan is None and colspan is None:
                row_span = col_span = 1
            else:
                declared = _span(rowspan, _MAX_ROWSPAN)
                row_span = n_rows - r if declared == 0 else min(declared, n_rows - r)
                if declared > row_span:
                    overflow.append((len(cells), declared - row_span))
                col_span = max(_span(colspan, _MAX_COLSPAN), 1)
            if row_span == 1 and col_span == 1:
                plain += 1
                if plain == 4096:  # a row of millions of cells stops early too
                    budget.charge("grid_cells", plain)
                    plain = 0
                if c < width:
                    free_from[c] = r + 1  # free before this cell, so nothing lower is held
                else:
                    free_from.append(r + 1)
            else:
                # Every position a span covers is a grid cell: charged before it is taken.
                budget.charge("grid_cells", row_span * col_span)
                _cover(free_from, c, col_span, r + row_span)
            if td in multiline:
                text = _cell_lines(td)
            else:  # markup.flat, inlined: this runs for every cell of every table
                text = squeeze(" ", text_of_cell(td, method="text", encoding="unicode", with_tail=False))
                text = text.replace("\xa0", " ").strip()
            line = td.sourceline  # source_line(td), inlined
            cells.append(
                new_raw_cell((text, r, c, row_span, col_span, line if isinstance(line, int) else None))
            )
            c += col_span
        budget.charge("grid_cells", plain)
    expanded = RawTable(cells=cells, n_rows=n_rows, n_cols=len(free_from), line=source_line(table))
    expanded.overflow = overflow
    return expanded


def _cover(free_from: list[int], col: int, span: int, until: int) -> None:
    """Mark columns ``col`` to ``col + span - 1`` covered up to row ``until`` (exclusive)."""
    if len(free_from) < col + span:
        free_from.extend([0] * (col + span - len(free_from)))
    for c in range(col, col + span):
        if free_from[c] < until:
            free_from[c] = until


def _multiline_cells(table: _Element) -> set[_Element]:
    """Cells of ``table`` whose text breaks into lines (``<br>``, or more than one block inside)."""
    blocks: dict[_Element, int] = {}
    multiline: set[_Element] = set()
    for mark in table.iter(*_LINE_BREAKS):
        if mark is table:
            continue
        cell = mark.getparent()
        # A mark outside this table's cells (its own rows) belongs to none of them: stop at the table.
        while cell is not None and cell is not table and cell.tag not in ("td", "th"):
            cell = cell.getparent()
        if cell is None or cell is table:
            continue
        blocks[cell] = blocks.get(cell, 0) + 1
        if mark.tag == "br" or blocks[cell] > 1:
            multiline.add(cell)
    return multiline


def _cell_lines(td: _Element) -> str:
    """The text of a multi-line cell, its lines joined."""
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
