"""What the checks may compute with: a cell's number, when it has one."""

from __future__ import annotations

from govreport.model.tables import Cell, CellState

NUMERIC_STATES = frozenset({CellState.READ, CellState.INFERRED})
"""Cell states whose value is a number; blank, placeholder and missing cells are never 0."""


def has_number(cell: Cell) -> bool:
    """Whether the cell holds a number the checks may use (read or inferred)."""
    return cell.state in NUMERIC_STATES and cell.value is not None
