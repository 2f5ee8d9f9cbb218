"""Split glued runs of digits (``640020470``) into a row's cells, using the printed rules.

Each glued row has a known number of cells. A split cuts its run into that many
numbers; a number never starts with 0 unless it is 0, so ``000`` for three cells has
one split and is read as printed. Where the run admits several splits, the printed
rules choose: row totals (H3, H4) for each row, then 一+二 = 三（七）+四 (H1) and the
outcome sum (H2) across the table. A row whose split is the same in every split of
the whole table that satisfies every rule is ``inferred``; any other row stays
``missing``. Every cell set here comes with a finding, and the search is bounded
(nodes, and the document's time budget).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from govreport.limits import current_budget
from govreport.model.document import Location
from govreport.model.findings import Finding
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout
from govreport.normalize.numbers import CellToken, TokenKind, parse_cell
from govreport.tables.equations import Equation
from govreport.tables.layouts import TABLE_NAMES, column_spec
from govreport.tables.reading import GluedRun, key_refs
from govreport.tables.rules import R8, R9, R10, R11
from govreport.tables.specs import ValueKind

MAX_PART_CHARS = 16
"""Longest printed number considered (digits, separators, sign and unit)."""
MAX_ROW_NODES = 100_000
"""Search nodes for the splits of one run."""
MAX_ROW_SPLITS = 256
"""Splits of one run kept for the table search; a run with more is left missing."""
MAX_TABLE_NODES = 200_000
"""Search nodes for combining the rows' splits under the table's rules."""

_FOLD = str.maketrans("０１２３４５６７８９，．＋－", "0123456789,.+-")
_SPACES = " \u3000\u00a0\n"
_NO_CUT_AFTER = frozenset(",.+-增减加少万")
_NO_CUT_BEFORE = frozenset(",.加少元万")
_SIGN_START = frozenset("+-增减")
_DIGITS = re.compile(r"(?:增加|减少|[+\-])?(\d+)")


class _SearchStoppedError(Exception):
    """Ends a search early: enough results, or the node cap was reached."""

    def __init__(self, capped: bool) -> None:
        super().__init__()
        self.capped = capped


@dataclass(frozen=True)
class _Part:
    raw: str
    offset: int
    value: int | Decimal
    unit: str | None


Split = tuple[_Part, ...]


class _RunText:
    """A run without its spaces, with where cuts may and must fall."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.offsets: list[int] = []
        forced: set[int] = set()
        for i, ch in enumerate(text):
            if ch in _SPACES:
                if chars:
                    forced.add(len(chars))  # a space a crawler left between cells
                continue
            chars.append(ch.translate(_FOLD))
            self.offsets.append(i)
        self.text = text
        self.compact = "".join(chars)
        n = len(self.compact)
        self.allowed = [False] * (n + 1)
        self.allowed[0] = self.allowed[n] = True
        for i in range(1, n):
            prev, cur = self.compact[i - 1], self.compact[i]
            if cur in _SIGN_START or prev == "元":
                forced.add(i)
            self.allowed[i] = i in forced or (prev not in _NO_CUT_AFTER and cur not in _NO_CUT_BEFORE)
        self.forced = frozenset(i for i in forced if 0 < i < n)
        # For each end, the start of the chunk it lies in: a part never crosses a forced cut.
        self.floor = [0] * (n + 1)
        last = 0
        for i in range(1, n + 1):
            self.floor[i] = last
            if i in forced:
                last = i

    def part(self, start: int, end: int, kind: ValueKind) -> _Part | None:
        """The number printed at ``[start, end)``, if it is a valid number of ``kind``."""
        piece = self.compact[start:end]
        digits = _DIGITS.match(piece)
        if digits is None or (len(digits.group(1)) > 1 and digits.group(1)[0] == "0"):
            return None  # a number never starts with 0 unless it is 0
        token = parse_cell(piece)
        if not _fits(token, kind, piece):
            return None
        assert token.value is not None
        offset = self.offsets[start]
        return _Part(self.text[offset : self.offsets[end - 1] + 1], offset, token.value, token.unit)


