"""Plain DOCX tables read in one pass: rows, cell spans and cell texts, instead of a walk per cell.

Most report tables are plain: rows are the table's children, cells the rows', paragraphs
the cells', and text runs the paragraphs' (``w:p/w:r/w:t``), with no tab, break or hyphen
in a run and no numbered paragraph. lxml's filtered ``iter`` hands over just those
elements in document order, so one loop reads the whole table. Anything else (nested
tables, content controls, text boxes, hyperlinks, tracked changes, list numbers) makes
:func:`plain_rows` answer ``None``, and :class:`~govreport.readers.docx.body.BodyReader`
walks the table cell by cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport.limits import Budget
from govreport.readers.cells import join_lines
from govreport.readers.docx.numbering import Numbering
from govreport.readers.docx.tags import (
    BR,
    CR,
    GRID_BEFORE,
    GRID_SPAN,
    HYPHEN,
    NUMPR,
    PPR,
    PSTYLE,
    TAB,
    TABS,
    TC,
    TCPR,
    TR,
    TRPR,
    VAL,
    VMERGE,
    P,
    R,
    T,
    int_value,
)

if TYPE_CHECKING:
    from lxml.etree import _Element

MAX_SPAN = 1000
"""Largest ``w:gridSpan`` taken as it is written."""

PlainCell = tuple[int, "str | None", str]
"""A cell as the pass reads it: (column span, ``w:vMerge`` value or None, text)."""
PlainRow = tuple[int, list[PlainCell]]
"""A row: (``w:gridBefore`` columns left empty, its cells)."""

# What the pass looks at: the structure, the text, and what makes a table not plain.
_PASS_TAGS = (TR, TRPR, GRID_BEFORE, TC, TCPR, GRID_SPAN, VMERGE, P, T, TAB, BR, CR, HYPHEN, NUMPR, PSTYLE)


def plain_rows(table: _Element, numbering: Numbering, budget: Budget) -> list[PlainRow] | None:
    """The rows of ``table`` with each cell's span, merge and text; ``None`` if the table is not plain.

    A row's properties are its first ``w:trPr``, a cell's its first ``w:tcPr``; the last
    ``w:gridBefore``, ``w:gridSpan`` or ``w:vMerge`` in them counts, as in the walk.
    """
    numbered_styles = numbering.style_numbering if numbering.lists else None
    rows: list[PlainRow] = []
    cells: list[PlainCell] = []
    lines: list[str] = []  # the current cell's non-empty paragraph texts
    pieces: list[str] = []  # the current paragraph's text
    tr = tc = paragraph = row_props = cell_props = None
    before = span = 0
    merge: str | None = None
    for element in table.iter(*_PASS_TAGS):
        tag = element.tag
        if tag == T:
            run = element.getparent()
            if run is None or run.tag != R or run.getparent() is not paragraph:
                return None  # in a hyperlink, a deletion, properties…: the walk decides
            if element.text:
                pieces.append(element.text)
        elif tag == P:
            if element.getparent() is not tc:
                return None
            if pieces:
                lines.append("".join(pieces))
                pieces = []
            paragraph = element
        elif tag == TC:
            if element.getparent() is not tr:
                return None
            if tc is not None:
                cells.append((span, merge, _cell_text(lines, pieces)))
                lines, pieces = [], []
            tc, paragraph, cell_props, span, merge = element, None, None, 1, None
        elif tag == TCPR:
            if cell_props is None and element.getparent() is tc:
                cell_props = element
        elif tag == GRID_SPAN:
            if cell_props is not None and element.getparent() is cell_props:
                span = min(max(int_value(element.get(VAL), 1), 1), MAX_SPAN)
        elif tag == VMERGE:
            if cell_props is not None and element.getparent() is cell_props:
                merge = element.get(VAL, "continue")
        elif tag == TR:
            if element.getparent() is not table:
                return None
            if tr is not None:
                rows.append((before, _finished(cells, tc, span, merge, lines, pieces)))
                cells, lines, pieces = [], [], []
            budget.check_time()
            tr, tc, row_props, before = element, None, None, 0
        elif tag == TRPR:
            if row_props is None and element.getparent() is tr:
                row_props = element
        elif tag == GRID_BEFORE:
            if row_props is not None and element.getparent() is row_props:
                before = int_value(element.get(VAL), 0)
        elif tag == TAB:
            holder = element.getparent()
            properties = holder.getparent() if holder is not None and holder.tag == TABS else None
            if properties is None or properties.tag != PPR:  # tab stops of paragraph properties print nothing
                return None
        elif tag == PSTYLE:
            if numbered_styles is not None and element.get(VAL) in numbered_styles:
                return None
        elif tag != NUMPR or numbered_styles is not None:
            return None  # a break or hyphen in a run, or a list number
    if tr is not None:
        rows.append((before, _finished(cells, tc, span, merge, lines, pieces)))
    return rows


def _finished(
    cells: list[PlainCell],
    tc: _Element | None,
    span: int,
    merge: str | None,
    lines: list[str],
    pieces: list[str],
) -> list[PlainCell]:
    """The cells of a row, its last cell (if it has one) added."""
    if tc is not None:
        cells.append((span, merge, _cell_text(lines, pieces)))
    return cells


def _cell_text(lines: list[str], pieces: list[str]) -> str:
    """A cell's lines stripped and joined, as :meth:`~govreport.readers.cells.CellLines.text` joins them."""
    if pieces:
        lines.append("".join(pieces))
    if len(lines) <= 1:
        return lines[0].strip() if lines else ""
    return join_lines([stripped for line in lines if (stripped := line.strip())])
