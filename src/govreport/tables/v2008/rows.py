"""The rows of the 统计表: labels found in the joined text, and what stands between them.

Each row's text runs from its label to the next label; it splits into the rest of the
label, the unit and the runs of digits that :mod:`govreport.tables.v2008.cells` places.
"""

from __future__ import annotations

import re

from attrs import frozen

from govreport.messages import glued as msg
from govreport.model.findings import Finding
from govreport.model.tables import Cell, CellState, Layout, StatTable
from govreport.tables.layouts import STATISTICS, cell_keys
from govreport.tables.rules import R3, R6
from govreport.tables.specs import StatisticsRow
from govreport.tables.statistics_form import STATISTICS_COLUMNS
from govreport.tables.v2008.cells import PrintedRow, place_cells, statistics_finding
from govreport.tables.v2008.text import ROW_PATTERNS, UNIT_HEADER, TableText

_COLUMN_WORDS = re.compile(r"(?P<this>本年度|本年|(?:19|20)\d{2}\s*年度?)|(?P<cum>历年累计|累计)")
_UNITS = ("万元", "人次", "条", "件", "元", "项", "次", "个", "篇", "期", "份")
_VALUES = re.compile(r"[\d.\s\u3000]*")
# What may stand between one row's digits and the next row's label: 其中, an ordinal.
_ROW_PREFIX = re.compile(
    r"(?P<group>\s*其中\s*[:：]?)?\s*"
    r"(?:(?P<digits>\d{1,2})\s*[.、．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}\s*[、.．])?"
    r"\s*(?:其中\s*[:：]?\s*)?$"
)


def read_statistics(joined: TableText) -> tuple[StatTable, list[Finding]]:
    """Read the rows of a 统计表 whose text starts at its header."""
    text = joined.text
    unit_header = UNIT_HEADER.search(text)
    body_start = unit_header.end() if unit_header else 0
    matches = _row_matches(text, body_start)
    findings: list[Finding] = []
    header_end = matches[0][0] if matches else len(text)
    columns = _columns(text[body_start:header_end])
    if not columns:
        columns = tuple(c.key for c in STATISTICS_COLUMNS)
    printed: list[PrintedRow] = []
    seen: set[str] = set()
    ordinal: int | None = None  # the ordinal of the label being read (1. 2. …), if it has one
    for i, (start, end, row) in enumerate(matches):
        stop = matches[i + 1][0] if i + 1 < len(matches) else len(text)
        segment = text[end:stop]
        if i + 1 < len(matches):
            segment, ordinal = strip_row_prefix(segment, ordinal)
        if row.key in seen:
            findings.append(
                statistics_finding(R6, msg.STATISTICS_DUPLICATE_ROW(label=text[start:end]), row.key)
            )
            continue
        seen.add(row.key)
        parsed = _parse_segment(text, start, end, segment, row, joined)
        if parsed.tail_has_digits:
            findings.append(
                statistics_finding(
                    R3,
                    msg.STATISTICS_TAIL(label=parsed.row.label, tail=parsed.tail.strip()[:30]),
                    row.key,
                    location=parsed.row.location,
                )
            )
        printed.append(parsed.row)
    cells, place_findings = place_cells(printed, columns, joined)
    findings += place_findings
    ordered = tuple(
        cells.get(key)
        or Cell(table=STATISTICS, row=key[0], column=key[1], value=None, state=CellState.MISSING)
        for key in cell_keys(STATISTICS, Layout.V2008)
    )
    location = joined.locate(0)
    return StatTable(key=STATISTICS, layout=Layout.V2008, cells=ordered, location=location), findings


def strip_row_prefix(segment: str, previous: int | None) -> tuple[str, int | None]:
    """Cut the next label's 其中 and ordinal off the end of a row's text; return the rest and the ordinal.

    A digit ordinal glued to the row's digits (``…00`` + ``2.``) is read as the ordinal
    that follows the previous one (or 1, after 其中 or at the start), so in ``…0012.`` the
    ``12.`` is an ordinal only when 12 is the one expected; otherwise ``2.`` is.
    """
    match = _ROW_PREFIX.search(segment)
    if match is None or not match.group(0):
        return segment, None
    digits = match.group("digits")
    if digits is None or match.group("group"):
        # After 其中 the digits can only be the ordinal.
        return segment[: match.start()], int(digits) if digits else None
    expected = str(1 if previous is None else previous + 1)
    width = len(expected) if digits.endswith(expected) else 1
    return segment[: match.end("digits") - width], int(digits[-width:])


def _row_matches(text: str, start: int) -> list[tuple[int, int, StatisticsRow]]:
    """Non-overlapping label matches in reading order; at one position the longest wins."""
    found = [
        (m.start(), m.end(), row) for row, pattern in ROW_PATTERNS for m in pattern.finditer(text, start)
    ]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    chosen: list[tuple[int, int, StatisticsRow]] = []
    end = start
    for item in found:
        if item[0] >= end:
            chosen.append(item)
            end = item[1]
    return chosen


def _columns(header: str) -> tuple[str, ...]:
    keys: list[str] = []
    for match in _COLUMN_WORDS.finditer(header):
        key = "this_year" if match["this"] else "cumulative"
        if key not in keys:
            keys.append(key)
    return tuple(keys)


@frozen
class _Segment:
    row: PrintedRow
    tail: str
    tail_has_digits: bool


def _parse_segment(
    text: str, start: int, end: int, segment: str, row: StatisticsRow, joined: TableText
) -> _Segment:
    """Split what follows a label into the rest of the label, the unit and the digit runs."""
    first_digit = _first_value_digit(segment)
    rest = segment[:first_digit]
    unit = next((u for u in _UNITS if rest.rstrip().endswith(u)), None)
    label = (text[start:end] + rest).strip()
    if unit is not None:
        label = label[: label.rfind(unit)].strip()
    values = _VALUES.match(segment, first_digit)
    value_end = values.end() if values else first_digit
    runs = tuple(
        (end + first_digit + m.start(), m.group())
        for m in re.finditer(r"[\d.]+", segment[first_digit:value_end])
    )
    tail = segment[value_end:]
    printed = PrintedRow(row=row, label=label, unit=unit, runs=runs, location=joined.locate(start))
    return _Segment(printed, tail, any(ch.isdigit() for ch in tail))


def _first_value_digit(segment: str) -> int:
    """Where the row's digits start: the first digit outside brackets (…计1条）is part of the label)."""
    depth = 0
    for i, ch in enumerate(segment):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif ch.isdigit() and depth == 0:
            return i
    return len(segment)
