"""The pre-2019 statistics table (统计表, layout ``v2008``): 指标名称 | 计量单位 | 本年度 | 历年累计.

Reports from 2008 to 2018 end with this table. Crawled page text often flattens it into
one run, gluing each row's label, unit and digits to the next row
(``主动公开文件数条206912106其中：1.政府网站公开数条…``). Rows are found by their labels
inside the run; the digits between a row's unit and the next label are that row's
cells. When whitespace or the cell count does not say where one number ends, every
split into the row's cell count is tried: a split is kept only if exactly one is
possible, or exactly one satisfies the table's rules (本年度 ≤ 历年累计, a total equal
to the sum of its parts). Anything else stays ``missing`` with a finding: a guessed
number is never written.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from govreport.model.document import Document, Grid, Location
from govreport.model.findings import CellRef, Finding, Origin, Severity
from govreport.model.tables import Cell, CellState, CellValue, StatTable
from govreport.tables import TABLE_READER_API_VERSION
from govreport.tables.layouts import (
    STATISTICS,
    STATISTICS_COLUMNS,
    STATISTICS_ROWS,
    StatisticsRow,
    ValueKind,
    cell_keys,
)

LAYOUT = "v2008"
RULE_PARTS = "T1"
"""Rule id: a total row equals the sum of its printed parts (答复总数, 申请总数)."""
RULE_CUMULATIVE = "T2"
"""Rule id: 本年度 is at most 历年累计."""
RULE_GLUED = "T3"
"""Rule id: glued digits whose split into cells is not unique."""

_HEADER = re.compile(r"指标\s*名称")
_UNIT_HEADER = re.compile(r"计量\s*单位")
_COLUMN_WORDS = re.compile(r"(?P<this>本年度|本年|(?:19|20)\d{2}\s*年度?)|(?P<cum>历年累计|累计)")
_UNITS = ("万元", "人次", "条", "件", "元", "项", "次", "个", "篇", "期", "份")
_VALUES = re.compile(r"[\d.\s\u3000]*")
# What may stand between one row's digits and the next row's label: 其中, an ordinal.
_ROW_PREFIX = re.compile(
    r"(?P<group>\s*其中\s*[:：]?)?\s*"
    r"(?:(?P<digits>\d{1,2})\s*[.、．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}\s*[、.．])?"
    r"\s*(?:其中\s*[:：]?\s*)?$"
)
_MAX_JOINT = 4096  # assignments tried when ambiguous rows are decided together
_MAX_DIGITS = 15  # no cell of the table counts past 10**15; longer runs are not one number
_MAX_RUN = 60  # a longer run of digits is not split at all: its cells stay missing
_PATTERNS = tuple((r, re.compile(r.pattern)) for r in STATISTICS_ROWS)


@dataclass(frozen=True)
class _Span:
    """Where a stretch of the joined table text came from."""

    start: int
    location: Location
    advances: bool
    """Whether the column advances with the offset (paragraph text) or stays (a grid cell)."""


class _Text:
    """The table's text joined from paragraphs or grid cells, with the way back to locations."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[_Span] = []
        self.starts: list[int] = []
        self.length = 0

    def add(self, text: str, location: Location, *, advances: bool) -> None:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        self.spans.append(_Span(self.length, location, advances))
        self.starts.append(self.length)
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def locate(self, offset: int) -> Location:
        span = self.spans[max(bisect_right(self.starts, offset) - 1, 0)]
        loc = span.location
        if not span.advances or loc.column is None:
            return loc
        return Location(line=loc.line, column=loc.column + offset - span.start, page=loc.page)


@dataclass(frozen=True)
class _PrintedRow:
    row: StatisticsRow
    label: str
    unit: str | None
    runs: tuple[tuple[int, str], ...]
    """``(offset, digits)`` of each whitespace-separated run of digits."""
    location: Location


class StatisticsReader:
    """Finds the 统计表 by its 指标名称/计量单位 header, in paragraphs or grids."""

    name = STATISTICS
    title = "政府信息公开情况统计表"
    api_version = TABLE_READER_API_VERSION

    def read(self, grids: Sequence[Grid]) -> None:
        """The table-reading protocol: this table is read from the whole document instead."""
        return None

    def read_document(self, document: Document) -> tuple[StatTable, list[Finding]] | None:
        """The typed table and its reading findings, or ``None`` when the report has none."""
        text = _table_text(document)
        if text is None:
            return None
        return read_statistics(text)


