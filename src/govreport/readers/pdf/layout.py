"""Page geometry to document blocks: the steps of the layout, each in its own module.

Pure geometry with no PDF library: :mod:`govreport.readers.pdf.reader` extracts characters and
ruling lines (:mod:`~govreport.readers.pdf.geometry`), and :func:`layout_document` turns them
into paragraphs and grids. Coordinates are PDF points with the origin at the top left of the
page (``top`` grows downwards).

The steps, per document (the module of each in brackets):

1. [ruled] Ruling lines that touch form a table; their x and y positions cut it into elementary
   cells, and two neighbouring elementary cells belong to one merged cell when no ruling
   separates them (so spans follow the lines actually drawn).
2. [lines] Characters inside a table go to their cell; lines inside a cell are joined (a number
   wrapped in a narrow column is joined without a space). Characters turned by quarter
   turns (vertical text) form lines in their own direction.
3. [furniture] Characters outside tables form text lines. The first and last lines of a page are
   dropped when they are page numbers (``- 4 -``, ``第 4 页``) or repeat on other pages.
4. [joining] A table that opens a page and has the same columns as the table that closed the
   previous page continues it; header rows repeated at the top are dropped, and a row
   (or a merged cell) that broke across the page is joined back when its text was cut
   while wrapping.
5. [paragraphs] Consecutive lines that fill the text width are joined into one paragraph. Runs of
   lines split by column-wide gaps become a grid of a table drawn without lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.limits import current_budget
from govreport.model.document import Grid, Paragraph
from govreport.readers.pdf.furniture import page_furniture
from govreport.readers.pdf.geometry import Char, PageContent, Ruling
from govreport.readers.pdf.joining import same_columns
from govreport.readers.pdf.lines import TextLine, reading_lines
from govreport.readers.pdf.paragraphs import assemble_blocks, text_width
from govreport.readers.pdf.ruled import Element, Fragment, build_fragment, find_tables

__all__ = ["Char", "PageContent", "Ruling", "layout_document"]
"""The layout's input (what the PDF reader extracts) and the function that lays it out."""


def _page_elements(page: PageContent) -> list[Element]:
    """A page's tables and text lines, top to bottom."""
    groups = find_tables(page.rulings)
    boxes = []
    for group in groups:
        xs = [r.position for r in group if not r.horizontal]
        ys = [r.position for r in group if r.horizontal]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    inside: list[list[Char]] = [[] for _ in groups]
    outside: list[Char] = []
    for ch in page.chars if boxes else ():
        _, left, top, right, bottom, _, _ = ch
        cx, cy = (left + right) / 2, (top + bottom) / 2
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                inside[i].append(ch)
                break
        else:
            outside.append(ch)
    if not boxes:
        outside = list(page.chars)
    elements: list[Element] = [build_fragment(g, inside[i], page.number) for i, g in enumerate(groups)]
    elements.extend(line for line in reading_lines(outside, page.number) if line.text)
    elements.sort(key=lambda e: e.box[1])
    return elements


def layout_document(pages: Sequence[PageContent]) -> list[Paragraph | Grid]:
    """Paragraphs and grids of a whole document, in reading order."""
    budget = current_budget()
    per_page = []
    for page in pages:
        budget.check_time()
        per_page.append(_page_elements(page))
    furniture = page_furniture(pages, per_page)
    ordered: list[Element] = [e for items in per_page for e in items if id(e) not in furniture]
    # Tables continued across a page break: the fragment opening a page continues the
    # fragment that closed the previous one when their columns match.
    tables: list[list[Fragment]] = []
    sequence: list[TextLine | list[Fragment]] = []
    previous: Element | None = None
    for element in ordered:
        if isinstance(element, Fragment):
            if (
                isinstance(previous, Fragment)
                and previous.page + 1 == element.page
                and tables
                and same_columns(tables[-1][-1], element)
            ):
                tables[-1].append(element)
            else:
                tables.append([element])
                sequence.append(tables[-1])
        else:
            sequence.append(element)
        previous = element
    return assemble_blocks(sequence, text_width(ordered))
