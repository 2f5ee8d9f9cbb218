"""Typed cells of the fixed statistics tables (表二、表三、表四)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any, Protocol, cast

from attrs import fields, frozen

from govreport.errors import UnknownNameError
from govreport.model.document import (
    Location,
    LocationFields,
    build_location_on_first_read,
    location_from_fields,
)

CellValue = int | Decimal

CellKey = tuple[str, str]
"""A cell's canonical ``(row, column)`` keys within one table."""

TableCellKey = tuple[str, str, str]
"""A cell's canonical ``(table, row, column)`` keys within a report."""


class Layout(str, Enum):
    """The printed form of a fixed table, which decides its rows and columns.

    A report's :class:`~govreport.model.report.FormatVersion` follows from the layout of its
    tables 二-四 (:meth:`~govreport.model.report.FormatVersion.of_layout`); the old 统计表 of
    ``v2008`` is printed in narrative reports.
    """

    V2008 = "v2008"
    """The 政府信息公开情况统计表 of 2008-2018 reports (table ``statistics``)."""
    V2019 = "v2019"
    """国办公开办函〔2019〕60号 tables 二-四 (report years 2019-2020)."""
    V2021 = "v2021"
    """国办公开办函〔2021〕30号 tables 二-四 (report years from 2021)."""

    def __str__(self) -> str:
        # Messages print a layout as its value (v2019), as they did when layouts were strings.
        return self.value

    @classmethod
    def for_year(cls, year: int) -> Layout:
        """The statutory form of tables 二-四 for a report year: v2021 from 2021, else v2019."""
        return cls.V2021 if year >= 2021 else cls.V2019


class CellState(str, Enum):
    """How a cell's value came to be (spec §10)."""

    READ = "read"
    """A value printed in the source."""
    BLANK = "blank"
    """An empty cell. Never read as 0."""
    PLACEHOLDER = "placeholder"
    """A printed placeholder such as ``/``, ``—``, ``无`` or ``不适用``."""
    MISSING = "missing"
    """The cell does not exist in the source (for example a row with too few values)."""
    INFERRED = "inferred"
    """Not printed; the only value the printed rules admit. Always comes with a finding."""


class _CellSlots:
    """A cell's slot outside its attrs fields: where its location is built from, never compared."""

    __slots__ = ("_location_fields",)
    _location_fields: LocationFields


@frozen(kw_only=True)
class Cell(_CellSlots):
    """One value cell, named by its canonical (table, row, column) keys.

    ``value`` is an ``int`` for counts (signed for 本年增/减) and a ``Decimal`` for money,
    whose unit is in ``unit`` (``万元`` or ``元``). It is ``None`` unless the state is
    ``read`` or ``inferred``.

    A cell read from a grid builds its ``location`` on first use; it equals, prints and
    pickles the same either way.
    """

    table: str
    row: str
    column: str
    value: CellValue | None
    state: CellState
    raw: str = ""
    unit: str | None = None
    location: Location | None = None

    def in_unit(self, unit: str) -> Decimal | None:
        """A money value converted to ``unit`` (``元`` or ``万元``); ``None`` if there is no value.

        Raises:
            ValueError: the cell holds no money (no unit) or ``unit`` is unknown.
        """
        if self.value is None:
            return None
        if self.unit not in _YUAN_PER or unit not in _YUAN_PER:
            raise ValueError(f"cannot express {self.row}/{self.column} ({self.unit}) in {unit}")
        return Decimal(self.value) * _YUAN_PER[self.unit] / _YUAN_PER[unit]

    def __reduce__(self) -> tuple[Callable[..., Cell], tuple[object, ...]]:
        # Pickled as its fields, a location not built yet as the fields to build it from: a
        # corpus run sends every report from a worker to the main process, and attrs's
        # field-by-field state costs twice as much (and would build every location).
        try:
            location: object = _CELL_LOCATION_FIELDS.__get__(self)
        except AttributeError:
            location = self.location
        return _restore_cell, (
            self.table,
            self.row,
            self.column,
            self.value,
            self.state,
            self.raw,
            self.unit,
            location,
        )


_CELL_LOCATION_FIELDS = _CellSlots.__dict__["_location_fields"]
build_location_on_first_read(Cell, _CELL_LOCATION_FIELDS)


def _slot_setters() -> tuple[Callable[[Cell, Any], None], ...] | None:
    """The slot setters of :class:`Cell`'s fields in order, or ``None`` if its fields are not as below."""
    names = ("table", "row", "column", "value", "state", "raw", "unit", "location")
    if tuple(a.name for a in fields(Cell)) != names or not set(names) <= set(getattr(Cell, "__slots__", ())):
        return None
    setters = tuple(getattr(Cell.__dict__.get(n), "__set__", None) for n in names)
    return None if None in setters else cast("tuple[Callable[[Cell, Any], None], ...]", setters)


