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

# What the pass looks at: the structure, the text, and what makes a table not plain. Fewer
# tags match faster, and every element handed over costs a Python object: paragraphs and
# properties are reached from the text and the spans instead.
_PASS_TAGS = (TR, TC, T, GRID_BEFORE, GRID_SPAN, VMERGE, TAB, BR, CR, HYPHEN, NUMPR, PSTYLE)


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
    tr = tc = paragraph = None
    before = span = 0
    merge: str | None = None
    for element in table.iter(*_PASS_TAGS):
        tag = element.tag
        if tag == T:
            run = element.getparent()
            if run is None or run.tag != R:
                return None  # in properties, a deletion…: the walk decides
            holder = run.getparent()
            if holder is not paragraph:  # the first run of a paragraph (or one outside any)
                if holder is None or holder.tag != P or holder.getparent() is not tc:
                    return None  # in a hyperlink, a text box, a content control…
                if pieces:
                    lines.append("".join(pieces))
                    pieces = []
                paragraph = holder
            if element.text:
                pieces.append(element.text)
        elif tag == TC:
            if element.getparent() is not tr:
                return None
            if tc is not None:
                cells.append((span, merge, _cell_text(lines, pieces)))
                lines, pieces = [], []
            tc, paragraph, span, merge = element, None, 1, None
        elif tag == TR:
            if element.getparent() is not table:
                return None
            if tr is not None:
                rows.append((before, _finished(cells, tc, span, merge, lines, pieces)))
                cells, lines, pieces = [], [], []
            budget.check_time()
            tr, tc, paragraph, before = element, None, None, 0
        elif tag == GRID_SPAN:
            if _first_properties(element, TCPR, tc):
                span = min(max(int_value(element.get(VAL), 1), 1), MAX_SPAN)
        elif tag == VMERGE:
            if _first_properties(element, TCPR, tc):
                merge = element.get(VAL, "continue")
        elif tag == GRID_BEFORE:
            if _first_properties(element, TRPR, tr):
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


def _first_properties(prop: _Element, properties_tag: str, owner: _Element | None) -> bool:
    """Whether ``prop`` is in the first ``properties_tag`` child of ``owner``, the one the walk reads."""
    properties = prop.getparent()
    if (
        owner is None
        or properties is None
        or properties.tag != properties_tag
        or properties.getparent() is not owner
    ):
        return False
    return next(owner.iterchildren(properties_tag), None) is properties


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
