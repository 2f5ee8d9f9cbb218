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

from collections.abc import Sequence
from decimal import Decimal

from govreport.messages import glued as msg
from govreport.messages.names import table_name
from govreport.model.document import Location
from govreport.model.findings import Finding
from govreport.model.messages import Joined, Phrase
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout
from govreport.tables.equations import Equation
from govreport.tables.layouts import column_spec
from govreport.tables.reading import GluedRun, key_refs
from govreport.tables.rules import R8, R9, R10, R11
from govreport.tables.run_splits import GluedRow, RunText, Split, local_sums, splits, sums_hold
from govreport.tables.specs import ValueKind
from govreport.tables.split_search import SearchOutcome, combine_rows

MAX_ROW_SPLITS = 256
"""Splits of one run kept for the table search; a run with more is left missing."""
MAX_TABLE_NODES = 200_000
"""Search nodes for combining the rows' splits under the table's rules."""


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
    rows: list[GluedRow] = []
    for run in runs:
        kinds = tuple(column_spec(table, layout, *key).kind for key in run.keys)
        row = GluedRow(run, kinds)
        text = RunText(run.text)
        alone, capped = splits(text, kinds, (), 2)
        local = local_sums(run.keys, eqs)
        if len(alone) == 1 and not capped and not sums_hold(alone[0], local):
            # The one split breaks the row's own total: more likely a blank cell that left no
            # trace in the glued text than a wrong total, so nothing is read.
            row.problem = msg.ONLY_SPLIT_FAILS_TOTAL()
        elif len(alone) == 1 and not capped:
            row.candidates, row.read = alone, True
        elif not alone:
            row.problem = msg.ROW_SEARCH_CAPPED() if capped else _why_no_split(text, len(kinds))
        else:
            row.candidates, capped = splits(text, kinds, local, MAX_ROW_SPLITS + 1)
            if capped or len(row.candidates) > MAX_ROW_SPLITS:
                row.candidates, row.problem = [], msg.TOO_MANY_SPLITS()
            elif not row.candidates:
                row.problem = msg.NO_SPLIT_FITS_TOTAL()
        rows.append(row)
    searched = [r for r in rows if r.candidates and not r.read]
    outcome = combine_rows(rows, cells, eqs, MAX_TABLE_NODES) if searched else SearchOutcome()
    findings: list[Finding] = []
    name = table_name(table)
    read_rows = [r for r in rows if r.read]
    for row in read_rows:
        _fill(table, layout, cells, row, row.candidates[0], CellState.READ)
    if read_rows:
        shown = Joined(
            [msg.GLUED_ROW(label=r.run.label[-12:], text=_one_line(r.run.text)) for r in read_rows[:6]]
        )
        findings.append(
            finding(
                R10,
                msg.GLUED_READ(
                    table=name, rows=len(read_rows), shown=shown, more="…" if len(read_rows) > 6 else ""
                ),
                cells=key_refs(table, [k for r in read_rows for k in r.run.keys], read_rows[0].run.location),
                location=read_rows[0].run.location,
            )
        )
    for index, row in enumerate(rows):
        if row.read:
            continue
        chosen = outcome.chosen.get(index, set()) if not outcome.capped else set()
        head = msg.GLUED_HEAD(
            table=name, label=row.run.label[-20:], count=len(row.run.keys), text=_one_line(row.run.text)
        )
        if len(chosen) == 1:
            split = row.candidates[chosen.pop()]
            _fill(table, layout, cells, row, split, CellState.INFERRED)
            used = sorted({e.rule for e in eqs if set(row.run.keys) & {*e.left, *e.right}})
            findings.append(
                finding(
                    R8,
                    msg.SPLIT_BY_RULES(row=head, rules=Joined(used), split=" / ".join(p.raw for p in split)),
                    cells=key_refs(table, row.run.keys, row.run.location),
                    location=row.run.location,
                )
            )
            continue
        _fill(table, layout, cells, row, None, CellState.MISSING)
        why: Phrase
        if row.problem:
            why = row.problem
        elif index not in outcome.searched:
            why = msg.UNDECIDED()
        elif outcome.capped:
            why = msg.TABLE_SEARCH_CAPPED()
        elif not outcome.solutions:
            why = msg.NO_TABLE_SPLIT()
        else:
            why = msg.MANY_TABLE_SPLITS()
        findings.append(
            finding(
                R9,
                msg.NOT_SPLIT(row=head, why=why),
                cells=key_refs(table, row.run.keys, row.run.location),
                location=row.run.location,
            )
        )
    if outcome.capped:
        findings.append(
            finding(
                R11,
                msg.SEARCH_CAPPED(table=name, limit=MAX_TABLE_NODES),
                location=runs[0].location,
            )
        )
    return findings


def _why_no_split(run: RunText, cells: int) -> Phrase:
    chunks = 1 + len(run.forced)
    if chunks > cells:
        return msg.TOO_MANY_PIECES(chunks=chunks)
    if len(run.compact) < cells:
        return msg.TOO_FEW_DIGITS()
    return msg.NO_NUMBER_FORM()


def _one_line(text: str) -> str:
    return text.replace("\n", " / ")


def _fill(
    table: str,
    layout: Layout,
    cells: dict[CellKey, Cell],
    row: GluedRow,
    split: Split | None,
    state: CellState,
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
