"""new_cell (model/tables.py) and cells_for (tables/cells.py) build the cells the attrs constructor builds."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.model import tables as model_tables
from govreport.model.document import Grid, GridCell, Location, LocationFields, OcrMark, location_from_fields
from govreport.model.tables import Cell, CellKey, CellState, Layout, new_cell
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.serialize import converter, to_json
from govreport.tables.cells import cell_for, cells_for, missing_cell
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION, column_spec, table_keys
from govreport.tables.reading import Slot
from govreport.tables.specs import ValueKind
from govreport.testing import synthetic
from tests.helpers import location_is_built

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
        eager = GridCell(text=text, row=i, col=1, location=Location(line=i + 1))
        (flat,) = Grid.from_flat(0, (text,), (i,), (1,), i + 1, 2, Location(table=0), lines=(i + 1,)).cells
        grid_cell = data.draw(st.sampled_from([None, eager, flat]))
        slots[key] = Slot(parse_cell(text), grid_cell)
    built = cells_for(table, layout, slots)
    assert built == {key: _cell_the_old_way(table, layout, key, slot) for key, slot in slots.items()}
    for key, slot in slots.items():
        assert cell_for(table, layout, key, slot) == built[key]
        assert repr(built[key]) == repr(_cell_the_old_way(table, layout, key, slot))
    for key in keys:
        assert missing_cell(table, key) == _cell_the_old_way(table, layout, key, None)
        assert cell_for(table, layout, key, None) == missing_cell(table, key)


_FIELDS = st.tuples(
    st.none() | st.integers(1, 99),
    st.none() | st.integers(1, 99),
    st.none() | st.integers(1, 9),
    st.none() | st.tuples(*[st.floats(0, 800)] * 4),
    st.integers(0, 9),
    st.integers(0, 40),
    st.integers(0, 12),
)


@given(fields=_FIELDS, value=_VALUES, state=st.sampled_from(CellState))
def test_a_cell_given_its_location_as_fields_builds_it_on_first_read(
    fields: LocationFields, value: int | Decimal | None, state: CellState
) -> None:
    line, column, page, bbox, table, row, col = fields
    location = Location(line=line, column=column, page=page, bbox=bbox, table=table, row=row, col=col)
    built = Cell(table="active", row="r", column="c", value=value, state=state, raw="3", location=location)
    for make in (
        lambda c: c,
        hash,
        repr,
        lambda c: pickle.loads(pickle.dumps(c)),
        lambda c: attrs.evolve(c, raw="4"),
        attrs.asdict,
    ):
        lazy = new_cell("active", "r", "c", value, state, "3", None, fields)
        assert not location_is_built(lazy)
        assert make(lazy) == make(built)
    lazy = new_cell("active", "r", "c", value, state, "3", None, fields)
    assert lazy.location == location
    assert lazy.location is lazy.location  # built once, then kept
    # The constructor's fallback takes fields too, and builds the location at once.
    assert model_tables._cell_factory(None)("active", "r", "c", value, state, "3", None, fields) == built


def test_a_missing_attribute_of_a_cell_is_still_an_attribute_error() -> None:
    cell = new_cell("active", "r", "c", 1, CellState.READ, "1", None, (1, 2, None, None, 0, 0, 1))
    with pytest.raises(AttributeError, match="no attribute 'colour'"):
        cell.colour  # type: ignore[attr-defined]  # noqa: B018
    assert cell.location == Location(line=1, column=2, table=0, row=0, col=1)


def test_a_parse_builds_no_cell_location_and_the_json_still_has_every_one() -> None:
    report = govreport.parse(synthetic.generate(7, layout="v2021").text)
    read = [c for t in report.tables for c in t.cells if c.state is CellState.READ]
    assert len(read) > 50
    assert not any(location_is_built(c) for c in read)  # neither the readers nor the checks read them
    cells = [c for t in json.loads(to_json(report))["tables"] for c in t["cells"] if c["state"] == "read"]
    assert [c["location"] for c in cells] == [converter.unstructure(c.location) for c in read]
    assert all(c["location"]["line"] is not None for c in cells)


@given(fields=_FIELDS, value=_VALUES, state=st.sampled_from(CellState), unit=st.sampled_from([None, "万元"]))
def test_a_pickled_cell_keeps_an_unbuilt_location_unbuilt(
    fields: LocationFields, value: int | Decimal | None, state: CellState, unit: str | None
) -> None:
    lazy = new_cell("applications", "new_received", "total", value, state, "3", unit, fields)
    restored = pickle.loads(pickle.dumps(lazy, protocol=pickle.HIGHEST_PROTOCOL))
    assert not location_is_built(lazy)  # pickling built nothing
    assert not location_is_built(restored)
    assert type(restored) is Cell
    assert restored == lazy
    assert restored.location == location_from_fields(fields)
    eager = Cell(
        table="applications",
        row="new_received",
        column="total",
        value=value,
        state=state,
        raw="3",
        unit=unit,
        location=location_from_fields(fields),
    )
    assert location_is_built(pickle.loads(pickle.dumps(eager)))  # a cell built with its location
    assert pickle.loads(pickle.dumps(eager)) == restored


def test_a_pickled_cell_keeps_an_ocr_mark_and_no_location() -> None:
    marked = Location(line=3, page=1, bbox=(1.0, 2.0, 3.0, 4.0), ocr=OcrMark(dpi=300, confidence=80.5))
    for location in (marked, None):
        cell = Cell(table="active", row="r", column="c", value=1, state=CellState.READ, location=location)
        assert pickle.loads(pickle.dumps(cell)) == cell
        assert pickle.loads(pickle.dumps(cell)).location == location