def _table_text(document: Document) -> _Text | None:
    """The 统计表's text, from its header to the end of the table."""
    for grid in document.grids:
        if _is_header(" ".join(c.text for c in grid.cells[:12])):
            joined = _Text()
            for row in grid.rows():
                for cell in row:
                    joined.add(cell.text, cell.location, advances=False)
            return joined
    paragraphs = document.paragraphs
    for i, paragraph in enumerate(paragraphs):
        match = _HEADER.search(paragraph.text)
        if match is None or not _UNIT_HEADER.search(paragraph.text, match.end()):
            continue
        joined = _Text()
        location = paragraph.location
        joined.add(
            paragraph.text[match.start() :],
            Location(line=location.line, column=(location.column or 1) + match.start(), page=location.page),
            advances=True,
        )
        # A table printed one row per line continues while the lines carry a row label.
        for following in paragraphs[i + 1 : i + 80]:
            if not is_statistics_row(following.text):
                break
            joined.add(following.text, following.location, advances=True)
        return joined
    return None


def _is_header(text: str) -> bool:
    found = _HEADER.search(text)
    return found is not None and _UNIT_HEADER.search(text, found.end()) is not None


def is_statistics_header(line: str) -> bool:
    """Whether a line of text starts the 统计表 (its 指标名称 … 计量单位 header)."""
    return _is_header(line)


def is_statistics_row(line: str) -> bool:
    """Whether a line of text carries a 统计表 row label (the table goes on while lines do)."""
    return any(p.search(line) for _, p in _PATTERNS)


def read_statistics(joined: _Text) -> tuple[StatTable, list[Finding]]:
    """Read the rows of a 统计表 whose text starts at its header."""
    text = joined.text
    unit_header = _UNIT_HEADER.search(text)
    body_start = unit_header.end() if unit_header else 0
    matches = _row_matches(text, body_start)
    findings: list[Finding] = []
    header_end = matches[0][0] if matches else len(text)
    columns = _columns(text[body_start:header_end])
    if not columns:
        columns = tuple(c.key for c in STATISTICS_COLUMNS)
    printed: list[_PrintedRow] = []
    seen: set[str] = set()
    ordinal: int | None = None  # the ordinal of the label being read (1. 2. …), if it has one
    for i, (start, end, row) in enumerate(matches):
        stop = matches[i + 1][0] if i + 1 < len(matches) else len(text)
        segment = text[end:stop]
        if i + 1 < len(matches):
            segment, ordinal = _strip_row_prefix(segment, ordinal)
        if row.key in seen:
            findings.append(_finding("R6", f"统计表中「{text[start:end]}」行重复出现，只读第一次。", row.key))
            continue
        seen.add(row.key)
        parsed = _parse_segment(text, start, end, segment, row, joined)
        if parsed.tail_has_digits:
            findings.append(
                _finding(
                    "R3",
                    f"统计表「{parsed.row.label}」行之后有无法识别的文字「{parsed.tail.strip()[:30]}」，未读取。",
                    row.key,
                    location=parsed.row.location,
                )
            )
        printed.append(parsed.row)
    cells, place_findings = _place(printed, columns, joined)
    findings += place_findings
    ordered = tuple(
        cells.get(key)
        or Cell(table=STATISTICS, row=key[0], column=key[1], value=None, state=CellState.MISSING)
        for key in cell_keys(STATISTICS, LAYOUT)
    )
    location = joined.locate(0)
    return StatTable(key=STATISTICS, layout=LAYOUT, cells=ordered, location=location), findings


def _strip_row_prefix(segment: str, previous: int | None) -> tuple[str, int | None]:
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
    found = [(m.start(), m.end(), row) for row, pattern in _PATTERNS for m in pattern.finditer(text, start)]
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


@dataclass(frozen=True)
class _Segment:
    row: _PrintedRow
    tail: str
    tail_has_digits: bool


