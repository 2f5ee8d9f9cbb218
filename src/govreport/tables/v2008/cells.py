"""The cells of the 统计表's rows: digits read as printed, or split by the table's rules.

When whitespace or the cell count does not say where one number ends, every split into
the row's cell count is tried: a split is kept only if exactly one is possible, or exactly
one satisfies the table's rules (本年度 ≤ 历年累计, a total equal to the sum of its parts).
Anything else stays ``missing`` with a finding: a guessed number is never written.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from attrs import frozen

from govreport.messages import glued as msg
from govreport.messages.reading import NONE
from govreport.model.document import Location
from govreport.model.findings import Finding
from govreport.model.messages import Joined, Param, Phrase
from govreport.model.rules import Check, Rule, finding
from govreport.model.tables import Cell, CellKey, CellState, CellValue
from govreport.tables.layouts import STATISTICS
from govreport.tables.reading import key_refs
from govreport.tables.rules import R4, T3
from govreport.tables.specs import StatisticsRow, ValueKind
from govreport.tables.statistics_form import STATISTICS_ROWS
from govreport.tables.v2008.text import TableText

RULE_PARTS = "T1"
"""Rule id: a total row equals the sum of its printed parts (答复总数, 申请总数)."""
RULE_CUMULATIVE = "T2"
"""Rule id: 本年度 is at most 历年累计."""
_MAX_JOINT = 4096  # assignments tried when ambiguous rows are decided together
_MAX_DIGITS = 15  # no cell of the table counts past 10**15; longer runs are not one number
_MAX_RUN = 60  # a longer run of digits is not split at all: its cells stay missing


@frozen
class PrintedRow:
    """A row as printed: its label, unit and runs of digits, before they are placed in cells."""

    row: StatisticsRow
    label: str
    unit: str | None
    runs: tuple[tuple[int, str], ...]
    """``(offset, digits)`` of each whitespace-separated run of digits."""
    location: Location


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


def _pieces(row: PrintedRow, values: Sequence[CellValue]) -> list[tuple[str, int]]:
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


def place_cells(
    printed: Sequence[PrintedRow], columns: tuple[str, ...], joined: TableText
) -> tuple[dict[CellKey, Cell], list[Finding]]:
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
                statistics_finding(
                    R4,
                    msg.STATISTICS_TOO_MANY(label=row.label, count=len(runs), columns=len(columns)),
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
    cells: dict[CellKey, Cell] = {}
    by_key = {row.row.key: row for row in printed}
    for key, row in by_key.items():
        value = decided.get(key)
        raw = " ".join(r for _, r in row.runs)
        shown_raw = raw if len(raw) <= 40 else raw[:40] + "…"
        if value is None:
            options = candidates.get(key, [])
            if row.runs and key in candidates:
                shown: Param = (
                    Joined(["|".join(str(v) for v in o) for o in options[:6]]) if options else NONE()
                )
                findings.append(
                    statistics_finding(
                        T3,
                        msg.STATISTICS_SPLITS(
                            label=row.label, raw=shown_raw, count=len(options), options=shown
                        ),
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
            names = Joined(rules_used.get(key, ()) or (RULE_CUMULATIVE,))
            findings.append(
                statistics_finding(
                    T3,
                    msg.STATISTICS_ONE_SPLIT(
                        label=row.label, raw=shown_raw, rules=names, values=" | ".join(str(v) for v in value)
                    ),
                    key,
                    columns=columns,
                    location=row.location,
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


def statistics_finding(
    rule: Rule[Check],
    message: Phrase,
    row: str,
    *,
    columns: Sequence[str] = (),
    location: Location | None = None,
) -> Finding:
    """A reading finding about row ``row`` of the 统计表 (and its cells in ``columns``)."""
    return finding(
        rule, message, cells=key_refs(STATISTICS, ((row, c) for c in columns), location), location=location
    )
