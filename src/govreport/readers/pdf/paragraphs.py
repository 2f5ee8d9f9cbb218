"""Text lines into paragraphs, and runs of lines split by column-wide gaps into unruled grids.

Consecutive lines join into one paragraph when the first fills the text width and the
next is not indented. A run of lines with several column runs each is a table printed
without ruling lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial

from govreport.limits import current_budget
from govreport.model.document import Grid, Location, Paragraph
from govreport.readers.blocks import BlockList
from govreport.readers.pdf.geometry import round_box
from govreport.readers.pdf.joining import assemble_grid
from govreport.readers.pdf.lines import TextLine, join_wrapped
from govreport.readers.pdf.ruled import Element, Fragment


def text_width(elements: Sequence[Element]) -> tuple[float, float]:
    """The left edge most lines start at, and the right edge full lines reach."""
    lefts = Counter(round(e.box[0]) for e in elements if isinstance(e, TextLine))
    rights = [e.box[2] for e in elements if isinstance(e, TextLine)]
    if not rights:
        return (0.0, 0.0)
    return (float(lefts.most_common(1)[0][0]), max(rights))


def assemble_blocks(
    sequence: Sequence[TextLine | list[Fragment]], width: tuple[float, float]
) -> list[Paragraph | Grid]:
    """The document's blocks from its text lines and tables in reading order.

    ``width`` is the text's left edge and the right edge full lines reach (:func:`text_width`).
    """
    left, right = width
    blocks = BlockList()
    line_number = 0
    open_lines: list[TextLine] = []  # lines of the paragraph being built
    open_rows: list[TextLine] = []  # lines of a table drawn without lines

    def flush() -> None:
        nonlocal line_number
        if not open_lines:
            return
        line_number += 1
        first = open_lines[0]
        same_page = [line for line in open_lines if line.page == first.page]
        box = (
            min(line.box[0] for line in same_page),
            min(line.box[1] for line in same_page),
            max(line.box[2] for line in same_page),
            max(line.box[3] for line in same_page),
        )
        text = join_wrapped([line.text for line in open_lines])
        blocks.add(
            Paragraph(text=text, location=Location(line=line_number, page=first.page, bbox=round_box(box)))
        )
        open_lines.clear()

    def flush_rows() -> None:
        nonlocal line_number
        if len(open_rows) == 1:  # one line with a wide gap is prose (a signature and a date)
            open_lines.append(open_rows[0])
            flush()
        elif open_rows:
            grid = blocks.add_grid(partial(_unruled_grid, open_rows, first_line=line_number + 1))
            line_number += grid.n_rows
        open_rows.clear()

    budget = current_budget()
    for item in sequence:
        budget.check_time()
        if isinstance(item, list):
            flush()
            flush_rows()
            grid = blocks.add_grid(partial(assemble_grid, item, first_line=line_number + 1))
            line_number += grid.n_rows
            continue
        if len(item.segments) >= 2:
            flush()
            open_rows.append(item)
            continue
        flush_rows()
        if open_lines and _continues(open_lines[-1], item, left, right):
            open_lines.append(item)
            continue
        flush()
        open_lines.append(item)
    flush()
    flush_rows()
    return blocks.blocks


def _unruled_grid(lines: Sequence[TextLine], index: int, first_line: int) -> Grid:
    """Lines of a table printed without ruling lines: one row per line, one cell per run.

    Rows keep as many cells as they have runs, like a flattened text table, because
    without lines the columns of a row with blank cells cannot be known for sure.
    """
    texts, rows, cols, line_numbers, pages, bboxes = [], [], [], [], [], []
    for row, line in enumerate(lines):
        top, bottom = round(line.box[1], 2), round(line.box[3], 2)
        for col, (text, x0, x1) in enumerate(line.segments):
            texts.append(text)
            rows.append(row)
            cols.append(col)
            line_numbers.append(first_line + row)
            pages.append(line.page)
            bboxes.append((round(x0, 2), top, round(x1, 2), bottom))
    first = lines[0]
    return Grid.from_flat(
        index,
        tuple(texts),
        tuple(rows),
        tuple(cols),
        len(lines),
        max(len(line.segments) for line in lines),
        Location(line=first_line, page=first.page, bbox=round_box(first.box), table=index),
        lines=tuple(line_numbers),
        pages=tuple(pages),
        bboxes=tuple(bboxes),
    )


def _continues(previous: TextLine, line: TextLine, left: float, right: float) -> bool:
    """Whether ``line`` wraps on from ``previous``: that one fills the width, this one is not indented."""
    size = max(previous.size, 1.0)
    fills = previous.box[2] >= right - 1.5 * size
    flush_left = abs(line.box[0] - left) <= 0.5 * size
    if line.page == previous.page:
        close = line.box[1] - previous.box[3] <= 1.2 * size
    else:
        close = line.page == previous.page + 1
    return fills and flush_left and close and abs(line.size - previous.size) <= 0.5
