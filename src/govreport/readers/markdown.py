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

After the grid is built, :func:`finish` applies the repairs of
:mod:`govreport.readers.markdown_tables` to each statutory table's grid (rows of table 二
moved back under their caption, table 三's lost row labels restored by position, table
四's three sub-tables joined) and lists each repair in the document's notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import define, evolve, field

from govreport.model.document import Grid, Paragraph, SourceInfo
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.normalize.text import label_key
from govreport.readers.markdown_tables import (
    DROPPED_NUMBER_NOTE,
    RESTORED_LABEL_NOTE,
    application_row,
    join_review_rows,
    regroup_active_blocks,
    restore_row_labels,
)
from govreport.readers.pipe_tables import PIPE_SEPARATOR, is_pipe_row, pipe_cells
from govreport.readers.table_sections import section_of

__all__ = [
    "DROPPED_NUMBER_NOTE",
    "RESTORED_LABEL_NOTE",
    "MarkdownRepair",
    "finish",
    "looks_like_markdown",
    "normalise_lines",
]

_HEADING = re.compile(r"^(\s*)(#{1,6})(\s+)")
_FOOTER = re.compile(r"^\s*[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}\s*$")
_TABLE_CAPTION = re.compile(r"^\s*表[一二三四五六]\s*[:：]")
_TRAILING_NUMBER = re.compile(r"(?<=\S)([ \u3000]+)(-?\d[\d,]*(?:\.\d+)?)\s*$")
_GENERIC_HEADER = re.compile(r"^(?:类别|项目|数量|\(?（?数据项目\)?）?|数据\d+|[-—]|)$")
_GENERIC_OR_TOTAL = re.compile(r"^(?:总计|合计)$")


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Whether the text has Markdown pipe tables (a ``|---|`` line) or several ``#`` headings."""
    separators = headings = 0
    for line in lines:
        if "|" in line and PIPE_SEPARATOR.match(line):
            separators += 1
        elif line.startswith("#") and _HEADING.match(line):
            headings += 1
        if separators or headings >= 2:
            return True
    return False


def _blank(line: str) -> str:
    return " " * len(line)


@define
class MarkdownRepair:
    """The rewritten lines and what the later steps need to know about them."""

    lines: list[str]
    regions: dict[str, tuple[int, int]]
    """For each statutory table, the 0-based range of lines from its section heading to its last pipe row."""
    dropped_numbers: list[tuple[int, str]] = field(factory=list)
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
        last_row = max((i for i in range(start + 1, stop) if is_pipe_row(lines[i])), default=None)
        if last_row is not None:
            regions[key] = (start, last_row + 1)
    return regions


def _table_line(table: str, line: str, following: str) -> str:
    """One line inside a statutory table, rewritten so the table stays one block."""
    stripped = line.strip()
    if not stripped or PIPE_SEPARATOR.match(line):
        return line
    if is_pipe_row(line):
        is_header = bool(PIPE_SEPARATOR.match(following)) and "|" in following
        if is_header and _empty_header(table, pipe_cells(line)):
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
    return sum(1 for c in cells if application_row(label_key(c), None) is not None) >= 2


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
