"""One split per glued row, chosen together under the table's equations.

Each equation (left − right = 0) gets a constant from the cells read as printed and, per
row, a contribution for each of its splits; a depth-first search with the range of what
the rows still to choose can add prunes every branch that can no longer balance.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define, field

from govreport.model.tables import Cell, CellKey, CellState
from govreport.tables.equations import Equation
from govreport.tables.run_splits import GluedRow, NodeCounter, run_search


@define
class SearchOutcome:
    """What the table search found: the splits each searched row takes in some full solution."""

    searched: set[int] = field(factory=set)
    chosen: dict[int, set[int]] = field(factory=dict)
    solutions: int = 0
    capped: bool = False


def combine_rows(
    rows: Sequence[GluedRow], cells: dict[CellKey, Cell], eqs: Sequence[Equation], max_nodes: int
) -> SearchOutcome:
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
    outcome = SearchOutcome(searched=set(order), chosen={i: set() for i in order})
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
    counter = NodeCounter(max_nodes)

    def visit(depth: int) -> None:
        counter.visit()
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

    outcome.capped = run_search(lambda: visit(0))
    return outcome