def _parse_segment(
    text: str, start: int, end: int, segment: str, row: StatisticsRow, joined: _Text
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
    printed = _PrintedRow(row=row, label=label, unit=unit, runs=runs, location=joined.locate(start))
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


def _number(digits: str, money: bool) -> CellValue | None:
    """A printed number, or ``None`` when the digits cannot be one cell."""
    if not digits or digits.startswith(".") or digits.endswith(".") or len(digits) > _MAX_DIGITS:
        return None
    if "." in digits:
        if not money or digits.count(".") > 1:
            return None
        whole = digits.split(".")[0]
        if len(whole) > 1 and whole.startswith("0"):
            return None
        try:
            return Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern admits digits and one dot only
            return None
    if len(digits) > 1 and digits.startswith("0"):
        return None
    return int(digits)


def _splits(runs: Sequence[str], count: int, money: bool) -> list[tuple[CellValue, ...]]:
    """Every way to cut the runs into ``count`` numbers, each run cut into whole pieces."""
    results: list[tuple[CellValue, ...]] = []

    def cut(run: str, pieces: int) -> Iterator[tuple[CellValue, ...]]:
        if pieces == 1:
            value = _number(run, money)
            if value is not None:
                yield (value,)
            return
        for i in range(1, len(run) - pieces + 2):
            head = _number(run[:i], money)
            if head is None:
                continue
            for tail in cut(run[i:], pieces - 1):
                yield (head, *tail)

    def spread(index: int, left: int) -> Iterator[tuple[CellValue, ...]]:
        if index == len(runs):
            if left == 0:
                yield ()
            return
        remaining = len(runs) - index - 1
        for pieces in range(1, left - remaining + 1):
            if pieces > len(runs[index]):
                break
            for head in cut(runs[index], pieces):
                for tail in spread(index + 1, left - pieces):
                    yield (*head, *tail)

    if len(runs) <= count and sum(len(r) for r in runs) <= _MAX_RUN:
        results = list(spread(0, count))
    return results


def _pieces(row: _PrintedRow, values: Sequence[CellValue]) -> list[tuple[str, int]]:
    """The printed text and offset of each value of a split, in order (a value prints as ``str(value)``)."""
    pieces: list[tuple[str, int]] = []
    runs = iter(row.runs)
    offset, run = next(runs)
    used = 0
    for value in values:
        if used == len(run):
            offset, run = next(runs)
            used = 0
        text = str(value)
        pieces.append((text, offset + used))
        used += len(text)
    return pieces


def _place(
    printed: Sequence[_PrintedRow], columns: tuple[str, ...], joined: _Text
) -> tuple[dict[tuple[str, str], Cell], list[Finding]]:
    """Cells of every printed row: read when the digits say it, inferred when one split fits the rules."""
    findings: list[Finding] = []
    candidates: dict[str, list[tuple[CellValue, ...]]] = {}
    unique: dict[str, bool] = {}
    for row in printed:
        money = row.row.kind is ValueKind.MONEY
        runs = [r for _, r in row.runs]
        if not runs:
            continue
        if len(runs) > len(columns):
            findings.append(
                _finding(
                    "R4",
                    f"统计表「{row.label}」行印出{len(runs)}个数，多于{len(columns)}列，无法确定各数所属的列。",
                    row.row.key,
                    location=row.location,
                )
            )
            continue
        options = _splits(runs, len(columns), money)
        unique[row.row.key] = len(options) == 1
        candidates[row.row.key] = options
    # 本年度 ≤ 历年累计 holds for every row (the total includes this year). It only chooses
    # among splits: digits printed apart are read as printed, and check T2 reports them.
    if "this_year" in columns and "cumulative" in columns:
        a, b = columns.index("this_year"), columns.index("cumulative")
        for key, options in candidates.items():
            if not unique[key]:
                candidates[key] = [o for o in options if o[a] <= o[b]]
    decided, rules_used = _decide(candidates, columns)
    cells: dict[tuple[str, str], Cell] = {}
    by_key = {row.row.key: row for row in printed}
    for key, row in by_key.items():
        value = decided.get(key)
        raw = " ".join(r for _, r in row.runs)
        shown_raw = raw if len(raw) <= 40 else raw[:40] + "…"
        if value is None:
            options = candidates.get(key, [])
            if row.runs and key in candidates:
                shown = "、".join("|".join(str(v) for v in o) for o in options[:6]) or "无"
                findings.append(
                    _finding(
                        RULE_GLUED,
                        f"统计表「{row.label}」行的数字「{shown_raw}」粘连，可拆成{len(options)}种："
                        f"{shown}；无法确定，单元格标为 missing。",
                        key,
                        columns=columns,
                        location=row.location,
                    )
                )
            for column in columns:
                cells[(key, column)] = Cell(
                    table=STATISTICS,
                    row=key,
                    column=column,
                    value=None,
                    state=CellState.MISSING,
                    raw=raw,
                    unit=(row.unit or row.row.unit) if row.row.kind is ValueKind.MONEY else None,
                    location=joined.locate(row.runs[0][0]) if row.runs else row.location,
                )
            continue
        inferred = not unique.get(key, False)
        if inferred:
            names = "、".join(rules_used.get(key, ())) or RULE_CUMULATIVE
            findings.append(
                _finding(
                    RULE_GLUED,
                    f"统计表「{row.label}」行的数字「{shown_raw}」粘连，只有一种拆法符合规则（{names}）："
                    f"{' | '.join(str(v) for v in value)}。",
                    key,
                    columns=columns,
                    location=row.location,
                    severity=Severity.INFO,
                )
            )
        money = row.row.kind is ValueKind.MONEY
        for column, number, (piece, offset) in zip(columns, value, _pieces(row, value), strict=True):
            cells[(key, column)] = Cell(
                table=STATISTICS,
                row=key,
                column=column,
                value=Decimal(number) if money else number,
                state=CellState.INFERRED if inferred else CellState.READ,
                raw=piece,
                unit=(row.unit or row.row.unit) if money else None,
                location=joined.locate(offset),
            )
    return cells, findings


def _decide(
    candidates: dict[str, list[tuple[CellValue, ...]]], columns: tuple[str, ...]
) -> tuple[dict[str, tuple[CellValue, ...]], dict[str, tuple[str, ...]]]:
    """The rows whose split is certain, and the rules that made each certain."""
    decided = {k: o[0] for k, o in candidates.items() if len(o) == 1}
    rules_used: dict[str, tuple[str, ...]] = {k: (RULE_CUMULATIVE,) for k in decided}
    open_rows = [k for k, o in candidates.items() if len(o) > 1]
    if not open_rows:
        return decided, rules_used
    sums = [
        (total.key, tuple(p for p in total.parts if p in candidates))
        for total in STATISTICS_ROWS
        if total.parts and total.key in candidates
    ]
    sums = [(t, parts) for t, parts in sums if parts and any(k in open_rows for k in (t, *parts))]
    involved = [k for k in open_rows if any(k == t or k in parts for t, parts in sums)]
    size = 1
    for key in involved:
        size *= len(candidates[key])
    if not involved or size > _MAX_JOINT:
        return decided, rules_used
    surviving: list[dict[str, tuple[CellValue, ...]]] = []
    for combo in itertools.product(*(candidates[k] for k in involved)):
        values = {**decided, **dict(zip(involved, combo, strict=True))}
        if all(
            values[t][c] == sum((values[p][c] for p in parts), 0)
            for t, parts in sums
            if t in values and all(p in values for p in parts)
            for c in range(len(columns))
        ):
            surviving.append(values)
    for key in involved:
        options = {tuple(s[key]) for s in surviving}
        if len(options) == 1:
            decided[key] = options.pop()
            rules_used[key] = (RULE_CUMULATIVE, RULE_PARTS)
    return decided, rules_used


def _finding(
    rule: str,
    message: str,
    row: str,
    *,
    columns: Sequence[str] = (),
    location: Location | None = None,
    severity: Severity = Severity.WARNING,
) -> Finding:
    refs = tuple(CellRef(table=STATISTICS, row=row, column=c, location=location) for c in columns)
    return Finding(
        rule=rule, severity=severity, origin=Origin.READING, message=message, cells=refs, location=location
    )


READER = StatisticsReader()
"""The entry point registered under ``govreport.table_readers`` as ``statistics``."""
