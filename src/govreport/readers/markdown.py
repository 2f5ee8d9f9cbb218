"""Markdown made from PDFs by conversion and OCR tools: headings, page footers, table fragments.

PDF-to-Markdown tools cut one printed table into fragments: pipe tables interrupted by
page footers (``— 4 —``), repeated ``## 表二：…`` captions, headings for each block,
and lines of label text that lost their row. This module rewrites such text line by
line, keeping every line and column where it was, so that each statutory table
becomes one table block for the text reader:

- ATX heading marks (``## ``) are blanked; page footers become blank lines;
- inside a statutory table (from its section heading to its last pipe row), lines that
  are not pipe rows become table rows of their own (tab-separated), except in table
  三, where they are stray label fragments whose row cannot be known and are dropped;
- pipe header rows that name no column (``类别 | 数据1 | … | 数据6``) or that repeat row
  labels are dropped.

After the grid is built, rows of table 三 that print numbers but lost their label are
given the label of the only layout row that fits between their labelled neighbours
(:func:`restore_row_labels`); rows that fit nowhere are left unlabelled, so the table
reader reports them and their cells stay ``missing``. Each restored label is listed in
the document's notes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from attrs import evolve

from govreport.model.document import Grid, GridCell, Location, Paragraph, SourceInfo
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.readers.table_sections import section_of
from govreport.tables.layouts import (
    APPLICATIONS_V2019,
    APPLICATIONS_V2021,
    FORM_LAYOUTS,
    GROUP_CORES,
    active_blocks,
)
from govreport.tables.reading import match_core
from govreport.tables.specs import ApplicationRow

_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_HEADING = re.compile(r"^(\s*)(#{1,6})(\s+)")
_FOOTER = re.compile(r"^\s*[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}\s*$")
_TABLE_CAPTION = re.compile(r"^\s*表[一二三四五六]\s*[:：]")
_TRAILING_NUMBER = re.compile(r"(?<=\S)([ \u3000]+)(-?\d[\d,]*(?:\.\d+)?)\s*$")
_GENERIC_HEADER = re.compile(r"^(?:类别|项目|数量|\(?（?数据项目\)?）?|数据\d+|[-—]|)$")
_GENERIC_OR_TOTAL = re.compile(r"^(?:总计|合计)$")
_CAPTION = re.compile(r"第二十[一二]?条第([一二三四五六七八九十]{1,2})项")


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Whether the text has Markdown pipe tables (a ``|---|`` line) or several ``#`` headings."""
    separators = headings = 0
    for line in lines:
        if "|" in line and _SEPARATOR.match(line):
            separators += 1
        elif line.startswith("#") and _HEADING.match(line):
            headings += 1
        if separators or headings >= 2:
            return True
    return False


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 2 and stripped[0] == "|" and stripped[-1] == "|"


def _blank(line: str) -> str:
    return " " * len(line)


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


@dataclass
class MarkdownRepair:
    """The rewritten lines and what the later steps need to know about them."""

    lines: list[str]
    regions: dict[str, tuple[int, int]]
    """For each statutory table, the 0-based range of lines from its section heading to its last pipe row."""
    dropped_numbers: list[tuple[int, str]] = field(default_factory=list)
    """``(line, text)`` of lines holding only a number that no table row could take."""


def normalise_lines(lines: Sequence[str]) -> MarkdownRepair:
    """Rewrite Markdown lines for the text reader, keeping line numbers and columns."""
    out: list[str] = []
    for line in lines:
        if _FOOTER.match(line):
            out.append(_blank(line))
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            line = heading.group(1) + " " * len(heading.group(2)) + line[heading.end(2) :]
        out.append(line)
    repair = MarkdownRepair(out, _table_regions(out))
    for key, (start, end) in repair.regions.items():
        # Each line is judged with the next line that has text: a page footer (now blank)
        # may stand between a header row and its |---|. Walk backwards to know it.
        following = ""
        rewritten: list[str] = []
        for i in range(end, start, -1):
            line = out[i] if i < len(out) else ""
            if i < end:
                new = _table_line(key, line, following)
                if not new.strip() and line.strip() and parse_cell(line.strip()).kind is TokenKind.NUMBER:
                    repair.dropped_numbers.append((i + 1, line.strip()))
                rewritten.append(new)
            if line.strip():
                following = line
        out[start + 1 : end] = reversed(rewritten)
    repair.dropped_numbers.sort()
    return repair