def _fits(token: CellToken, kind: ValueKind, piece: str) -> bool:
    if token.kind is not TokenKind.NUMBER or token.value is None:
        return False
    signed = piece[0] in _SIGN_START
    if kind is ValueKind.MONEY:
        return token.value >= 0 and not signed
    if isinstance(token.value, Decimal) or token.unit is not None:
        return False
    return kind is ValueKind.SIGNED or (token.value >= 0 and not signed)


@dataclass(frozen=True)
class _LocalSum:
    """A rule inside one row: part ``total`` equals the sum of parts ``parts`` (all to its left)."""

    total: int
    parts: tuple[int, ...]


def splits(
    run: _RunText, kinds: Sequence[ValueKind], sums: Sequence[_LocalSum], limit: int
) -> tuple[list[Split], bool]:
    """Up to ``limit`` splits of ``run`` into ``len(kinds)`` numbers that satisfy ``sums``.

    Parts are chosen from the right, so a row total is known before the parts it sums
    and a partial sum above it ends the branch. Returns the splits and whether the
    node cap stopped the search.
    """
    n, length = len(kinds), len(run.compact)
    chosen: list[_Part | None] = [None] * n
    found: list[Split] = []
    nodes = 0
    budget = current_budget()

    def sums_hold(j: int) -> bool:
        for rule in sums:
            total = chosen[rule.total]
            if total is None:
                continue
            assigned = [chosen[p] for p in rule.parts if p >= j]
            partial = sum((p.value for p in assigned if p is not None), 0)
            if partial > total.value or (min(rule.parts) == j and partial != total.value):
                return False
        return True

    def visit(j: int, end: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_ROW_NODES:
            raise _SearchStoppedError(capped=True)
        if nodes % 4096 == 0:
            budget.check_time()
        if j < 0:
            if end == 0:
                found.append(tuple(p for p in chosen if p is not None))
                if len(found) >= limit:
                    raise _SearchStoppedError(capped=False)
            return
        lowest = max(run.floor[end], j, end - MAX_PART_CHARS)
        starts = (0,) if j == 0 else range(end - 1, lowest - 1, -1)
        for start in starts:
            if start < lowest or not run.allowed[start]:
                continue
            part = run.part(start, end, kinds[j])
            if part is None:
                continue
            chosen[j] = part
            if sums_hold(j):
                visit(j - 1, start)
        chosen[j] = None

    capped = False
    if length >= n:
        try:
            visit(n - 1, length)
        except _SearchStoppedError as stop:
            capped = stop.capped
    return found, capped


@dataclass
class _Row:
    run: GluedRun
    kinds: tuple[ValueKind, ...]
    candidates: list[Split] = field(default_factory=list)
    read: bool = False
    """The format alone allows one split: the numbers are read as printed."""
    problem: str = ""


def split_glued(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    runs: Sequence[GluedRun],
    eqs: Sequence[Equation],
) -> list[Finding]:
    """Fill the cells of glued ``runs`` in ``cells`` (updated in place); return their findings."""
    if not runs:
        return []
    rows: list[_Row] = []
    for run in runs:
        kinds = tuple(column_spec(table, layout, *key).kind for key in run.keys)
        row = _Row(run, kinds)
        text = _RunText(run.text)
        alone, capped = splits(text, kinds, (), 2)
        local = _local_sums(run.keys, eqs)
        if len(alone) == 1 and not capped and not _sums_hold(alone[0], local):
            # The one split breaks the row's own total: more likely a blank cell that left no
            # trace in the glued text than a wrong total, so nothing is read.
            row.problem = "唯一的拆分不满足本行合计（可能有空白格，或原表有误）"
        elif len(alone) == 1 and not capped:
            row.candidates, row.read = alone, True
        elif not alone:
            row.problem = "拆分搜索超过上限" if capped else _why_no_split(text, len(kinds))
        else:
            row.candidates, capped = splits(text, kinds, local, MAX_ROW_SPLITS + 1)
            if capped or len(row.candidates) > MAX_ROW_SPLITS:
                row.candidates, row.problem = [], "可能的拆分太多，搜索超过上限"
            elif not row.candidates:
                row.problem = "没有一种拆分满足本行的合计"
        rows.append(row)
    searched = [r for r in rows if r.candidates and not r.read]
    outcome = _combine(rows, cells, eqs) if searched else _Outcome()
    findings: list[Finding] = []
    name = TABLE_NAMES[table]
    read_rows = [r for r in rows if r.read]
    for row in read_rows:
        _fill(table, layout, cells, row, row.candidates[0], CellState.READ)
    if read_rows:
        shown = "、".join(f"「{r.run.label[-12:]}」{_one_line(r.run.text)}" for r in read_rows[:6])
        findings.append(
            finding(
                R10,
                f"{name}的单元格在原文中没有分隔（粘连在一起，{len(read_rows)}行）；这些行的数字只有一种拆分"
                f"（每行格数固定，多位数不以0开头），按原文读取：{shown}"
                + ("…" if len(read_rows) > 6 else "")
                + "。",
                cells=key_refs(table, [k for r in read_rows for k in r.run.keys], read_rows[0].run.location),
                location=read_rows[0].run.location,
            )
        )
    for index, row in enumerate(rows):
        if row.read:
            continue
        chosen = outcome.chosen.get(index, set()) if not outcome.capped else set()
        head = f"{name}「{row.run.label[-20:]}」的{len(row.run.keys)}个数粘连为「{_one_line(row.run.text)}」"
        if len(chosen) == 1:
            split = row.candidates[chosen.pop()]
            _fill(table, layout, cells, row, split, CellState.INFERRED)
            used = sorted({e.rule for e in eqs if set(row.run.keys) & {*e.left, *e.right}})
            findings.append(
                finding(
                    R8,
                    f"{head}；按表内规则 {'、'.join(used)} 只有一种拆分："
                    f"{' / '.join(p.raw for p in split)}，状态为 inferred。",
                    cells=key_refs(table, row.run.keys, row.run.location),
                    location=row.run.location,
                )
            )
            continue
        _fill(table, layout, cells, row, None, CellState.MISSING)
        if row.problem:
            why = row.problem
        elif index not in outcome.searched:
            why = "拆分不止一种，且没有表内规则能确定"
        elif outcome.capped:
            why = "整表拆分搜索超过上限，无法确定"
        elif not outcome.solutions:
            why = "没有一种整表拆分满足表内规则"
        else:
            why = "满足表内规则的拆分不止一种"
        findings.append(
            finding(
                R9,
                f"{head}；{why}，这些单元格标为 missing。",
                cells=key_refs(table, row.run.keys, row.run.location),
                location=row.run.location,
            )
        )
    if outcome.capped:
        findings.append(
            finding(
                R11,
                f"{name}粘连数字的整表拆分搜索超过上限（{MAX_TABLE_NODES}个节点），"
                "未能按规则确定的行标为 missing。",
                location=runs[0].location,
            )
        )
    return findings


def _why_no_split(run: _RunText, cells: int) -> str:
    chunks = 1 + len(run.forced)
    if chunks > cells:
        return f"印出的数（以空格或换行分开的有{chunks}段）比格数多"
    if len(run.compact) < cells:
        return "印出的数字不够拆成这么多格（可能有空白格）"
    return "没有一种拆分符合数字的写法（多位数不以0开头、单位和符号）"


def _one_line(text: str) -> str:
    return text.replace("\n", " / ")


def _sums_hold(split: Split, sums: Sequence[_LocalSum]) -> bool:
    return all(split[rule.total].value == sum((split[p].value for p in rule.parts), 0) for rule in sums)


def _local_sums(keys: Sequence[CellKey], eqs: Sequence[Equation]) -> list[_LocalSum]:
    index = {k: i for i, k in enumerate(keys)}
    sums = []
    for eq in eqs:
        members = (*eq.left, *eq.right)
        if len(eq.left) == 1 and all(k in index for k in members):
            total = index[eq.left[0]]
            parts = tuple(index[k] for k in eq.right)
            if all(p < total for p in parts):
                sums.append(_LocalSum(total, parts))
    return sums


@dataclass
class _Outcome:
    """What the table search found: the splits each searched row takes in some full solution."""

    searched: set[int] = field(default_factory=set)
    chosen: dict[int, set[int]] = field(default_factory=dict)
    solutions: int = 0
    capped: bool = False


def _combine(rows: Sequence[_Row], cells: dict[CellKey, Cell], eqs: Sequence[Equation]) -> _Outcome:
    """Search every choice of one split per row that satisfies the equations the rows take part in."""
    owner = {k: i for i, r in enumerate(rows) if r.candidates for k in r.run.keys}
    known = {k: c.value for k, c in cells.items() if c.state is CellState.READ and isinstance(c.value, int)}
    usable = [e for e in eqs if all(k in owner or k in known for k in (*e.left, *e.right))]
    # Per equation (left - right = 0): the constant part, and per row its contribution for each split.
    constant = [0] * len(usable)
    contrib: dict[int, dict[int, list[int]]] = {}
    for e, eq in enumerate(usable):
        for sign, keys in ((1, eq.left), (-1, eq.right)):
            for key in keys:
                if key not in owner:
                    constant[e] += sign * int(known[key])
                    continue
                i = owner[key]
                position = rows[i].run.keys.index(key)
                values = contrib.setdefault(i, {}).setdefault(e, [0] * len(rows[i].candidates))
                for c, split in enumerate(rows[i].candidates):
                    values[c] += sign * int(split[position].value)
    order = sorted(contrib, key=lambda i: len(rows[i].candidates))
    outcome = _Outcome(searched=set(order), chosen={i: set() for i in order})
    if not order:
        return outcome
    low = [0] * len(usable)
    high = [0] * len(usable)
    for i in order:
        for e, values in contrib[i].items():
            low[e] += min(values)
            high[e] += max(values)
    total = list(constant)
    choice = [-1] * len(rows)
    nodes = 0
    budget = current_budget()

    def visit(depth: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_TABLE_NODES:
            raise _SearchStoppedError(capped=True)
        if nodes % 4096 == 0:
            budget.check_time()
        if depth == len(order):
            outcome.solutions += 1
            for i in order:
                outcome.chosen[i].add(choice[i])
            return
        i = order[depth]
        mine = contrib[i]
        for e, values in mine.items():
            low[e] -= min(values)
            high[e] -= max(values)
        for c in range(len(rows[i].candidates)):
            for e, values in mine.items():
                total[e] += values[c]
            if all(total[e] + low[e] <= 0 <= total[e] + high[e] for e in mine):
                choice[i] = c
                visit(depth + 1)
            for e, values in mine.items():
                total[e] -= values[c]
        choice[i] = -1
        for e, values in mine.items():
            low[e] += min(values)
            high[e] += max(values)

    try:
        visit(0)
    except _SearchStoppedError:
        outcome.capped = True
    return outcome


def _fill(
    table: str, layout: Layout, cells: dict[CellKey, Cell], row: _Row, split: Split | None, state: CellState
) -> None:
    base = row.run.location
    for i, key in enumerate(row.run.keys):
        if split is None:
            cells[key] = Cell(table=table, row=key[0], column=key[1], value=None, state=state, location=base)
            continue
        part = split[i]
        unit = None
        value: int | Decimal = part.value
        if row.kinds[i] is ValueKind.MONEY:
            unit = part.unit or column_spec(table, layout, *key).unit
            value = Decimal(value)
        location = _part_location(row.run, part.offset)
        cells[key] = Cell(
            table=table,
            row=key[0],
            column=key[1],
            value=value,
            state=state,
            raw=part.raw,
            unit=unit,
            location=location,
        )


def _part_location(run: GluedRun, offset: int) -> Location | None:
    """Where the character at ``offset`` of the run is printed."""
    start, where = 0, run.location
    for segment_start, segment_location in run.segments:
        if segment_start <= offset:
            start, where = segment_start, segment_location
    if where is None or where.column is None:
        return where
    return Location(line=where.line, column=where.column + offset - start, page=where.page, table=where.table)