class CellFactory(Protocol):
    """The signature of :data:`new_cell`."""

    def __call__(
        self,
        table: str,
        row: str,
        column: str,
        value: CellValue | None,
        state: CellState,
        raw: str = "",
        unit: str | None = None,
        location: Location | LocationFields | None = None,
    ) -> Cell:
        """A cell with these fields; its location is built on first use when given as fields."""


def _cell_factory(setters: tuple[Callable[[Cell, Any], None], ...] | None) -> CellFactory:
    """A function building cells by setting their slots, or calling ``Cell`` when ``setters`` is ``None``."""
    if setters is None:

        def construct(
            table: str,
            row: str,
            column: str,
            value: CellValue | None,
            state: CellState,
            raw: str = "",
            unit: str | None = None,
            location: Location | LocationFields | None = None,
        ) -> Cell:
            return Cell(
                table=table,
                row=row,
                column=column,
                value=value,
                state=state,
                raw=raw,
                unit=unit,
                location=location_from_fields(location) if isinstance(location, tuple) else location,
            )

        return construct
    set_table, set_row, set_column, set_value, set_state, set_raw, set_unit, set_location = setters
    set_location_fields = _CELL_LOCATION_FIELDS.__set__
    new = object.__new__

    def fill(
        table: str,
        row: str,
        column: str,
        value: CellValue | None,
        state: CellState,
        raw: str = "",
        unit: str | None = None,
        location: Location | LocationFields | None = None,
    ) -> Cell:
        cell: Cell = new(Cell)
        set_table(cell, table)
        set_row(cell, row)
        set_column(cell, column)
        set_value(cell, value)
        set_state(cell, state)
        set_raw(cell, raw)
        set_unit(cell, unit)
        if type(location) is tuple:  # built on first use
            set_location_fields(cell, location)
        else:
            set_location(cell, location)
        return cell

    return fill


new_cell: CellFactory = _cell_factory(_slot_setters())
"""``new_cell(table, row, column, value, state, raw="", unit=None, location=None)``: a :class:`Cell`
equal to ``Cell(table=..., ...)``, built by setting its slots directly.

Readers build tens of cells per table and the attrs constructor costs twice as much. When
``Cell`` gains a field or loses its slots, the import-time check falls back to the constructor.
"""


def _restore_cell(
    table: str,
    row: str,
    column: str,
    value: CellValue | None,
    state: CellState,
    raw: str,
    unit: str | None,
    location: Location | LocationFields | None,
) -> Cell:
    """A pickled cell (:meth:`Cell.__reduce__`)."""
    return new_cell(table, row, column, value, state, raw, unit, location)


_YUAN_PER = {"元": Decimal(1), "万元": Decimal(10000)}
MONEY_UNITS = frozenset(_YUAN_PER)
"""The units a money cell can be expressed in (:meth:`Cell.in_unit`)."""


@frozen(kw_only=True)
class StatTable:
    """One fixed table as read from a report, with every cell of its layout present."""

    key: str
    layout: Layout
    cells: tuple[Cell, ...]
    location: Location | None = None

    @cached_property
    def _by_key(self) -> dict[CellKey, Cell]:
        # Checks look cells up by key many times per report.
        return {(c.row, c.column): c for c in self.cells}

    def cell(self, row: str, column: str) -> Cell:
        """The cell at canonical ``row`` and ``column``."""
        found = self._by_key.get((row, column))
        if found is None:
            raise UnknownNameError("cell", f"{self.key}/{row}/{column}", self.keys())
        return found

    def get(self, row: str, column: str) -> Cell | None:
        """The cell at ``row``/``column``, or ``None`` for a key only another layout has.

        Table 二 differs between v2019 and v2021 (see the table-keys page), so code that reads
        both versions can ask for either version's keys. A key no layout has still raises
        :class:`UnknownNameError`.
        """
        found = self._by_key.get((row, column))
        if found is not None:
            return found
        # Imported here: the table layouts build on the model, not the other way round.
        from govreport.tables.layouts import known_cell_keys

        if (row, column) in known_cell_keys(self.key):
            return None
        raise UnknownNameError("cell", f"{self.key}/{row}/{column}", self.keys())

    def value(self, row: str, column: str) -> CellValue | None:
        """The cell's value, or ``None`` when it is blank, a placeholder or missing."""
        return self.cell(row, column).value

    def keys(self) -> tuple[str, ...]:
        """``row/column`` for every cell, in layout order."""
        return tuple(f"{c.row}/{c.column}" for c in self.cells)

    def row_keys(self) -> tuple[str, ...]:
        """The row keys in layout order."""
        return tuple(dict.fromkeys(c.row for c in self.cells))
