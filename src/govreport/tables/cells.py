"""Typed cells from placed values: a slot's token becomes a read, blank or placeholder cell."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from govreport.model.document import location_or_fields
from govreport.model.tables import Cell, CellKey, CellState, Layout, new_cell
from govreport.normalize.numbers import TokenKind
from govreport.tables.layouts import column_specs
from govreport.tables.specs import ValueKind

if TYPE_CHECKING:  # reading.py builds on this module
    from govreport.tables.reading import Slot


def missing_cell(table: str, key: CellKey) -> Cell:
    """The cell of a key nothing was placed in: ``missing``."""
    return new_cell(table, key[0], key[1], None, CellState.MISSING)


def cell_for(table: str, layout: Layout, key: CellKey, slot: Slot | None) -> Cell:
    """Build the typed cell for a placed slot, or a ``missing`` cell when there is none."""
    if slot is None:
        return missing_cell(table, key)
    return cells_for(table, layout, {key: slot})[key]


def cells_for(table: str, layout: Layout, slots: Mapping[CellKey, Slot]) -> dict[CellKey, Cell]:
    """:func:`cell_for` of every placed slot, looking the layout's columns up once."""
    specs = column_specs(table, layout)
    cells: dict[CellKey, Cell] = {}
    # This loop builds every read cell of a report: no call per cell but new_cell.
    for key, slot in slots.items():
        token, grid_cell = slot.token, slot.cell
        if grid_cell is None:
            raw, location = "", None
        else:
            raw, location = grid_cell.text, location_or_fields(grid_cell)  # a location is built when read
        kind = token.kind
        if kind is _NUMBER:
            value = token.value
            spec = specs[key]
            if spec.kind is _MONEY:
                cells[key] = new_cell(
                    table,
                    key[0],
                    key[1],
                    Decimal(value) if value is not None else None,
                    _READ,
                    raw,
                    token.unit or spec.unit,
                    location,
                )
            else:
                cells[key] = new_cell(table, key[0], key[1], value, _READ, raw, None, location)
        else:
            state = _BLANK_STATE if kind is _BLANK else _PLACEHOLDER_STATE
            cells[key] = new_cell(table, key[0], key[1], None, state, raw, None, location)
    return cells


_NUMBER, _BLANK, _MONEY = TokenKind.NUMBER, TokenKind.BLANK, ValueKind.MONEY
_READ, _BLANK_STATE, _PLACEHOLDER_STATE = CellState.READ, CellState.BLANK, CellState.PLACEHOLDER
