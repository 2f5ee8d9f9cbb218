"""Invariant-guided recovery of rows printed with too few values.

For each incomplete run, every order-preserving placement of its printed values is
tried. The printed rules (H1-H4) then decide the gaps. A cell is filled with state
``inferred`` only when every placement the rules allow gives the whole table the same
values; otherwise the cells stay ``missing``. Printed numbers are never changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from math import comb

from govreport.messages import reading as msg
from govreport.messages.names import table_name
from govreport.model.findings import Finding
from govreport.model.messages import Joined
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout
from govreport.normalize.numbers import TokenKind
from govreport.tables.cells import cell_for
from govreport.tables.equations import Equation
from govreport.tables.layouts import column_spec
from govreport.tables.reading import IncompleteRun, Slot, key_refs
from govreport.tables.rules import R1, R2
from govreport.tables.specs import ValueKind

MAX_PLACEMENTS = 2_000  # per run; beyond this the run is left missing
MAX_NODES = 50_000  # search nodes for a whole table
MAX_SOLUTIONS = 16

Exact = Fraction | int
"""An exact value: counts stay ``int`` (sums of ints are cheap); money and solved values are ``Fraction``."""
Vector = tuple[Exact | None, ...]


def solve(
    eqs: Sequence[Equation], known: Mapping[CellKey, Exact], unknowns: Sequence[CellKey]
) -> tuple[str, dict[CellKey, Fraction]]:
    """Solve ``eqs`` for ``unknowns`` given ``known`` values, exactly.

    Returns ``("none", {})`` when inconsistent, ``("unique", values)`` when every unknown
    is determined, else ``("many", determined_subset)``.
    """
    index = {k: i for i, k in enumerate(unknowns)}
    n = len(unknowns)
    rows: list[list[Fraction]] = []
    for eq in eqs:
        coeffs = [Fraction(0)] * (n + 1)
        for sign, keys in ((1, eq.left), (-1, eq.right)):
            for key in keys:
                if key in index:
                    coeffs[index[key]] += sign
                else:
                    coeffs[n] -= sign * known[key]
        rows.append(coeffs)
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in rows):
        return "none", {}
    values: dict[CellKey, Fraction] = {}
    for i, col in enumerate(pivots):
        if all(rows[i][j] == 0 for j in range(n) if j != col):
            values[unknowns[col]] = rows[i][n]
    return ("unique" if len(values) == n else "many"), values


def _known_value(cell: Cell | None) -> Exact | None:
    if cell is None or cell.value is None:
        return None
    return _exact(cell.value)


def _exact(value: int | Decimal) -> Exact:
    return value if isinstance(value, int) else Fraction(value)


def _admissible(table: str, layout: Layout, key: CellKey, value: Exact) -> bool:
    kind = column_spec(table, layout, *key).kind
    if kind is ValueKind.MONEY:
        return value >= 0
    return value.denominator == 1 and (kind is ValueKind.SIGNED or value >= 0)


class _Options:
    """The distinct value vectors a run can take, each with the placements giving it."""

    def __init__(self, run: IncompleteRun) -> None:
        self.run = run
        self.by_vector: dict[Vector, list[tuple[int, ...]]] = {}


def recover(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    runs: Sequence[IncompleteRun],
    eqs: Sequence[Equation],
) -> list[Finding]:
    """Fill or mark the cells of ``runs`` in ``cells`` (updated in place); return findings."""
    if not runs:
        return []
    run_keys = {k for run in runs for k in run.keys}
    usable = [
        e
        for e in eqs
        if any(k in run_keys for k in (*e.left, *e.right))
        and all(k in run_keys or _known_value(cells.get(k)) is not None for k in (*e.left, *e.right))
    ]
    known = {
        k: v
        for e in usable
        for k in (*e.left, *e.right)
        if k not in run_keys and (v := _known_value(cells.get(k))) is not None
    }
    options: list[_Options] = []
    unsolvable: list[IncompleteRun] = []
    for run in runs:
        opt = _run_options(table, layout, run, usable, known)
        if opt is None or not opt.by_vector:
            unsolvable.append(run)
        else:
            options.append(opt)
    # Cells of an unsolvable run stay missing: equations through them say nothing about the
    # other runs, so the search drops them. The other runs' placements stand: they use only
    # equations within their own row, and runs (one per row) never share cells.
    lost = {k for run in unsolvable for k in run.keys}
    usable = [e for e in usable if not any(k in lost for k in (*e.left, *e.right))]
    solutions = _search(table, layout, options, usable, known) if options else []
    findings: list[Finding] = []
    for opt in options:
        findings.extend(_settle(table, layout, cells, opt, solutions))
    for run in unsolvable:
        findings.extend(_settle_unsolvable(table, cells, run))
    silent = [
        run for run in runs if not run.tokens and any(cells[k].state is CellState.MISSING for k in run.keys)
    ]
    if silent:
        unread = [k for run in silent for k in run.keys if cells[k].state is CellState.MISSING]
        findings.append(_labels_without_values(table, silent, unread))
    return findings


def _labels_without_values(table: str, silent: Sequence[IncompleteRun], unread: list[CellKey]) -> Finding:
    """Rows printed with their label and not one value: one finding for the table, not one per row.

    Copies that drop empty cells (page text, one cell per line) leave no trace of a blank cell,
    so nothing tells a blank from a lost value: the cells are missing, never blank, never 0.
    """
    labels = Joined([msg.QUOTE(text=run.label) for run in silent[:6]])
    more = msg.ETC() if len(silent) > 6 else ""
    return finding(
        R1,
        msg.LABELS_ONLY(
            table=table_name(table), rows=len(silent), labels=labels, more=more, cells=len(unread)
        ),
        cells=key_refs(table, unread, silent[0].location),
    )


def _run_options(
    table: str,
    layout: Layout,
    run: IncompleteRun,
    usable: Sequence[Equation],
    known: dict[CellKey, Exact],
) -> _Options | None:
    n, k = len(run.keys), len(run.tokens)
    if any(t.kind is not TokenKind.NUMBER for t, _ in run.tokens) or comb(n, k) > MAX_PLACEMENTS:
        return None
    keyset = set(run.keys)
    local = [e for e in usable if all(x in keyset for x in (*e.left, *e.right))]
    opt = _Options(run)
    for placement in combinations(range(n), k):
        assigned = {run.keys[i]: _exact(run.tokens[j][0].value or 0) for j, i in enumerate(placement)}
        gaps = [key for i, key in enumerate(run.keys) if i not in placement]
        status, values = solve(local, {**known, **assigned}, gaps) if local else ("many", {})
        if status == "none":
            continue
        if any(not _admissible(table, layout, key, v) for key, v in values.items()):
            continue
        vector = tuple(assigned.get(key, values.get(key)) for key in run.keys)
        opt.by_vector.setdefault(vector, []).append(placement)
    return opt


def _search(
    table: str,
    layout: Layout,
    options: Sequence[_Options],
    usable: Sequence[Equation],
    known: dict[CellKey, Exact],
) -> list[dict[CellKey, Exact]] | None:
    """Distinct complete solutions over all runs; ``None`` when they cannot be enumerated."""
    solutions: list[dict[CellKey, Exact]] = []
    nodes = 0
    aborted = False

    sides = [(e.left, e.right, (*e.left, *e.right)) for e in usable]

    def consistent(values: dict[CellKey, Exact]) -> bool:
        value, known_value = values.get, known.get
        for left_keys, right_keys, keys in sides:
            if all(x in values or x in known for x in keys):
                left = sum(value(x, known_value(x)) or 0 for x in left_keys)
                right = sum(value(x, known_value(x)) or 0 for x in right_keys)
                if left != right:
                    return False
        return True

    def visit(i: int, values: dict[CellKey, Exact], free: list[CellKey]) -> None:
        nonlocal nodes, aborted
        if aborted:
            return
        nodes += 1
        if nodes > MAX_NODES or len(solutions) > MAX_SOLUTIONS:
            aborted = True
            return
        if i == len(options):
            status, solved = solve(usable, {**known, **values}, free) if free else ("unique", {})
            if status == "none":
                return
            if status == "many":
                aborted = True  # infinitely many fillings: nothing can be inferred
                return
            full = {**values, **solved}
            if all(_admissible(table, layout, key, v) for key, v in solved.items()) and full not in solutions:
                solutions.append(full)
            return
        run = options[i].run
        for vector in options[i].by_vector:
            step = dict(values)
            step_free = list(free)
            for key, v in zip(run.keys, vector, strict=True):
                if v is None:
                    step_free.append(key)
                else:
                    step[key] = v
            if consistent(step):
                visit(i + 1, step, step_free)

    visit(0, {}, [])
    return None if aborted else solutions


def _to_value(table: str, layout: Layout, key: CellKey, value: Exact) -> int | Decimal:
    if column_spec(table, layout, *key).kind is ValueKind.MONEY:
        return Decimal(value.numerator) / Decimal(value.denominator)
    return int(value)


def _unprinted_cell(table: str, key: CellKey, run: IncompleteRun, value: int | Decimal | None) -> Cell:
    """A cell the row did not print: ``inferred`` with the value the rules pin down, else ``missing``."""
    return Cell(
        table=table,
        row=key[0],
        column=key[1],
        value=value,
        state=CellState.MISSING if value is None else CellState.INFERRED,
        location=run.location,
    )


def _token_cell(table: str, layout: Layout, run: IncompleteRun, key: CellKey, token_index: int) -> Cell:
    token, grid_cell = run.tokens[token_index]
    return cell_for(table, layout, key, Slot(token, grid_cell))


def _settle(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    opt: _Options,
    solutions: list[dict[CellKey, Exact]] | None,
) -> list[Finding]:
    run = opt.run
    printed = " ".join(t[1].text for t in run.tokens) or "（无）"
    vectors = list(opt.by_vector)
    if solutions:
        vectors = [v for v in vectors if any(_matches(run, v, s) for s in solutions)]
    # With no consistent solution at all, no placement is trusted, not even a locally plausible one.
    placements = [p for v in vectors for p in opt.by_vector[v]] if solutions != [] else []
    agreed = {key: {s[key] for s in solutions} for key in run.keys} if solutions else {}
    inferred: list[CellKey] = []
    for i, key in enumerate(run.keys):
        token_positions = {p.index(i) if i in p else -1 for p in placements}
        if placements and len(token_positions) == 1 and -1 not in token_positions:
            cells[key] = _token_cell(table, layout, run, key, token_positions.pop())
        elif solutions and len(agreed[key]) == 1:
            value = _to_value(table, layout, key, next(iter(agreed[key])))
            cells[key] = _unprinted_cell(table, key, run, value)
            inferred.append(key)
        else:
            cells[key] = _unprinted_cell(table, key, run, None)
    head = msg.SHORT_ROW(label=run.label, expected=len(run.keys), count=len(run.tokens), printed=printed)
    findings: list[Finding] = []
    if inferred:
        how = msg.ONE_FILLING() if len(solutions or ()) == 1 else msg.SAME_IN_ALL()
        findings.append(
            finding(
                R2,
                msg.FILLED_BY_RULES(row=head, how=how, count=len(inferred)),
                cells=key_refs(table, inferred, run.location),
            )
        )
    missing = [k for k in run.keys if cells[k].state is CellState.MISSING]
    if missing and run.tokens:  # a row with no value at all is reported with its table's others
        why = msg.NO_FILLING() if solutions == [] else msg.MANY_FILLINGS()
        findings.append(
            finding(
                R1,
                msg.NOT_FILLED(row=head, why=why, count=len(missing)),
                cells=key_refs(table, missing, run.location),
            )
        )
    return findings


def _matches(run: IncompleteRun, vector: Vector, solution: dict[CellKey, Exact]) -> bool:
    return all(v is None or solution.get(k) == v for k, v in zip(run.keys, vector, strict=True))


def _settle_unsolvable(table: str, cells: dict[CellKey, Cell], run: IncompleteRun) -> list[Finding]:
    n, k = len(run.keys), len(run.tokens)
    for key in run.keys:
        cells[key] = _unprinted_cell(table, key, run, None)
    if not run.tokens:
        return []  # reported with the table's other rows that printed no value
    printed = " ".join(t[1].text for t in run.tokens)
    return [
        finding(
            R1,
            msg.SHORT_UNPLACED(label=run.label, expected=n, count=k, printed=printed),
            cells=key_refs(table, run.keys, run.location),
        )
    ]
