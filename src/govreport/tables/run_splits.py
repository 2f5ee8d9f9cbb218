"""The splits of one glued run of digits (``640020470``) into a row's cells.

A number never starts with 0 unless it is 0, a sign or 元 starts a new number, and a space
a crawler left is a cut; the row's own totals (a part to the right equal to the sum of
parts to its left) prune the search. Every search is bounded by a node cap and by the
document's time budget (:class:`NodeCounter`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from attrs import define, field, frozen

from govreport.limits import current_budget
from govreport.model.messages import Phrase
from govreport.model.tables import CellKey
from govreport.normalize.numbers import CellToken, TokenKind, parse_cell
from govreport.tables.equations import Equation
from govreport.tables.reading import GluedRun
from govreport.tables.specs import ValueKind

MAX_PART_CHARS = 16
"""Longest printed number considered (digits, separators, sign and unit)."""
MAX_ROW_NODES = 100_000
"""Search nodes for the splits of one run."""

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


def run_search(search: Callable[[], None]) -> bool:
    """Run a search that a :class:`NodeCounter` may stop; return whether it stopped at the cap."""
    try:
        search()
    except _SearchStoppedError as stop:
        return stop.capped
    return False


class NodeCounter:
    """The nodes of one bounded search: past ``cap`` it stops, and now and then it checks the time."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.nodes = 0
        self._budget = current_budget()

    def visit(self) -> None:
        """Count one node.

        Raises:
            _SearchStoppedError: the cap is reached (``capped``); :func:`run_search` catches it.
            LimitExceededError: the document's time budget is spent.
        """
        self.nodes += 1
        if self.nodes > self.cap:
            raise _SearchStoppedError(capped=True)
        if self.nodes % 4096 == 0:
            self._budget.check_time()


@frozen
class Part:
    """One number cut from a run: as printed, where, its value and unit."""

    raw: str
    offset: int
    value: int | Decimal
    unit: str | None


Split = tuple[Part, ...]


class RunText:
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

    def part(self, start: int, end: int, kind: ValueKind) -> Part | None:
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
        return Part(self.text[offset : self.offsets[end - 1] + 1], offset, token.value, token.unit)


def _fits(token: CellToken, kind: ValueKind, piece: str) -> bool:
    if token.kind is not TokenKind.NUMBER or token.value is None:
        return False
    signed = piece[0] in _SIGN_START
    if kind is ValueKind.MONEY:
        return token.value >= 0 and not signed
    if isinstance(token.value, Decimal) or token.unit is not None:
        return False
    return kind is ValueKind.SIGNED or (token.value >= 0 and not signed)


@frozen
class LocalSum:
    """A rule inside one row: part ``total`` equals the sum of parts ``parts`` (all to its left)."""

    total: int
    parts: tuple[int, ...]


def splits(
    run: RunText, kinds: Sequence[ValueKind], sums: Sequence[LocalSum], limit: int
) -> tuple[list[Split], bool]:
    """Up to ``limit`` splits of ``run`` into ``len(kinds)`` numbers that satisfy ``sums``.

    Parts are chosen from the right, so a row total is known before the parts it sums
    and a partial sum above it ends the branch. Returns the splits and whether the
    node cap stopped the search.
    """
    n, length = len(kinds), len(run.compact)
    chosen: list[Part | None] = [None] * n
    found: list[Split] = []
    counter = NodeCounter(MAX_ROW_NODES)

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
        counter.visit()
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

    capped = run_search(lambda: visit(n - 1, length)) if length >= n else False
    return found, capped


def sums_hold(split: Split, sums: Sequence[LocalSum]) -> bool:
    """Whether ``split`` satisfies every row total in ``sums``."""
    return all(split[rule.total].value == sum((split[p].value for p in rule.parts), 0) for rule in sums)


def local_sums(keys: Sequence[CellKey], eqs: Sequence[Equation]) -> list[LocalSum]:
    """The equations that lie inside one row of ``keys``, whose total stands right of its parts."""
    index = {k: i for i, k in enumerate(keys)}
    sums = []
    for eq in eqs:
        members = (*eq.left, *eq.right)
        if len(eq.left) == 1 and all(k in index for k in members):
            total = index[eq.left[0]]
            parts = tuple(index[k] for k in eq.right)
            if all(p < total for p in parts):
                sums.append(LocalSum(total, parts))
    return sums


@define
class GluedRow:
    """A glued run being split: the kind of each of its cells, its candidate splits, or why it has none."""

    run: GluedRun
    kinds: tuple[ValueKind, ...]
    candidates: list[Split] = field(factory=list)
    read: bool = False
    """The format alone allows one split: the numbers are read as printed."""
    problem: Phrase | None = None
