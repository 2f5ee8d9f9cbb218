"""Web-page excerpts whose statistics tables lost their structure: one cell per line.

Text copied from a report page often prints each table cell on a line of its own
(sometimes followed by a stray ``|``)::

    第二十条第（一）项
    信息内容
    本年新制作数量
    …
    规章
    0
    0
    0

Inside the sections of tables 二, 三 and 四 (from the section heading to the next
section heading), when every line is such a cell, the lines are rebuilt into one grid:
each line of text starts a row, and the numbers after it are that row's values. Each
cell keeps the line and column it was printed at. Empty cells leave no line, so a row
that printed fewer numbers than it has cells is left to the table readers, which mark
its cells ``missing`` rather than guess which were empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govreport.model.document import Grid, Location, Paragraph
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.readers.blocks import number_grids
from govreport.readers.table_sections import section_of

_STRAY_PIPES = re.compile(r"[\s|]+$")
_CAPTION = re.compile(r"^第二十[一二]?条第\s*[（(]?[一二三四五六七八九十]{1,2}[)）]?\s*项")
_LONGEST_CELL = 60  # a label of table 三 is at most about 40 characters
_TABLE_WORDS = re.compile(r"第二十[一二]?条|信息内容|申请人情况|本年新收|行政复议|结果维持|自然人")


def rebuild_cell_lines(blocks: list[Paragraph | Grid]) -> list[Paragraph | Grid]:
    """``blocks`` with each statutory table printed one cell per line replaced by its grid."""
    regions = _regions(blocks)
    if not regions:
        return blocks
    result: list[Paragraph | Grid] = []
    i = 0
    for start, stop in regions:
        result += blocks[i:start]
        cells = [b for b in blocks[start:stop] if isinstance(b, Paragraph)]
        result.append(_grid(cells))
        i = stop
    result += blocks[i:]
    return number_grids(result)


def _regions(blocks: Sequence[Paragraph | Grid]) -> list[tuple[int, int]]:
    """Block ranges (after the section heading, up to the next heading) that hold one cell per line."""
    headings = [
        (i, key)
        for i, b in enumerate(blocks)
        if isinstance(b, Paragraph) and (key := section_of(_cell_text(b.text))) is not None
    ]
    regions: list[tuple[int, int]] = []
    for n, (at, key) in enumerate(headings):
        stop = headings[n + 1][0] if n + 1 < len(headings) else len(blocks)
        body = blocks[at + 1 : stop]
        if key and _one_cell_per_line(body):
            regions.append((at + 1, stop))
    return regions


def _cell_text(text: str) -> str:
    return _STRAY_PIPES.sub("", text).strip()


def _one_cell_per_line(body: Sequence[Paragraph | Grid]) -> bool:
    """Only short paragraphs (grids of stray ``|`` aside), some naming the table, several of them."""
    if any(isinstance(b, Grid) and any(t.strip() for t in b.texts) for b in body):
        return False  # a real table is there: the table readers read it
    texts = [_cell_text(b.text) for b in body if isinstance(b, Paragraph)]
    texts = [t for t in texts if t]
    if len(texts) < 4 or any(len(t) > _LONGEST_CELL or t.endswith(("。", "；", ";")) for t in texts):
        return False  # a sentence is prose: table cells do not end with 。
    return sum(1 for t in texts if _TABLE_WORDS.search(t)) >= 2


def _grid(paragraphs: Sequence[Paragraph]) -> Grid:
    rows = _rows([(_cell_text(p.text), p.location) for p in paragraphs])
    placed = [(text, loc, r, c) for r, row in enumerate(rows) for c, (text, loc) in enumerate(row)]
    first = paragraphs[0].location
    # Numbered 0 for now: number_grids gives it its place (table=None marks it unnumbered).
    return Grid.from_flat(
        0,
        tuple(text for text, _, _, _ in placed),
        tuple(r for _, _, r, _ in placed),
        tuple(c for _, _, _, c in placed),
        len(rows),
        max(len(r) for r in rows),  # rows is never empty: a region holds 4 cells or more
        Location(line=first.line, column=1),
        lines=tuple(loc.line for _, loc, _, _ in placed),
        columns=tuple(loc.column for _, loc, _, _ in placed),
        pages=tuple(loc.page for _, loc, _, _ in placed),
    )


def _rows(lines: Sequence[tuple[str, Location]]) -> list[list[tuple[str, Location]]]:
    """Rows from cell lines: a line of text starts a row and the numbers after it join it.

    At the start of a table and under each 第二十条 caption, the lines of text before the
    first number are the column header and the first row label: all but the last form one
    header row, so the header is read as a header (its column labels say v2019 or v2021,
    and table 三's 总计 column is not taken for its （七）总计 row).
    """
    rows: list[list[tuple[str, Location]]] = []
    pending: list[tuple[str, Location]] = []  # text lines after a caption, before any number
    under_caption = True

    def flush_pending(*, header: bool) -> None:
        if header and len(pending) > 1:
            rows.append(pending[:-1])
            rows.append(pending[-1:])
        else:
            rows.extend([cell] for cell in pending)
        pending.clear()

    for text, location in lines:
        if not text:
            continue
        is_text = parse_cell(text).kind is TokenKind.TEXT
        if is_text and _CAPTION.search(text):
            flush_pending(header=False)
            rows.append([(text, location)])
            under_caption = True
        elif is_text and under_caption:
            pending.append((text, location))
        elif is_text:
            rows.append([(text, location)])
        else:
            if pending:
                flush_pending(header=True)
            under_caption = False
            if not rows:
                rows.append([])
            rows[-1].append((text, location))
    flush_pending(header=False)
    return rows
