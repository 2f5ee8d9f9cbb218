"""Turn table readings into typed tables once the layout is known, recovering what the rules allow."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from govreport.messages import reading as msg
from govreport.messages.names import table_title
from govreport.model.findings import Finding
from govreport.model.messages import Joined
from govreport.model.rules import finding
from govreport.model.tables import Cell, CellKey, CellState, Layout, StatTable
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.tables.cells import cells_for
from govreport.tables.equations import equations
from govreport.tables.layouts import APPLICATIONS, cell_keys, replaced_rows
from govreport.tables.reading import LayoutEvidence, TableReading, build_table, is_hybrid, key_refs
from govreport.tables.recovery import recover
from govreport.tables.rules import R3, R5
from govreport.tables.splitting import split_glued


def choose_layout(
    readings: Sequence[TableReading], year: int | None
) -> tuple[Layout | None, list[LayoutEvidence]]:
    """Pick the tables' layout from the readers' evidence; fall back to the year.

    Returns the layout (``None`` when there are no tables) and the evidence used. Mixed
    evidence is kept: rule H8 reports it from the report's version evidence.
    """
    if not readings:
        return None, []
    # Layout(v): a table reader written when layouts were strings still gives their values.
    evidence = [(Layout(v), cue, where) for r in readings for v, cue, where in r.evidence]
    votes = Counter(layout for layout, _, _ in evidence)
    if votes:
        # Table 三 decides a tie: its （六） rows are the one structural difference there.
        app = next((r for r in readings if r.table == APPLICATIONS and r.evidence), None)
        top = max(votes.values())
        leaders = [layout for layout, n in votes.items() if n == top]
        layout = app.evidence[0][0] if app and len(leaders) > 1 else leaders[0]
        return layout, evidence
    layout = Layout.V2019 if year is None else Layout.for_year(year)
    cue = f"表格未显示版本特征，按报告年度{year}取{layout}" if year else f"表格未显示版本特征，取{layout}"
    return layout, [(layout, cue, None)]


def finalize(reading: TableReading, layout: Layout) -> tuple[StatTable, list[Finding]]:
    """Build the typed table for ``layout``: place, recover, and report rows not found."""
    placement = reading.placement(layout)
    table = reading.table
    cells: dict[CellKey, Cell] = cells_for(table, layout, placement.slots)
    findings = list(reading.findings) + list(placement.findings)
    unreadable = [
        k
        for k, c in cells.items()
        if c.state is CellState.PLACEHOLDER and parse_cell(c.raw).kind is TokenKind.TEXT
    ]
    if unreadable:
        shown = Joined([msg.CELL_TEXT(cell=f"{r}/{c}", raw=cells[(r, c)].raw) for r, c in unreadable])
        findings.append(
            finding(
                R5,
                msg.NOT_A_NUMBER(table=table_title(table), cells=shown),
                cells=key_refs(table, unreadable, cells[unreadable[0]].location),
                location=cells[unreadable[0]].location,
            )
        )
    covered = set(cells) | placement.overfull | {k for run in placement.incomplete for k in run.keys}
    covered |= {k for run in placement.glued for k in run.keys}
    hybrid = is_hybrid(table, layout, covered)
    findings += split_glued(table, layout, cells, placement.glued, equations(table, layout, hybrid))
    findings += recover(table, layout, cells, placement.incomplete, equations(table, layout, hybrid))
    rows_seen = {row for row, _ in covered}
    if hybrid:  # the printed hybrid row stands for these; H8 already reports the mixed layout
        rows_seen |= set(replaced_rows(table, layout))
    rows_absent = [
        row for row in dict.fromkeys(r for r, _ in cell_keys(table, layout)) if row not in rows_seen
    ]
    if rows_absent:
        findings.append(
            finding(
                R3,
                msg.ROWS_ABSENT(
                    table=table_title(table),
                    layout=str(layout),
                    count=len(rows_absent),
                    rows=Joined(rows_absent, zh=", ", en=", "),
                ),
                cells=key_refs(
                    table, [k for k in cell_keys(table, layout) if k[0] in rows_absent], reading.location
                ),
                location=reading.location,
            )
        )
    return build_table(reading, layout, cells), findings