def _table_regions(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Line ranges of the statutory tables: section heading to the last pipe row before the next section."""
    headings: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        section = section_of(line)
        if section is not None:
            headings.append((i, section))
    regions: dict[str, tuple[int, int]] = {}
    for n, (start, key) in enumerate(headings):
        if not key or key in regions:
            continue
        stop = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        last_row = max((i for i in range(start + 1, stop) if _is_pipe_row(lines[i])), default=None)
        if last_row is not None:
            regions[key] = (start, last_row + 1)
    return regions


def _table_line(table: str, line: str, following: str) -> str:
    """One line inside a statutory table, rewritten so the table stays one block."""
    stripped = line.strip()
    if not stripped or _SEPARATOR.match(line):
        return line
    if _is_pipe_row(line):
        is_header = bool(_SEPARATOR.match(following)) and "|" in following
        if is_header and _empty_header(table, _pipe_cells(line)):
            return _blank(line)
        return line
    if _TABLE_CAPTION.match(stripped):
        return _blank(line)  # a converter's repeated 表二：… caption between fragments
    if table == "applications":
        # A fragment of a wrapped label: which row it belongs to is unknown.
        return _blank(line)
    number = _TRAILING_NUMBER.search(line)
    if number is not None:
        gap = number.group(1)
        return line[: number.start(1)] + "\t" + " " * (len(gap) - 1) + line[number.start(2) :]
    return line.rstrip() + "\t"


def _empty_header(table: str, cells: Sequence[str]) -> bool:
    """A header row that names no column: generic words, or row labels of table 三."""
    generic = [bool(_GENERIC_HEADER.match(c)) for c in cells]
    if all(g or _GENERIC_OR_TOTAL.match(c) for g, c in zip(generic, cells, strict=True)) and any(
        g and c for g, c in zip(generic, cells, strict=True)
    ):
        return True  # 类别 | 数据1 | … | 数据6 | 总计: the columns are known by count alone
    if table != "applications" or any(parse_cell(c).kind is TokenKind.NUMBER for c in cells):
        return False
    return sum(1 for c in cells if _application_row(label_key(c), None) is not None) >= 2


def _strip_numbering(key: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})", "", key, count=1)


DROPPED_NUMBER_NOTE = "markdown: 第{line}行的数「{text}」不在任何表格行中，未读取"
"""The note left for a number no row of a statutory table can take (rule M2 reports it)."""
RESTORED_LABEL_NOTE = "markdown: 第{line}行的一行数字没有行名，按前后行的次序读作「{label}」"
"""The note left for each table-三 row labelled by position (rule M1 reports it)."""

_V2019_OTHER = next(r for r in APPLICATIONS_V2019 if r.spec.key == "other")


def _application_row(key: str, group: str | None) -> tuple[int, ApplicationRow] | None:
    """The table 三 row a label key names and the length of the core that named it."""
    best: tuple[int, ApplicationRow] | None = None
    for row in (*APPLICATIONS_V2021, _V2019_OTHER):
        if row.spec.key == "other.other":
            score = 2 if group == "other" and _strip_numbering(key) == "其他" else 0
        else:
            score = match_core((key,), row.spec.cores)
        if score and (best is None or score > best[0]):
            best = (score, row)
    return best


def _row_of(texts: Sequence[str], group: str | None) -> tuple[ApplicationRow | None, str | None]:
    """The row the label cells name (the longest core over all of them) and the group they leave open."""
    best: tuple[int, ApplicationRow] | None = None
    for text in texts:
        key = label_key(text)
        for name, cores in GROUP_CORES.items():
            if match_core((key,), cores):
                group = name
        hit = _application_row(key, group)
        if hit is not None and (best is None or hit[0] > best[0]):
            best = hit
    row = best[1] if best else None
    return row, (row.group if row is not None else group)


def restore_row_labels(grid: Grid) -> tuple[Grid, list[str]]:
    """Give table 三's unlabelled rows of numbers the one label their position admits.

    A run of unlabelled rows between two labelled rows is labelled only when it has
    exactly as many rows as the layout has between those two labels. Returns the grid
    (unchanged when nothing was restored) and a note for each restored row.
    """
    rows = grid.rows()
    labelled: list[tuple[int, str]] = []  # (grid row, layout key)
    unlabelled: list[int] = []
    group: str | None = None
    for r, row in enumerate(rows):
        texts = [c.text for c in row if c.text.strip()]
        if not texts:
            continue
        tokens = [parse_cell(t) for t in texts]
        if tokens[0].kind is TokenKind.NUMBER:
            if sum(1 for t in tokens if t.kind is TokenKind.NUMBER) >= 2:
                unlabelled.append(r)
            continue
        first_value = next((i for i, t in enumerate(tokens) if t.kind is not TokenKind.TEXT), len(texts))
        match, group = _row_of(texts[:first_value], group)
        if match is not None:
            labelled.append((r, match.spec.key))
        elif sum(1 for t in tokens if t.kind is TokenKind.NUMBER) >= 2:
            unlabelled.append(r)  # a label fragment that names no row: placed by position like the rest
    orders = [[row.spec.key for row in rows_] for rows_ in (APPLICATIONS_V2019, APPLICATIONS_V2021)]
    labels_of = {row.spec.key: row.spec.label for row in (*APPLICATIONS_V2021, *APPLICATIONS_V2019)}
    restored: dict[int, str] = {}
    waiting = iter(unlabelled)
    pending = next(waiting, None)
    for (row_a, key_a), (row_b, key_b) in itertools.pairwise(labelled):
        between = []
        while pending is not None and pending < row_b:
            if pending > row_a:
                between.append(pending)
            pending = next(waiting, None)
        if not between:
            continue
        # The gap in each layout that has both rows in this order; v2019 and v2021 differ at （六）.
        gaps = {
            tuple(keys[keys.index(key_a) + 1 : keys.index(key_b)])
            for keys in orders
            if key_a in keys and key_b in keys and keys.index(key_a) < keys.index(key_b)
        }
        fitting = [gap for gap in gaps if len(gap) == len(between)]
        if len(fitting) == 1:
            restored.update(zip(between, fitting[0], strict=True))
    if not restored:
        return grid, []
    cells: list[GridCell] = []
    notes: list[str] = []
    for cell in grid.cells:
        cells.append(_moved(cell, cell.row, cell.col + 1) if cell.row in restored else cell)
    for r, key in sorted(restored.items()):
        first = rows[r][0].location
        location = Location(line=first.line, column=first.column, table=grid.index, row=r, col=0)
        cells.append(GridCell(text=labels_of[key], row=r, col=0, location=location))
        notes.append(RESTORED_LABEL_NOTE.format(line=first.line, label=labels_of[key]))
    return _rebuilt(grid, cells), notes


def finish(
    blocks: list[Paragraph | Grid], repair: MarkdownRepair, source: SourceInfo
) -> tuple[list[Paragraph | Grid], SourceInfo]:
    """Put each statutory table's fragments back together; what was done goes to the notes."""
    regions = repair.regions
    repairs = {
        "active": regroup_active_blocks,
        "applications": restore_row_labels,
        "review_litigation": join_review_rows,
    }
    notes: list[str] = []
    result: list[Paragraph | Grid] = []
    for block in blocks:
        if isinstance(block, Grid):
            line = block.location.line or 0
            for key, (start, end) in regions.items():
                if start < line <= end:
                    block, done = repairs[key](block)
                    notes += done
                    break
        result.append(block)
    notes += [DROPPED_NUMBER_NOTE.format(line=line, text=text) for line, text in repair.dropped_numbers]
    if notes:
        source = evolve(source, notes=(*source.notes, *notes))
    return result, source


def _rebuilt(grid: Grid, cells: list[GridCell], n_rows: int | None = None) -> Grid:
    n_cols = max(grid.n_cols, max((c.col + c.col_span for c in cells), default=0))
    rows = grid.n_rows if n_rows is None else n_rows
    return Grid(index=grid.index, cells=tuple(cells), n_rows=rows, n_cols=n_cols, location=grid.location)


def _moved(cell: GridCell, row: int, col: int) -> GridCell:
    """The same printed cell at another grid position; its location still says where it was printed."""
    return GridCell(
        text=cell.text,
        row=row,
        col=col,
        row_span=cell.row_span,
        col_span=cell.col_span,
        location=cell.location,
    )


_BLOCK_OF_ROW: dict[str, str] = {}


def _block_of(key: str) -> str | None:
    """The 第二十条 clause whose rows include the label ``key`` (longest core wins)."""
    if not _BLOCK_OF_ROW:
        for layout in FORM_LAYOUTS:
            for block in active_blocks(layout):
                for row in block.rows:
                    for core in row.cores:
                        _BLOCK_OF_ROW.setdefault(core, block.clause)
    best = max((core for core in _BLOCK_OF_ROW if core in key), key=len, default=None)
    return _BLOCK_OF_ROW[best] if best else None


def regroup_active_blocks(grid: Grid) -> tuple[Grid, list[str]]:
    """Move table 二 rows that a converter printed away from their 第二十条 caption back under it.

    Each row label (规章, 行政许可, …) belongs to exactly one block, so a labelled row under
    another block's caption has one place to go: right after its own caption, with the
    header row printed just above it. Rows stay as printed; only their order changes.
    """
    rows = grid.rows()
    clause_of_row: dict[int, str] = {}
    captions: dict[str, int] = {}
    current: str | None = None
    unlabelled: list[str] = []  # numbers no block can take: the reader skips them, the notes say so
    for r, row in enumerate(rows):
        text = " ".join(c.text for c in row)
        caption = _CAPTION.search(label_key(text))
        if caption is not None:
            current = caption.group(1)
            captions.setdefault(current, r)
            continue
        first = next((c.text for c in row if c.text.strip()), "")
        if parse_cell(first).kind is TokenKind.NUMBER:
            line = next(c.location.line for c in row if c.text.strip())
            unlabelled.append(
                DROPPED_NUMBER_NOTE.format(line=line, text=" ".join(c.text for c in row).strip())
            )
        if parse_cell(first).kind is not TokenKind.TEXT:
            continue
        clause = _block_of(label_key(first))
        if (
            clause is not None
            and clause != current
            and any(parse_cell(c.text).kind is TokenKind.NUMBER for c in row)
        ):
            clause_of_row[r] = clause
    moving = {r: c for r, c in clause_of_row.items() if c in captions}
    for r, clause in list(moving.items()):
        above = r - 1
        header = rows[above] if above >= 0 else ()
        if (
            above not in moving
            and header
            and not any(parse_cell(c.text).kind is TokenKind.NUMBER for c in header)
            and _CAPTION.search(label_key(" ".join(c.text for c in header))) is None
        ):
            moving[above] = clause
    if not moving:
        return grid, unlabelled
    order: list[int] = []
    for r in range(len(rows)):
        if r in moving:
            continue
        order.append(r)
        clause = next((c for c, at in captions.items() if at == r), None)
        if clause is not None:
            order += sorted(m for m, c in moving.items() if c == clause)
    new_index = {old: new for new, old in enumerate(order)}
    cells = [_moved(c, new_index[c.row], c.col) for c in grid.cells]
    notes = [
        f"markdown: 表二第{rows[r][0].location.line}行按行名移回第二十条第（{clause}）项之下"
        for r, clause in sorted(moving.items())
        if rows[r]
    ]
    return _rebuilt(grid, cells), notes + unlabelled


def join_review_rows(grid: Grid) -> tuple[Grid, list[str]]:
    """Table 四 printed as three sub-tables of five numbers: join them into its one row of fifteen."""
    rows = grid.rows()
    data = [
        r
        for r, row in enumerate(rows)
        if row
        and all(parse_cell(c.text).kind in (TokenKind.NUMBER, TokenKind.BLANK) for c in row)
        and sum(1 for c in row if parse_cell(c.text).kind is TokenKind.NUMBER) == 5
    ]
    if len(data) != 3:
        return grid, []
    first, *rest = data
    cells: list[GridCell] = []
    offset = {first: 0}
    width = max(c.col for c in rows[first]) + 1
    for r in rest:
        offset[r] = width
        width += max(c.col for c in rows[r]) + 1
    for cell in grid.cells:
        if cell.row in offset:
            cells.append(_moved(cell, first, cell.col + offset[cell.row]))
        else:
            cells.append(cell)
    kept = sorted({c.row for c in cells})
    renumber = {old: new for new, old in enumerate(kept)}
    cells = [_moved(c, renumber[c.row], c.col) for c in cells]
    lines = "、".join(str(rows[r][0].location.line) for r in data)
    return _rebuilt(grid, cells, len(kept)), [f"markdown: 表四分三段印出（第{lines}行），合为一行十五个数"]
