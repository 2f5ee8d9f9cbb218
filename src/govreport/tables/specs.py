"""The kinds of definition a table layout is written in: rows, columns, blocks, value kinds.

:mod:`govreport.tables.layouts` and :mod:`govreport.tables.statistics_form` write the
tables in these terms; the builders here derive each label's matching cores once.
"""

from __future__ import annotations

from enum import Enum

from attrs import frozen

from govreport.normalize.text import label_key


class ValueKind(str, Enum):
    """The type of value a column holds."""

    COUNT = "count"
    """An integer >= 0."""
    SIGNED = "signed"
    """A signed integer (本年增/减)."""
    MONEY = "money"
    """A decimal amount >= 0 with a unit, 万元 unless the cell says otherwise."""


@frozen
class ColumnSpec:
    """A value column: canonical key, the official label, and label cores that identify it."""

    key: str
    label: str
    cores: tuple[str, ...]
    kind: ValueKind = ValueKind.COUNT
    unit: str | None = None


@frozen
class RowSpec:
    """A data row: canonical key, the official label, and label cores that identify it."""

    key: str
    label: str
    cores: tuple[str, ...]


@frozen
class BlockSpec:
    """One 第二十条第（X）项 block of table 二."""

    clause: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]


@frozen
class ApplicationRow:
    """A row of table 三; ``group`` is the merged L2 label it sits under, if any."""

    spec: RowSpec
    group: str | None = None


@frozen
class StatisticsRow:
    """A row of the old statistics table.

    ``pattern`` is a regular expression over the printed label (punctuation kept, since
    crawled text glues labels, units and digits together); ``unit`` is the usual unit
    printed in the 计量单位 column. ``parts`` names the rows that add up to this one.
    """

    key: str
    label: str
    pattern: str
    unit: str
    kind: ValueKind = ValueKind.COUNT
    parts: tuple[str, ...] = ()


def label_cores(*labels: str) -> tuple[str, ...]:
    """The matching keys of printed labels (see :func:`~govreport.normalize.text.label_key`)."""
    return tuple(label_key(label) for label in labels)


def make_row(key: str, label: str, *cores: str) -> RowSpec:
    """A row named ``key``, found by its official ``label`` or any of ``cores``."""
    return RowSpec(key, label, tuple(dict.fromkeys(label_cores(label, *cores))))


def make_column(key: str, label: str, *cores: str, kind: ValueKind = ValueKind.COUNT) -> ColumnSpec:
    """A column named ``key``, found by its official ``label`` or any of ``cores``; money is in 万元."""
    unit = "万元" if kind is ValueKind.MONEY else None
    return ColumnSpec(key, label, tuple(dict.fromkeys(label_cores(label, *cores))), kind, unit)
