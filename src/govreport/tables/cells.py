"""Typed cells from placed values: a slot's token becomes a read, blank or placeholder cell."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from govreport.model.tables import Cell, CellKey, CellState, Layout, new_cell
from govreport.normalize.numbers import TokenKind
from govreport.tables.layouts import column_specs
from govreport.tables.specs import ColumnSpec, ValueKind

if TYPE_CHECKING:  # reading.py builds on this module
    from govreport.tables.reading import Slot


def missing_cell(table: str, key: CellKey) -> Cell:
    """The cell of a key nothing was placed in: ``missing``."""
    return new_cell(table, key[0], key[1], None, CellState.MISSING)


def cell_for(table: str, layout: Layout, key: CellKey, slot: Slot | None) -> Cell:
    """Build the typed cell for a placed slot, or a ``missing`` cell when there is none."""
    if slot is None:
        return missing_cell(table, key)
    return _typed(table, key, slot, column_specs(table, layout))


def cells_for(table: str, layout: Layout, slots: Mapping[CellKey, Slot]) -> dict[CellKey, Cell]:
    """:func:`cell_for` of every placed slot, looking the layout's columns up once."""
    specs = column_specs(table, layout)
    return {key: _typed(table, key, slot, specs) for key, slot in slots.items()}


def _typed(table: str, key: CellKey, slot: Slot, specs: Mapping[CellKey, ColumnSpec]) -> Cell:
    token, grid_cell = slot.token, slot.cell
    raw = grid_cell.text if grid_cell is not None else ""
    location = grid_cell.location if grid_cell is not None else None
    kind = token.kind
    if kind is TokenKind.NUMBER:
        spec = specs[key]  # only a number needs its column's kind
        value = token.value
        unit = None
        if spec.kind is ValueKind.MONEY:
            unit = token.unit or spec.unit
            value = Decimal(value) if value is not None else None
        return new_cell(table, key[0], key[1], value, CellState.READ, raw, unit, location)
    state = CellState.BLANK if kind is TokenKind.BLANK else CellState.PLACEHOLDER
    return new_cell(table, key[0], key[1], None, state, raw, None, location)
