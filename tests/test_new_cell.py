"""new_cell (model/tables.py) and cells_for (tables/cells.py) build the cells the attrs constructor builds."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.model import tables as model_tables
from govreport.model.document import GridCell, Location
from govreport.model.tables import Cell, CellKey, CellState, Layout, new_cell
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.tables.cells import cell_for, cells_for, missing_cell
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION, column_spec, table_keys
from govreport.tables.reading import Slot
from govreport.tables.specs import ValueKind

_TEXT = st.text(max_size=6)
_VALUES = st.one_of(
    st.none(), st.integers(-(10**9), 10**9), st.decimals(allow_nan=False, allow_infinity=False)
)
_LOCATIONS = st.one_of(st.none(), st.builds(Location, line=st.integers(1, 99), column=st.integers(1, 99)))


@given(
    table=_TEXT,
    row=_TEXT,
    column=_TEXT,
    value=_VALUES,
    state=st.sampled_from(CellState),
    raw=_TEXT,
    unit=st.one_of(st.none(), st.sampled_from(["万元", "元"])),
    location=_LOCATIONS,
)
def test_new_cell_is_the_cell_the_constructor_builds(
    table: str,
    row: str,
    column: str,
    value: int | Decimal | None,
    state: CellState,
    raw: str,
    unit: str | None,
    location: Location | None,
) -> None:
    built = Cell(
        table=table, row=row, column=column, value=value, state=state, raw=raw, unit=unit, location=location
    )
    fast = new_cell(table, row, column, value, state, raw, unit, location)
    assert type(fast) is Cell
    assert fast == built
    assert hash(fast) == hash(built)
    assert repr(fast) == repr(built)
    assert attrs.asdict(fast, recurse=False) == attrs.asdict(built, recurse=False)


def test_the_fast_path_is_in_use_and_the_cell_stays_frozen() -> None:
    assert model_tables._slot_setters() is not None  # Cell's fields are the ones new_cell sets
    assert new_cell.__name__ == "fill"
    cell = new_cell("active", "regulations", "made", 3, CellState.READ)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.value = 4  # type: ignore[misc]
    assert cell == Cell(table="active", row="regulations", column="made", value=3, state=CellState.READ)


def test_without_the_slots_new_cell_falls_back_to_the_constructor() -> None:
    construct = model_tables._cell_factory(None)
    cell = construct("active", "regulations", "made", None, CellState.MISSING)
    assert cell == Cell(table="active", row="regulations", column="made", value=None, state=CellState.MISSING)
    full = construct(
        "active", "fees", "amount", Decimal("1.5"), CellState.READ, "1.5", "万元", Location(line=2)
    )
    assert full == new_cell(
        "active", "fees", "amount", Decimal("1.5"), CellState.READ, "1.5", "万元", Location(line=2)
    )


def test_the_import_check_refuses_a_cell_with_other_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    @attrs.frozen(kw_only=True)
    class Wider:
        table: str
        row: str
        column: str
        value: int | None
        state: CellState
        raw: str = ""
        unit: str | None = None
        location: Location | None = None
        note: str = ""

    monkeypatch.setattr(model_tables, "Cell", Wider)
    assert model_tables._slot_setters() is None


def _cell_the_old_way(table: str, layout: Layout, key: CellKey, slot: Slot | None) -> Cell:
    """cell_for as it was, with the attrs constructor."""
    row, column = key
    if slot is None:
        return Cell(table=table, row=row, column=column, value=None, state=CellState.MISSING)
    token, grid_cell = slot.token, slot.cell
    raw = grid_cell.text if grid_cell is not None else ""
    location = grid_cell.location if grid_cell is not None else None
    if token.kind is TokenKind.NUMBER:
        spec = column_spec(table, layout, row, column)
        value = token.value
        unit = None
        if spec.kind is ValueKind.MONEY:
            unit = token.unit or spec.unit
            value = Decimal(value) if value is not None else None
        return Cell(
            table=table,
            row=row,
            column=column,
            value=value,
            state=CellState.READ,
            raw=raw,
            unit=unit,
            location=location,
        )
    state = CellState.BLANK if token.kind is TokenKind.BLANK else CellState.PLACEHOLDER
    return Cell(table=table, row=row, column=column, value=None, state=state, raw=raw, location=location)


_PRINTED = st.sampled_from(
    ["", "3", "0", "1,200", "12.5", "12.5万元", "300元", "-2", "增加2", "/", "无", "abc"]
)


@given(
    table=st.sampled_from([ACTIVE, APPLICATIONS, REVIEW_LITIGATION]),
    layout=st.sampled_from([Layout.V2019, Layout.V2021]),
    data=st.data(),
)
def test_cells_for_builds_the_cells_cell_for_built(table: str, layout: Layout, data: st.DataObject) -> None:
    keys = data.draw(st.lists(st.sampled_from(table_keys(table, layout, True)), unique=True, max_size=12))
    slots: dict[CellKey, Slot] = {}
    for i, key in enumerate(keys):
        text = data.draw(_PRINTED)
        grid_cell = data.draw(
            st.one_of(st.none(), st.just(GridCell(text=text, row=i, col=1, location=Location(line=i + 1))))
        )
        slots[key] = Slot(parse_cell(text), grid_cell)
    built = cells_for(table, layout, slots)
    assert built == {key: _cell_the_old_way(table, layout, key, slot) for key, slot in slots.items()}
    for key, slot in slots.items():
        assert cell_for(table, layout, key, slot) == built[key]
        assert repr(built[key]) == repr(_cell_the_old_way(table, layout, key, slot))
    for key in keys:
        assert missing_cell(table, key) == _cell_the_old_way(table, layout, key, None)
        assert cell_for(table, layout, key, None) == missing_cell(table, key)
