"""Findings: rule violations in the report and doubts about govreport's own reading."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from attrs import frozen

from govreport.model.document import Location

Number = int | Decimal


class Severity(str, Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The report breaks a printed rule, or a number could not be read: the data is wrong or incomplete."""
    WARNING = "warning"
    """Probably a fault (an implausible value, a mismatch between parts); worth a human look."""
    INFO = "info"
    """Worth knowing, not a fault in the numbers (a label variant, a text cell read as a placeholder)."""


class Origin(str, Enum):
    """Where the fault lies."""

    SOURCE = "source"
    """The report as published breaks a rule."""
    READING = "reading"
    """govreport could not read something with certainty, or supplied a value itself."""


@frozen(kw_only=True)
class CellRef:
    """A table cell a finding points at."""

    table: str
    row: str
    column: str
    location: Location | None = None


@frozen(kw_only=True)
class Finding:
    """One result of a check, with the numbers that make it checkable by hand."""

    rule: str
    severity: Severity
    origin: Origin
    message: str
    formula: str = ""
    left: Number | None = None
    right: Number | None = None
    difference: Number | None = None
    cells: tuple[CellRef, ...] = ()
    location: Location | None = None
